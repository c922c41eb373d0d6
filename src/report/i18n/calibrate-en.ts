/** `llm-sizing calibrate`'s words in English (the shape: `CalibratePhrases` in ./types.ts; the table of locales: ./calibrate.ts). */
import type { CalibratePhrases } from './types.ts';

export const calibrateEn: CalibratePhrases = {
  engine: 'engine',
  unknown: 'not recognised',
  facts: 'facts from the log',
  none: 'none',
  notes: 'notes',
  reproduce: 'to reproduce it with llm-sizing (replace each …)',
  fact: {
    weights_gib: 'model weights',
    kv_cache_memory_gib: 'available KV cache memory',
    total_gpu_memory_gib: 'total GPU memory',
    peak_memory_gib: 'peak memory while profiling',
    gpu_memory_utilization: 'GPU memory utilization',
    mem_fraction_static: 'static memory fraction',
    free_gpu_memory_fraction: 'fraction of free GPU memory for the KV cache',
    kv_tokens: 'KV cache capacity',
    gpu_blocks: 'GPU KV cache blocks',
    block_size: 'KV block size',
    tokens_per_block: 'tokens per KV block',
    kv_size_per_token_bytes: 'KV cache per token',
    max_concurrency: 'maximum concurrency',
    max_model_len: 'maximum model length',
    max_num_batched_tokens: 'maximum batched tokens per step',
    tensor_parallel: 'tensor parallel size',
    pipeline_parallel: 'pipeline parallel size',
    data_parallel_attention: 'attention data-parallel groups',
    kv_cache_dtype: 'KV cache dtype',
    model: 'model',
    kv_needed_gib: 'KV cache one request of the maximum model length needs',
    estimated_max_model_len: "vLLM's estimated maximum model length",
  },
  engineLines: (p) => `${p.engine} on ${p.lines} line(s)`,
  repeatedFact: (p) => `${p.key} ${p.shown} (${p.times}×)`,
  valueCount: (count) => `(${count} values)`,
  run: (p) => `run ${p.n} of ${p.of} (lines ${p.first}–${p.last})`,
  bytesPerToken: {
    stated: (p) => `KV cache per token and GPU: ${p.bytes} bytes, as the log states`,
    tokens: (p) => `KV cache per token and GPU: ${p.bytes} bytes (${p.gib} GiB / ${p.tokens} tokens)`,
    blocks: (p) => `KV cache per token and GPU: ${p.bytes} bytes (${p.gib} GiB / ${p.tokens} tokens in whole blocks)`,
    needed: (p) => `KV cache per token and GPU: ${p.bytes} bytes (${p.gib} GiB needed for one request of ${p.tokens} tokens)`,
    estimate: (p) => `KV cache per token and GPU: ${p.bytes} bytes (${p.gib} GiB available / ${p.tokens} tokens, the estimated maximum model length)`,
  },
  modelBytes: (p) => `${p.model} at TP ${p.tp} × PP ${p.pp} with ${p.precision} KV: ${p.bytes} bytes per token and GPU (the log: ${p.difference})`,
  bench: {
    tool: { vllm: 'vllm bench serve', sglang: "SGLang's bench_serving" },
    format: { json: 'saved JSON', text: 'printed summary' },
    heading: (p) => `benchmark result: ${p.tool}, ${p.format}`,
    record: (p) => `result ${p.n} of ${p.of} (line ${p.line})`,
    model: 'model',
    backend: (p) => `backend: ${p.backend} (${p.engine === null ? 'an OpenAI-compatible server, engine not stated' : `engine: ${p.engine}`})`,
    requests: (p) =>
      `requests: ${p.completed} completed${p.prompts === null ? '' : ` of ${p.prompts} prompts`}${p.failed === null ? '' : `, ${p.failed} failed`}`,
    load: (p) =>
      `load: ${p.rate === null ? 'request rate not stated' : p.rate === 'inf' ? 'all requests sent at once (request rate inf)' : `${p.rate} requests/s sent`}, ` +
      (p.cap === null ? 'no concurrency cap' : `at most ${p.cap} in flight`),
    tokens: (p) => `mean tokens per request: ${p.input} in, ${p.output} out`,
    duration: (p) => `duration: ${p.seconds} s`,
    throughput: (p) => `throughput: ${p.requests} requests/s, ${p.tokens} output tokens/s`,
    concurrency: (p) => `mean requests in flight: ${p.value}${p.from === 'littles_law' ? " (Little's law: requests/s × mean end-to-end latency)" : ''}`,
    metric: { ttft: 'TTFT (time to first token)', tpot: 'TPOT (time per output token)', itl: 'ITL (inter-token latency)', e2e: 'end-to-end latency' },
    stats: (p) =>
      [p.mean === null ? null : `mean ${p.mean}`, p.median === null ? null : `median ${p.median}`, p.p99 === null ? null : `p99 ${p.p99}`].filter((x) => x !== null).join(', ') + ' ms',
    notStated: 'not stated',
    derived: (p) => `computed, not in the result: ${p.keys}`,
    absent: (p) => `keys not in the result: ${p.keys}`,
    compared: "compared with llm-sizing's performance model (measured ÷ predicted)",
    comparedMetric: {
      output_tokens_per_s: 'output tokens/s',
      requests_per_s: 'requests/s',
      ttft_p50_ms: 'TTFT median, ms',
      ttft_p99_ms: 'TTFT p99, ms',
      tpot_p50_ms: 'TPOT median, ms',
      tpot_p99_ms: 'TPOT p99, ms',
    },
    comparisonRow: (p) => `${p.metric}: measured ${p.measured}, predicted ${p.predicted} (${p.ratio})`,
    reproduce: "the same load with llm-sizing's performance model",
    patch: (p) =>
      `calibration patch that makes the model reproduce it (the constants of the set ${p.set} in src/catalog/data/perf-calibration.json: every efficiency × ${p.scale}, fitted on the ${p.metric}, and the per-request overhead fitted on the TTFT median)`,
    after: 'with the patch (measured ÷ predicted)',
  },
  note: {
    several_engines: (p) => `markers of several engines (${p.list}): ${p.assumed} is assumed`,
    several_values: (p) => `several values in the log, the last one is used: ${p.list}`,
    repeated_values: (p) => `stated more than once with the same value: ${p.list}`,
    float32: (p) => `${p.key} ${p.shown} is ${p.value} stored as a 32-bit float: ${p.value} is used`,
    no_kv_memory: (p) =>
      `kv_cache_memory_gib is ${p.gib} GiB: the engine had no memory left for the KV cache after weights and activations, so --kv-cache-memory-gib is not given`,
    hybrid_token_count: (p) =>
      `GPU KV cache size (${p.tokens} tokens) is not maximum concurrency × max model length (${p.concurrency} × ${p.max_model_len} ≈ ${p.product} tokens): ` +
      'a hybrid model (sliding-window, linear-attention or Mamba layers), whose token count vLLM reports per KV-cache group; compare the concurrency, not the token count',
    dp_attention: () => '--enable-dp-attention: attention is data-parallel, so the KV figures are per rank, each rank holding the KV cache of its own requests',
    failure: (p) => `the log reports a failure: "${p.line}"`,
    more_failures: (p) => `…and ${p.count} more failure line(s)`,
    weights_per_replica: (p) =>
      `weights: ${p.weights} GiB per GPU × tensor parallel ${p.tp}${p.pp > 1 ? ` × pipeline parallel ${p.pp}` : ''} = ${p.total} GiB, one replica's weights`,
    kv_too_small: (p) =>
      `vLLM refused to start: one request of ${p.max_model_len} tokens needs ${p.needed} GiB of KV cache and ${p.available} GiB were available` +
      (p.estimated === null ? '' : `; about ${p.estimated} tokens would fit`),
    model_from_log: (p) => `the log's model ${p.shown} is ${p.name} in the catalog: --model ${p.name} is given and its KV bytes per token are compared`,
    model_not_in_catalog: (p) => `the log's model ${p.shown} is not in the catalog: give --model NAME to compare its KV bytes per token with the log's`,
    model_differs: (p) => `the log names the model ${p.shown}; --model ${p.name} is used instead`,
    bytes_per_token_mismatch: (p) =>
      `the log's ${p.implied} KV bytes per token and GPU differ from ${p.model}'s ${p.bytes} at TP ${p.tp} × PP ${p.pp} with ${p.precision} KV by ${p.difference}: ` +
      (p.fit === null
        ? 'check the KV precision, the layout and the model'
        : `they match ${p.fit.precision} KV at TP ${p.fit.tp} (${p.fit.bytes} bytes), so check --kv-precision and --tensor-parallel`),
    hybrid_not_compared: (p) =>
      `${p.model} has sliding-window, chunked, linear-attention or Mamba layers, whose tokens the engine does not count at one size: its KV bytes per token are not compared`,
    dtype_not_read: (p) => `KV cache dtype ${p.dtype} is none of llm-sizing's KV precisions (bf16, fp16, fp8, int8): --kv-precision is not given`,
    flag_left_out: (p) => `left out of the flags because the sizing would refuse it: ${p.text}`,
  },
};
