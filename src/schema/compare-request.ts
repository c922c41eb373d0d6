/**
 * The body of `POST /api/v1/compare` and the arguments of the library's `compare()`: a sizing request,
 * the lists of options, and how to rank and trim the table. The JSON Schema of the API body is built
 * from the sizing request's field table (src/schema/request.ts), so it cannot drift from what a
 * sizing takes. Pure.
 */
import { COMPARE_FIELDS, COMPARE_LIMITS, COMPARE_SORTS, type CompareLists, type CompareSort } from '../app/compare-options.ts';
import { closest, type Problem, type Result } from './problems.ts';
import { fieldProperties, REQUEST_FIELD_SPECS, REQUEST_FIELDS } from './request.ts';

/** `top`'s limits: rows shown. */
export const TOP_LIMITS = { min: 1, max: 1_000_000 } as const;

const COMPARE_BODY_KEYS = ['request', 'options', 'sort', 'top'] as const;

export interface CompareBody {
  readonly request: unknown;
  readonly options: CompareLists;
  readonly sort: CompareSort;
  readonly top: number | undefined;
}

/** Problems of `sort` and `top` (each named by `prefix` + its key). */
export function rankingProblems(sort: unknown, top: unknown): Problem[] {
  const problems: Problem[] = [];
  if (sort !== undefined && (typeof sort !== 'string' || !(COMPARE_SORTS as readonly string[]).includes(sort))) {
    problems.push({ field: 'sort', value: sort, accepted: { kind: 'one_of', values: COMPARE_SORTS, suggestion: typeof sort === 'string' ? closest(sort, COMPARE_SORTS) : undefined } });
  }
  if (top !== undefined && (typeof top !== 'number' || !Number.isInteger(top) || top < TOP_LIMITS.min || top > TOP_LIMITS.max)) {
    problems.push({ field: 'top', value: top, accepted: { kind: 'integer', ...TOP_LIMITS } });
  }
  return problems;
}

/** The API body's own keys checked (the request and the lists are the comparison's to check). */
export function validateCompareBody(body: unknown): Result<CompareBody> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, problems: [{ field: '(body)', value: body, accepted: { kind: 'object' } }] };
  const b = body as Record<string, unknown>;
  const problems: Problem[] = [];
  const known = COMPARE_BODY_KEYS as readonly string[];
  for (const key of Object.keys(b)) if (!known.includes(key)) problems.push({ field: key, value: b[key], accepted: { kind: 'no_field', known, suggestion: closest(key, known) } });
  if (b.request === undefined) problems.push({ field: 'request', value: undefined, accepted: { kind: 'required' } });
  problems.push(...rankingProblems(b.sort, b.top));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { request: b.request, options: (b.options ?? {}) as CompareLists, sort: (b.sort as CompareSort | undefined) ?? 'cost', top: b.top as number | undefined } };
}

/** The API body's JSON Schema. */
export function compareBodyJsonSchema(): Record<string, unknown> {
  const properties = fieldProperties(REQUEST_FIELD_SPECS);
  const lists: Record<string, unknown> = {};
  for (const f of COMPARE_FIELDS) {
    lists[f] = { type: 'array', minItems: 1, maxItems: COMPARE_LIMITS.values, items: properties[f], description: `Values of ${f} to compare (the request then leaves ${f} out).` };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'llm-sizing compare body',
    type: 'object',
    properties: {
      request: {
        type: 'object',
        description: 'A sizing request (the fields of POST /api/v1/sizing, without hf_config); a field compared in options is left out here.',
        properties,
        required: REQUEST_FIELDS.filter((f) => REQUEST_FIELD_SPECS[f].required && !(COMPARE_FIELDS as readonly string[]).includes(f)),
        oneOf: [{ required: ['concurrency'] }, { required: ['request_rate'] }],
        additionalProperties: false,
      },
      options: {
        type: 'object',
        description: `Lists of options, crossed: every combination is one sizing (at most ${COMPARE_LIMITS.options} in all).`,
        properties: lists,
        additionalProperties: false,
      },
      sort: { type: 'string', enum: [...COMPARE_SORTS], default: 'cost', description: 'Order of the rows: the first key; ties go to cost, nodes, TPOT p99, then the cross order.' },
      top: { type: 'integer', minimum: TOP_LIMITS.min, maximum: TOP_LIMITS.max, description: 'At most this many rows (the feasible ones first); default all.' },
    },
    required: ['request'],
    additionalProperties: false,
  };
}
