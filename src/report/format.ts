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

/**
 * The locale a value names in any case (`PT-BR`, `pt-br` → `pt-BR`), or undefined.
 *
 * @example localeOf('PT-br') //=> 'pt-BR'
 */
export function localeOf(value: unknown): Locale | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return LOCALES.find((l) => l.toLowerCase() === lower);
}

const SEPARATORS: Readonly<Record<Locale, { group: string; decimal: string }>> = {
  en: { group: ',', decimal: '.' },
  'pt-BR': { group: '.', decimal: ',' },
};

function group(digits: string, separator: string): string {
  if (digits.length <= 3) return digits;
  const first = digits.length % 3 || 3;
  let out = digits.slice(0, first);
  for (let i = first; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return out;
}

/**
 * Round |x| to `maxFractionDigits` decimals the way ICU (and so Intl.NumberFormat) does: starting from
 * the shortest decimal that reads back as x (what `String(x)` prints), rounding half away from zero.
 * `toFixed` would round the exact binary value instead (1.005 → "1.00", where Intl prints "1.01").
 * Returns the integer digits and the fraction digits.
 */
function roundShortest(x: number, maxFractionDigits: number): [string, string] {
  // Fast path: String(x) prints the same shortest digits, in plain notation from 1e-6 to 1e21. When
  // they need no rounding up (most report numbers), cutting them is the whole job.
  const plain = String(x);
  if (plain.indexOf('e') === -1) {
    const dot = plain.indexOf('.');
    if (dot === -1) return [plain, '0'.repeat(maxFractionDigits)];
    const frac = plain.slice(dot + 1);
    if (frac.length <= maxFractionDigits) return [plain.slice(0, dot), frac.padEnd(maxFractionDigits, '0')];
    if (frac.charCodeAt(maxFractionDigits) < 53) return [plain.slice(0, dot), frac.slice(0, maxFractionDigits)];
    // Round the kept digits up by one unit, carrying through nines.
    const kept = plain.slice(0, dot) + frac.slice(0, maxFractionDigits);
    let i = kept.length - 1;
    while (i >= 0 && kept.charCodeAt(i) === 57) i--;
    const up = i < 0 ? `1${'0'.repeat(kept.length)}` : kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1) + '0'.repeat(kept.length - 1 - i);
    const intLength = up.length - maxFractionDigits;
    return [up.slice(0, intLength), up.slice(intLength)];
  }
  // toExponential() gives the shortest round-trip digits: "d.ddde±n".
  const [mantissa = '0', exp = '0'] = x.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const pointAt = Number(exp) + 1; // digits before the decimal point
  // Place the digits on a fixed grid: integer part and `maxFractionDigits + 1` fraction digits.
  let padded = pointAt <= 0 ? '0'.repeat(1 - pointAt) + digits : digits.padEnd(pointAt, '0');
  const point = Math.max(pointAt, 1);
  const keep = point + maxFractionDigits;
  padded = padded.padEnd(keep + 1, '0');
  const roundUp = padded.charCodeAt(keep) >= 53; // '5'
  const kept = padded.slice(0, keep).split('');
  if (roundUp) {
    let i = kept.length - 1;
    while (i >= 0) {
      if (kept[i] === '9') {
        kept[i] = '0';
        i--;
      } else {
        kept[i] = String.fromCharCode(kept[i]!.charCodeAt(0) + 1);
        break;
      }
    }
    if (i < 0) kept.unshift('1');
  }
  const extra = kept.length - keep; // a carry out of the top digit
  const intDigits = kept.slice(0, point + extra).join('').replace(/^0+(?=\d)/, '');
  return [intDigits, kept.slice(point + extra).join('')];
}

/**
 * @example formatNumber(1234567.891, 'pt-BR', 0, 2) //=> '1.234.567,89'
 */
export function formatNumber(value: number, locale: Locale, minFractionDigits = 0, maxFractionDigits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const sep = SEPARATORS[locale];
  const negative = value < 0 || Object.is(value, -0);
  // Whole numbers (most report figures): String() gives their digits below 1e21; nothing to round.
  if (Number.isInteger(value) && value < 1e21 && value > -1e21) {
    const text = group(String(negative ? -value : value), sep.group) + (minFractionDigits > 0 ? sep.decimal + '0'.repeat(minFractionDigits) : '');
    return negative ? `-${text}` : text;
  }
  const [intPart, fracAll] = value === 0 ? ['0', '0'.repeat(maxFractionDigits)] : roundShortest(Math.abs(value), maxFractionDigits);
  let end = fracAll.length;
  while (end > minFractionDigits && fracAll[end - 1] === '0') end--;
  const frac = fracAll.slice(0, end);
  const text = group(intPart, sep.group) + (frac ? sep.decimal + frac : '');
  return negative ? `-${text}` : text;
}

/** A formatter bound to one locale: what renderers receive. */
/** Decimals a latency in milliseconds is written with: 2 under 10 ms, 1 under 100 ms, else none. */
export function latencyDigits(ms: number): number {
  return ms < 10 ? 2 : ms < 100 ? 1 : 0;
}

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
