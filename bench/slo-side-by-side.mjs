// Side by side, one run: bench/slo.mjs's `batch` row (`measureSloBatch`: 40,000 workload lines against
// the same lines without their workload fields, node start-up included), base (main) against this
// branch, interleaved: each round runs the four (tree × file) once. Outputs are checked byte-identical
// first. Wall and CPU (user + system, steadier while others share the 2 cores): medians and minima.
// Usage: node bench/slo-side-by-side.mjs BASE_TREE [BRANCH_TREE]  (each tree built: dist/cli.cjs; RUNS=5)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv, median } from './batch.mjs';
import { sloRequests } from './slo.mjs';

const here = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
if (!process.argv[2]) throw new Error('usage: node bench/slo-side-by-side.mjs BASE_TREE [BRANCH_TREE]');
const trees = { base: process.argv[2], branch: process.argv[3] ?? here };
const dir = mkdtempSync(join(tmpdir(), 'slo-sbs-'));
try {
  const { memory, slo } = sloRequests(40_000);
  const files = { memory: join(dir, 'memory.jsonl'), slo: join(dir, 'slo.jsonl') };
  writeFileSync(files.memory, `${memory.map((q) => JSON.stringify(q)).join('\n')}\n`);
  writeFileSync(files.slo, `${slo.map((q) => JSON.stringify(q)).join('\n')}\n`);
  for (const file of Object.values(files)) {
    const out = Object.values(trees).map((root) => spawnSync(process.execPath, [join(root, 'dist/cli.cjs'), 'batch', file], { env: benchEnv(), maxBuffer: 1 << 30 }).stdout);
    if (!out[0].equals(out[1])) throw new Error(`outputs differ on ${file}`);
  }
  console.log('outputs byte-identical; load average at the start', loadavg().map((x) => x.toFixed(2)).join(' '));
  const runs = Number(process.env.RUNS ?? 5);
  const t = {};
  for (let i = 0; i < runs; i++) {
    for (const [tree, root] of Object.entries(trees)) {
      for (const [name, file] of Object.entries(files)) {
        const start = process.hrtime.bigint();
        const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, join(root, 'dist/cli.cjs'), 'batch', file], { env: benchEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
        const wall = Number(process.hrtime.bigint() - start) / 1e6;
        const [u, s] = String(r.stderr).trim().split('\n').at(-1).split(' ').map(Number);
        (t[`${tree} ${name}`] ??= []).push({ wall, cpu: (u + s) * 1000 });
      }
    }
  }
  const of = (k, f, pick) => f(t[k].map((x) => x[pick]));
  const min = (xs) => Math.min(...xs);
  for (const k of Object.keys(t)) {
    console.log(`${k.padEnd(14)} wall median ${of(k, median, 'wall').toFixed(0)} ms (min ${of(k, min, 'wall').toFixed(0)}), CPU median ${of(k, median, 'cpu').toFixed(0)} ms (min ${of(k, min, 'cpu').toFixed(0)})`);
  }
  for (const tree of Object.keys(trees)) {
    const r = (f, pick) => (of(`${tree} slo`, f, pick) / of(`${tree} memory`, f, pick)).toFixed(2);
    console.log(`${tree}: workload lines ÷ memory-only, wall ${r(median, 'wall')}× (minima ${r(min, 'wall')}×), CPU ${r(median, 'cpu')}× (minima ${r(min, 'cpu')}×)`);
  }
  console.log('load average at the end', loadavg().map((x) => x.toFixed(2)).join(' '));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
