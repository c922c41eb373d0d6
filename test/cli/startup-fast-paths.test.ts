/**
 * The start-up fast paths give what the slower general code gives: the report date worked out without
 * `toISOString()` (src/app/report-date.ts), and flag numbers read without the regular expression when
 * they are plain digits (src/cli/args.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportDateOf, utcText } from '../../src/app/report-date.ts';
import { numberOrText, parseCli } from '../../src/cli/args.ts';
import { is } from '../helpers/check.ts';

const iso = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

describe('utcText', () => {
  it.each([
    0, 1, 999, 1000, 86399999, 86400000, 951782400000 /* 2000-02-29 */, 951868800000 /* 2000-03-01 */, 4107542400000 /* 2100-03-01 */,
    1700000000123, 253402300799999 /* 9999-12-31 23:59:59.999 */, 253402300800000 /* 10000-01-01: toISOString's form */, -1, -62198755200000,
  ])('%i ms is written as toISOString() writes it', (ms) => {
    expect(utcText(new Date(ms))).toBe(iso(new Date(ms)));
  });

  it('equals toISOString() cut to the second, for any time', () =>
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        is(utcText(new Date(ms)), iso(new Date(ms)));
      }),
      { numRuns: 5000 },
    ));

  it('throws on an invalid date, as toISOString() does', () => {
    expect(() => utcText(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => reportDateOf({ SOURCE_DATE_EPOCH: '9'.repeat(20) }, () => new Date(0))).toThrow(RangeError);
  });

  it('reportDateOf: SOURCE_DATE_EPOCH when it is whole seconds, else now', () => {
    expect(reportDateOf({ SOURCE_DATE_EPOCH: '1700000000' }, () => new Date(0))).toBe('2023-11-14 22:13:20 UTC');
    expect(reportDateOf({ SOURCE_DATE_EPOCH: '17e8' }, () => new Date(86400000))).toBe('1970-01-02 00:00:00 UTC');
    expect(reportDateOf({}, () => new Date(86400000))).toBe('1970-01-02 00:00:00 UTC');
  });
});

describe('numberOrText', () => {
  const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  // A number text a double does not hold (`1e400`) stays text: the message echoes it as typed.
  const reference = (text: string) => (NUMBER.test(text.trim()) && Number.isFinite(Number(text.trim())) ? Number(text.trim()) : text);

  it.each([
    ['131072', 131072],
    [' 42 ', 42],
    ['007', 7],
    ['', ''],
    [' ', ' '],
    ['1.5', 1.5],
    ['-5', -5],
    ['1e3', 1000],
    ['0x10', '0x10'],
    ['Infinity', 'Infinity'],
    ['١٢', '١٢'],
    ['12a', '12a'],
    ['1e400', '1e400'],
    [' -1e400', ' -1e400'],
    ['1e-400', 0],
    ['9'.repeat(20), 1e20],
  ])('%j → %j', (text, value) => {
    expect(numberOrText(text)).toBe(value);
    expect(reference(text)).toBe(value);
  });

  it('keeps a number text of 400 digits as text (beyond a double), and reads one of 300 as a number', () => {
    expect(numberOrText('9'.repeat(400))).toBe('9'.repeat(400));
    expect(numberOrText('9'.repeat(300))).toBe(1e300);
  });

  it('equals the regular expression alone, for any text', () =>
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', 'E', ' ', '\t', 'x', '٣'), maxLength: 12 }), fc.string({ unit: fc.constantFrom('0', '1', '9', 'e', '-'), minLength: 300, maxLength: 320 })), (text) => {
        is(numberOrText(text), reference(text));
      }),
      { numRuns: 3000 },
    ));
});

describe('a value that starts with one dash', () => {
  const value = (v: string) => ({ ok: true, args: { command: 'size', values: { concurrency: v }, positionals: [], locale: 'en' } });
  const missing = { ok: false, problems: [{ field: '--concurrency', value: undefined, accepted: { kind: 'required' } }], locale: 'en' };
  it.each([
    ['-5', value('-5')],
    ['-1e3', value('-1e3')],
    ['-x', value('-x')],
    ['-', value('-')],
    ['--5', missing],
    ['-h', missing],
  ])('--concurrency %j', (v, parsed) => {
    expect(parseCli(['--concurrency', v])).toEqual(parsed);
  });
});
