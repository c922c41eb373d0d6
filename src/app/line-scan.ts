/**
 * A scanner for the plain case of a batch line: one flat JSON object in ASCII whose values are
 * numbers or strings without escapes. It reads, without building the object, what
 * `batch --fields` needs per line: the text of the members that fix the sizing's shape (every member
 * but the concurrency, the storage profile, the peak headroom, the HA mode and the id), and the
 * values of those five.
 *
 * It answers only "plainly such a line" (true, `LineScan` filled in) or "not sure" (false): a line
 * that is not JSON, nests, holds `null`, `true`, an escape, a control or non-ASCII character, one of
 * the five twice… is left to the full path (JSON.parse and the validator), which then sizes or
 * explains it. A property test holds it to JSON.parse on valid and invalid lines.
 *
 * It reads bytes (a typed array: several times faster here than `charCodeAt`); `text` holds the same
 * characters at the same offsets, for the slices it keeps.
 *
 * @example
 * const s = newLineScan();
 * const line = '{"model":"m","concurrency":10,"server":"s","ha":"n+1"}';
 * scanLine(new TextEncoder().encode(line), line, 0, line.length, s) //=> true
 * // s.key === '"model":"m""server":"s"', s.concurrency === 10, s.ha === 'n+1'
 */

/** What a scanned line holds. `key`: the shape members (`"name":value`) as written, in order, runs of adjacent ones as one piece. */
export interface LineScan {
  key: string;
  concurrency: number | undefined;
  storage: string | undefined;
  peak_headroom_ratio: number | undefined;
  ha: string | undefined;
  id: string | number | undefined;
}

export function newLineScan(): LineScan {
  return { key: '', concurrency: undefined, storage: undefined, peak_headroom_ratio: undefined, ha: undefined, id: undefined };
}

const SHAPE = 0;
const CONCURRENCY = 1;
const STORAGE = 2;
const HEADROOM = 3;
const HA = 4;
const ID = 5;

/** Index of the first byte at or after `i` that is not JSON whitespace (`end` at most). */
function ws(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
  return i;
}

/** Set by `numberEnd`: the number was digits only (no sign, fraction or exponent). */
let digitsOnly = false;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The end of the JSON number starting at `i` (its grammar exactly), or -1. */
function numberEnd(b: Uint8Array, i: number, end: number): number {
  digitsOnly = true;
  if (i < end && b[i] === 0x2d) {
    digitsOnly = false;
    i++;
  }
  if (i >= end) return -1;
  if (b[i] === 0x30) i++;
  else if (b[i]! >= 0x31 && b[i]! <= 0x39) {
    i++;
    while (i < end && isDigit(b[i]!)) i++;
  } else return -1;
  if (i < end && b[i] === 0x2e) {
    digitsOnly = false;
    i++;
    if (!(i < end && isDigit(b[i]!))) return -1;
    i++;
    while (i < end && isDigit(b[i]!)) i++;
  }
  if (i < end && (b[i] === 0x65 || b[i] === 0x45)) {
    digitsOnly = false;
    i++;
    if (i < end && (b[i] === 0x2b || b[i] === 0x2d)) i++;
    if (!(i < end && isDigit(b[i]!))) return -1;
    i++;
    while (i < end && isDigit(b[i]!)) i++;
  }
  return i;
}

/** The value of the JSON number `t[a, c)` (what JSON.parse gives). */
function numberValue(b: Uint8Array, t: string, a: number, c: number, plain: boolean): number {
  if (plain && c - a <= 15) {
    let v = 0;
    for (let i = a; i < c; i++) v = v * 10 + (b[i]! - 0x30);
    return v;
  }
  return Number(t.slice(a, c));
}

