/**
 * `batch --fields` answers plain lines from their text (src/app/line-scan.ts) instead of JSON.parse
 * and the validator. These tests hold the scanner to JSON.parse on valid and invalid lines, and the
 * whole `batch --fields` output to the full path (each line through `batchLine`: JSON.parse, the
 * validator, the whole sizing when needed) byte for byte, errors included, on varied and mangled
 * lines cut into chunks anywhere.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchLineTexts } from '../../bench/lines.mjs';
import { compileFields } from '../../src/app/fields.ts';
import { ID_TEXT, latin1, latin1Units, newLineScan, scanLine, scannedValues } from '../../src/app/line-scan.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { type BatchCounts, batchLine, batchStream, BatchWriter, type ByteSource } from '../../src/cli/batch.ts';
import { JsonBytes } from '../../src/cli/json-bytes.ts';
import { renderContext } from '../../src/report/context.ts';
import type { Locale } from '../../src/report/format.ts';
import { closest, editDistance } from '../../src/schema/problems.ts';
import { REQUEST_FIELDS } from '../../src/schema/request.ts';
import { codePointArb } from '../helpers/arbitraries.ts';
import { is, sameText } from '../helpers/check.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
const TRAFFIC = ['concurrency', 'storage', 'peak_headroom_ratio', 'ha', 'id'] as const;

/** Scan an ASCII line as batch does (its bytes), and what the scan read, as values. */
function scan(text: string) {
  const scanned = newLineScan();
  const bytes = Buffer.from(text, 'latin1');
  const ok = scanLine(bytes, 0, bytes.length, scanned);
  // The id's text as written, when batch copies it as it is (JSON.stringify's text of the id).
  const idText = ok && scanned.idKind === ID_TEXT ? text.slice(scanned.idStart, scanned.idEnd) : undefined;
  return { ok, s: ok ? scannedValues(bytes, scanned) : scannedValues(bytes, newLineScan()), hash: scanned.hash, idText };
}

// Lines built from members: keys and value texts, valid and not, with JSON's whitespace or not.
const keyArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...REQUEST_FIELDS, ...TRAFFIC) },
  { weight: 1, arbitrary: fc.constantFrom('Concurrency', 'concurrency ', 'idx', 'i', '__proto__', '', 'h\\u0061', 'kv_precison', '1') },
);
const numberText = fc.oneof(
  fc.integer({ min: -10, max: 2_000_000 }).map(String),
  fc.double({ noNaN: true }).map((x) => JSON.stringify(x)),
  fc.constantFrom('-0', '0.5', '1e3', '1E+3', '2.5e-1', '1000.0', '123456789012345678', '01', '1.', '.5', '+1', '-', '1e', '0x10', 'NaN', 'Infinity', '1_000'),
  // Read exactly by the scanner's own arithmetic, or by Number: at and past 15 digits and 10^22.
  fc.constantFrom('0.35', '0.000001', '0.1e-22', '123456789012345.6', '999999999999999', '9007199254740993', '1.7976931348623157e308', '5e-324', '1e22', '1e23', '12345e-5', '-0.0e5', '0.30000000000000004', '1e400', '1e-400'),
  fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 99999 }), fc.integer({ min: -30, max: 30 })).map(([a, b, e]) => `${a}.${b}e${e}`),
);
const stringText = fc.oneof(
  fc.constantFrom('"opt-oss-120b"', '"dgx300"', '"profile_default"', '"fp16"', '"n+1"', '"none"', '"N+1"', '"vllm"', '"32k"', '""', '"a\\"b"', '"opt\\u002doss-120b"', '"\t"', '"é"'),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 6 }).map((s) => `"${s}"`),
);
const otherText = fc.constantFrom('null', 'true', 'false', '[]', '{}', '[1]', '{"a":1}', '"', '');
const valueArb = fc.oneof({ weight: 4, arbitrary: numberText }, { weight: 4, arbitrary: stringText }, { weight: 1, arbitrary: otherText });
const wsArb = fc.constantFrom('', '', '', ' ', '\t', '\r', '  ', '\f', '\u00a0');
const lineArb = fc
  .record({
    members: fc.array(fc.tuple(keyArb, valueArb, wsArb, wsArb), { maxLength: 10 }),
    open: wsArb,
    close: wsArb,
    mangle: fc.option(fc.tuple(fc.nat(), fc.constantFrom('', ',', '}', '{', '"', ':', 'x', ' ')), { freq: 4 }),
  })
  .map(({ members, open, close, mangle }) => {
    const text = `${open}{${members.map(([k, v, a, b]) => `${a}"${k}"${b}:${a}${v}${b}`).join(',')}}${close}`;
    if (mangle === null) return text;
    const [at, insert] = mangle;
    const i = at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0));
  });

