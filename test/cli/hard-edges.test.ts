/**
 * "Bad input that hurts" (issue 9), probe by probe, through the command (in process): each one that used to
 * damage a file, hang, abort or print a stack now exits 2 with one sentence naming the field (or is
 * accepted, for a byte order mark), quickly, and leaves every file as it was. Devices are never
 * written: a named pipe and symbolic links made in a temporary folder stand in for /dev/null and
 * /dev/stdout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { helpText } from '../../src/cli/help.ts';
import { MAX_JSON_DEPTH } from '../../src/schema/json-depth.ts';
import { FILE_LIMITS, MAX_LAYERS } from '../../src/schema/limits.ts';
import { type CliResult, parseJsonDocument, runCli, tempDir } from '../helpers/cli.ts';

const tmp = tempDir('hard-edges');
afterAll(() => tmp.remove());
const at = (name: string) => join(tmp.path, name);
const write = (name: string, content: unknown) => {
  writeFileSync(at(name), typeof content === 'string' ? content : JSON.stringify(content));
  return at(name);
};
const fifo = (name: string) => {
  execFileSync('mkfifo', [at(name)]);
  return at(name);
};
const LLAMA_PATH = fileURLToPath(new URL('../fixtures/hf-configs/meta-llama__Meta-Llama-3.1-8B.json', import.meta.url));
const LLAMA = JSON.parse(readFileSync(LLAMA_PATH, 'utf8')) as Record<string, unknown>;
const SIZE = ['--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '10', '--effective-context', '4096'];
const MODEL = ['--model', 'Meta-Llama-3.1-8B', ...SIZE];
const LINE = { model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', storage: 'profile_default', concurrency: 10, effective_context: 4096 };
const nestedArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const model = (over: Record<string, unknown>) => ({ name: 'm1', num_layers: 10, num_key_value_heads: 8, head_dim: 64, max_position_embeddings: 8192, attention_pattern: 'full', default_kv_precision: 'fp8', ...over });
const server = (over: Record<string, unknown>) => ({ name: 's1', gpus: 8, hbm_per_gpu_gb: 80, ...over });

/** Fails with the output when a run took longer than `ms` (a hang or a read of /dev/zero would). */
async function timed(args: readonly string[], ms = 8_000, input?: string): Promise<CliResult> {
  const started = Date.now();
  const r = await runCli(args, input === undefined ? {} : { input });
  expect(Date.now() - started, `llm-sizing ${args.join(' ')} took too long`).toBeLessThan(ms);
  return r;
}

/** Exit 2, nothing on stdout, one clear sentence (no stack trace, no raw control character) with `mentions`. */
function refused(r: CliResult, mentions: readonly string[]): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|unexpected failure/);
  expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  for (const m of mentions) expect(r.stderr).toContain(m);
}

describe('--output-json-file: a regular file, whole; a link written through; a pipe or device never replaced', () => {
  it('refuses a named pipe (standing in for /dev/null) and a link to it, leaving both as they were', async () => {
    const pipe = fifo('out-pipe');
    symlinkSync(pipe, at('out-link-to-pipe'));
    for (const path of [pipe, at('out-link-to-pipe')]) refused(await timed([...MODEL, '--output-json-file', path]), ['--output-json-file', path, 'named pipe (FIFO)']);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(lstatSync(at('out-link-to-pipe')).isSymbolicLink()).toBe(true);
  });

  it('refuses a link to /dev/stdout without touching it, and says how to print to standard output', async () => {
    symlinkSync('/dev/stdout', at('out-stdout'));
    refused(await timed([...MODEL, '--output-json-file', at('out-stdout')]), ['--output-json-file', 'a device, not a regular file']);
    expect(readlinkSync(at('out-stdout'))).toBe('/dev/stdout');
    expect(helpText('size')).toContain('named pipe (/dev/null, /dev/stdout) is refused: use --json-only or --markdown-only');
  });

  it('writes through a symbolic link: the link stays, the file it names holds the whole document', async () => {
    write('real-report.json', 'old');
    symlinkSync('real-report.json', at('report-link.json'));
    const r = await timed([...MODEL, '--output-json-file', at('report-link.json')]);
    expect(r.status).toBe(0);
    expect(lstatSync(at('report-link.json')).isSymbolicLink()).toBe(true);
    expect((parseJsonDocument(readFileSync(at('real-report.json'), 'utf8')) as { feasible: boolean }).feasible).toBe(true);
  });

  it("refuses 'dir/' (a folder's name) instead of creating a file named dir", async () => {
    refused(await timed([...MODEL, '--output-json-file', `${at('newdir')}/`]), ['--output-json-file', 'a path ending in / names a folder']);
    expect(existsSync(at('newdir'))).toBe(false);
  });
});

