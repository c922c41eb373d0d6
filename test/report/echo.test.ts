/**
 * Values echoed in problem messages (src/report/i18n/render.ts, the one place they are rendered):
 * control characters escaped, long values cut with "…", a text where a number belongs called so,
 * in both locales; and what the argument parser hands them (src/cli/args.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.ts';
import { fmt } from '../../src/report/format.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { cut, escapeControls, MAX_ECHOED_CHARS, quote } from '../../src/report/i18n/render.ts';
import type { Problem } from '../../src/schema/problems.ts';
import { NumberLiteral, withNumberLiterals } from '../../src/schema/number-text.ts';
import { ROOT, runCli } from '../helpers/cli.ts';
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

  it.each([
    ['en', 'concurrency: got 1e400; expected a whole number from 1 to 1,000,000,000.'],
    ['pt-BR', 'concurrency: recebido 1e400; esperado um número inteiro de 1 a 1.000.000.000.'],
  ] as const)('a number a JSON text wrote beyond a double is echoed as written, not as Infinity (%s)', (locale, sentence) => {
    expect(problem({ field: 'concurrency', value: new NumberLiteral('1e400'), accepted: { kind: 'integer', min: 1, max: 1_000_000_000 } }, locale)).toBe(sentence);
    expect(JSON.stringify({ value: new NumberLiteral('1e400') })).toBe('{"value":"1e400"}');
    // Made by another copy of src/schema/number-text.ts (each bundle the built command loads on
    // demand holds one): shown as written too, not as the JSON of an object.
    const elsewhere = { [Symbol.for('llm-sizing.NumberLiteral')]: true, text: '1e400', toJSON: () => '1e400' };
    expect(problem({ field: 'concurrency', value: elsewhere, accepted: { kind: 'integer', min: 1, max: 1_000_000_000 } }, locale)).toBe(sentence);
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

describe('numbers a JSON text wrote beyond a double (withNumberLiterals)', () => {
  const INTEGER = { kind: 'integer', min: 1, max: 10 } as const;
  const at = (field: string, value: unknown): Problem => ({ field, value, accepted: INTEGER });
  it.each([
    ['a key', '{"concurrency": 1e400}', 'concurrency', Infinity, '1e400'],
    ['a negative one, capital E and a plus sign', '{"a":1,"concurrency":-1E+999}', 'concurrency', -Infinity, '-1E+999'],
    ['many digits', `{"concurrency":${'9'.repeat(400)}}`, 'concurrency', Infinity, '9'.repeat(400)],
    ['a key given twice: the last, as JSON.parse keeps', '{"concurrency": 1e401, "concurrency": 1e400}', 'concurrency', Infinity, '1e400'],
    ['a nested key', '{"hf_config": {"rope": {"factor": 2}, "num_hidden_layers": 1e999}}', 'hf_config.num_hidden_layers', Infinity, '1e999'],
    ['an item of a list', '{"options": {"tensor_parallel": [4, 8, 2e308]}}', 'options.tensor_parallel[2]', Infinity, '2e308'],
    ['an object in a list', '[{"x": 1}, {"x": -1e400}]', '[1].x', -Infinity, '-1e400'],
    ['strings that look like keys and numbers are passed over', '{"s": "\\"concurrency\\": 1e400, [", "concurrency": 1e400}', 'concurrency', Infinity, '1e400'],
  ])('%s', (_name, text, field, value, written) => {
    expect(JSON.parse(text)).toBeDefined();
    const [p] = withNumberLiterals([at(field, value)], text);
    expect(p?.value).toBeInstanceOf(NumberLiteral);
    expect((p?.value as NumberLiteral).text).toBe(written);
  });

  it.each([
    ['a field named alone, one number beyond a double under that name', '{"request": {"concurrency": 1e400}}', 'concurrency', '1e400'],
    ['an item named by its list alone', '{"options": {"tensor_parallel": [1, -1e400]}}', 'tensor_parallel', '-1e400'],
  ])('%s', (_name, text, field, written) => {
    const [p] = withNumberLiterals([at(field, Infinity)], text);
    expect((p?.value as NumberLiteral).text).toBe(written);
  });

  it('leaves finite values, other fields and infinities it cannot place as they are', () => {
    const text = '{"concurrency": 1e400, "effective_context": 5, "options": {"tensor_parallel": [1e400, 2e400]}}';
    // (tensor_parallel: two numbers beyond a double under that name, so which one is not known.)
    const problems = [at('effective_context', 5), at('elsewhere', Infinity), at('concurrency', 'x'), at('tensor_parallel', Infinity)];
    expect(withNumberLiterals(problems, text)).toEqual(problems);
  });

  it('never throws on a text JSON would refuse (a key with a bad escape, an unclosed string)', () => {
    const [p] = withNumberLiterals([at('k\\x', Infinity)], '{"k\\x": 1e400, "s": "open');
    expect((p?.value as NumberLiteral).text).toBe('1e400');
  });

  it('finds each number beyond a double at its path in any JSON text (property)', () => {
    // JSON values whose numbers may be marked; a marked number is written as a literal beyond a double.
    const key = fc.stringMatching(/^[a-z_]{1,6}$/);
    const { value } = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant('MARK'), fc.string(), fc.boolean(), fc.constant(null)),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(value, fc.boolean(), (v, spaced) => {
        // Each MARK gets a literal of its own (1e400, 2e401, …, some negative), and its path.
        const marks: { path: string; literal: string }[] = [];
        const walk = (x: unknown, path: string): unknown => {
          if (x === 'MARK') {
            const n = marks.length + 1;
            const literal = `${n % 3 === 0 ? '-' : ''}${n}e${400 + n}`;
            marks.push({ path, literal });
            return `@@${n}@@`;
          }
          if (Array.isArray(x)) return x.map((y, i) => walk(y, `${path}[${i}]`));
          if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, walk(y, path === '' ? k : `${path}.${k}`)]));
          return x;
        };
        const marked = walk(v, '');
        let text = JSON.stringify(marked, null, spaced ? 2 : undefined);
        for (const [n, m] of marks.entries()) text = text.replace(`"@@${n + 1}@@"`, m.literal);
        JSON.parse(text);
        const problems = marks.map((m) => at(m.path, m.literal.startsWith('-') ? -Infinity : Infinity));
        const found = withNumberLiterals(problems, text);
        found.forEach((p, i) => {
          if (!(p.value instanceof NumberLiteral) || p.value.text !== marks[i]!.literal) throw new Error(`${marks[i]!.path}: ${String(p.value)} in ${text}`);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('returns the very array, without reading the text, when no problem holds an infinity', () => {
    const problems = [at('concurrency', 0)];
    expect(withNumberLiterals(problems, () => { throw new Error('read'); })).toBe(problems);
  });
});

describe('a batch line and an API body with a number beyond a double', () => {
  const LINE = '{"model":"opt-oss-120b","server":"dgx300","storage":"profile_default","concurrency":1e400,"effective_context":131072}';
  it.each([
    ['en', [], 'stdin:1: concurrency: got 1e400; expected a whole number from 1 to 1,000,000,000.'],
    ['pt-BR', ['--lang', 'pt-BR'], 'stdin:1: concurrency: recebido 1e400; esperado um número inteiro de 1 a 1.000.000.000.'],
    ['en, --fields nodes', ['--fields', 'nodes'], 'stdin:1: concurrency: got 1e400; expected a whole number from 1 to 1,000,000,000.'],
    ['pt-BR, --fields nodes', ['--fields', 'nodes', '--lang', 'pt-BR'], 'stdin:1: concurrency: recebido 1e400; esperado um número inteiro de 1 a 1.000.000.000.'],
  ] as const)('batch (%s) echoes it as written, and its JSON holds the text', async (_name, flags, sentence) => {
    const r = await runCli(['batch', '-', ...flags], { input: `${LINE}\n${LINE}\n` });
    expect(r.status).toBe(2);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { error: { value: unknown; message: string; problems: { value: unknown; message: string }[] } });
    expect(lines).toHaveLength(2);
    // The second line as the first (batch keeps an error's text per kind of mistake).
    lines.forEach((line, i) => {
      expect(line.error.problems[0]).toMatchObject({ value: '1e400', message: sentence.replace('stdin:1:', `stdin:${i + 1}:`) });
      expect(line.error.value).toBe('1e400');
      expect(line.error.message).not.toContain('Infinity');
    });
  });
});

describe('a file with a number beyond a double', () => {
  let dir = '';
  /** `file` of the repository with `from` replaced by `to`, written to the test's folder. */
  const edited = (file: string, from: RegExp, to: string): string => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(text).toMatch(from);
    const path = join(dir, file.replaceAll('/', '_'));
    writeFileSync(path, text.replace(from, to));
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-sizing-literal-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const SIZE = ['--server', 'dgx300', '--storage', 'profile_default', '--concurrency', '5', '--effective-context', '8192'];
  const LLAMA = 'test/fixtures/hf-configs/meta-llama__Meta-Llama-3.1-8B.json';

  it.each([
    ['--hf-config (en)', () => ['--hf-config', edited(LLAMA, /"num_hidden_layers": 32/, '"num_hidden_layers": 1e400'), ...SIZE], 'num_hidden_layers: got 1e400; expected a whole number from 1 to 10,000.'],
    ['--hf-config (pt-BR)', () => ['--hf-config', edited(LLAMA, /"num_hidden_layers": 32/, '"num_hidden_layers": 1e400'), ...SIZE, '--lang', 'pt-BR'], 'num_hidden_layers: recebido 1e400; esperado um número inteiro de 1 a 10.000.'],
    ['catalog import', () => ['catalog', 'import', edited(LLAMA, /"num_hidden_layers": 32/, '"num_hidden_layers": 1e400'), '--models-file', join(dir, 'imported.json')], 'num_hidden_layers: got 1e400;'],
    ['--models-file', () => ['--models-file', edited('docs/examples/my-models.json', /"num_layers": 80/, '"num_layers": 8e400'), '--model', 'dense-70b', ...SIZE], 'models[0] (dense-70b).num_layers: got 8e400; expected a whole number from 1 to 10,000.'],
    ['--prices-file', () => ['--prices-file', edited('docs/examples/my-prices.json', /"capex_usd_per_node": 300000/, '"capex_usd_per_node": -3e999'), '--model', 'opt-oss-120b', ...SIZE], 'got -3e999;'],
    ['validate', () => ['validate', edited('docs/examples/my-models.json', /"num_layers": 80/, '"num_layers": 8e400')], 'models[0] (dense-70b).num_layers: got 8e400;'],
  ] as const)('%s echoes it as the file wrote it, not as Infinity', async (_name, args, sentence) => {
    const r = await runCli(args());
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain(sentence);
    expect(r.stdout + r.stderr).not.toContain('Infinity');
  });

  it('validate --json-only gives the text as the value', async () => {
    const r = await runCli(['validate', edited('docs/examples/my-models.json', /"num_layers": 80/, '"num_layers": 8e400'), '--json-only']);
    const doc = JSON.parse(r.stdout) as { files: { problems: { value: unknown }[] }[] };
    expect(doc.files[0]?.problems[0]?.value).toBe('8e400');
  });
});
