import { writeShortest } from './shortest-number.ts';

/**
 * JSON text written straight into a reusable byte buffer and handed over in ~1 MB chunks: what
 * `batch` writes its lines with. Building each line as a string and joining them cost more (copies,
 * rope flattening, garbage) than sizing it.
 */

/** `x`, a non-negative 31-bit integer, in decimal at `buf[pos…]` (room made by the caller); returns where it ends. */
function writeUint(buf: Uint8Array, pos: number, x: number): number {
  let digits = 1;
  for (let t = x; t >= 10; t = (t / 10) | 0) digits++;
  const end = pos + digits;
  let d = end;
  do {
    const q = (x / 10) | 0;
    buf[--d] = 48 + x - q * 10;
    x = q;
  } while (x > 0);
  return end;
}

/** Bytes of an ASCII string (the constant parts of a line). */
export function ascii(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

export class JsonBytes {
  private buf: Buffer;
  /** `buf` seen as a DataView: template parts are copied 8 bytes a store (`run`). */
  private view: DataView;
  private pos = 0;
  /** JSON strings (names, messages) repeat: their bytes, quoted, once each. */
  private readonly quoted = new Map<string, Uint8Array>();

  /** `emit` receives each full chunk and must be done with it when it returns (the buffer is reused). */
  constructor(
    private readonly emit: (bytes: Uint8Array) => void,
    private readonly chunk = 1 << 20,
  ) {
    this.buf = Buffer.allocUnsafe(chunk + (chunk >> 2));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  /** Bytes waiting in the buffer. */
  get length(): number {
    return this.pos;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.length);
  }

  /** Hand the buffer over when it holds at least a chunk (`force`: whatever it holds). */
  flush(force = false): boolean {
    if (this.pos === 0 || (!force && this.pos < this.chunk)) return false;
    this.emit(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return true;
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let pos = this.pos;
    if (n <= 24) for (let i = 0; i < n; i++) buf[pos++] = b[i]!;
    else {
      buf.set(b, pos);
      pos += n;
    }
    this.pos = pos;
  }

  /** The bytes `b[start, end)` (no view of them made). */
  range(b: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.room(n);
    const buf = this.buf;
    let pos = this.pos;
    if (n <= 24) for (let i = start; i < end; i++) buf[pos++] = b[i]!;
    else {
      buf.set(b.subarray(start, end), pos);
      pos += n;
    }
    this.pos = pos;
  }

  /** An ASCII string (digits, constant keys). */
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  /** A longer ASCII string, copied natively (numbers and keys of a whole object at once). */
  latin1(s: string): void {
    this.room(s.length);
    // Buffer's own latin1Write (what buf.write(s, pos, 'latin1') calls after checking its arguments).
    this.pos += (this.buf as Buffer & { latin1Write(s: string, offset: number, length: number): number }).latin1Write(s, this.pos, s.length);
  }

  /** Any text, as UTF-8 (already JSON: e.g. `JSON.stringify(id)`). */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A string as a JSON string (its quoted bytes are kept: names and messages repeat). */
  string(s: string): void {
    let q = this.quoted.get(s);
    if (q === undefined) {
      q = Buffer.from(JSON.stringify(s), 'utf8');
      if (this.quoted.size >= 20_000) this.quoted.clear();
      this.quoted.set(s, q);
    }
    this.bytes(q);
  }

  /** A number as JSON.stringify writes it (non-finite: null). */
  number(x: number): void {
    if (x >= 0 && x <= 0x7fffffff && (x | 0) === x) this.uint(x);
    // JSON.stringify, not String(): see numberText in src/cli/batch.ts (old-generation garbage).
    else if (Number.isFinite(x)) this.ascii(JSON.stringify(x));
    else this.ascii('null');
  }

  /**
   * A template's constant parts with `values[i]` between parts i and i + 1, each as JSON.stringify
   * writes it (NaN as null): one call and one room check for a whole object of numbers. The parts
   * are copied in 8-byte words (ASCII text read as a double is always finite, so it is stored bit
   * for bit: `numberTemplate`), the last word of each spilling up to 7 bytes that what follows overwrites.
   */
  run(t: NumberTemplate, values: Float64Array): void {
    const words = t.words;
    const firstWord = t.firstWord;
    const lengths = t.lengths;
    const n = lengths.length - 1;
    this.room(t.byteLength + 32 * n + 8);
    const buf = this.buf;
    const view = this.view;
    let pos = this.pos;
    for (let i = 0; ; i++) {
      const end = firstWord[i + 1]!;
      for (let w = firstWord[i]!, at = pos; w < end; w++, at += 8) view.setFloat64(at, words[w]!, true);
      pos += lengths[i]!;
      if (i === n) break;
      const x = values[i]!;
      if (x >= 0 && x <= 0x7fffffff && (x | 0) === x) pos = writeUint(buf, pos, x);
      else {
        const e = writeShortest(buf, pos, x);
        if (e >= 0) pos = e;
        else {
          const text = JSON.stringify(x);
          for (let c = 0; c < text.length; c++) buf[pos++] = text.charCodeAt(c);
        }
      }
    }
    this.pos = pos;
  }

  /** A number, or null. */
  numberOrNull(x: number | null): void {
    if (x === null) this.ascii('null');
    else this.number(x);
  }

  boolean(b: boolean): void {
    this.ascii(b ? 'true' : 'false');
  }

  /** A non-negative 31-bit integer, digit by digit. */
  private uint(x: number): void {
    this.room(10);
    this.pos = writeUint(this.buf, this.pos, x);
  }
}

/** Constant ASCII parts with a number between each two (`JsonBytes.run`). */
export interface NumberTemplate {
  /** The parts' bytes in little-endian 8-byte words read as doubles, each part from a word of its own (its last padded). */
  readonly words: Float64Array;
  /** Part i's words are words[firstWord[i] … firstWord[i + 1]). */
  readonly firstWord: Int32Array;
  /** Each part's length in bytes: a number goes after each but the last. */
  readonly lengths: Int32Array;
  /** All the parts' bytes. */
  readonly byteLength: number;
}

/** A template from its parts (n + 1 parts for n numbers, ASCII without DEL). */
export function numberTemplate(...parts: string[]): NumberTemplate {
  const lengths = Int32Array.from(parts, (p) => p.length);
  const firstWord = new Int32Array(parts.length + 1);
  parts.forEach((p, i) => (firstWord[i + 1] = firstWord[i]! + Math.ceil(p.length / 8)));
  const bytes = new Uint8Array(8 * firstWord[parts.length]!).fill(32);
  parts.forEach((p, i) => {
    // Bytes under 0x7f: a word's top byte then keeps its exponent under 0x7ff (no NaN to canonicalize).
    if (!/^[\x00-\x7e]*$/.test(p)) throw new Error(`a template part must be ASCII without DEL: ${JSON.stringify(p)}`);
    bytes.set(ascii(p), 8 * firstWord[i]!);
  });
  const view = new DataView(bytes.buffer);
  const words = Float64Array.from({ length: firstWord[parts.length]! }, (_, w) => view.getFloat64(8 * w, true));
  return { words, firstWord, lengths, byteLength: bytes.length };
}

/** A flat object's keys and values, in order, and its JSON text as bytes. */
interface KeptJson {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  readonly bytes: Uint8Array;
}

/**
 * The JSON text of flat objects that repeat across lines (a deployment's prefill terms, its effective
 * figures, its calibration), as bytes made once: found by one of their values (`by`), then confirmed
 * key by key and value by value, in order, so the bytes are always `JSON.stringify` of the very
 * object given. For objects whose values are numbers, strings, booleans or null. Objects that share
 * their `by` value are all kept under it (two deployments' prefills can take the same time, one
 * bound by its weights and the other by compute: keeping one of them made every line miss).
 */
export class RepeatedJson {
  private readonly kept = new Map<unknown, KeptJson[]>();
  private count = 0;

  constructor(private readonly limit = 5000) {}

  bytes(o: Readonly<Record<string, unknown>>, by: unknown): Uint8Array {
    const under = this.kept.get(by);
    if (under !== undefined) {
      for (let i = 0; i < under.length; i++) if (sameFlat(o, under[i]!)) return under[i]!.bytes;
    }
    const keys: string[] = [];
    const values: unknown[] = [];
    for (const f in o) {
      keys.push(f);
      values.push(o[f]);
    }
    const entry: KeptJson = { keys, values, bytes: Buffer.from(JSON.stringify(o), 'utf8') };
    if (this.count >= this.limit) {
      this.kept.clear();
      this.count = 0;
    }
    const list = this.kept.get(by);
    if (list === undefined) this.kept.set(by, [entry]);
    else list.push(entry);
    this.count++;
    return entry.bytes;
  }
}

/** The same keys in the same order with the same values (`===`: 0 and -0 are both written 0). */
function sameFlat(o: Readonly<Record<string, unknown>>, k: KeptJson): boolean {
  let i = 0;
  for (const f in o) {
    if (f !== k.keys[i] || o[f] !== k.values[i]) return false;
    i++;
  }
  return i === k.keys.length;
}