describe('every file read: a regular file of bounded size, refused at once otherwise', () => {
  it('--models-file /dev/zero exits 2 at once (it used to read until the process aborted)', async () => {
    refused(await timed(['--models-file', '/dev/zero', ...MODEL]), ['--models-file', '"/dev/zero"', 'a device, not a regular file']);
  });

  it.each([
    ['--hf-config', (p: string) => ['--hf-config', p, ...SIZE]],
    ['--servers-file', (p: string) => ['--servers-file', p, ...MODEL]],
    ['--storage-file', (p: string) => ['--storage-file', p, ...MODEL]],
    ['LOGFILE', (p: string) => ['calibrate', p]],
    ['PATH', (p: string) => ['catalog', 'import', p, '--models-file', at('import-target.json')]],
    ['FILE', (p: string) => ['batch', p]],
  ] as const)('%s: /dev/zero, a named pipe and a folder are refused without waiting', async (field, args) => {
    const pipe = fifo(`in-pipe-${field.replace(/\W/g, '')}`);
    for (const [path, reason] of [['/dev/zero', 'a device'], [pipe, 'named pipe (FIFO)'], [tmp.path, 'it is a folder']] as const) {
      refused(await timed(args(path)), [field, reason]);
    }
    expect(existsSync(at('import-target.json'))).toBe(false);
  });

  it('states the limits in --help', () => {
    expect(helpText('size')).toContain(`up to ${FILE_LIMITS.catalog / 1024 / 1024} MiB, JSON nested up to ${MAX_JSON_DEPTH} levels, models of up to 10,000 layers`);
    expect(helpText('calibrate')).toContain(`LOGFILE is a regular file of up to ${FILE_LIMITS.log / 1024 / 1024} MiB.`);
    expect(helpText('batch')).toContain(`each line up to ${FILE_LIMITS.batch_line / 1024 / 1024} MiB`);
    const docs = readFileSync(fileURLToPath(new URL('../../docs/cli.md', import.meta.url)), 'utf8');
    const section = docs.slice(docs.indexOf('## Files and limits'), docs.indexOf('## Modes'));
    for (const [what, bytes] of [['catalog files and `config.json`', FILE_LIMITS.catalog], ['`calibrate` LOGFILE', FILE_LIMITS.log], ['each line at most', FILE_LIMITS.batch_line]] as const) {
      const row = section.split('\n').find((l) => l.includes(what));
      expect(row, what).toContain(`**${bytes / 1024 / 1024} MiB**`);
    }
    expect(section).toContain(`nested at most **${MAX_JSON_DEPTH}** levels`);
    expect(section).toContain(`at most **${MAX_LAYERS.toLocaleString('en')}** layers`);
    expect(docs).toContain('A flag given more than once takes its last value');
  });
});

describe('layer counts and dimensions beyond sane limits: exit 2 at once, never an abort', () => {
  it('a config.json with a billion layers (exit 134 before)', async () => {
    const path = write('billion.json', { ...LLAMA, num_hidden_layers: 1_000_000_000 });
    refused(await timed(['--hf-config', path, ...SIZE], 5_000), ['num_hidden_layers', 'got 1000000000', `a whole number from 1 to ${MAX_LAYERS.toLocaleString('en')}`]);
    refused(await timed(['catalog', 'import', path, '--models-file', at('import-billion.json')], 5_000), ['num_hidden_layers']);
    expect(existsSync(at('import-billion.json'))).toBe(false);
  });

  it.each([
    ['hidden_size', 1e12, '1,048,576'],
    ['num_attention_heads', 1e9, '65,536'],
    ['head_dim', 10_000_000, '65,536'],
    ['vocab_size', 1e15, '16,777,216'],
    ['max_position_embeddings', 1e12, '1,073,741,824'],
  ])('a config.json with %s %d', async (key, value, max) => {
    const path = write(`absurd-${key}.json`, { ...LLAMA, [key]: value });
    refused(await timed(['--hf-config', path, ...SIZE]), [key, `expected a whole number from`, max]);
  });

  it('a catalog entry with a billion layers, or one kv_layers group of a billion', async () => {
    const flat = write('models-billion.json', { models: [model({ num_layers: 1e9 })] });
    refused(await timed(['--models-file', flat, '--model', 'm1', ...SIZE]), ['models[0] (m1).num_layers', 'got 1000000000', 'a whole number from 1 to 10,000']);
    const grouped = write('models-billion-group.json', { models: [model({ num_layers: 10, kv_layers: [{ kind: 'full', count: 1e9, kv_heads: 8, head_dim: 64 }] })] });
    refused(await timed(['--models-file', grouped, '--model', 'm1', ...SIZE]), ['kv_layers[0].count', 'a whole number from 1 to 10,000']);
  });
});

