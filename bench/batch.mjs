// Batch throughput: sizings per second for 20,000 JSONL lines through the built CLI, end to end
// (process start included) and in steady state (process start excluded). Target ≥ 100,000/s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));

/** Deterministic, varied lines: both models, both servers, all profiles and precisions, some clamped or infeasible. */
export function batchLines(count) {
  const models = ['opt-oss-120b', 'opt-oss-20b'];
  const servers = ['dgx300', 'dgx200'];
  const storage = ['profile_default', 'profile_network_ssd', 'profile_cloud_premium'];
  const precisions = ['fp8', 'int8', 'fp16', 'bf16'];
  const contexts = [4096, 32768, 65536, 131072, 200000];
  const lines = [];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        id: i,
        model: models[next() % 2],
        server: servers[next() % 2],
        storage: storage[next() % 3],
        concurrency: 1 + (next() % 20000),
        effective_context: contexts[next() % contexts.length],
        kv_precision: precisions[next() % 4],
        kv_budget_ratio: [0.6, 0.7, 0.8][next() % 3],
        runtime_overhead_gib: [40, 120, 900, 1200][next() % 4],
        peak_headroom_ratio: [0, 0.2, 0.3][next() % 3],
        ha: ['none', 'n+1', 'n+2'][next() % 3],
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

function wall(args, opts = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 3) throw new Error(`batch exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export function measureBatch({ lines = 20_000, runs = 7 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-bench-'));
  const file = join(dir, 'lines.jsonl');
  writeFileSync(file, batchLines(lines));
  try {
    wall([CLI, 'batch', file]);
    const totals = [];
    const bases = [];
    for (let i = 0; i < runs; i++) {
      bases.push(wall(['-e', '0']));
      totals.push(wall([CLI, 'batch', file]));
    }
    const totalMs = median(totals);
    const baseMs = median(bases);
    return {
      lines,
      totalMs,
      baseMs,
      endToEndPerSecond: lines / (totalMs / 1000),
      steadyPerSecond: lines / ((totalMs - baseMs) / 1000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = measureBatch();
  console.log(
    `batch ${r.lines} lines: ${r.totalMs.toFixed(0)} ms wall → ${Math.round(r.endToEndPerSecond).toLocaleString('en')} sizings/s end to end; ` +
      `${Math.round(r.steadyPerSecond).toLocaleString('en')} sizings/s excluding node start-up (${r.baseMs.toFixed(0)} ms)`,
  );
}
