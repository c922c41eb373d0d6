/** anyGiven: a section of the request (workload, cost, storage) is on when any of its fields is given. */
import { describe, expect, it } from 'vitest';
import { COST_FIELDS, costRequested } from '../../src/core/cost.ts';
import { anyGiven } from '../../src/core/requested.ts';
import { STORAGE_FIELDS, storageRequested } from '../../src/core/storage.ts';
import { WORKLOAD_FIELDS, workloadRequested } from '../../src/core/workload.ts';
import { blankRequest } from '../../src/schema/request.ts';

/** Each section's check and its fields. */
const SECTIONS = [
  ['cost', COST_FIELDS, costRequested],
  ['storage', STORAGE_FIELDS, storageRequested],
  ['workload', WORKLOAD_FIELDS, workloadRequested],
] as const;

describe('anyGiven', () => {
  it.each([
    [{ pue: 1.2 }, true],
    [{ pricing: 'owned' }, true],
    [{ pue: 0 }, true],
    [{ pricing: null }, true],
    [{ pricing: undefined }, false],
    [{}, false],
    [{ other: 1 }, false],
  ] as const)('%o → %s', (request, expected) => {
    expect(anyGiven(request as Record<string, unknown>, ['pricing', 'pue'])).toBe(expected);
  });

  it.each(SECTIONS)('%s: each of its fields alone turns it on; none, or another section\'s, does not', (_, fields, requested) => {
    const check = requested as (r: Record<string, unknown>) => boolean;
    for (const f of fields) expect(check({ [f]: 1 })).toBe(true);
    expect(check({})).toBe(false);
    expect(check({ model: 'm', server: 's', concurrency: 10 })).toBe(false);
  });

  it.each(SECTIONS)('%s: on a validated request (every field present, undefined unless given), only its own fields turn it on', (_, fields, requested) => {
    const check = requested as (r: Record<string, unknown>) => boolean;
    const blank = { ...blankRequest(), model: 'm', server: 's', concurrency: 10 };
    expect(check(blank)).toBe(false);
    for (const f of fields) expect(check({ ...blank, [f]: 0 })).toBe(true);
    const others = Object.keys(blank).filter((k) => !(fields as readonly string[]).includes(k));
    for (const f of others) expect(check({ ...blank, [f]: 1 }), f).toBe(false);
  });
});
