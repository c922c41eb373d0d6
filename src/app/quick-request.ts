/**
 * A fast acceptance check for a raw request (a batch line, an API body): the field table's own
 * rules (`REQUEST_FIELD_SPECS`), compiled once into one test per field. It says only yes (the
 * validated request) or "ask `validateRequest`", which then explains every problem: a property test
 * keeps the two in agreement. Batch mode runs it on every line, where `validateRequest` (which
 * builds problem data for all fields) measured 5 µs a line.
 */
import { blankRequest, REQUEST_FIELD_SPECS, REQUEST_FIELDS, type RequestField, type ValidatedRequest } from '../schema/request.ts';
import { tokenCount } from '../schema/tokens.ts';

type Spec = (typeof REQUEST_FIELD_SPECS)[RequestField];

/** What a field's check returns for a value it refuses. */
export const INVALID: unique symbol = Symbol('invalid');

/** A field's check: the value to keep (an enum's canonical value, a token count's number), or INVALID. */
function checkOf(spec: Spec): (v: unknown) => unknown {
  switch (spec.type) {
    case 'string':
      return (v) => (typeof v === 'string' && v.length > 0 ? v : INVALID);
    case 'enum': {
      const values: readonly string[] = spec.values;
      // Any case: the canonical value by its lower-case form (`validateRequest`'s canonicalEnum).
      const byLower = new Map(values.map((x) => [x.toLowerCase(), x]));
      return (v) => (typeof v !== 'string' ? INVALID : values.includes(v) ? v : (byLower.get(v.toLowerCase()) ?? INVALID));
    }
    case 'integer':
    case 'number': {
      const { min, max } = spec;
      const exclusive = 'minExclusive' in spec && spec.minExclusive === true;
      const integer = spec.type === 'integer';
      const ok = (v: unknown): v is number => typeof v === 'number' && (integer ? Number.isInteger(v) : Number.isFinite(v)) && (exclusive ? v > min : v >= min) && v <= max;
      if ('tokens' in spec && spec.tokens) return (v) => (ok(v) ? v : typeof v === 'string' && ok((v = tokenCount(v))) ? v : INVALID);
      return (v) => (ok(v) ? v : INVALID);
    }
  }
}

/** Each field's check and test (is the value accepted), and whether it is required. */
export const FIELD_TESTS: ReadonlyMap<string, { readonly test: (v: unknown) => boolean; readonly check: (v: unknown) => unknown; readonly required: boolean }> = new Map(
  REQUEST_FIELDS.map((f) => {
    const check = checkOf(REQUEST_FIELD_SPECS[f]);
    return [f, { test: (v: unknown) => check(v) !== INVALID, check, required: REQUEST_FIELD_SPECS[f].required }];
  }),
);
const TESTS = FIELD_TESTS;
/** How many fields are required. */
export const REQUIRED_FIELDS = REQUEST_FIELDS.filter((f) => REQUEST_FIELD_SPECS[f].required).length;
const REQUIRED = REQUIRED_FIELDS;

/**
 * The validated request when `raw` is one (the same value `validateRequest(raw, …, ignoredKeys)`
 * gives, which is why it may carry the validator's brand); `undefined` when it is not, or not
 * plainly so.
 */
export function quickRequest(raw: unknown, ignoredKeys: readonly string[] = []): ValidatedRequest | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  // Every field present, undefined unless given (src/schema/request.ts's blankRequest: one hidden class).
  const value = blankRequest();
  let required = 0;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const field = TESTS.get(key);
    if (field === undefined) {
      if (ignoredKeys.includes(key)) continue;
      return undefined;
    }
    const v = record[key];
    if (v === undefined || v === null) continue;
    const kept = field.check(v);
    if (kept === INVALID) return undefined;
    value[key] = kept;
    if (field.required) required++;
  }
  // The load: concurrency or request_rate, exactly one (`loadProblem` of src/schema/request.ts).
  return required === REQUIRED && (value.concurrency === undefined) !== (value.request_rate === undefined) ? (value as unknown as ValidatedRequest) : undefined;
}
