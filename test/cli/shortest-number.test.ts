/**
 * `writeShortest` (src/cli/shortest-number.ts) writes a double as JSON.stringify does, or gives up
 * (-1) and leaves it to JSON.stringify: checked on doubles of every kind the batch writes and on
 * those where shortest digits are hardest to tell (near powers of ten and of two, ties, short
 * decimals), and on random bit patterns. `JsonBytes.run` (its caller) too, give-ups included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonBytes, numberTemplate } from '../../src/cli/json-bytes.ts';
import { writeShortest } from '../../src/cli/shortest-number.ts';

// A Buffer (a Uint8Array to writeShortest) read in place: no copy per number of the ~800,000 checked.
const buf = Buffer.alloc(64);
/** The text written, or null when it gave up. */
function shortest(x: number): string | null {
  const end = writeShortest(buf, 0, x);
  return end < 0 ? null : buf.toString('latin1', 0, end);
}

/** Every mismatch with JSON.stringify among `xs` (and how many it gave up on). */
function check(xs: Iterable<number>): { mismatches: string[]; gaveUp: number; count: number } {
  const mismatches: string[] = [];
  let gaveUp = 0;
  let count = 0;
  for (const x of xs) {
    count++;
    const got = shortest(x);
    if (got === null) gaveUp++;
    else if (got !== JSON.stringify(x)) mismatches.push(`${JSON.stringify(x)} written ${got}`);
  }
  return { mismatches, gaveUp, count };
}

function* seeded(n: number, draw: (r: () => number, i: number) => number): Generator<number> {
  let s = 0x9e3779b9;
  const r = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  for (let i = 0; i < n; i++) yield draw(r, i);
}

describe('writeShortest', () => {
  it('writes what JSON.stringify writes for unrounded floats of every magnitude it takes, giving up on almost none below 1e14', () => {
    const { mismatches, gaveUp, count } = check(seeded(300_000, (r, i) => (r() - 0.1) * 10 ** ((i % 36) - 22)));
    expect(mismatches).toEqual([]);
    expect(gaveUp / count).toBeLessThan(1e-4);
    // From 2^50 or so on, x · 10^k is often exact and lands on a boundary or a tie: it gives up there.
    const large = check(seeded(100_000, (r, i) => (r() + 0.01) * 10 ** ((i % 24) + 14)));
    expect(large.mismatches).toEqual([]);
  });

  it('writes the figures of the performance model (products and quotients of catalog numbers) as JSON.stringify does', () => {
    const xs = seeded(200_000, (r, i) => ((1 + Math.floor(r() * 5000)) * [1, 1.2, 1.3, 0.8, 1e-3, 1e3][i % 6]!) / (1 + Math.floor(r() * 60)));
    const { mismatches, gaveUp, count } = check(xs);
    expect(mismatches).toEqual([]);
    expect(gaveUp / count).toBeLessThan(1e-4);
  });

  it('writes short decimals, integers, powers of ten and of two and their neighbours as JSON.stringify does', () => {
    const xs: number[] = [];
    for (let e = -30; e <= 37; e++) {
      for (let d = 1; d < 1000; d += d < 20 ? 1 : 7) {
        const x = Number(`${d}e${e}`);
        xs.push(x, -x, x * (1 + Number.EPSILON), x * (1 - Number.EPSILON / 2), d * 10 ** e);
      }
    }
    for (let e = -99; e <= 125; e++) {
      const x = 2 ** e;
      xs.push(x, 3 * x, x * (1 + Number.EPSILON), x * (1 - Number.EPSILON / 2));
    }
    for (let i = 1; i < 20_000; i++) xs.push(i / 7, i * 0.1, i + 0.5, i * 1.2, i * 1.3, Math.sqrt(i), 5e-324 * i, 1.7976931348623157e308 / i);
    xs.push(0.1 + 0.2, 1 / 3, 2 / 3, 9007199254740993, 4.35, 0.000001, 1e-7, 1e21, 1e20 + 65536, 123456789012345680000);
    const { mismatches } = check(xs);
    expect(mismatches).toEqual([]);
  });

  it('writes any double JSON.stringify writes as it does, or gives up', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (x) => {
        const got = shortest(x);
        return got === null || got === JSON.stringify(x);
      }),
      { numRuns: 100_000 },
    );
  });

  // Where Number::toString changes form (1e-7 / 0.000001, 1e21), integers past 2^31 and up to 2^53,
  // 17 digits rounding up into 10^17, ties, and the short path (15 digits or fewer): each written as
  // JSON.stringify writes it; `mayGiveUp` where it leaves the number to JSON.stringify (x · 10^q lands
  // on a boundary within the arithmetic's error).
  it.each([
    { x: 1e21, text: '1e+21' },
    { x: 999999999999999900000, text: '999999999999999900000' /* the largest double under 1e21 */ },
    { x: 1.0000000000000001e21, text: '1.0000000000000001e+21' },
    { x: 123456789012345680000, text: '123456789012345680000' },
    { x: 1.5e-7, text: '1.5e-7' },
    { x: 0.0000015, text: '0.0000015' },
    { x: 9.5367431640625e-7 /* 2^-20 */, text: '9.5367431640625e-7' },
    { x: 1e-7, text: '1e-7', mayGiveUp: true },
    { x: 0.000001, text: '0.000001', mayGiveUp: true },
    { x: 1e-30, text: '1e-30' },
    { x: 2 ** 53 - 1, text: '9007199254740991' },
    { x: 2 ** 53, text: '9007199254740992', mayGiveUp: true },
    { x: 2 ** 31, text: '2147483648' },
    { x: -(2 ** 31) - 1, text: '-2147483649' },
    { x: 1e16, text: '10000000000000000' },
    { x: 1e17, text: '100000000000000000' },
    { x: 12345678901234567, text: '12345678901234568' },
    { x: 9.999999999999999e22, text: '1e+23', mayGiveUp: true },
    { x: 0.1, text: '0.1' },
    { x: 0.3, text: '0.3' },
    { x: 4.35, text: '4.35' },
    { x: 1 / 3, text: '0.3333333333333333' },
    { x: -2 / 3, text: '-0.6666666666666666' },
    { x: 0.1 + 0.2, text: '0.30000000000000004' },
    { x: 3.3000000000000003, text: '3.3000000000000003' },
    { x: 0.9999999999999999, text: '0.9999999999999999' },
    { x: 99.99999999999999, text: '99.99999999999999' },
    { x: 596.0464477539062 /* 596.04644775390625 exactly: a tie at 16 digits */, text: '596.0464477539062', mayGiveUp: true },
  ])('writes $x as $text', ({ x, text, mayGiveUp }) => {
    expect(JSON.stringify(x)).toBe(text);
    const got = shortest(x);
    if (got === null) expect(mayGiveUp).toBe(true);
    else expect(got).toBe(text);
  });

  it('writes integers up to 2^53, doubles around 1e21 and 1e-6 (where the form changes) and around powers of ten as JSON.stringify does, or gives up', () => {
    const same = (x: number) => {
      const got = shortest(x);
      return got === null || got === JSON.stringify(x);
    };
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 53 }).map((i) => (i % 2 === 0 ? i : -i)), same), { numRuns: 50_000 });
    fc.assert(fc.property(fc.double({ min: 1e20, max: 1e22, noNaN: true }), same), { numRuns: 50_000 });
    fc.assert(fc.property(fc.double({ min: 1e-8, max: 1e-5, noNaN: true }), same), { numRuns: 50_000 });
    fc.assert(
      fc.property(fc.integer({ min: -29, max: 37 }), fc.integer({ min: -64, max: 64 }), (e, ulps) => {
        let x = Number(`1e${e}`);
        for (let i = 0; i < Math.abs(ulps); i++) x = ulps > 0 ? x + x * Number.EPSILON : x - (x * Number.EPSILON) / 2;
        return same(x);
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives up on what it does not take: zero, non-finite numbers, and magnitudes outside 1e-30 … 1e38', () => {
    for (const x of [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-31, 1e38, -1e39, 5e-324, 2.2250738585072014e-308, Number.MAX_VALUE]) expect(shortest(x)).toBeNull();
  });
});

