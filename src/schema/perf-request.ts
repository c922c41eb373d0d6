/**
 * The `perf` request (`llm-sizing perf`, `POST /api/v1/perf`, the library's `perf()`): one deployment
 * at one load. Its field table is built from the sizing request's (src/schema/request.ts): the same
 * model, server, precision and engine-setting fields, with the same specs, plus the workload (tokens
 * per request, and sessions in flight or requests/s) and the GPUs of the node the deployment uses.
 * The CLI flags, the validator and the JSON Schema of the API body all derive from it.
 */
import { LIMITS, PERF_DEFAULTS } from '../core/defaults.ts';
import type { KvPrecision } from '../core/units.ts';
import type { WeightsPrecision } from '../core/weights.ts';
import type { DeploymentRequest } from '../engines/settings.ts';
import { SETTING_FIELDS, type SettingField } from '../engines/settings.ts';
import type { Result } from './problems.ts';
import { bothLoadsProblem, type FieldSpec, fieldProperties, REQUEST_FIELD_SPECS, validateFields } from './request.ts';

export { PERF_DEFAULTS } from '../core/defaults.ts';

/** Limits of the perf-only fields (beyond them a number is a typo, not a load). */
export const PERF_LIMITS = {
  tokens: { min: 1, max: LIMITS.input_tokens.max },
  request_rate: { min: LIMITS.request_rate.minExclusive, max: LIMITS.request_rate.max },
  gpus_used: { min: 1, max: 512 },
} as const;

/** The sizing request's fields a perf request takes as they are. */
const SHARED = ['model', 'server', 'kv_precision', 'params_b', 'weights_precision'] as const;

function settingSpecs(): Record<SettingField, FieldSpec> {
  const out = {} as Record<SettingField, FieldSpec>;
  for (const f of SETTING_FIELDS) out[f] = REQUEST_FIELD_SPECS[f];
  return out;
}

/** The table: its order is the order of the API body's properties and of the problems. */
export const PERF_FIELD_SPECS: Readonly<Record<string, FieldSpec>> = {
  model: REQUEST_FIELD_SPECS.model,
  server: REQUEST_FIELD_SPECS.server,
  input_tokens: {
    type: 'integer',
    required: false,
    ...PERF_LIMITS.tokens,
    tokens: true,
    default: PERF_DEFAULTS.input_tokens,
    description: `Mean prompt tokens per request (a number, or text such as "2k"); default ${PERF_DEFAULTS.input_tokens}.`,
  },
  output_tokens: {
    type: 'integer',
    required: false,
    ...PERF_LIMITS.tokens,
    tokens: true,
    default: PERF_DEFAULTS.output_tokens,
    description: `Mean generated tokens per request (a number, or text such as "1k"); default ${PERF_DEFAULTS.output_tokens}.`,
  },
  concurrency: {
    type: 'integer',
    required: false,
    ...LIMITS.concurrency,
    description: 'Sessions in flight on the deployment (closed loop); exclusive with request_rate. Neither: maximum throughput (the memory-limited batch).',
  },
  request_rate: {
    type: 'number',
    required: false,
    min: PERF_LIMITS.request_rate.min,
    minExclusive: true,
    max: PERF_LIMITS.request_rate.max,
    description: "Requests per second arriving at the deployment (Poisson); Little's law gives the sessions in flight; exclusive with concurrency.",
  },
  gpus_used: {
    type: 'integer',
    required: false,
    ...PERF_LIMITS.gpus_used,
    description: "GPUs of the server's node the deployment uses (e.g. 1 of an 8-GPU node); default all of them.",
  },
  ...Object.fromEntries(SHARED.slice(2).map((f) => [f, REQUEST_FIELD_SPECS[f]])),
  ...settingSpecs(),
};

export const PERF_FIELDS: readonly string[] = Object.keys(PERF_FIELD_SPECS);

/** A perf request as validated (fields left out are absent). */
export interface PerfRequestInput extends DeploymentRequest {
  readonly model: string;
  readonly server: string;
  readonly input_tokens?: number;
  readonly output_tokens?: number;
  readonly concurrency?: number;
  readonly request_rate?: number;
  readonly gpus_used?: number;
  readonly kv_precision?: KvPrecision;
  readonly params_b?: number;
  readonly weights_precision?: WeightsPrecision;
}

declare const validated: unique symbol;
export type ValidatedPerfRequest = PerfRequestInput & { readonly [validated]: true };

/** Validate a raw perf request (CLI flags in snake_case, an API body); `ignoredKeys` are allowed and left out. */
export function validatePerfRequest(raw: unknown, source?: string, ignoredKeys: readonly string[] = []): Result<ValidatedPerfRequest> {
  const checked = validateFields<ValidatedPerfRequest>(PERF_FIELD_SPECS, raw, source, ignoredKeys, PERF_FIELDS);
  if (!checked.ok) return checked;
  const both = bothLoadsProblem(checked.value, source);
  return both ? { ok: false, problems: [both] } : checked;
}

/** The perf body's JSON Schema (API), generated from the field table. */
export function perfRequestJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'llm-sizing perf request (HTTP body)',
    type: 'object',
    properties: fieldProperties(PERF_FIELD_SPECS),
    required: PERF_FIELDS.filter((f) => PERF_FIELD_SPECS[f]!.required),
    additionalProperties: false,
    not: { required: ['concurrency', 'request_rate'] },
  };
}
