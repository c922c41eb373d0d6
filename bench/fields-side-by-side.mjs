// Side by side, one run: `batch --fields nodes` (node start-up included) and the in-process library
// sizing(request, { fields: ['nodes'] }), base (main) against this branch, interleaved, medians.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchText } from './lines.mjs';
import { benchEnv, median } from './batch.mjs';
// Usage: node bench/fields-side-by-side.mjs BASE_TREE [BRANCH_TREE]  (each tree built: dist/cli.cjs; RUNS=5)
const here = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
if (!process.argv[2]) throw new Error('usage: node bench/fields-side-by-side.mjs BASE_TREE [BRANCH_TREE]');
const trees = { base: process.argv[2], branch: process.argv[3] ?? here };
const dir = mkdtempSync(join(tmpdir(), 'fields-sbs-'));
const input = join(dir, 'lines.jsonl');
writeFileSync(input, batchText(200_000, { configurations: 2000 }));
const runs = Number(process.env.RUNS ?? 5);
const t = { base: [], branch: [] };
const cpu = { base: [], branch: [] };
const outputs = {};
for (const [name, root] of Object.entries(trees)) outputs[name] = spawnSync(process.execPath, [join(root, 'dist/cli.cjs'), 'batch', input, '--fields', 'nodes'], { env: benchEnv(), maxBuffer: 1 << 30 }).stdout;
if (!outputs.base.equals(outputs.branch)) throw new Error('outputs differ');
console.log('outputs byte-identical:', outputs.base.length, 'bytes');
for (let i = 0; i < runs; i++) for (const [name, root] of Object.entries(trees)) {
  const start = process.hrtime.bigint();
  // CPU time (user + system) besides the wall time: steadier while other processes share the 2 cores.
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, join(root, 'dist/cli.cjs'), 'batch', input, '--fields', 'nodes'], { env: benchEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  t[name].push(Number(process.hrtime.bigint() - start) / 1e6);
  const [u, s] = String(r.stderr).trim().split('\n').at(-1).split(' ').map(Number);
  cpu[name].push((u + s) * 1000);
}
console.log(`uptime: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')} (load average, 1/5/15 min)`);
for (const [name, ms] of Object.entries(t)) console.log(`batch --fields nodes, 200,000 varied lines, ${name}: wall median ${median(ms).toFixed(0)} ms = ${Math.round(200_000 / (median(ms) / 1000)).toLocaleString('en')}/s (runs ${ms.map((x) => x.toFixed(0)).join(' ')}); CPU median ${median(cpu[name]).toFixed(0)} ms = ${Math.round(200_000 / (median(cpu[name]) / 1000)).toLocaleString('en')}/s`);
const ip = { base: [], branch: [] };
for (let i = 0; i < 3; i++) for (const [name, root] of Object.entries(trees)) {
  const r = spawnSync(process.execPath, ['-e', `import('${root}/bench/inprocess.mjs').then((m) => m.measureInProcess({ passes: 3 })).then((r) => console.log(r.fieldsPerSecond))`], { env: { ...benchEnv(), FIELDS_ONLY: '1' }, cwd: root });
  ip[name].push(Number(String(r.stdout).trim()));
}
console.log(`batch --fields nodes, branch / base: wall ${(median(t.base) / median(t.branch)).toFixed(2)}x, CPU ${(median(cpu.base) / median(cpu.branch)).toFixed(2)}x`);
for (const [name, xs] of Object.entries(ip)) console.log(`in-process sizing(q, { fields: ['nodes'] }), ${name}: median ${Math.round(median(xs)).toLocaleString('en')}/s  (${xs.map((x) => Math.round(x / 1000) + 'k').join(' ')})`);
console.log(`in-process, branch / base: ${(median(ip.branch) / median(ip.base)).toFixed(2)}x`);
rmSync(dir, { recursive: true, force: true });