const isAscii = (t: string): boolean => /^[\x00-\x7f]*$/.test(t);
/**
 * The ASCII lines of lineArb (the scanner is given bytes; these tests take each character for one). A
 * filter, not fc.pre in the property: the same lines, and each of numRuns is still a line checked, but
 * a line refused is drawn again at once instead of thrown as a skipped run (two in three are refused).
 */
const asciiLineArb = lineArb.filter(isAscii);

describe('latin1: one character per byte', () => {
  it('Node\'s latin1Slice (what latin1 uses under Node) and the String.fromCharCode loop (without a Buffer) give the text Buffer decodes, for any bytes and range (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20_000 }), fc.nat(), fc.nat(), (bytes, x, y) => {
        const a = x % (bytes.length + 1);
        const c = a + (y % (bytes.length - a + 1));
        const expected = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1', a, c);
        is(latin1(bytes, a, c), expected);
        is(latin1Units(bytes, a, c), expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('scanLine against JSON.parse', () => {
  it('accepts only what JSON.parse reads as an object, with the same five values, and a key that fixes every other member (property)', () => {
    // A key met twice must stand for the same members, in the same order.
    const byKey = new Map<string, string>();
    const hashes = new Map<string, number>();
    let accepted = 0;
    fc.assert(
      fc.property(asciiLineArb, (text) => {
        const { ok, s, hash, idText } = scan(text);
        let parsed: unknown;
        let threw = false;
        try {
          parsed = JSON.parse(text);
        } catch {
          threw = true;
        }
        if (!ok) return;
        accepted++;
        is(threw, false, text);
        is(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), true, text);
        const record = parsed as Record<string, unknown>;
        // toBe: Object.is, so -0 stays -0.
        is(s.concurrency, record.concurrency, text);
        is(s.storage, record.storage, text);
        is(s.peak_headroom_ratio, record.peak_headroom_ratio, text);
        is(s.ha, record.ha, text);
        is(s.id, record.id, text);
        if (idText !== undefined) is(idText, JSON.stringify(record.id), text);
        // The same shape text, the same hash (lookups compare the bytes; the hash picks the slot).
        is(hashes.get(s.key) ?? hash, hash, text);
        hashes.set(s.key, hash);
        const rest = JSON.stringify(Object.entries(record).filter(([k]) => !(TRAFFIC as readonly string[]).includes(k)));
        const before = byKey.get(s.key);
        if (before === undefined) byKey.set(s.key, rest);
        else is(rest, before, text);
      }),
      { numRuns: 20_000 },
    );
    // The property above must not hold by refusing everything.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('accepts the plain lines batch is given (bench/lines.mjs), so they take the fast path', () => {
    const texts = batchLineTexts(2000, { seed: 3, configurations: 50 });
    const accepted = texts.filter((t) => scan(t).ok).length;
    expect(accepted).toBeGreaterThan(texts.length * 0.98);
  });

  it.each([
    ['{"model":"m","concurrency":10,"server":"s","ha":"n+1"}', { key: '"model":"m""server":"s"', concurrency: 10, ha: 'n+1' }],
    [' { "id" : 7 , "model" : "m" , "server":"s" } ', { key: '"model" : "m" , "server":"s"', id: 7 }],
    ['{"id":"a-1","peak_headroom_ratio":0.35,"storage":"profile_default"}', { key: '', id: 'a-1', peak_headroom_ratio: 0.35, storage: 'profile_default' }],
    ['{"concurrency":1e3,"id":-0}', { key: '', concurrency: 1000, id: -0 }],
  ] as const)('reads %s', (text, expected: Record<string, unknown>) => {
    const { ok, s } = scan(text);
    expect(ok).toBe(true);
    expect(s).toEqual({ key: '', concurrency: undefined, storage: undefined, peak_headroom_ratio: undefined, ha: undefined, id: undefined, ...expected });
  });

  it.each([
    // Runs longer than the characters converted at once (8,192), split by the traffic members.
    ['runs of 9,000 and 20,000 characters', `{"model":"${'m'.repeat(9000)}","concurrency":5,"x":"${'y'.repeat(20000)}","ha":"none","z":1}`, { key: `"model":"${'m'.repeat(9000)}""x":"${'y'.repeat(20000)}""z":1`, concurrency: 5, ha: 'none' }],
    ['an id of 8,190 characters', `{"id":"${'i'.repeat(8190)}","a":1}`, { key: '"a":1', id: 'i'.repeat(8190) }],
  ] as const)('reads a line with %s', (_, text, expected: Record<string, unknown>) => {
    const { ok, s } = scan(text);
    expect(ok).toBe(true);
    expect(s).toEqual({ key: '', concurrency: undefined, storage: undefined, peak_headroom_ratio: undefined, ha: undefined, id: undefined, ...expected });
  });

  it.each([
    ['two concurrencies', '{"concurrency":1,"concurrency":2}'],
    ['an escape', '{"model":"a\\u0062"}'],
    ['a null', '{"model":"m","ha":null}'],
    ['a nested value', '{"model":{"name":"m"}}'],
    ['a concurrency as text', '{"concurrency":"10"}'],
    ['trailing text', '{"model":"m"} x'],
    ['a trailing comma', '{"model":"m",}'],
    ['a leading zero', '{"concurrency":010}'],
    ['not an object', '["model"]'],
    ['an empty object', '{}'],
    ['a control character in a string', '{"id":"a\tb"}'],
  ])('leaves %s to the full path', (_, text) => {
    expect(scan(text).ok).toBe(false);
  });
});

/** The reference: each line through batchLine (JSON.parse, the validator, the field readers), as batch did before the scanner. */
function fullPath(text: string, locale: Locale, fields: readonly string[]): string {
  const compiled = compileFields(fields);
  if (!compiled.ok) throw new Error('fields');
  const chunks: Buffer[] = [];
  const writer = new BatchWriter(new JsonBytes((b) => chunks.push(Buffer.from(b))), renderContext({ locale }));
  const counts: BatchCounts = { lines: 0, sized: 0, invalid: 0, infeasible: 0 };
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((l, i) => batchLine(l.endsWith('\r') ? l.slice(0, -1) : l, i + 1, 'test', catalog, writer, counts, { fields: compiled.value }));
  writer.out.flush(true);
  return Buffer.concat(chunks).toString('utf8');
}

async function viaStream(text: string, cuts: readonly number[], locale: Locale, fields: readonly string[]): Promise<string> {
  const compiled = compileFields(fields);
  if (!compiled.ok) throw new Error('fields');
  const bytes = Buffer.from(text, 'utf8');
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces = [0, ...at].map((a, i) => bytes.subarray(a, i < at.length ? at[i] : bytes.length)).filter((p) => p.length > 0);
  const chunks: Buffer[] = [];
  await batchStream(Readable.from(pieces, { objectMode: false }), 'test', catalog, renderContext({ locale }), (b) => chunks.push(Buffer.from(b)), undefined, { fields: compiled.value });
  return Buffer.concat(chunks).toString('utf8');
}

/** The same through a byte source (a regular file's reads: `batch FILE --fields`), each read ending at the next cut (or where the buffer ends). */
async function viaSource(text: string, cuts: readonly number[], locale: Locale, fields: readonly string[], maxLine?: number): Promise<string> {
  const compiled = compileFields(fields);
  if (!compiled.ok) throw new Error('fields');
  const bytes = Buffer.from(text, 'utf8');
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1))), bytes.length].sort((a, b) => a - b);
  let pos = 0;
  const source: ByteSource = {
    read(into, offset, most) {
      const next = at.find((c) => c > pos) ?? bytes.length;
      const n = Math.min(most, next - pos);
      bytes.copy(into, offset, pos, pos + n);
      pos += n;
      return n;
    },
  };
  const chunks: Buffer[] = [];
  await batchStream(source, 'test', catalog, renderContext({ locale }), (b) => chunks.push(Buffer.from(b)), undefined, { fields: compiled.value }, maxLine);
  return Buffer.concat(chunks).toString('utf8');
}

