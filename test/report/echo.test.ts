/**
 * Values echoed in problem messages (src/report/i18n/render.ts, the one place they are rendered):
 * control characters escaped, long values cut with "…", a text where a number belongs called so,
 * in both locales; and what the argument parser hands them (src/cli/args.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.ts';
import { fmt } from '../../src/report/format.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { cut, escapeControls, MAX_ECHOED_CHARS, quote } from '../../src/report/i18n/render.ts';
import type { Problem } from '../../src/schema/problems.ts';
import { codePointArb } from '../helpers/arbitraries.ts';

const RAW = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('quote, escapeControls and cut', () => {
  it.each([
    ['abc', '"abc"'],
    ['\u001b[31mred', '"\\u001b[31mred"'],
    ['a\nb\tc\rd', '"a\\nb\\tc\\rd"'],
    ['bell\u0007 del\u007f c1\u009b', '"bell\\u0007 del\\u007f c1\\u009b"'],
    ['bidi \u202e reversed \u2066', '"bidi \\u202e reversed \\u2066"'],
    ['ação 模型 🙂', '"ação 模型 🙂"'],
    ['x'.repeat(81), `"${'x'.repeat(79)}…"`],
    ['x'.repeat(80), `"${'x'.repeat(80)}"`],
    [-Infinity, '-Infinity'],
    [{ a: '\u001b' }, '{"a":"\\u001b"}'],
    [Array(100).fill(1), `${JSON.stringify(Array(100).fill(1)).slice(0, 79)}…`],
  ])('quote(%j) is %s', (value, shown) => {
    expect(quote(value)).toBe(shown);
  });

  it('never lets a control character through and never shows more than the limit', () =>
    fc.assert(
      fc.property(fc.string({ unit: codePointArb, maxLength: 300 }), (s) => {
        const q = quote(s);
        expect(q).not.toMatch(RAW);
        expect(q.length).toBeLessThanOrEqual(MAX_ECHOED_CHARS + 2);
        expect(escapeControls(s)).not.toMatch(RAW);
      }),
    ));

  it('cuts before a surrogate pair rather than inside it', () => {
    const text = `${'x'.repeat(MAX_ECHOED_CHARS - 2)}🙂🙂`;
    expect(cut(text)).toBe(`${'x'.repeat(MAX_ECHOED_CHARS - 2)}…`);
  });
});

describe('problem sentences', () => {
  const problem = (p: Problem, locale: 'en' | 'pt-BR' = 'en') => messagesFor(locale).problem(p, p.field, fmt(locale));

  it('escape control characters wherever they come from: the field, the value, the source', () => {
    const text = problem({ field: '--\u001b[2Jx', value: undefined, accepted: { kind: 'flag', known: ['--model'], command: 'size' }, source: 'a\u001b]0;title\u0007.json' });
    expect(text).not.toMatch(RAW);
    expect(text).toContain('--\\u001b[2Jx');
    expect(text).toContain('a\\u001b]0;title\\u0007.json');
  });

  it.each([
    ['en', '--concurrency: "-Infinity" is not a number; expected a whole number from 1 to 1,000,000,000.'],
    ['pt-BR', '--concurrency: "-Infinity" não é um número; esperado um número inteiro de 1 a 1.000.000.000.'],
  ] as const)('a text where a number belongs says so (%s)', (locale, sentence) => {
    expect(problem({ field: '--concurrency', value: '-Infinity', accepted: { kind: 'integer', min: 1, max: 1_000_000_000 } }, locale)).toBe(sentence);
  });

  it.each([
    ['en', '--concurrency: got "1e400"; expected a whole number from 1 to 1,000,000,000.'],
    ['pt-BR', '--concurrency: recebido "1e400"; esperado um número inteiro de 1 a 1.000.000.000.'],
  ] as const)("a flag's number beyond a double is echoed as typed, as a number out of range (%s)", (locale, sentence) => {
    expect(problem({ field: '--concurrency', value: '1e400', accepted: { kind: 'integer', min: 1, max: 1_000_000_000 } }, locale)).toBe(sentence);
    // The same text as a JSON string (a batch line, an API body) is a text where a number belongs.
    expect(problem({ field: 'concurrency', value: '1e400', accepted: { kind: 'integer', min: 1, max: 1_000_000_000 } }, locale)).toContain('"1e400" ' + (locale === 'en' ? 'is not a number' : 'não é um número'));
  });

  it('a number out of range still says what it got', () => {
    expect(problem({ field: '--concurrency', value: -5, accepted: { kind: 'integer', min: 1, max: 10 } })).toBe('--concurrency: got -5; expected a whole number from 1 to 10.');
  });

  it.each([
    ['fifo', 'it is a named pipe (FIFO), not a regular file'],
    ['device', 'it is a device, not a regular file'],
    ['socket', 'it is a socket, not a regular file'],
    ['names_folder', 'a path ending in / names a folder, not a file'],
  ] as const)('file reason %s', (reason, words) => {
    expect(problem({ field: '--output-json-file', value: 'x', accepted: { kind: 'writable_path', reason } })).toContain(`(${words})`);
    expect(problem({ field: '--output-json-file', value: 'x', accepted: { kind: 'writable_path', reason } }, 'pt-BR')).not.toContain(words);
  });

  it('a file over its limit names the limit', () => {
    expect(problem({ field: '--models-file', value: 'big.json', accepted: { kind: 'readable_file', reason: 'too_large', maxBytes: 16 * 1024 * 1024 } })).toBe(
      '--models-file: got "big.json"; expected a readable file (it is larger than 16 MiB, the most read for this kind of file).',
    );
  });
});

describe('argv: values that start with a dash, and repeated flags', () => {
  const values = (argv: string[]) => {
    const r = parseCli(argv);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.args.values;
  };
  it.each(['-Infinity', '-inf', '-NaN', '-5', '-.5', '-1e9', '-x'])('--concurrency %s is the value, not a missing one', (v) => {
    expect(values(['--concurrency', v]).concurrency).toBe(v);
  });
  it('a short flag after a flag that takes a value is still the short flag', () => {
    const r = parseCli(['--model', '-h']);
    expect(r.ok).toBe(false);
  });
  it('the last of repeated flags wins, in either spelling', () => {
    expect(values(['--concurrency', '10', '--concurrency', '20']).concurrency).toBe('20');
    expect(values(['--concurrency=10', '--concurrency', '30']).concurrency).toBe('30');
    expect(values(['--model', 'a', '--model=b']).model).toBe('b');
    expect(values(['--lang', 'pt-BR', '--lang', 'en']).lang).toBe('en');
  });
  it('problems come in the language of the last --lang too', () => {
    const r = parseCli(['--lang', 'en', '--lang=pt-BR', '--bogus']);
    expect(!r.ok && r.locale).toBe('pt-BR');
  });
});