describe('parsing depth is bounded everywhere', () => {
  it.each([
    ['--hf-config', () => ['--hf-config', write('deep-config.json', nestedObject(5000)), ...SIZE], ['--hf-config', `nest at most ${MAX_JSON_DEPTH} levels`]],
    ['--models-file', () => ['--models-file', write('deep-models.json', `{"models": ${nestedArray(5000)}}`), ...MODEL], ['deep-models.json', 'got 5001', `nest at most ${MAX_JSON_DEPTH} levels`]],
    ['--servers-file', () => ['--servers-file', write('deep-servers.json', nestedObject(5000)), ...MODEL], ['deep-servers.json', `nest at most ${MAX_JSON_DEPTH} levels`]],
    ['catalog import', () => ['catalog', 'import', write('deep-import.json', nestedArray(5000)), '--models-file', at('deep-target.json')], ['PATH', `nest at most ${MAX_JSON_DEPTH} levels`]],
  ] as const)('%s nested 5,000 deep: a clear problem, not a stack trace', async (_what, args, mentions) => {
    refused(await timed(args()), mentions);
  });

  it('in batch, a 5,000-deep line is one error line and every other line is still written', async () => {
    const file = write('deep.jsonl', [JSON.stringify({ ...LINE, id: 'a' }), nestedObject(5000), JSON.stringify({ ...LINE, id: 'c' }), `{"id": "d", "x": ${nestedArray(MAX_JSON_DEPTH)}}`].join('\n'));
    const r = await timed(['batch', file]);
    expect(r.status).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; id?: string; feasible?: boolean; error?: { field: string; value: unknown; message: string } });
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
    expect(lines[0]).toMatchObject({ id: 'a', feasible: true });
    expect(lines[1]!.error).toMatchObject({ field: '(line)', value: 5000 });
    expect(lines[1]!.error!.message).toContain(`nest at most ${MAX_JSON_DEPTH} levels`);
    expect(lines[2]).toMatchObject({ id: 'c', feasible: true });
    // Deeper than the bound by one: refused the same way; at the bound it parses (and fails on its field).
    expect(lines[3]!.error!.message).toContain('nest at most');
    expect(r.stderr).toContain('2 of 4 lines invalid');
  });

  it('in batch, a line longer than the limit is one error line, skipped without filling the memory', async () => {
    const long = `{"id": "${'x'.repeat(FILE_LIMITS.batch_line + 10)}"}`;
    const r = await timed(['batch', '-'], 15_000, [JSON.stringify({ ...LINE, id: 'before' }), long, JSON.stringify({ ...LINE, id: 'after' })].join('\n'));
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; id?: string; error?: { message: string } });
    expect(lines.map((l) => [l.line, l.id ?? null])).toEqual([[1, 'before'], [2, null], [3, 'after']]);
    expect(lines[1]!.error!.message).toContain('a line of at most 1 MiB');
    expect(r.status).toBe(2);
  });
});

describe('quantization bits and data-sheet figures that overflow are refused, naming the field', () => {
  it.each([-4, 0, 2.5, 1000])('quantization_config.bits %d', async (bits) => {
    const path = write(`bits-${bits}.json`, { ...LLAMA, quantization_config: { quant_method: 'gptq', bits } });
    refused(await timed(['--hf-config', path, ...SIZE]), ['quantization_config.bits', `got ${bits}`, 'a whole number from 1 to 32']);
  });

  it('quantization_config.bits 4 still reads as half a byte per weight', async () => {
    const path = write('bits-4.json', { ...LLAMA, quantization_config: { quant_method: 'gptq', bits: 4 } });
    const r = await timed(['--hf-config', path, ...SIZE, '--json-only']);
    expect(r.status).toBe(0);
    expect((parseJsonDocument(r.stdout) as { inputs: { model: { weights_bytes_per_param: number; weights_dtype: string } } }).inputs.model).toMatchObject({ weights_bytes_per_param: 0.5, weights_dtype: '4-bit (gptq)' });
  });

  it.each([
    ['hbm_per_gpu_gb', 1e308, 'hbm_per_gpu_gb', 'got 1e+308', 'a number greater than 0 and at most 100,000'],
    ['gpus', 1e12, 'gpus', 'got 1000000000000', 'a whole number from 1 to 100,000'],
    ['total_hbm_gb', 1e300, 'total_hbm_gb', 'got 1e+300', 'at most 10,000,000,000'],
  ])('a server with %s %d', async (key, value, ...mentions) => {
    const path = write(`server-${key}.json`, { servers: [server({ [key]: value })] });
    const r = await timed(['--servers-file', path, '--model', 'Meta-Llama-3.1-8B', '--server', 's1', '--storage', 'profile_default', '--concurrency', '10', '--effective-context', '4096']);
    refused(r, mentions);
    expect(r.stderr).not.toContain('Infinity');
  });

  it('in batch, no line holds a bare Infinity: the overflowing server is refused on every line', async () => {
    const servers = write('servers-overflow.json', { servers: [server({ name: 'huge', hbm_per_gpu_gb: 1e308, total_hbm_gb: 8e308 })] });
    const r = await timed(['batch', '-', '--servers-file', servers], 8_000, JSON.stringify({ ...LINE, server: 'huge' }));
    expect(r.status).toBe(2);
    expect(r.stdout).not.toContain('Infinity');
    expect(r.stderr).toContain('hbm_per_gpu_gb');
  });
});

