/**
 * Locale number formatting without `Intl`: the first `Intl.NumberFormat` costs ~11 ms of ICU start-up
 * here, more than the whole CLI may add to a bare `node -e 0`. Output equals
 * `new Intl.NumberFormat(locale, { minimumFractionDigits, maximumFractionDigits }).format(x)` for both
 * locales (a property test checks it against Intl).
 */
export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const SEPARATORS: Readonly<Record<Locale, { group: string; decimal: string }>> = {
  en: { group: ',', decimal: '.' },
  'pt-BR': { group: '.', decimal: ',' },
};

function group(digits: string, separator: string): string {
  let out = '';
  const first = digits.length % 3 || 3;
  out = digits.slice(0, first);
  for (let i = first; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return out;
}

/**
 * @example formatNumber(1234567.891, 'pt-BR', 0, 2) //=> '1.234.567,89'
 */
export function formatNumber(value: number, locale: Locale, minFractionDigits = 0, maxFractionDigits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const sep = SEPARATORS[locale];
  const negative = value < 0 || Object.is(value, -0);
  let fixed = Math.abs(value).toFixed(maxFractionDigits);
  let [intPart = '0', frac = ''] = fixed.split('.');
  let end = frac.length;
  while (end > minFractionDigits && frac[end - 1] === '0') end--;
  frac = frac.slice(0, end);
  fixed = group(intPart, sep.group) + (frac ? sep.decimal + frac : '');
  return negative ? `-${fixed}` : fixed;
}

/** A formatter bound to one locale: what renderers receive. */
export interface Fmt {
  readonly locale: Locale;
  /** Integer with grouping: 1,000 / 1.000. */
  int(value: number): string;
  /** Fixed decimals: fixed(4.5044, 2) → 4.50 / 4,50. */
  fixed(value: number, digits: number): string;
  /** Up to `max` decimals, trailing zeros dropped: 0.15, 14.4. */
  num(value: number, max?: number): string;
  /** Ratio as a whole percentage: 0.7 → 70%. */
  pct(ratio: number): string;
}

export function fmt(locale: Locale): Fmt {
  return {
    locale,
    int: (v) => formatNumber(v, locale, 0, 0),
    fixed: (v, d) => formatNumber(v, locale, d, d),
    num: (v, max = 3) => formatNumber(v, locale, 0, max),
    pct: (r) => `${formatNumber(r * 100, locale, 0, 0)}%`,
  };
}