/** Variants of a plain line that the scanner must refuse or read exactly: the full path decides. */
function mangled(text: string, k: number): string {
  const o = JSON.parse(text) as Record<string, unknown>;
  switch (k % 12) {
    case 0:
      return JSON.stringify(o, null, 1).replace(/\n/g, ' ');
    case 1:
      return JSON.stringify(Object.fromEntries(Object.entries(o).reverse()));
    case 2:
      return JSON.stringify({ ...o, id: 'é-ü' });
    case 3:
      return text.replace(/"model":"/, '"model":"\\u0020');
    case 4:
      return text.replace(/}$/, ',"ha":"N+1"}');
    case 5:
      return `${text}\r`;
    case 6:
      return text.replace(/"concurrency":(\d+)/, '"concurrency":$1.0');
    case 7:
      return text.replace(/"concurrency":(\d+)/, '"concurrency":-0');
    case 8:
      return text.replace(/}$/, ',"storage":"nope"}');
    case 9:
      return text.replace(/}$/, ',"peak_headroom_ratio":null}');
    case 10:
      return text.replace(/}$/, `,"id":${k}.50}`);
    default:
      return '';
  }
}

describe('batch --fields: the fast path writes what the full path writes', () => {
  const plain = batchLineTexts(1500, { seed: 21, configurations: 60 });
  const texts = plain.flatMap((t, i) => (i % 5 === 0 && t.startsWith('{') && !t.endsWith(' ') ? [t, mangled(t, i)] : [t]));
  // Each shape met several times: the first time the full path sizes it, later lines are read from their text.
  const input = `\uFEFF${[...texts, ...texts.slice(0, 700)].join('\n')}\n`;

  for (const [locale, fields] of [
    ['en', ['nodes']],
    ['pt-BR', ['nodes', 'feasible', 'sessions_per_node', 'kv_bytes_per_session', 'scenarios.ideal.results.nodes_capacity']],
  ] as const) {
    it(`byte for byte on ${texts.length + 700} varied and mangled lines, cut into chunks anywhere (${locale}, ${fields.join(',')}) (property)`, async () => {
      const expected = fullPath(input, locale, fields);
      expect(expected).toContain('"error"');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
          sameText(await viaStream(input, cuts, locale, fields), expected, 'from a stream');
          sameText(await viaSource(input, cuts, locale, fields), expected, 'from a byte source');
        }),
        { numRuns: 6 },
      );
    });
  }
});

