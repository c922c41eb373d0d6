/**
 * A scanner for the plain case of a batch line: one flat JSON object in ASCII whose values are
 * numbers or strings without escapes. It reads the line's bytes as they came in (no decoding, no
 * string built) and finds what `batch --fields` needs per line: where the members that fix the
 * sizing's shape are (every member but the concurrency, the storage profile, the peak headroom, the
 * HA mode and the id) with a hash of their bytes, and the values of those five (numbers as JSON.parse
 * reads them, strings as where they are).
 *
 * It answers only "plainly such a line" (true, `LineScan` filled in) or "not sure" (false): a line
 * that is not JSON, nests, holds `null`, `true`, an escape, a control or non-ASCII character, one of
 * the five twice… is left to the full path (JSON.parse and the validator), which then sizes or
 * explains it. A property test holds it to JSON.parse on valid and invalid lines.
 *
 * @example
 * const s = newLineScan();
 * const line = Buffer.from('{"model":"m","concurrency":10,"server":"s","ha":"n+1"}', 'latin1');
 * scanLine(line, 0, line.length, s) //=> true
 * scannedValues(line, s) //=> { key: '"model":"m""server":"s"', concurrency: 10, storage: undefined, peak_headroom_ratio: undefined, ha: 'n+1', id: undefined }
 */

/** The most runs of adjacent shape members a line can have: the five others split it at most five times. */
const MAX_RUNS = 6;

/**
 * What a scanned line holds. The shape members (`"name":value`, as written, in order) are `runs`:
 * runs of adjacent ones, each `[start, end)` of the line's bytes, and `hash` is a hash of their bytes.
 * The five other members' values: numbers read, strings as `[start, end)` of their text without the
 * quotes (-1: absent). `id` is `[idStart, idEnd)`, the value's JSON text as written.
 */
export interface LineScan {
  runCount: number;
  readonly runs: Int32Array;
  /** The runs as 32-bit words (`runsWords`): the first `wordCount` of `words`. */
  words: Int32Array;
  wordCount: number;
  hash: number;
  concurrency: number | undefined;
  peak_headroom_ratio: number | undefined;
  storageStart: number;
  storageEnd: number;
  haStart: number;
  haEnd: number;
  idStart: number;
  idEnd: number;
  /** ID_NONE, ID_TEXT (a string or an integer of at most 15 digits: its JSON text is JSON.stringify's), or ID_NUMBER (another number: `idNumber`). */
  idKind: number;
  idNumber: number;
}

const ID_NONE = 0;
export const ID_TEXT = 1;
export const ID_NUMBER = 2;