describe('JsonBytes.run', () => {
  it('copies parts of every length (empty, under 8 bytes, whole 8-byte words, longer) whole, the spill of each word overwritten by what follows', () => {
    const parts = ['', 'a', '{"k":', '12345678', '123456789', '},"a_longer_key_of_thirty_one_":', '1234567812345678', ',"x":', ''];
    const xs = [0.5, 7, -3.25, 2 ** 40, 1 / 7, Number.NaN, 1e300, 0.1];
    const chunks: Uint8Array[] = [];
    const out = new JsonBytes((b) => chunks.push(Uint8Array.from(b)), 1 << 16);
    out.run(numberTemplate(...parts), Float64Array.from(xs));
    out.ascii('|');
    out.flush(true);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(`${parts.map((p, i) => (i < xs.length ? p + JSON.stringify(xs[i]) : p)).join('')}|`);
  });

  it('writes the same text across chunk hand-overs and buffer growth (a tiny chunk, a template longer than it)', () => {
    const parts = [`{"${'k'.repeat(90)}":`, ...Array.from({ length: 40 }, (_, i) => `,"key${i}":`), '}\n'];
    const t = numberTemplate(...parts);
    const chunks: Uint8Array[] = [];
    const out = new JsonBytes((b) => chunks.push(Uint8Array.from(b)), 64);
    const expected: string[] = [];
    for (let line = 0; line < 200; line++) {
      const xs = Array.from({ length: 41 }, (_, i) => (line * 41 + i) / 7 - 300);
      out.run(t, Float64Array.from(xs));
      out.flush();
      expected.push(parts.map((p, i) => (i < xs.length ? p + JSON.stringify(xs[i]) : p)).join(''));
    }
    out.flush(true);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(expected.join(''));
  });

  it('refuses template parts with bytes from 0x7f up (a word could read as NaN, whose bits need not survive)', () => {
    expect(() => numberTemplate('{"é":', '}')).toThrow(/ASCII without DEL/);
    expect(() => numberTemplate('{"a":', '}\u007f')).toThrow(/ASCII without DEL/);
    expect(numberTemplate('{"a":', '}\n\u0000').lengths).toEqual(Int32Array.from([5, 3]));
  });

  it('writes a template with each number as JSON.stringify writes it (NaN and infinities as null), whatever writeShortest does with it', () => {
    const xs = [0, -0, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 0.5, 1e-31, 1e38, Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 5e-324, 3.3000000000000003, 0.1 + 0.2, 596.0464477539062];
    const parts = ['{"a":', ...xs.slice(1).map((_, i) => `,"k${i}":`), '}'];
    const chunks: Uint8Array[] = [];
    const out = new JsonBytes((b) => chunks.push(Uint8Array.from(b)), 1 << 16);
    out.run(numberTemplate(...parts), Float64Array.from(xs));
    out.flush(true);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(parts.map((p, i) => (i < xs.length ? p + JSON.stringify(xs[i]) : p)).join(''));
  });
});
