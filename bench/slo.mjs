// SLO-driven sizing (issue 10), in process, on the sources:
//  - one sizing with latency targets (TTFT and TPOT p99), whole (`sizeRequest`): median time per call
//    over varied deployments the performance model has figures for; target under 1 ms;
//  - the same requests as batch sizes them (the whole result per line) with the performance model
//    (token counts and targets) against without it (memory only): target within 2×;
//  - the same through the `batch` command (`measureSloBatch`): 40,000 workload lines against the same
//    40,000 lines without their workload fields (same deployments and traffic), each file a whole
//    `node dist/cli.cjs batch FILE` (start-up included, output to /dev/null), interleaved runs,
//    medians: target within 2×.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, median, wall } from './batch.mjs';
import { loadSources } from './inprocess.mjs';
import { random } from './lines.mjs';

const MODELS = ['Meta-Llama-3.1-8B', 'Meta-Llama-3.1-70B', 'Qwen3-32B', 'Llama-3.1-405B'];
const SERVERS = ['dgx-h100', 'dgx-h200', 'dgx-b200'];
const LAYOUTS = [{}, { memory_model: 'vllm', tensor_parallel: 8 }, { memory_model: 'vllm', tensor_parallel: 4 }, { memory_model: 'sglang', tensor_parallel: 8 }];

/**
 * Varied requests: `memory` without any workload field, `slo` the same with token counts and both
 * targets. Each line is one of `configurations` deployments (model, server, layout, context, tokens,
 * targets) with its own traffic (concurrency, HA), as bench/lines.mjs draws batch input;
 * `configurations: 0` draws a new deployment per line.
 */
export function sloRequests(count, { seed = 99, configurations = 200 } = {}) {
  const r = random(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const deployment = () => ({
    memory: { model: pick(MODELS), server: pick(SERVERS), ...pick(LAYOUTS), effective_context: pick([4096, 8192, 32768]), kv_precision: 'fp8' },
    workload: { input_tokens: pick([512, 1024, 2048]), output_tokens: pick([128, 256, 512]), ttft_p99_ms: pick([500, 1000, 3000]), tpot_p99_ms: pick([20, 40, 80]) },
  });
  const pool = Array.from({ length: configurations }, deployment);
  const memory = [];
  const slo = [];
  for (let i = 0; i < count; i++) {
    const d = configurations > 0 ? pick(pool) : deployment();
    const q = { ...d.memory, concurrency: 1 + Math.floor(r() * 5000), ha: pick(['none', 'n+1', 'n+2']) };
    memory.push(q);
    slo.push({ ...q, ...d.workload });
  }
  return { memory, slo };
}

export async function measureSlo({ count = 4000, passes = 5 } = {}) {
  const { sizeRequest, BUILTIN_CATALOG, CatalogIndex } = await loadSources();
  const catalog = new CatalogIndex(BUILTIN_CATALOG);
  // One sizing with targets on a deployment not seen before (nothing kept from another line).
  const freshTimes = [];
  const freshSets = Array.from({ length: passes + 1 }, (_, p) => sloRequests(500, { seed: 1000 + p, configurations: 0 }).slo);
  for (let p = 0; p <= passes; p++) {
    const start = process.hrtime.bigint();
    for (const q of freshSets[p]) sizeRequest(q, catalog);
    if (p > 0) freshTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const { memory, slo } = sloRequests(count);
  const pass = (requests) => {
    const start = process.hrtime.bigint();
    let ok = 0;
    for (const q of requests) if (sizeRequest(q, catalog).ok) ok++;
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, ok };
  };
  pass(memory);
  pass(slo);
  const t = { memory: [], slo: [] };
  let okSlo = 0;
  for (let p = 0; p < passes; p++) {
    t.memory.push(pass(memory).ms);
    const s = pass(slo);
    t.slo.push(s.ms);
    okSlo = s.ok;
  }
  const memoryMs = median(t.memory);
  const sloMs = median(t.slo);
  return { count, sized: okSlo, freshUsPerCall: (median(freshTimes) * 1000) / 500, sloUsPerCall: (sloMs * 1000) / count, memoryUsPerCall: (memoryMs * 1000) / count, ratio: sloMs / memoryMs };
}

/** `batch` on workload lines against the same lines memory only (see the head of this file). */
export function measureSloBatch({ count = 40_000, runs = 5 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-slo-'));
  try {
    const { memory, slo } = sloRequests(count);
    const files = { memory: join(dir, 'memory.jsonl'), slo: join(dir, 'slo.jsonl') };
    writeFileSync(files.memory, `${memory.map((q) => JSON.stringify(q)).join('\n')}\n`);
    writeFileSync(files.slo, `${slo.map((q) => JSON.stringify(q)).join('\n')}\n`);
    const t = { memory: [], slo: [] };
    for (let i = 0; i < runs; i++) {
      t.memory.push(wall([CLI, 'batch', files.memory]).ms);
      t.slo.push(wall([CLI, 'batch', files.slo]).ms);
    }
    const memoryMs = median(t.memory);
    const sloMs = median(t.slo);
    return { count, runs, memoryMs, sloMs, ratio: sloMs / memoryMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureSlo());
  console.log(measureSloBatch({ runs: Number(process.env.RUNS ?? 5) }));
}
