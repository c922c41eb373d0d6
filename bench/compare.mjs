// `llm-sizing compare` (issue 11), in process, on the sources: options compared per second, the whole
// comparison (every option planned and sized, ranked, dominance and the recommendation). Two crosses
// of about 1,000 options: memory only (7 servers × 2 memory models × 4 TP × 3 replicas × 2 KV × 3
// weights = 1,008), and with a workload and a TPOT target (the performance model per option:
// 7 × 4 TP × 2 KV × 3 weights × 6 loads = 1,008 through 6 requests). Median of the timed passes after
// one warm-up. Target: 1,000 options well under a second, i.e. ≥ 2,000 options/s.
import { median } from './batch.mjs';
import { loadSources } from './inprocess.mjs';

const SERVERS = ['dgx-h100', 'dgx-h200', 'dgx-b200', 'dgx-b300', 'mi300x-8', 'l40s-8', 'a100-80gb-8'];
const BASE = { model: 'Meta-Llama-3.1-70B', concurrency: 2000, effective_context: 8192 };

function time(fn, passes) {
  fn();
  const ms = [];
  for (let i = 0; i < passes; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ms);
}

export async function measureCompare({ passes = 5 } = {}) {
  const { compare } = await loadSources();
  let memoryCount = 0;
  const memoryMs = time(() => {
    const doc = compare(BASE, { server: SERVERS, memory_model: ['vllm', 'sglang'], tensor_parallel: [1, 2, 4, 8], replicas_per_node: [1, 2, 4], kv_precision: ['fp8', 'bf16'], weights_precision: ['fp8', 'bf16', 'fp4'] });
    memoryCount = doc.counts.options;
  }, passes);
  let sloCount = 0;
  const sloMs = time(() => {
    sloCount = 0;
    for (const concurrency of [200, 500, 1000, 2000, 4000, 8000]) {
      const doc = compare(
        { ...BASE, concurrency, memory_model: 'vllm', input_tokens: 2048, output_tokens: 256, tpot_p99_ms: 60 },
        { server: SERVERS, tensor_parallel: [1, 2, 4, 8], kv_precision: ['fp8', 'bf16'], weights_precision: ['fp8', 'bf16', 'fp4'] },
      );
      sloCount += doc.counts.options;
    }
  }, passes);
  return {
    memoryCount,
    memoryMs,
    memoryPerSecond: (memoryCount / memoryMs) * 1000,
    sloCount,
    sloMs,
    sloPerSecond: (sloCount / sloMs) * 1000,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureCompare());
