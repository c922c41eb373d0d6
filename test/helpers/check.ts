/**
 * vitest's `expect`, called only when the check fails. One `expect(...).toBe(...)` costs vitest tens of
 * microseconds (its state, chai's proxies, `equals`) and garbage; the byte-for-byte and property tests
 * make hundreds of thousands of them. Each function here does the matcher's comparison in plain code and
 * calls the very `expect` it stands for when that comparison fails: a failing check fails as before,
 * with the same message and diff.
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';

/** A message, or how to make it (made only when the check fails). */
export type Message = string | (() => string);
const text = (m: Message | undefined): string | undefined => (typeof m === 'function' ? m() : m);

/** `expect(actual, message).toBe(expected)`. */
export function is(actual: unknown, expected: unknown, message?: Message): void {
  if (!Object.is(actual, expected)) expect(actual, text(message)).toBe(expected);
}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Whether two values of JSON's kinds (primitives, arrays, plain objects) are equal as `toEqual` has them:
 * Object.is on primitives (NaN equals NaN, 0 is not -0), arrays of the same length item by item, plain
 * objects with the same keys once those holding undefined are left out. Anything else (a class
 * instance, a symbol key, an asymmetric matcher) answers false, and is left to `toEqual`.
 */
function plainEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!(i in a) || !(i in b) || !plainEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  if (Object.getOwnPropertySymbols(a).length > 0 || Object.getOwnPropertySymbols(b).length > 0) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k) || x[k] === undefined) continue;
    if (!Object.hasOwn(y, k) || !plainEqual(x[k], y[k])) return false;
    defined++;
  }
  for (const k in y) if (Object.hasOwn(y, k) && y[k] !== undefined) defined--;
  return defined === 0;
}

/**
 * `expect(actual, message).toEqual(expected)`: values `plainEqual` finds equal are equal under
 * `toEqual`; anything else is left to it.
 */
export function equal(actual: unknown, expected: unknown, message?: Message): void {
  if (!plainEqual(actual, expected)) expect(actual, text(message)).toEqual(expected);
}

/**
 * `expect(actual, message).toStrictEqual(expected)`: values deep-equal under node's strict rules (the
 * same prototypes, the same own keys, undefined ones included, Object.is on primitives) are equal
 * under `toStrictEqual`; anything else is left to it.
 */
export function strictEqual(actual: unknown, expected: unknown, message?: Message): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, text(message)).toStrictEqual(expected);
}

/** `expect(actual, message).toBeGreaterThanOrEqual(expected)`. */
export function atLeast(actual: number, expected: number, message?: Message): void {
  if (!(typeof actual === 'number' && typeof expected === 'number' && actual >= expected)) expect(actual, text(message)).toBeGreaterThanOrEqual(expected);
}

/** `expect(actual, message).toBeLessThanOrEqual(expected)`. */
export function atMost(actual: number, expected: number, message?: Message): void {
  if (!(typeof actual === 'number' && typeof expected === 'number' && actual <= expected)) expect(actual, text(message)).toBeLessThanOrEqual(expected);
}

/**
 * Two lists of lines, equal line by line: on the first line that differs, `expect` names it (its number
 * from 1, and `label(i)` when given: the input line) and shows both texts; else the counts and the
 * first line only one of them has.
 */
export function sameLines(actual: readonly string[], expected: readonly string[], label?: (i: number) => string): void {
  const n = Math.min(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) expect(actual[i], `line ${i + 1}${label ? `: ${label(i)}` : ''}`).toBe(expected[i]);
  }
  if (actual.length !== expected.length) {
    // The counts, and the first line one list has and the other not.
    expect({ lines: actual.length, [`line ${n + 1}`]: actual[n] }, 'number of lines').toEqual({ lines: expected.length, [`line ${n + 1}`]: expected[n] });
  }
}

/** `expect(actual, message).toBe(expected)` for texts of many lines: when they differ, `expect` names the first line that differs. */
export function sameText(actual: string, expected: string, message?: Message): void {
  if (actual === expected) return;
  const m = text(message);
  sameLines(actual.split('\n'), expected.split('\n'), m === undefined ? undefined : () => m);
}
