// The --fields row of bench/batch.mjs alone, quicker: `batch FILE --fields nodes` (200,000 lines of bench/lines.mjs, 2,000
// configurations) interleaved with its floor (bench/floor.mjs on its own output, checked byte-identical) and a bare
// `node -e 0`, medians, with the load average before and after. Usage: RUNS=5 [CLI=path/to/cli.cjs] node bench/fields-row.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchText } from './lines.mjs';
import { benchEnv, median } from './batch.mjs';
const CLI = process.env.CLI ?? new URL('../dist/cli.cjs', import.meta.url).pathname;
const FLOOR = new URL('./floor.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'fields-row-'));
const input = join(dir, 'lines.jsonl');
const fields = join(dir, 'fields.jsonl');
writeFileSync(input, batchText(200_000, { configurations: 2000 }));
const run = (args, out = 'ignore') => {
  const s = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', out, 'pipe'], env: benchEnv(), maxBuffer: 1 << 30 });
  return { ms: Number(process.hrtime.bigint() - s) / 1e6, stdout: r.stdout };
};
writeFileSync(fields, run([CLI, 'batch', input, '--fields', 'nodes'], 'pipe').stdout);
if (!run([FLOOR, fields], 'pipe').stdout.equals(readFileSync(fields))) throw new Error('floor differs');
const t = { fields: [], floor: [], bare: [] };
console.log('load before:', loadavg().map((x) => x.toFixed(2)).join(' '));
for (let i = 0; i < Number(process.env.RUNS ?? 5); i++) {
  t.floor.push(run([FLOOR, fields]).ms);
  t.fields.push(run([CLI, 'batch', input, '--fields', 'nodes']).ms);
  t.bare.push(run(['-e', '0']).ms);
}
console.log('load after:', loadavg().map((x) => x.toFixed(2)).join(' '));
const ps = (ms) => Math.round(200_000 / (median(ms) / 1000)).toLocaleString('en');
console.log(`batch --fields nodes: ${ps(t.fields)}/s (median ${median(t.fields).toFixed(0)} ms; runs ${t.fields.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`floor: ${ps(t.floor)}/s (median ${median(t.floor).toFixed(0)} ms; runs ${t.floor.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`node -e 0: median ${median(t.bare).toFixed(0)} ms`);
rmSync(dir, { recursive: true, force: true });