describe('batch --fields: the line buffer grows for a long line and for a long chunk', () => {
  it('a line of 900,000 characters between plain lines, and 2.5 MB in one chunk, are read as the full path reads them', async () => {
    const plain = batchLineTexts(12_000, { seed: 3, configurations: 40 });
    const long = JSON.stringify({ id: 'z'.repeat(900_000), model: 'opt-oss-120b', server: 'dgx300', concurrency: 10, effective_context: 4096 });
    const input = `${[plain[0], long, ...plain.slice(1)].join('\n')}\n`;
    expect(input.length).toBeGreaterThan(2 << 20);
    const expected = fullPath(input, 'en', ['nodes']);
    expect(expected).toContain(`"id":"${'z'.repeat(900_000)}"`);
    // One read, or one chunk, as large as the reader allows.
    sameText(await viaSource(input, [], 'en', ['nodes']), expected, 'from a byte source, one read');
    sameText(await viaStream(input, [], 'en', ['nodes']), expected, 'from a stream, one chunk');
    sameText(await viaSource(input, [plain[0]!.length + 500_000], 'en', ['nodes']), expected, 'from a byte source, cut in the long line');
  });
});

describe('batch reads bytes: line lengths count characters, as the text path it replaced did', () => {
  it('a line over the limit in bytes but not in characters is sized; over it in characters, one error line, the rest skipped', async () => {
    const line = (id: string) => JSON.stringify({ id, model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072 });
    const maxLine = line('').length + 40;
    const input = [
      line('é'.repeat(40)), // 40 characters more, 80 bytes more: within the limit
      line('x'.repeat(41)), // one character over
      line('ü'.repeat(41)), // one character over, in two-byte characters
      `${line('y'.repeat(5000))}`, // longer than a chunk: refused before its newline, then skipped
      line('after'),
    ].join('\n');
    const run = async (fields: readonly string[], cuts: readonly number[], via: 'stream' | 'source') => {
      const compiled = compileFields(fields);
      if (!compiled.ok) throw new Error('fields');
      const bytes = Buffer.from(`${input}\n`, 'utf8');
      let text: string;
      if (via === 'source') text = await viaSource(bytes.toString('utf8'), cuts, 'en', fields, maxLine);
      else {
        const at = [...cuts, bytes.length].sort((a, b) => a - b);
        const pieces = at.map((e, i) => bytes.subarray(i === 0 ? 0 : at[i - 1], e)).filter((p) => p.length > 0);
        const chunks: Buffer[] = [];
        await batchStream(Readable.from(pieces, { objectMode: false }), 'test', catalog, renderContext({ locale: 'en' }), (b) => chunks.push(Buffer.from(b)), undefined, { fields: compiled.value }, maxLine);
        text = Buffer.concat(chunks).toString('utf8');
      }
      return text.trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number; id?: string; error?: { value: string; problems: { accepted: { rule?: string } }[] } });
    };
    // `nodes` takes the byte path; with `alerts` the list is sized whole, each line decoded and parsed
    // (the path of every line without `--fields`; it read text until issue 8's memory work). Each
    // from a stream and from a byte source (a regular file's reads).
    for (const via of ['stream', 'source'] as const) {
      for (const cuts of [[], [7, 300, 1000, 3000, 5000]]) {
        const bytePath = await run(['nodes'], cuts, via);
        const textPath = await run(['nodes', 'alerts'], cuts, via);
        expect(bytePath.map((l) => [l.line, l.id ?? null, l.error?.problems[0]?.accepted.rule ?? null, l.error?.value ?? null])).toEqual(
          textPath.map((l) => [l.line, l.id ?? null, l.error?.problems[0]?.accepted.rule ?? null, l.error?.value ?? null]),
        );
        expect(bytePath.map((l) => l.error?.problems[0]?.accepted.rule ?? l.id)).toEqual(['é'.repeat(40), 'batch_line_length', 'batch_line_length', 'batch_line_length', 'after']);
      }
    }
  });
});

