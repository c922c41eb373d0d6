/** Our Intl-free formatter (start-up speed) must print exactly what Intl.NumberFormat prints. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmt, formatNumber, LOCALES } from '../../src/report/format.ts';
import { is } from '../helpers/check.ts';

describe('formatNumber', () => {
  it.each([
    [1234567.891, 'en', 0, 2, '1,234,567.89'],
    [1234567.891, 'pt-BR', 0, 2, '1.234.567,89'], // the doc example
    [1418.0370483398438, 'pt-BR', 1, 1, '1.418,0'],
    [4.50439453125, 'en', 2, 2, '4.50'],
    [0.15, 'pt-BR', 0, 3, '0,15'],
    [1000, 'en', 0, 0, '1,000'],
    [999.999, 'en', 0, 2, '1,000'],
  ] as const)('%d in %s with %d–%d decimals is %s', (x, locale, min, max, text) => {
    expect(formatNumber(x, locale, min, max)).toBe(text);
  });

  it('equals Intl.NumberFormat for any number, locale and digits', () => {
    const formatters = new Map<string, Intl.NumberFormat>();
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(0.5, 1.5, 2.5, 0.125, 0.005, 1e-7, -0)),
        fc.constantFrom(...LOCALES),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (x, locale, a, b) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const key = `${locale}|${min}|${max}`;
          let intl = formatters.get(key);
          if (!intl) formatters.set(key, (intl = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max })));
          is(formatNumber(x, locale, min, max), intl.format(x));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('equals Intl.NumberFormat for whole numbers up to and past 1e21 (the whole-number fast path)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: -2e21, max: 2e21, noNaN: true }).map(Math.round), fc.constantFrom(0, -0, 999, 1000, -1000, 1e21, -1e21, 999999999999999900000)),
        fc.constantFrom(...LOCALES),
        fc.integer({ min: 0, max: 3 }),
        (x, locale, min) => {
          for (const max of [min, min + 2]) is(formatNumber(x, locale, min, max), new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max }).format(x));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('formats percentages of ratios as whole numbers', () => {
    expect(fmt('en').pct(0.7)).toBe('70%');
    expect(fmt('pt-BR').pct(0.65)).toBe('65%');
  });
});
