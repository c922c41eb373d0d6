/**
 * `llm-sizing calibrate`: the flags it prints reproduce the engine's own capacity when sizing, and are
 * always flags the sizing accepts (a property over random numbers in every line format it reads).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { parseCli, requestFromFlags } from '../../src/cli/args.ts';
import { parseEngineLog } from '../../src/engines/calibrate.ts';
import { ENGINE_SETTINGS, type MemoryModel, type SettingField, type SettingRow } from '../../src/engines/settings.ts';
import { calibrationNote } from '../../src/report/i18n/calibration.ts';
import { validateRequest } from '../../src/schema/request.ts';
import { parseJsonDocument, ROOT, runCli, tempDir } from '../helpers/cli.ts';
import { is } from '../helpers/check.ts';

const tmp = tempDir('llm-sizing-calibrate-');
afterAll(() => tmp.remove());

const TRT_LOG = `[TRT-LLM] [I] Peak memory during memory usage profiling (torch + non-torch): 113.65 GiB, available KV cache memory when calculating max tokens: 5.95 GiB, fraction is set 0.8999999761581421, kv size is 73728. device total memory 119.70 GiB, , tmp kv_mem 0.56 GiB
[TRT-LLM] [I] Estimated max memory in KV cache : 5.95 GiB
[TensorRT-LLM][INFO] Number of tokens per block: 32.
[TensorRT-LLM][INFO] [MemUsageChange] Allocated 5.95 GiB for max tokens in paged KV cache (86720).
`;

const FIXTURES = join(ROOT, 'test', 'fixtures', 'calibrate');

/** The flags of a printed `llm-sizing …` line, without the placeholders (`--server …`). */
function printedFlags(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((l) => l.trim().startsWith('llm-sizing '))
    .map((line) => line.trim().split(/\s+/).slice(1).filter((w, i, all) => !(w === '…' || (all[i + 1] === '…' && w.startsWith('--')))));
}