export function newLineScan(): LineScan {
  return {
    runCount: 0,
    runs: new Int32Array(2 * MAX_RUNS),
    words: new Int32Array(256),
    wordCount: 0,
    hash: 0,
    concurrency: undefined,
    peak_headroom_ratio: undefined,
    storageStart: -1,
    storageEnd: -1,
    haStart: -1,
    haEnd: -1,
    idStart: -1,
    idEnd: -1,
    idKind: ID_NONE,
    idNumber: 0,
  };
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

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Exact powers of ten (10^22 is the largest a double holds exactly). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Set by `readNumber`: the number was digits only (no sign, fraction or exponent). */
let digitsOnly = false;
/**
 * Set by `readNumber`: the number's value, as JSON.parse reads it. A typed array's element, not a
 * module variable: storing a fraction in a variable of the module's scope makes a heap number, one
 * allocation per number read.
 */
const numberRead = new Float64Array(1);

/**
 * Read the JSON number starting at `i` (its grammar exactly): its end, or -1; its value in
 * `numberRead[0]`. At most 15 significant digits and a power of ten up to 10^22 are exact in a double,
 * so one multiplication or division by it rounds once, as JSON.parse does (Clinger's fast path);
 * other numbers are read by `Number` from their text.
 */
function readNumber(b: Uint8Array, i: number, end: number): number {
  const start = i;
  let negative = false;
  digitsOnly = true;
  if (i < end && b[i] === 0x2d) {
    negative = true;
    digitsOnly = false;
    i++;
  }
  if (i >= end) return -1;
  let m = 0;
  let digits = 0;
  let c = b[i]!;
  if (c === 0x30) i++;
  else if (c >= 0x31 && c <= 0x39) {
    for (; i < end && isDigit((c = b[i]!)); i++) {
      m = m * 10 + (c - 0x30);
      digits++;
    }
  } else return -1;
  let scale = 0;
  if (i < end && b[i] === 0x2e) {
    digitsOnly = false;
    i++;
    if (!(i < end && isDigit(b[i]!))) return -1;
    for (; i < end && isDigit((c = b[i]!)); i++) {
      m = m * 10 + (c - 0x30);
      // Leading zeros of the fraction count too: they keep `m` small, not the digit count.
      if (m !== 0) digits++;
      scale--;
    }
  }
  let exponent = 0;
  if (i < end && (b[i] === 0x65 || b[i] === 0x45)) {
    digitsOnly = false;
    i++;
    let negativeExponent = false;
    if (i < end && (b[i] === 0x2b || b[i] === 0x2d)) negativeExponent = b[i++] === 0x2d;
    if (!(i < end && isDigit(b[i]!))) return -1;
    for (; i < end && isDigit((c = b[i]!)); i++) if (exponent < 1000) exponent = exponent * 10 + (c - 0x30);
    if (negativeExponent) exponent = -exponent;
  }
  const power = scale + exponent;
  if (digits <= 15 && power >= -22 && power <= 22) {
    const v = power >= 0 ? m * POW10[power]! : m / POW10[-power]!;
    numberRead[0] = negative ? -v : v;
  } else numberRead[0] = Number(latin1(b, start, i));
  return i;
}

/**
 * Character codes on their way to `String.fromCharCode`: a plain array of small integers, which
 * `apply` reads on its fast path (a typed array took ~20 times as long per character, and longer
 * still before it was optimised).
 */
const units: number[] = [];
const UNITS_AT_ONCE = 8192;

/**
 * Node's own latin1 decoding (`Buffer.prototype.latin1Slice`, which takes any Uint8Array as `this`;
 * batch's JsonBytes writes with its `latin1Write` the same way); `undefined` where there is no
 * Buffer (the web page). On the 3,270 line texts `batch --fields` parses in a benchmark run it
 * took 1.5 ms against 18 ms for the loop below, most of which was the loop's first, unoptimised
 * calls and the runtime's `units.length` stores.
 */
const nativeLatin1 = (globalThis as { Buffer?: { prototype: { latin1Slice?: (this: Uint8Array, start: number, end: number) => string } } }).Buffer?.prototype.latin1Slice;

/** The text of the bytes `b[a, c)`, one character per byte (ASCII lines: their text). */
export function latin1(b: Uint8Array, a: number, c: number): string {
  return nativeLatin1 !== undefined ? nativeLatin1.call(b, a, c) : latin1Units(b, a, c);
}

/** `latin1` without a Buffer: character codes through `String.fromCharCode` (exported for its test). */
export function latin1Units(b: Uint8Array, a: number, c: number): string {
  let s = '';
  for (let i = a; i < c; i += UNITS_AT_ONCE) {
    const e = Math.min(c, i + UNITS_AT_ONCE);
    units.length = e - i;
    for (let j = i; j < e; j++) units[j - i] = b[j]!;
    s += String.fromCharCode.apply(null, units);
  }
  units.length = 0;
  return s;
}

/** The end of the string whose opening quote is at `i` (after its closing quote), or -1: no escape, no control or non-ASCII character. */
function stringEnd(b: Uint8Array, i: number, end: number): number {
  for (i++; i < end; i++) {
    const c = b[i]!;
    // Most characters are lower-case letters and `_` (0x5d–0x7e: two comparisons), then digits, `-`, `.`, `+`.
    if (c > 0x5c) {
      if (c < 0x7f) continue;
      return -1;
    }
    if (c > 0x22) {
      if (c !== 0x5c) continue;
      return -1;
    }
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
  }
  return -1;
}

/** The bytes of an ASCII text; `undefined` when it is not ASCII (a scanned line, being ASCII, never holds it). */
export function asciiBytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return undefined;
    out[i] = c;
  }
  return out;
}
const STORAGE_KEY = asciiBytes('storage')!;
const CONCURRENCY_KEY = asciiBytes('concurrency')!;
const HEADROOM_KEY = asciiBytes('peak_headroom_ratio')!;

