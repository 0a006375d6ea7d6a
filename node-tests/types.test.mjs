// The package's declarations, checked: `tsc --noEmit --strict` over tests/types/usage.mts
// (every export, as an application uses them, with lines that must not type-check) and
// usage.cts (CommonJS), with no DOM or Node lib, under moduleResolution NodeNext and Bundler.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { root } from './support.mjs';

const exec = promisify(execFile);
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

for (const resolution of ['nodenext', 'bundler']) {
  test(`tsc --strict accepts the usage file (moduleResolution ${resolution})`, async () => {
    const project = path.join(root, 'tests', 'types', `tsconfig.${resolution}.json`);
    const result = await exec(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: root }).catch((err) => err);
    assert.equal(result.code ?? 0, 0, `tsc reported:\n${result.stdout}${result.stderr}`);
  });
}
