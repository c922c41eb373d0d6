/**
 * test/helpers/check.ts: each check passes exactly when its vitest matcher passes, and fails through that
 * matcher (its message, the first differing line of a list).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLeast, atMost, equal, is, sameLines, sameText, strictEqual } from '../helpers/check.ts';

/** Whether `run` throws (a failed expect). */
const fails = (run: () => void): boolean => {
  try {
    run();
    return false;
  } catch {
    return true;
  }
};

// Values of JSON's kinds and the edges of toBe and toEqual: -0, NaN, undefined members, sparse arrays,
// class instances, null-prototype objects.
class Box {
  constructor(readonly v: number) {}
}
const leaf = fc.constantFrom<unknown>(0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, '', 'a', '1', true, false, null, undefined, new Box(1), new Box(2));
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b'), tie('v'), { maxKeys: 2, noNullPrototype: false }),
    fc.sparseArray(tie('v'), { maxLength: 3 }),
  ),
})).v;
/** A value and one like it: itself, a copy, or a copy with one change somewhere. */
const pair = fc.tuple(value, value, fc.nat(3)).map(([a, b, k]) => [a, k === 0 ? b : k === 1 ? a : structuredClone(a)] as const);

describe('the checks of test/helpers/check.ts', () => {
  it('is, equal and strictEqual fail exactly when toBe, toEqual and toStrictEqual fail (property)', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(fails(() => is(a, b))).toBe(fails(() => expect(a).toBe(b)));
        expect(fails(() => equal(a, b))).toBe(fails(() => expect(a).toEqual(b)));
        expect(fails(() => strictEqual(a, b))).toBe(fails(() => expect(a).toStrictEqual(b)));
      }),
      { numRuns: 500 },
    );
  });

  it('atLeast and atMost fail exactly when toBeGreaterThanOrEqual and toBeLessThanOrEqual fail', () => {
    const xs = [0, -0, 1, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const a of xs) {
      for (const b of xs) {
        expect(fails(() => atLeast(a, b)), `${a} ${b}`).toBe(fails(() => expect(a).toBeGreaterThanOrEqual(b)));
        expect(fails(() => atMost(a, b)), `${a} ${b}`).toBe(fails(() => expect(a).toBeLessThanOrEqual(b)));
      }
    }
  });

  it('fail with the message given, made only on failure', () => {
    let made = 0;
    const message = () => {
      made++;
      return 'the input line';
    };
    is(1, 1, message);
    equal({ a: [1] }, { a: [1] }, message);
    strictEqual({ a: [1] }, { a: [1] }, message);
    expect(made).toBe(0);
    expect(() => is(1, 2, message)).toThrow(/the input line/);
    expect(() => equal({ a: [1] }, { a: [2] }, message)).toThrow(/the input line/);
    expect(() => strictEqual({ a: [1] }, { a: [1], b: undefined }, message)).toThrow(/the input line/);
    expect(() => atLeast(1, 2, 'low')).toThrow(/low/);
    expect(() => atMost(2, 1, 'high')).toThrow(/high/);
  });

  it('sameLines and sameText name the first line that differs, with its label, or the counts', () => {
    const inputs = ['in 1', 'in 2', 'in 3'];
    sameLines(['a', 'b', 'c'], ['a', 'b', 'c'], (i) => inputs[i]!);
    sameText('a\nb\n', 'a\nb\n', 'x');
    expect(() => sameLines(['a', 'B', 'C'], ['a', 'b', 'c'], (i) => inputs[i]!)).toThrow(/line 2: in 2.*expected 'B' to be 'b'/s);
    expect(() => sameLines(['a', 'b'], ['a', 'b', 'c'])).toThrow(/number of lines.*lines: 3, 'line 3': 'c'/s);
    expect(() => sameText('a\nb\nX\n', 'a\nb\nc\n', 'from a stream')).toThrow(/line 3: from a stream.*expected 'X' to be 'c'/s);
    expect(() => sameText('a\nb', 'a\nb\n')).toThrow(/number of lines/);
  });
});