describe('llm-sizing calibrate', () => {
  it('prints the flags that reproduce a TensorRT-LLM log, and sizing with them gives its 86,720 tokens within rounding', async () => {
    const log = join(tmp.path, 'trtllm.log');
    writeFileSync(log, TRT_LOG);
    const r = await runCli(['calibrate', log]);
    expect(r.status).toBe(0);
    const [flags] = printedFlags(r.stdout);
    expect(flags).toEqual(expect.arrayContaining(['--memory-model', 'trtllm', '--kv-cache-memory-gib', '5.95', '--tokens-per-block', '32']));
    const sized = await runCli(['--model', 'gpt-oss-120b', '--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '10', '--effective-context', '131072', ...flags!, '--json-only']);
    const doc = parseJsonDocument(sized.stdout) as { scenarios: { minimum: { engine: { kv_tokens: number; max_concurrency: number } } } };
    // 5.95 GiB is printed to 2 decimals: ±0.005 GiB is ±73 tokens of 73,728 bytes.
    expect(Math.abs(doc.scenarios.minimum.engine.kv_tokens - 86_720)).toBeLessThanOrEqual(73);
  });

  it('reads the model and TP 4 from vLLM\'s config line, and sizing with its flags gives the logged 903,328 tokens', async () => {
    const r = await runCli(['calibrate', join(FIXTURES, 'vllm-v1-llama70b-tp4-fp8.txt')]);
    expect(r.status).toBe(0);
    const [flags] = printedFlags(r.stdout);
    expect(flags!.slice(0, 2)).toEqual(['--model', 'Meta-Llama-3.1-70B']);
    const sized = await runCli(['--server', 'dgx-h100', '--storage', 'profile_default', '--concurrency', '10', ...flags!, '--json-only']);
    expect(sized.stderr).toBe('');
    const doc = parseJsonDocument(sized.stdout) as { scenarios: { minimum: { engine: { kv_tokens: number; layout: { tensor_parallel: number } } } } };
    expect(doc.scenarios.minimum.engine.layout.tensor_parallel).toBe(4);
    // 34.46 GiB ± 0.005 at 40,960 bytes per token: ±131 tokens, plus one 32-token block.
    expect(Math.abs(doc.scenarios.minimum.engine.kv_tokens - 903_328)).toBeLessThanOrEqual(131 + 32);
  });

  it("gives one replica's weights: the per-GPU figure a log states × tensor parallel", () => {
    const [run] = parseEngineLog('vllm serve m --tensor-parallel-size 4\nINFO [gpu_model_runner.py:2007] Model loading took 30.5 GiB and 12.7 seconds\n').runs;
    expect(run!.flags).toContain('--weights-gib 122');
    expect(run!.notes.map((n) => calibrationNote(n, 'en')).join(' ')).toContain('30.5 GiB per GPU × tensor parallel 4');
  });

  it('refuses a file that is not an engine log (this README, which names all three engines), and a missing file, with exit 2 and one sentence', async () => {
    const junk = join(tmp.path, 'junk.log');
    writeFileSync(junk, 'hello\n');
    expect((await runCli(['calibrate', junk])).status).toBe(2);
    const readme = await runCli(['calibrate', 'README.md']);
    expect(readme.status).toBe(2);
    expect(readme.stdout).toBe('');
    expect(readme.stderr.split('\n').filter((l) => l.startsWith('llm-sizing:'))).toEqual([
      'llm-sizing: LOGFILE: got "README.md"; expected a start-up log of vLLM, SGLang or TensorRT-LLM (no line of theirs was recognised), or a benchmark result of vllm bench serve or SGLang\'s bench_serving.',
    ]);
    const missing = await runCli(['calibrate', join(tmp.path, 'nope.log')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('a readable file');
  });

  it('--json-only: an object with runs[], one per run of the file', async () => {
    const r = await runCli(['calibrate', join(FIXTURES, 'vllm-two-restarts.txt'), '--json-only']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { runs: { run: number; engine: string; flags: string[]; command: string }[] };
    expect(doc.runs.map((x) => [x.run, x.engine, x.flags.at(-1)])).toEqual([
      [1, 'vllm', '--effective-context 131072'],
      [2, 'vllm', '--kv-precision fp8'],
    ]);
  });

  it('--model names the model to compare with; an unknown one is refused', async () => {
    const log = join(FIXTURES, 'trtllm-0.8-llama3-8b.txt');
    expect((await runCli(['calibrate', log, '--model', 'Meta-Llama-3.1-8B'])).stdout).toContain('Meta-Llama-3.1-8B at TP 1 × PP 1 with bf16 KV: 131,072 bytes per token and GPU (the log: +0.00 %)');
    const bad = await runCli(['calibrate', log, '--model', 'Llama-8B']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('model: unknown name "Llama-8B"');
  });

  it('has its own --help', async () => {
    const r = await runCli(['calibrate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('llm-sizing calibrate LOGFILE');
    expect(r.stdout).toContain('--json-only');
  });
});

/** Numbers as a log might print them: ordinary, negative, zero, float32 noise, separators, and digit strings too long for a double. */
const NUMBER = fc.oneof(
  fc.integer({ min: -10, max: 2_000_000_000 }).map(String),
  fc.tuple(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 6 })).map(([d, k]) => d.toFixed(k)),
  fc.stringMatching(/^[1-9]\d{15,400}$/),
  fc.constantFrom('0', '0.0', '-0.5', '1,234.56', '12,345,678', '0.8999999761581421', '-2.14', '1.0000001'),
);
const INTEGER = fc.oneof(fc.nat(3_000_000_000).map(String), fc.stringMatching(/^[1-9]\d{15,400}$/), fc.constant('0'));
const DTYPE = fc.constantFrom('auto', 'fp8', 'fp8_e4m3', 'fp8_e5m2', 'bfloat16', 'half', 'int8', 'fp4', 'nvfp4');

/** Every line format calibrate reads, with N (any number), I (digits only) and D (a KV dtype) to fill in. */
const TEMPLATES = [
  'vllm serve Qwen/Qwen3-8B --tensor-parallel-size N --pipeline-parallel-size N --gpu-memory-utilization N --max-model-len N --block-size N --max-num-batched-tokens N --kv-cache-dtype D',
  "(APIServer pid=1) INFO 10-14 09:12:01 [utils.py:233] non-default args: {'model': 'meta-llama/Llama-3.1-70B-Instruct', 'max_model_len': N, 'tensor_parallel_size': N, 'gpu_memory_utilization': N, 'block_size': N, 'kv_cache_dtype': 'D'}",
  "(EngineCore_DP0 pid=2) INFO [core.py:77] Initializing a V1 LLM engine (v0.11.0) with config: model='openai/gpt-oss-120b', max_seq_len=N, tensor_parallel_size=N, pipeline_parallel_size=N, kv_cache_dtype=D, seed=0",
  '(EngineCore_DP0 pid=2) INFO [gpu_model_runner.py:1] Model loading took N GiB and 1.0 seconds',
  '(EngineCore_DP0 pid=2) INFO [gpu_worker.py:298] Available KV cache memory: N GiB',
  '(EngineCore_DP0 pid=2) INFO [kv_cache_utils.py:1] GPU KV cache size: N tokens',
  '(EngineCore_DP0 pid=2) INFO [kv_cache_utils.py:1] Maximum concurrency for N tokens per request: Nx',
  'Memory profiling results: total_gpu_memory=NGiB initial_memory_usage=1GiB peak_torch_memory=1GiB non_torch_memory=NGiB kv_cache_size=NGiB gpu_memory_utilization=N',
  "ValueError: To serve at least one request with the model's max seq len (N), N GiB KV cache is needed, which is larger than the available KV cache memory (N GiB). Based on the available memory, the estimated maximum model length is N.",
  'python -m sglang.launch_server --model-path Qwen/Qwen3-8B --tp N --pp-size N --mem-fraction-static N --context-length N --kv-cache-dtype D --block-size N',
  '[2025-10-07 23:17:19 TP0] KV Cache is allocated. #tokens: N, K size: N GB, V size: N GB',
  'trtllm-serve openai/gpt-oss-120b --tp_size N --pp_size N --kv_cache_free_gpu_memory_fraction N --tokens-per-block N',
  '[TRT-LLM] [I] Peak memory during memory usage profiling (torch + non-torch): N GiB, available KV cache memory when calculating max tokens: N GiB, fraction is set N, kv size is N. device total memory N GiB',
  '[TensorRT-LLM][INFO] [MemUsageChange] Allocated N GiB for max tokens in paged KV cache (N).',
  '[TensorRT-LLM][INFO] Allocate I bytes for k/v cache.',
  '[TensorRT-LLM][INFO] Using N total tokens in paged KV cache, and 16 blocks per sequence',
  '[TensorRT-LLM][INFO] Loaded engine size: I MiB',
  '[TensorRT-LLM][INFO] Number of tokens per block: N.',
];

const LOG = fc
  .array(fc.tuple(fc.nat(TEMPLATES.length - 1), fc.array(NUMBER, { minLength: 12, maxLength: 12 }), INTEGER, DTYPE), { minLength: 1, maxLength: 10 })
  .map((lines) =>
    lines
      .map(([t, numbers, integer, dtype]) => {
        let n = 0;
        return TEMPLATES[t]!.replace(/\bN\b|(?<=\s)N(?=x|GiB)|(?<==)N(?=GiB)/g, () => numbers[n++ % numbers.length]!)
          .replace(/\bI\b/g, integer)
          .replace(/\bD\b/g, dtype);
      })
      .join('\n'),
  );

/** What no printed flag value may hold: a non-finite number, a hole, an exponent. */
const NOT_A_NUMBER = /Infinity|NaN|undefined|\de[+-]?\d/;
/** What no note may hold. */
const BROKEN_NOTE = /undefined|NaN|\[object/;

describe('property: every flag calibrate prints is one the sizing accepts', () => {
  it('parsed back as the CLI parses it, each passes the request validator and applies to the memory model printed', () => {
    fc.assert(
      fc.property(LOG, (log) => {
        for (const run of parseEngineLog(log, { models: BUILTIN_CATALOG.models }).runs) {
          const words = run.flags.flatMap((f) => [f.slice(0, f.indexOf(' ')), f.slice(f.indexOf(' ') + 1)]);
          const names = run.flags.map((f) => f.split(' ')[0]);
          // vitest's expect only when a check fails (test/helpers/check.ts), its messages made only then:
          // this property makes thousands of checks.
          is(new Set(names).size, names.length);
          for (const value of words.filter((_, i) => i % 2 === 1)) if (NOT_A_NUMBER.test(value)) expect(value).not.toMatch(NOT_A_NUMBER);
          const filled = [
            ...(names.includes('--model') ? [] : ['--model', 'Meta-Llama-3.1-8B']),
            ...(names.includes('--effective-context') ? [] : ['--effective-context', '1024']),
            '--server',
            'dgx-h100',
            '--storage',
            'profile_default',
            '--concurrency',
            '1',
          ];
          const parsed = parseCli([...filled, ...words]);
          is(parsed.ok, true, () => JSON.stringify({ log, flags: run.flags }));
          if (!parsed.ok) return;
          const request = requestFromFlags(parsed.args.values);
          const checked = validateRequest(request);
          is(checked.ok, true, () => JSON.stringify({ log, flags: run.flags, problems: checked.ok ? [] : checked.problems }));
          const memoryModel = request.memory_model as MemoryModel;
          for (const field of Object.keys(request)) {
            if (!(field in ENGINE_SETTINGS)) continue;
            const appliesTo = (ENGINE_SETTINGS[field as SettingField] as SettingRow).appliesTo;
            if (!appliesTo.includes(memoryModel)) expect(appliesTo).toContain(memoryModel);
          }
          for (const n of run.notes) {
            for (const locale of ['en', 'pt-BR'] as const) {
              const note = calibrationNote(n, locale);
              if (BROKEN_NOTE.test(note)) expect(note).not.toMatch(BROKEN_NOTE);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the property is not vacuous: its logs give flags, and give values the sizing refuses (left out, with a note)', () => {
    const runs = fc.sample(LOG, { numRuns: 300, seed: 7 }).flatMap((log) => parseEngineLog(log, { models: BUILTIN_CATALOG.models }).runs);
    expect(runs.filter((r) => r.flags.length >= 4).length).toBeGreaterThan(50);
    expect(runs.filter((r) => r.notes.some((n) => n.code === 'flag_left_out')).length).toBeGreaterThan(50);
  });

  it('the property can fail: the same check refuses what the old parser printed', () => {
    const request = requestFromFlags((parseCli(['--kv-cache-memory-gib', 'Infinity', '--gpu-memory-utilization', '-0.5']) as { ok: true; args: { values: Record<string, string> } }).args.values);
    expect(validateRequest({ ...request, model: 'm', server: 's', storage: 'p', concurrency: 1, effective_context: 1, memory_model: 'vllm' }).ok).toBe(false);
  });
});

describe('the composed logs are what their README says', () => {
  it('each file of test/fixtures/calibrate is listed in its README', () => {
    const readme = readFileSync(join(FIXTURES, 'README.md'), 'utf8');
    for (const f of ['vllm-v1-llama70b-tp4-fp8.txt', 'vllm-v1-qwen3-8b-fail-fast.txt', 'trtllm-0.8-llama3-8b.txt', 'vllm-two-restarts.txt']) expect(readme).toContain(`\`${f}\``);
  });
});
