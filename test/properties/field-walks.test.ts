/**
 * The request checks walk a request's own keys, not every field of a table (speed, issue 8): each is
 * checked here against the plain walk over the table it replaced, on random requests that mix known
 * fields (valid, invalid, null, undefined values), unknown keys, ignored keys and missing required ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COST_FIELDS, costRequested } from '../../src/core/cost.ts';
import { STORAGE_FIELDS, storageRequested } from '../../src/core/storage.ts';
import { WORKLOAD_FIELDS, workloadRequested } from '../../src/core/workload.ts';
import { deploymentRequested, SETTING_FIELDS } from '../../src/engines/settings.ts';
import { type FieldSpec, REQUEST_FIELD_SPECS, REQUEST_FIELDS, validateFields } from '../../src/schema/request.ts';
import { closest, type Problem, type Result } from '../../src/schema/problems.ts';
import { PERF_FIELD_SPECS, PERF_FIELDS } from '../../src/schema/perf-request.ts';
import { fieldProblem } from '../../src/schema/request.ts';
import { equal, is } from '../helpers/check.ts';

/** The walk over every field of the table, in its order (what validateFields did before). */
function referenceValidate(specs: Readonly<Record<string, FieldSpec>>, raw: Record<string, unknown>, ignoredKeys: readonly string[], fields: readonly string[]): Result<Record<string, unknown>> {
  const problems: Problem[] = [];
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(specs, key) && !ignoredKeys.includes(key)) problems.push({ field: key, value: raw[key], accepted: { kind: 'no_field', known: fields, suggestion: closest(key, fields) }, source: 's' });
  }
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    const one = validateFields<Record<string, unknown>>({ [field]: specs[field]! }, { [field]: raw[field] }, 's', [], [field]);
    if (!one.ok) problems.push(...one.problems.map((p) => ({ ...p, accepted: p.accepted })));
    else if (one.value[field] !== undefined) value[field] = one.value[field];
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

const VALUES = [undefined, null, 0, -1, 1, 0.5, 8, 1000, 131072, 1e12, 'fp8', 'FP8', 'vllm', 'n+1', '32k', '', 'x', true, [], {}];
function requestArb(fields: readonly string[]) {
  const known = fc.subarray([...fields]);
  const extra = fc.subarray(['id', 'modle', 'zzz', '__proto__x']);
  return fc.tuple(known, extra, fc.array(fc.constantFrom(...VALUES), { minLength: 40, maxLength: 40 }), fc.infiniteStream(fc.nat())).map(([k, e, vals, order]) => {
    const keys = [...k, ...e];
    // Keys in a random order (a request lists its fields in any order).
    const it = order[Symbol.iterator]();
    for (let i = keys.length - 1; i > 0; i--) {
      const j = it.next().value % (i + 1);
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    const raw: Record<string, unknown> = {};
    keys.forEach((key, i) => (raw[key] = vals[i % vals.length]));
    return raw;
  });
}

describe('validateFields walks the request, with the same answer as the walk over the table', () => {
  it.each([
    ['sizing request', REQUEST_FIELD_SPECS as Readonly<Record<string, FieldSpec>>, REQUEST_FIELDS as readonly string[]],
    ['perf request', PERF_FIELD_SPECS as Readonly<Record<string, FieldSpec>>, PERF_FIELDS as readonly string[]],
  ])('%s: same problems in the same order, same value with keys in the table order', (_, specs, fields) => {
    fc.assert(
      fc.property(requestArb(fields), fc.constantFrom<readonly string[]>([], ['id']), (raw, ignored) => {
        const got = validateFields<Record<string, unknown>>(specs, raw, 's', ignored, fields);
        const want = referenceValidate(specs, raw, ignored, fields);
        equal(got, want);
        if (got.ok && want.ok) equal(Object.keys(got.value), Object.keys(want.value));
      }),
      { numRuns: 400 },
    );
  });

  it('one field problem is what fieldProblem says of it', () => {
    const got = validateFields(REQUEST_FIELD_SPECS, { model: 'm', server: 's', effective_context: -1, concurrency: 5 }, 'src', [], REQUEST_FIELDS);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.problems).toEqual([fieldProblem('effective_context', -1, 'src')]);
  });
});

describe('the section checks walk the request, with the same answer as the walk over their fields', () => {
  const walk = (fields: readonly string[]) => (r: Record<string, unknown>) => fields.some((k) => r[k] !== undefined);
  it.each([
    ['workload', WORKLOAD_FIELDS as readonly string[], workloadRequested as (r: Record<string, unknown>) => boolean, walk(WORKLOAD_FIELDS)],
    ['cost', COST_FIELDS as readonly string[], costRequested as (r: Record<string, unknown>) => boolean, walk(COST_FIELDS)],
    ['storage', STORAGE_FIELDS as readonly string[], storageRequested as (r: Record<string, unknown>) => boolean, walk(STORAGE_FIELDS)],
    [
      'deployment',
      SETTING_FIELDS as readonly string[],
      deploymentRequested as (r: Record<string, unknown>) => boolean,
      (r: Record<string, unknown>) => SETTING_FIELDS.some((k) => r[k] !== undefined && !(k === 'memory_model' && r[k] === 'seed')),
    ],
  ])('%s', (_, fields, requested, reference) => {
    fc.assert(
      fc.property(requestArb([...REQUEST_FIELDS.slice(0, 6), ...fields, 'memory_model']), (raw) => {
        if (raw.memory_model !== undefined && typeof raw.memory_model !== 'string') raw.memory_model = 'seed';
        is(requested(raw), reference(raw));
      }),
      { numRuns: 400 },
    );
  });
});
