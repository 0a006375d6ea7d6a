// Native instruction counts: runs the native benchmark programs under callgrind with --count,
// which wraps each workload in zero/dump client requests, and reads the dumps back. Counts do
// not move with machine load, so they cross-check the native timings of a noisy run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function haveValgrind() {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function countOne(program, planFile, dir, reps) {
  const base = path.join(dir, `${path.basename(program)}.callgrind`);
  for (const f of fs.readdirSync(dir)) if (f.startsWith(path.basename(base))) fs.rmSync(path.join(dir, f));
  const r = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${base}`, program, planFile, '--count', String(reps),
    '--json', path.join(dir, `${path.basename(program)}.count.json`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`callgrind ${program} failed:\n${r.stderr}`);
  const counts = {};
  for (const f of fs.readdirSync(dir).filter((x) => x.startsWith(`${path.basename(base)}.`))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const name = /^desc: Trigger: Client Request: (.*)$/m.exec(text)?.[1];
    const ir = Number(/^summary: (\d+)$/m.exec(text)?.[1]);
    if (name && Number.isFinite(ir)) counts[name] = ir / reps;
  }
  return counts;
}

/** {workload id: instructions per call} (suite ids: per pass over all cases). */
export function countInstructions({ bin, planFile, dir, reps = 5 }) {
  return {
    ...countOne(path.join(bin, 'jsonata-bench'), planFile, dir, reps),
    ...countOne(path.join(bin, 'categories-bench'), planFile, dir, reps),
  };
}
