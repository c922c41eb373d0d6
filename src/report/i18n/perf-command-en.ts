/** `llm-sizing perf`'s report in English (the shape: ./perf-command-phrases.ts). */
import type { PerfCommandPhrases } from './perf-command-phrases.ts';

export const perfCommandEn: PerfCommandPhrases = {
  title: (p) => `Performance of ${p.model} on ${p.server} (${p.gpus_used} of ${p.gpus} GPUs)`,
  deployment: (p) => `Deployment: memory model ${p.memory_model}; ${p.replicas} replica(s) of TP ${p.tp} × PP ${p.pp} = ${p.gpus_per_replica} GPU(s); weights ${p.weights}, KV ${p.kv}`,
  workload: (p) => `Workload: ${p.input} input tokens and ${p.output} output tokens per request (means)`,
  loadConcurrency: (p) => `Load: ${p.sessions} sessions in flight on the deployment`,
  loadRate: (p) => `Load: ${p.rate} requests/s arriving at the deployment (Poisson)`,
  loadMax: 'Load: maximum throughput (each replica runs its memory-limited batch)',
  figures: 'Figures (80 % interval in brackets)',
  rationale: 'Rationale',
  interval: (p) => `[80 %: ${p.low} – ${p.high}]`,
  label: {
    sessions: 'Sessions per replica',
    ttft: 'TTFT (time to first token)',
    tpot: 'TPOT (time per output token)',
    tokens: 'Output tokens/s (deployment)',
    requests: 'Requests/s (deployment)',
    bound: 'Binding limit',
    calibration: 'Calibration',
  },
  bound: {
    memory: 'memory: the batch is the most sessions the KV cache holds',
    compute: 'compute: the tensor cores set the step time',
    bandwidth: 'bandwidth: reading weights and KV from memory sets the step time',
    queueing: 'queueing: waiting for a prefill slot is the largest part of TTFT',
  },
  tokensSplit: (p) => `per replica ${p.replica}, per node ${p.node}`,
  sessionsMemory: (p) => `memory holds ${p.memory}; ${p.replicas} replica(s)`,
  saturated: 'Saturated: the request rate exceeds what the deployment completes within its memory; the queue grows without bound (TTFT has no finite value)',
  calibration: (p) => (p.extrapolated ? `set ${p.id}, fitted on another GPU family or engine (extrapolated: intervals widened)` : `set ${p.id}, fitted on this GPU family and engine`),
  formulaLabel: 'formula',
  inputsLabel: 'inputs',
  meaningLabel: 'meaning',
  item: {
    step: {
      title: (p) => `Decode step (batch ${p.batch}, ${p.context} tokens of context each) = ${p.total_ms} ms`,
      formula: 'step = max(weights ÷ BW, GEMM FLOPs ÷ F) + max(KV ÷ BW, attention FLOPs ÷ F) + TP all-reduce + per-layer and per-step overheads',
      inputs: (p) =>
        `weights ${p.weights_gb} GB per GPU and KV ${p.kv_gb} GB per GPU at BW ${p.bandwidth} TB/s effective: ${p.weights_ms} ms and ${p.kv_ms} ms; GEMMs ${p.gemm_tflop} TFLOP and attention ${p.attention_tflop} TFLOP per GPU at F ${p.tflops} TFLOPS effective (${p.precision}): ${p.compute_ms} ms and ${p.attention_ms} ms; all-reduce ${p.allreduce_ms} ms; overheads ${p.overhead_ms} ms`,
      meaning: 'every session of the batch gets one token per step; the larger term of each pair is the one that costs time',
    },
    prefill: {
      title: (p) => `Prefill of one prompt (${p.tokens} tokens, ${p.chunks} chunk(s)) = ${p.total_ms} ms`,
      formula: "prefill = max(weights read per chunk ÷ BW, 2 × active parameters × tokens ÷ F) + attention's n² term ÷ F + all-reduce + overheads per chunk",
      inputs: (p) => `weights ${p.weights_ms} ms, linear layers ${p.compute_ms} ms, attention ${p.attention_ms} ms, all-reduce ${p.allreduce_ms} ms, overheads ${p.overhead_ms} ms`,
      meaning: "the prompt's tokens are processed together, limited by the tensor cores; the engine's batched-token budget cuts a long prompt into chunks",
    },
    tpot: {
      title: (p) => `TPOT: p50 ${p.p50_ms} ms, p99 ${p.p99_ms} ms`,
      formula: "TPOT = step + (sessions − 1) × prefill ÷ output tokens; p99: (m + 2.326 √m) prefills with m = sessions − 1 (Poisson)",
      inputs: (p) => `step ${p.step_ms} ms, ${p.sessions} sessions, prefill ${p.prefill_ms} ms, ${p.output} output tokens`,
      meaning: "the other sessions' prefills run between my decode steps: each session's prompt costs every other session a share of its time",
    },
    ttft: {
      title: (p) => `TTFT: p50 ${p.p50_ms} ms, p99 ${p.p99_ms} ms`,
      formula: 'TTFT = request overhead + step ÷ 2 (the step under way) + queue wait + prefill + one step fused with it; wait (M/D/1) = ρ × prefill ÷ (2 (1 − ρ)), ρ = requests/s × prefill',
      inputs: (p) => `request overhead ${p.request_ms} ms, step ${p.step_ms} ms, queue wait ${p.wait_ms} ms at utilisation ρ ${p.utilisation}, prefill ${p.prefill_ms} ms`,
      meaning: "a new request waits for the step under way and for the prefills ahead of it, then for its own prefill; the p99 takes the queue's tail",
    },
    throughput: {
      title: (p) => `Output tokens/s: ${p.total} (${p.replicas} replica(s) × ${p.tokens}); requests/s ${p.requests} per replica`,
      formula: "tokens/s = requests/s × output tokens; requests/s = sessions ÷ (TTFT + (output tokens − 1) × TPOT) (Little's law); at maximum throughput: sessions ÷ (output tokens × step + sessions × prefill)",
      inputs: (p) => `${p.sessions} sessions, TTFT ${p.ttft_ms} ms, TPOT ${p.tpot_ms} ms, ${p.output} output tokens${p.max ? ' (maximum throughput)' : ''}`,
      meaning: 'what the deployment completes: each session in flight finishes a request per request lifetime',
    },
    interval: {
      title: (p) => `80 % intervals: calibration set ${p.id}${p.extrapolated ? ' (extrapolated)' : ''}`,
      formula: 'interval = figure × [q10, q90] of measured ÷ predicted over the calibration rows, each predicted with itself left out (split-conformal)',
      inputs: (p) => (p.extrapolated ? `the set ${p.id} was fitted on another GPU family or engine: its factors are widened by 25 % on each side` : `the factors of the set ${p.id}`),
      meaning: "about 8 in 10 real deployments like the calibration rows fall inside; the docs' performance-model table lists every row's error",
    },
  },
};
