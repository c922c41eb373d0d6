// Batch throughput against its floor, side by side in one run (interleaved repetitions, medians):
//  - `batch FILE` (the whole result per line) against producing the very same output lines with
//    nothing but JSON.parse + JSON.stringify (bench/floor.mjs, checked byte-identical first);
//  - `batch --fields nodes` (node start-up included), and the same floor for its own lines;
//  - `batch --fields nodes` on lines that are each a new deployment configuration (no shape repeats).
// Input: bench/lines.mjs (every model, server, precision, context and layout; infeasible and invalid
// lines), written to a temporary file; output goes to /dev/null.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchText } from './lines.mjs';

export const CLI = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor.mjs', import.meta.url));

/** The environment of every measured process: NODE_EXTRA_CA_CERTS inflates node's own start-up. */
export function benchEnv() {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

export function wall(args, { stdout = 'ignore' } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'], env: benchEnv(), maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 2 && r.status !== 3) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export function measureBatch({ lines = 200_000, runs = 5, configurations = 2000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-bench-'));
  const input = join(dir, 'lines.jsonl');
  const inputNew = join(dir, 'lines-new.jsonl');
  const full = join(dir, 'full.jsonl');
  const fields = join(dir, 'fields.jsonl');
  try {
    writeFileSync(input, batchText(lines, { configurations }));
    writeFileSync(inputNew, batchText(lines, { configurations: 0 }));
    // The floors' inputs are batch's own outputs; the floor must give back the same bytes.
    writeFileSync(full, wall([CLI, 'batch', input], { stdout: 'pipe' }).stdout);
    writeFileSync(fields, wall([CLI, 'batch', input, '--fields', 'nodes'], { stdout: 'pipe' }).stdout);
    for (const file of [full, fields]) {
      if (!wall([FLOOR, file], { stdout: 'pipe' }).stdout.equals(readFileSync(file))) throw new Error(`the floor does not reproduce ${file}`);
    }
    const t = { batch: [], floor: [], fields: [], fieldsFloor: [], fieldsNew: [] };
    for (let i = 0; i < runs; i++) {
      t.floor.push(wall([FLOOR, full]).ms);
      t.batch.push(wall([CLI, 'batch', input]).ms);
      t.fieldsFloor.push(wall([FLOOR, fields]).ms);
      t.fields.push(wall([CLI, 'batch', input, '--fields', 'nodes']).ms);
      t.fieldsNew.push(wall([CLI, 'batch', inputNew, '--fields', 'nodes']).ms);
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
    const perSecond = (ms) => lines / (ms / 1000);
    return {
      lines,
      runs,
      configurations,
      ms: m,
      batchPerSecond: perSecond(m.batch),
      floorPerSecond: perSecond(m.floor),
      batchVsFloor: m.floor / m.batch,
      fieldsPerSecond: perSecond(m.fields),
      fieldsFloorPerSecond: perSecond(m.fieldsFloor),
      fieldsVsFloor: m.fieldsFloor / m.fields,
      fieldsNewPerSecond: perSecond(m.fieldsNew),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureBatch({ runs: Number(process.env.RUNS ?? 5) });
  console.log(JSON.stringify(r, null, 2));
}