describe('editDistance', () => {
  /** The definition: Levenshtein over UTF-16 units, each compared in lower case. */
  function reference(a: string, b: string): number {
    const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    // Each unit in lower case once, not once per cell.
    const lowerB: string[] = [];
    for (let j = 0; j < b.length; j++) lowerB.push(b[j]!.toLowerCase());
    for (let i = 1; i <= a.length; i++) {
      let diag = prev[0]!;
      prev[0] = i;
      const lowerA = a[i - 1]!.toLowerCase();
      for (let j = 1; j <= b.length; j++) {
        const up = prev[j]!;
        prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (lowerA === lowerB[j - 1] ? 0 : 1));
        diag = up;
      }
    }
    return prev[b.length]!;
  }
  it('equals the definition on any texts (property)', () => {
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: codePointArb, maxLength: 8 }), fc.constantFrom('İstanbul', 'ǅ', 'ΣΑΣ', 'opt-OSS-120b'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        is(editDistance(a, b), reference(a, b));
      }),
      { numRuns: 2000 },
    );
  });
  it('closest gives the name the definition gives (property)', () => {
    /** closest as first written: the reference distance to each name, the same rules after. */
    function closestReference(given: string, known: readonly string[]): string | undefined {
      if (given.length > 200) return undefined;
      let best: string | undefined;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (const k of known) {
        const d = reference(given, k);
        if (d < bestDistance) {
          best = k;
          bestDistance = d;
        }
      }
      const lowerGiven = given.toLowerCase();
      if (best !== undefined && (bestDistance <= Math.max(2, Math.floor(given.length / 3)) || best.toLowerCase().includes(lowerGiven))) return best;
      return known.find((k) => k.toLowerCase().includes(lowerGiven) || lowerGiven.includes(k.toLowerCase()));
    }
    const names = [...REQUEST_FIELDS, ...BUILTIN_CATALOG.models.map((m) => m.name), 'İstanbul', 'ΣΑΣ'];
    const given = fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 12 }), fc.constantFrom(...names).map((n) => `${n}-x`), fc.constantFrom(...names).map((n) => n.toUpperCase().slice(1)));
    fc.assert(
      fc.property(given, fc.subarray(names, { minLength: 1 }), (g, known) => {
        is(closest(g, known), closestReference(g, known));
      }),
      { numRuns: 1000 },
    );
    // A frozen list's answers are memoised (batch lines repeat unknown names): asked again and again,
    // among other lists of the same names, they stay the definition's.
    const frozen = [Object.freeze([...names]), Object.freeze(names.slice(0, 40)), Object.freeze(names.slice(20).reverse())];
    fc.assert(
      fc.property(fc.array(fc.tuple(given, fc.nat(frozen.length - 1)), { minLength: 1, maxLength: 20 }), (asks) => {
        // The definition's answer to each ask, worked out once for both rounds.
        const expected = asks.map(([g, i]) => closestReference(g, frozen[i]!));
        for (const [n, [g, i]] of [...asks, ...asks].entries()) is(closest(g, frozen[i]!), expected[n % asks.length]);
      }),
      { numRuns: 300 },
    );
  });
});
