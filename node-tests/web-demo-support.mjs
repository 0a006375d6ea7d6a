// What the browser suites of the web demo share: the demo server started and stopped by PID,
// Debian's Chromium driven by playwright-core, and why a suite skips.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './support.mjs';

const CHROMIUM = '/usr/bin/chromium';
const oldNode = Number(process.versions.node.split('.')[0]) < 20;
export const skip = oldNode ? `playwright-core needs Node 20 or later (this is ${process.version})`
  : !fs.existsSync(CHROMIUM) ? `${CHROMIUM} is absent: install Debian's chromium package to run the browser tests` : false;
const requireDemo = createRequire(path.join(root, 'web-demo', 'package.json'));
export const WAIT = { timeout: 30000 };

/** Starts the demo server; resolves with {child, base, output}. */
export async function startDemo(args) {
  const child = spawn(process.execPath, [path.join(root, 'web-demo', 'server.mjs'), '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo server did not start: ${output}`)), 60000);
    const onData = (chunk) => {
      output += chunk;
      const m = /employee page\s+(http:\S+)\//.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { output += c; });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the demo server exited (${code}): ${output}`)); });
  });
  return { child, base, output: () => output };
}

export function stopDemo(demo) {
  if (!demo || demo.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    demo.child.removeAllListeners('exit');
    demo.child.once('exit', resolve);
    process.kill(demo.child.pid, 'SIGTERM');
  });
}

/** A headless Chromium with its own profile under `work`: the persistent context. */
export async function launchBrowser(work) {
  const { chromium } = requireDemo('playwright-core');
  return chromium.launchPersistentContext(fs.mkdtempSync(path.join(work, 'profile-')), {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}
