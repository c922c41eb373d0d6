/**
 * The schema of src/catalog/data/perf-calibration.json (the performance model's fitted sets), with the
 * same zod/mini machinery as the catalog files. Checked by test/engine/perf-fit.test.ts, not at run
 * time (the CLI's start-up stays free of zod).
 */
import * as z from 'zod/mini';
import { GPU_ARCHITECTURES } from './catalog.ts';

const fraction = () => z.number().check(z.positive(), z.maximum(1));
const nonNegative = (max: number) => z.number().check(z.nonnegative(), z.maximum(max));
const factors = () => z.strictObject({ low: z.number().check(z.positive(), z.maximum(1)), high: z.number().check(z.minimum(1), z.maximum(100)) });

export const PerfCalibrationSetSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  gpu_architecture: z.enum(GPU_ARCHITECTURES),
  engine: z.enum(['vllm', 'sglang', 'trtllm']),
  constants: z.strictObject({
    bandwidth_efficiency: fraction(),
    compute_efficiency: fraction(),
    layer_overhead_us: nonNegative(10_000),
    step_overhead_ms: nonNegative(10_000),
    allreduce_latency_us: nonNegative(10_000),
    request_overhead_ms: nonNegative(100_000),
  }),
  interval_factors: z.strictObject({ output_tokens_per_s: factors(), tpot_ms: factors(), ttft_ms: factors() }),
  rows: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  source: z.string().check(z.minLength(1)),
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
});

export const PerfCalibrationFileSchema = z.strictObject({
  about: z.string(),
  source: z.string().check(z.minLength(1)),
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  kernel: z.strictObject({
    kv_bandwidth_efficiency: fraction(),
    attention_compute_efficiency: fraction(),
    bandwidth_ceiling: fraction(),
    compute_ceiling: fraction(),
    source: z.string().check(z.minLength(1)),
  }),
  sets: z.array(PerfCalibrationSetSchema).check(z.minLength(1)),
  fit: z.strictObject({ rows: z.array(z.string()), values: z.int().check(z.positive()), loss: z.number().check(z.nonnegative()) }),
});
