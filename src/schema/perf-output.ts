/**
 * The JSON contract of `llm-sizing perf --json-only`, `POST /api/v1/perf` and the library's `perf()`:
 * the single source of its TypeScript type and of the OpenAPI document's `PerfOutput`.
 */
import * as z from 'zod/mini';
import { KV_PRECISIONS } from '../core/units.ts';
import { MEMORY_MODELS } from '../engines/settings.ts';

const PERF_BOUNDS = ['memory', 'compute', 'bandwidth', 'queueing'] as const;
const PRECISIONS = ['bf16', 'fp8', 'fp4'] as const;

/** Null when unbounded (a saturated queue): JSON has no Infinity. */
const figure = () => z.nullable(z.number());
const percentiles = (what: string) => z.strictObject({ p50: figure(), p99: figure() }).check(z.describe(`${what}, milliseconds; null when unbounded (saturated).`));
const IntervalSchema = z.strictObject({ low: figure(), high: figure() }).check(z.describe('The 80 % interval (same unit as the figure).'));

const StepTermsSchema = z.strictObject({
  batch: z.number(),
  context_tokens: z.number(),
  weights_bytes_per_gpu: z.number(),
  kv_bytes_per_gpu: z.number(),
  gemm_flops_per_gpu: z.number(),
  attention_flops_per_gpu: z.number(),
  weights_s: z.number(),
  kv_s: z.number(),
  compute_s: z.number(),
  attention_s: z.number(),
  allreduce_s: z.number(),
  overhead_s: z.number(),
  total_s: z.number(),
});

const PrefillTermsSchema = z.strictObject({
  tokens: z.number(),
  chunks: z.number(),
  weights_s: z.number(),
  compute_s: z.number(),
  attention_s: z.number(),
  allreduce_s: z.number(),
  overhead_s: z.number(),
  total_s: z.number(),
});

export const PerfOutputSchema = z.strictObject({
  inputs: z.strictObject({
    model: z.string(),
    server: z.string(),
    gpus_used: z.int().check(z.describe("GPUs of the server's node the deployment uses.")),
    server_gpus: z.int(),
    memory_model: z.enum(MEMORY_MODELS),
    tensor_parallel: z.int(),
    pipeline_parallel: z.int(),
    gpus_per_replica: z.int(),
    replicas: z.number().check(z.describe('Replicas of the deployment evaluated (one node: the GPUs used ÷ GPUs per replica).')),
    kv_precision: z.enum(KV_PRECISIONS),
    weights_precision: z.enum(PRECISIONS).check(z.describe("The tensor-core precision the model's GEMMs run at (from how the weights are stored).")),
  }),
  workload: z
    .strictObject({
      input_tokens: z.number(),
      output_tokens: z.number(),
      concurrency: z.optional(z.number()),
      request_rate: z.optional(z.number()),
    })
    .check(z.describe('The load evaluated: sessions in flight or requests/s on the whole deployment; neither: maximum throughput.')),
  performance: z.strictObject({
    sessions_per_replica: z.number(),
    replicas: z.number(),
    ttft_ms: percentiles('Time to first token'),
    tpot_ms: percentiles('Time per output token (the first excluded)'),
    output_tokens_per_s: z.number().check(z.describe('Output tokens/s of the whole deployment.')),
    output_tokens_per_s_per_replica: z.number(),
    output_tokens_per_s_per_node: z.number(),
    requests_per_s: z.number().check(z.describe('Completed requests/s of the whole deployment.')),
    bound: z.enum(PERF_BOUNDS).check(z.describe('The binding limit: memory, compute, bandwidth or queueing.')),
    saturated: z.boolean().check(z.describe('The request rate exceeds what the deployment completes: the queue grows without bound.')),
    interval: z.strictObject({
      ttft_ms: z.strictObject({ p50: IntervalSchema, p99: IntervalSchema }),
      tpot_ms: z.strictObject({ p50: IntervalSchema, p99: IntervalSchema }),
      output_tokens_per_s: IntervalSchema,
      requests_per_s: IntervalSchema,
    }),
    terms: z
      .strictObject({
        step: StepTermsSchema,
        prefill: PrefillTermsSchema,
        queue_wait_s: figure(),
        utilisation: z.number(),
        request_overhead_s: z.number(),
        memory_sessions_per_replica: z.number(),
        effective: z.strictObject({ bandwidth_tbps: z.number(), tflops: z.number(), interconnect_gbps: z.number(), precision: z.enum(PRECISIONS) }),
      })
      .check(z.describe('The terms of the rationale: the decode step at the evaluated batch, the prefill of one mean prompt, the queue.')),
    calibration: z.strictObject({ id: z.string(), source: z.string(), extrapolated: z.boolean() }),
  }),
});

export type PerfOutput = z.infer<typeof PerfOutputSchema>;