/** `b[a, a + s.length)` holds exactly the bytes `s`. */
export function bytesAre(b: Uint8Array, a: number, s: Uint8Array): boolean {
  for (let i = 0; i < s.length; i++) if (b[a + i] !== s[i]) return false;
  return true;
}

/** The role of the key `b[a, a + n)`: one of the five the shape leaves out, or SHAPE (any other key, known or not). */
function roleOf(b: Uint8Array, a: number, n: number): number {
  switch (n) {
    case 2: {
      const c0 = b[a];
      const c1 = b[a + 1];
      return c0 === 0x68 && c1 === 0x61 ? HA : c0 === 0x69 && c1 === 0x64 ? ID : SHAPE;
    }
    case 7:
      return bytesAre(b, a, STORAGE_KEY) ? STORAGE : SHAPE;
    case 11:
      return bytesAre(b, a, CONCURRENCY_KEY) ? CONCURRENCY : SHAPE;
    case 19:
      return bytesAre(b, a, HEADROOM_KEY) ? HEADROOM : SHAPE;
    default:
      return SHAPE;
  }
}

/** A DataView of the bytes of `b` (and after them, to the end of its memory), kept while `b` is a view of the same memory at the same offset. */
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
function viewOf(b: Uint8Array): DataView<ArrayBufferLike> {
  if (view.buffer !== b.buffer || view.byteOffset !== b.byteOffset) view = new DataView(b.buffer, b.byteOffset);
  return view;
}

/**
 * The shape runs as 32-bit words, in `s.words`: the number of runs, then for each run its length and
 * its bytes four at a time (the last one to three in one word); and a hash of the words (FNV-1a over
 * 32-bit words). Equal runs give equal words: a kept line text is compared with a line's runs a word
 * at a time (`wordsEqual`), and the hash only picks where to look. (Runs with the same characters
 * one after the other are split the same way: a run never holds a value followed by a quote.)
 */
function runsWords(b: Uint8Array, s: LineScan): number {
  const bytes = viewOf(b);
  const runs = s.runs;
  const count = s.runCount;
  let need = 1;
  for (let r = 0; r < count; r++) need += 1 + ((runs[2 * r + 1]! - runs[2 * r]! + 3) >> 2);
  let w = s.words;
  if (w.length < need) w = s.words = new Int32Array(2 * need);
  let n = 0;
  w[n++] = count;
  let h = Math.imul(0x811c9dc5 ^ count, 0x01000193);
  for (let r = 0; r < count; r++) {
    let i = runs[2 * r]!;
    const end = runs[2 * r + 1]!;
    w[n++] = end - i;
    h = Math.imul(h ^ (end - i), 0x01000193);
    for (; i + 4 <= end; i += 4) {
      // b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24, in one (unaligned) load once optimised.
      const x = bytes.getInt32(i, true);
      w[n++] = x;
      h = Math.imul(h ^ x, 0x01000193);
    }
    if (i < end) {
      let x = 0;
      for (let k = 0; i < end; i++, k += 8) x |= b[i]! << k;
      w[n++] = x;
      h = Math.imul(h ^ x, 0x01000193);
    }
  }
  s.wordCount = n;
  return h ^ (h >>> 15);
}

/** The words of a scanned line's runs equal `keys[at, at + length)` (the words of an earlier line). */
export function wordsEqual(s: LineScan, keys: Int32Array, at: number, length: number): boolean {
  if (s.wordCount !== length) return false;
  const w = s.words;
  for (let i = 0; i < length; i++) if (w[i] !== keys[at + i]) return false;
  return true;
}

/**
 * Scan the line `b[start, end)` (see the module comment). True: `out` holds the line's shape runs,
 * their hash and the five values. False: not plainly such a line; `out` is garbage.
 */