/** The end of the string whose opening quote is at `i` (after its closing quote), or -1: no escape, no control or non-ASCII character. */
function stringEnd(b: Uint8Array, i: number, end: number): number {
  for (i++; i < end; i++) {
    const c = b[i]!;
    if (c === 0x22) return i + 1;
    if (c < 0x20 || c === 0x5c || c >= 0x7f) return -1;
  }
  return -1;
}

/** The role of the key `b[a, a + n)`: one of the five the shape leaves out, or SHAPE (any other key, known or not). */
function roleOf(b: Uint8Array, t: string, a: number, n: number): number {
  switch (n) {
    case 2: {
      const c0 = b[a];
      const c1 = b[a + 1];
      return c0 === 0x68 && c1 === 0x61 ? HA : c0 === 0x69 && c1 === 0x64 ? ID : SHAPE;
    }
    case 7:
      return b[a] === 0x73 && t.startsWith('storage', a) ? STORAGE : SHAPE;
    case 11:
      return b[a] === 0x63 && t.startsWith('concurrency', a) ? CONCURRENCY : SHAPE;
    case 19:
      return b[a] === 0x70 && t.startsWith('peak_headroom_ratio', a) ? HEADROOM : SHAPE;
    default:
      return SHAPE;
  }
}

/**
 * Scan the line `b[start, end)` (see the module comment); `t` holds the same characters at the same
 * offsets. True: `out` holds the line's shape text and its five values (`undefined` when absent).
 * False: not plainly such a line; `out` is garbage.
 */
export function scanLine(b: Uint8Array, t: string, start: number, end: number, out: LineScan): boolean {
  let i = ws(b, start, end);
  if (i >= end || b[i] !== 0x7b) return false;
  i = ws(b, i + 1, end);
  let seen = 0;
  let key = '';
  // The run of shape members being read (adjacent in the text), from its first to its last character.
  let runStart = -1;
  let runEnd = -1;
  out.concurrency = undefined;
  out.storage = undefined;
  out.peak_headroom_ratio = undefined;
  out.ha = undefined;
  out.id = undefined;
  for (;;) {
    if (i >= end || b[i] !== 0x22) return false;
    const memberStart = i;
    const keyEnd = stringEnd(b, i, end);
    if (keyEnd < 0) return false;
    const role = roleOf(b, t, i + 1, keyEnd - i - 2);
    i = ws(b, keyEnd, end);
    if (i >= end || b[i] !== 0x3a) return false;
    i = ws(b, i + 1, end);
    const valueStart = i;
    const isString = i < end && b[i] === 0x22;
    i = isString ? stringEnd(b, i, end) : numberEnd(b, i, end);
    if (i < 0) return false;
    if (role === SHAPE) {
      if (runStart < 0) runStart = memberStart;
      runEnd = i;
    } else {
      if (runStart >= 0) {
        key += t.slice(runStart, runEnd);
        runStart = -1;
      }
      // Each of these at most once (JSON.parse would keep the last).
      const bit = 1 << role;
      if ((seen & bit) !== 0) return false;
      seen |= bit;
      if (role === ID) out.id = isString ? t.slice(valueStart + 1, i - 1) : numberValue(b, t, valueStart, i, digitsOnly);
      else if (role === CONCURRENCY || role === HEADROOM) {
        if (isString) return false;
        const v = numberValue(b, t, valueStart, i, digitsOnly);
        if (role === CONCURRENCY) out.concurrency = v;
        else out.peak_headroom_ratio = v;
      } else {
        if (!isString) return false;
        const v = t.slice(valueStart + 1, i - 1);
        if (role === STORAGE) out.storage = v;
        else out.ha = v;
      }
    }
    i = ws(b, i, end);
    if (i >= end) return false;
    const d = b[i];
    if (d === 0x2c) {
      i = ws(b, i + 1, end);
      continue;
    }
    if (d !== 0x7d) return false;
    if (ws(b, i + 1, end) !== end) return false;
    break;
  }
  if (runStart >= 0) key += t.slice(runStart, runEnd);
  out.key = key;
  return true;
}