describe('messages say what was wrong', () => {
  it('--concurrency -Infinity: "-Infinity" is not a number (it said "is missing")', async () => {
    const r = await timed(['--concurrency', '-Infinity', '--model', 'Meta-Llama-3.1-8B', '--server', 'dgx-h100', '--storage', 'profile_default', '--effective-context', '4096']);
    refused(r, ['--concurrency: "-Infinity" is not a number; expected a whole number from 1 to 1,000,000,000.']);
    expect(r.stderr).not.toContain('missing');
  });

  it('a UTF-8 byte order mark is accepted in every JSON input: catalog files, config.json, batch files and standard input', async () => {
    const bom = '\uFEFF';
    const models = write('bom-models.json', bom + JSON.stringify({ models: [model({})] }));
    const config = write('bom-config.json', bom + JSON.stringify(LLAMA));
    const batch = write('bom.jsonl', `${bom}${JSON.stringify(LINE)}\n`);
    expect((await timed(['--models-file', models, '--model', 'm1', ...SIZE])).status).toBe(0);
    expect((await timed(['--hf-config', config, ...SIZE])).status).toBe(0);
    const r = await timed(['batch', batch]);
    expect(r.status, r.stdout).toBe(0);
    expect((await timed(['batch', '-'], 8_000, `${bom}${JSON.stringify(LINE)}\n`)).status).toBe(0);
    const imported = await timed(['catalog', 'import', config, '--models-file', at('bom-import.json')]);
    expect(imported.status).toBe(0);
  });

  it('control characters in echoed values are escaped, never written raw to the terminal', async () => {
    const r = await timed(['--model', '\u001b[31mred\u001b[0m\u0007\u202e', ...SIZE]);
    refused(r, ['--model: unknown name "\\u001b[31mred\\u001b[0m\\u0007\\u202e"']);
    const flag = await timed(['--\u001b[2Jboom', '1', ...MODEL]);
    refused(flag, ['\\u001b[2Jboom']);
  });

  it('long values are cut at 80 characters, ending in "…"', async () => {
    const r = await timed(['--model', 'x'.repeat(5000), ...SIZE]);
    refused(r, [`"${'x'.repeat(79)}…"`]);
    expect(r.stderr).not.toContain('x'.repeat(81));
  });
});

describe('repeated flags', () => {
  it('the last of repeated flags wins, and --help says so for every command', async () => {
    const r = await timed(['--concurrency', '10', ...MODEL, '--concurrency', '20', '--json-only']);
    expect((parseJsonDocument(r.stdout) as { inputs: { nfr: { concurrency: number } } }).inputs.nfr.concurrency).toBe(20);
    const again = await timed([...MODEL, '--concurrency=30', '--json-only']);
    expect((parseJsonDocument(again.stdout) as { inputs: { nfr: { concurrency: number } } }).inputs.nfr.concurrency).toBe(30);
    for (const command of ['size', 'batch', 'catalog', 'calibrate', 'serve'] as const) expect(helpText(command)).toContain('A flag given more than once takes its last value');
  });
});

it('left no stray file in the temporary folder: no refused target, no temporary file', () => {
  const names = readdirSync(tmp.path);
  expect(names.filter((n) => n.endsWith('.tmp') || n.startsWith('.'))).toEqual([]);
  for (const refusedTarget of ['import-target.json', 'import-billion.json', 'deep-target.json', 'newdir']) expect(names).not.toContain(refusedTarget);
  expect(names).toContain('bom-import.json');
});