export function scanLine(b: Uint8Array, start: number, end: number, out: LineScan): boolean {
  let i = ws(b, start, end);
  if (i >= end || b[i] !== 0x7b) return false;
  i = ws(b, i + 1, end);
  let seen = 0;
  const runs = out.runs;
  let runCount = 0;
  // The run of shape members being read (adjacent in the text), from its first to its last character.
  let runStart = -1;
  let runEnd = -1;
  out.concurrency = undefined;
  out.peak_headroom_ratio = undefined;
  out.storageStart = out.haStart = out.idStart = -1;
  out.idKind = ID_NONE;
  for (;;) {
    if (i >= end || b[i] !== 0x22) return false;
    const memberStart = i;
    const keyEnd = stringEnd(b, i, end);
    if (keyEnd < 0) return false;
    const role = roleOf(b, i + 1, keyEnd - i - 2);
    i = ws(b, keyEnd, end);
    if (i >= end || b[i] !== 0x3a) return false;
    i = ws(b, i + 1, end);
    const valueStart = i;
    const isString = i < end && b[i] === 0x22;
    i = isString ? stringEnd(b, i, end) : readNumber(b, i, end);
    if (i < 0) return false;
    if (role === SHAPE) {
      if (runStart < 0) runStart = memberStart;
      runEnd = i;
    } else {
      if (runStart >= 0) {
        runs[2 * runCount] = runStart;
        runs[2 * runCount + 1] = runEnd;
        runCount++;
        runStart = -1;
      }
      // Each of these at most once (JSON.parse would keep the last).
      const bit = 1 << role;
      if ((seen & bit) !== 0) return false;
      seen |= bit;
      if (role === ID) {
        out.idStart = valueStart;
        out.idEnd = i;
        // JSON.stringify writes a string without escapes, and an integer of up to 15 digits, as they are written.
        if (isString || (digitsOnly && i - valueStart <= 15)) out.idKind = ID_TEXT;
        else {
          out.idKind = ID_NUMBER;
          out.idNumber = numberRead[0]!;
        }
      } else if (role === CONCURRENCY || role === HEADROOM) {
        if (isString) return false;
        if (role === CONCURRENCY) out.concurrency = numberRead[0];
        else out.peak_headroom_ratio = numberRead[0];
      } else {
        if (!isString) return false;
        if (role === STORAGE) {
          out.storageStart = valueStart + 1;
          out.storageEnd = i - 1;
        } else {
          out.haStart = valueStart + 1;
          out.haEnd = i - 1;
        }
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
  if (runStart >= 0) {
    runs[2 * runCount] = runStart;
    runs[2 * runCount + 1] = runEnd;
    runCount++;
  }
  out.runCount = runCount;
  out.hash = runsWords(b, out);
  return true;
}

/** The shape runs' text, one character per byte, one run after the other (`scannedValues`: tests, documentation). */
export function runsText(b: Uint8Array, s: LineScan): string {
  let text = '';
  for (let r = 0; r < s.runCount; r++) text += latin1(b, s.runs[2 * r]!, s.runs[2 * r + 1]!);
  return text;
}

/** A scanned line's shape text and five values as values (tests, documentation). */
export function scannedValues(b: Uint8Array, s: LineScan): { key: string; concurrency: number | undefined; storage: string | undefined; peak_headroom_ratio: number | undefined; ha: string | undefined; id: string | number | undefined } {
  const text = (a: number, e: number): string | undefined => (a < 0 ? undefined : latin1(b, a, e));
  const idText = text(s.idStart, s.idEnd);
  return {
    key: runsText(b, s),
    concurrency: s.concurrency,
    storage: text(s.storageStart, s.storageEnd),
    peak_headroom_ratio: s.peak_headroom_ratio,
    ha: text(s.haStart, s.haEnd),
    id: s.idKind === ID_NONE ? undefined : s.idKind === ID_NUMBER ? s.idNumber : idText!.startsWith('"') ? idText!.slice(1, -1) : Number(idText),
  };
}
