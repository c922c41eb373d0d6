/**
 * The sizing request: one schema for CLI flags (converted to snake_case), batch lines and HTTP bodies.
 */
import * as z from 'zod/mini';
import { DEFAULTS, LIMITS } from '../core/defaults.ts';
import { HA_MODES } from '../core/scenarios.ts';
import { KV_PRECISIONS } from '../core/units.ts';
import { type Accepted, problemsFromIssues, type Result } from './problems.ts';

const entryName = () => z.string().check(z.minLength(1));

export const SizingRequestSchema = z.strictObject({
  model: entryName().check(z.describe('Model name from the catalog (--model).')),
  server: entryName().check(z.describe('Server name from the catalog (--server).')),
  storage: entryName().check(z.describe('Storage profile name from the catalog (--storage).')),
  concurrency: z
    .int()
    .check(z.gte(LIMITS.concurrency.min), z.lte(LIMITS.concurrency.max), z.describe('Concurrent sessions to serve.')),
  effective_context: z
    .int()
    .check(
      z.gte(LIMITS.effective_context.min),
      z.lte(LIMITS.effective_context.max),
      z.describe('Tokens each session keeps (clamped to the model maximum).'),
    ),
  kv_precision: z.optional(z.enum(KV_PRECISIONS).check(z.describe("KV element precision; default: the model's default_kv_precision."))),
  kv_budget_ratio: z.optional(
    z
      .number()
      .check(
        z.gt(LIMITS.kv_budget_ratio.minExclusive),
        z.lte(LIMITS.kv_budget_ratio.max),
        z.describe(`Fraction of (HBM − overhead) for the KV cache; default ${DEFAULTS.kv_budget_ratio}.`),
      ),
  ),
  runtime_overhead_gib: z.optional(
    z
      .number()
      .check(
        z.gte(LIMITS.runtime_overhead_gib.min),
        z.lte(LIMITS.runtime_overhead_gib.max),
        z.describe(`GiB per node for weights, activations, buffers; default ${DEFAULTS.runtime_overhead_gib}.`),
      ),
  ),
  peak_headroom_ratio: z.optional(
    z
      .number()
      .check(
        z.gte(LIMITS.peak_headroom_ratio.min),
        z.lte(LIMITS.peak_headroom_ratio.max),
        z.describe(`Peak headroom of the RECOMMENDED scenario; default ${DEFAULTS.peak_headroom_ratio}.`),
      ),
  ),
  ha: z.optional(z.enum(HA_MODES).check(z.describe(`HA of the RECOMMENDED scenario; default ${DEFAULTS.ha}.`))),
});

export type SizingRequestInput = z.infer<typeof SizingRequestSchema>;
export const REQUEST_FIELDS = Object.keys(SizingRequestSchema.def.shape) as (keyof SizingRequestInput)[];


/** Each numeric field's whole accepted range, for messages. */
export const REQUEST_RANGES: Readonly<Record<string, Accepted>> = {
  concurrency: { kind: 'integer', min: LIMITS.concurrency.min, max: LIMITS.concurrency.max },
  effective_context: { kind: 'integer', min: LIMITS.effective_context.min, max: LIMITS.effective_context.max },
  kv_budget_ratio: { kind: 'number', min: LIMITS.kv_budget_ratio.minExclusive, minExclusive: true, max: LIMITS.kv_budget_ratio.max },
  runtime_overhead_gib: { kind: 'number', min: LIMITS.runtime_overhead_gib.min, max: LIMITS.runtime_overhead_gib.max },
  peak_headroom_ratio: { kind: 'number', min: LIMITS.peak_headroom_ratio.min, max: LIMITS.peak_headroom_ratio.max },
};

/** Validate a raw request (batch line, HTTP body, or CLI flags in snake_case). */
export function validateRequest(raw: unknown, source?: string): Result<SizingRequestInput> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: '(request)', value: raw, accepted: { kind: 'object' }, source }] };
  }
  const parsed = SizingRequestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: problemsFromIssues(parsed.error.issues, raw, { knownKeys: REQUEST_FIELDS, ranges: REQUEST_RANGES, source }) };
}
