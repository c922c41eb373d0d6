/**
 * Engine start-up logs → facts and llm-sizing flags. The logs are those of
 * /work/shared/fixtures/engine-logs.md (entry numbers kept), copied exactly; the command lines are the
 * ones each entry states. Expected numbers are read off the log text, not computed by the parser.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCalibrate } from '../../src/cli/calibrate-command.ts';
import { type CalibrationNote, type Engine, type EngineLogFacts, parseEngineLog } from '../../src/engines/calibrate.ts';
import { calibrationFacts, calibrationNote } from '../../src/report/i18n/calibration.ts';
import { InputError } from '../../src/schema/problems.ts';

/** Notes are data; the rows state them as the English text says them. */
const enNote = (n: CalibrationNote) => calibrationNote(n, 'en');

interface Row {
  readonly name: string;
  readonly log: string;
  readonly engine: Engine;
  readonly facts: EngineLogFacts;
  readonly flags: readonly string[];
  readonly notes: readonly string[];
}

const ENTRY_1 = `20k - OK
Loading model weights took 14.9888 GB
Memory profiling results: total_gpu_memory=23.58GiB initial_memory_usage=15.34GiB peak_torch_memory=17.06GiB memory_usage_post_profile=15.35GiB non_torch_memory=0.35GiB kv_cache_size=3.81GiB gpu_memory_utilization=0.90
GPU blocks: 1952, # CPU blocks: 2048
Maximum concurrency for 20000 tokens per request: 1.56x

29k - BAD
Memory profiling results: total_gpu_memory=23.58GiB initial_memory_usage=15.34GiB peak_torch_memory=17.98GiB memory_usage_post_profile=15.35GiB non_torch_memory=0.35GiB kv_cache_size=2.89GiB gpu_memory_utilization=0.90
# GPU blocks: 1478, # CPU blocks: 2048
Maximum concurrency for 29000 tokens per request: 0.82x
The model's max seq len (29000) is larger than the maximum number of tokens that can be stored in KV cache (23648).`;

const ENTRY_3 = `INFO 02-20 00:01:02 kv_cache_utils.py:522] # GPU blocks: 127626
INFO 02-20 00:01:02 kv_cache_utils.py:525] Maximum concurrency for 2048 tokens per request: 997.08x
->
INFO 02-19 23:56:55 kv_cache_utils.py:524] GPU KV cache size: 2,042,016 tokens
INFO 02-19 23:56:55 kv_cache_utils.py:527] Maximum concurrency for 2,048 tokens per request: 997.08x`;

const ENTRY_4 = `(EngineCore_DP0 pid=1133552) INFO 10-03 16:22:17 [gpu_worker.py:298] Available KV cache memory: 6.51 GiB
(EngineCore_DP0 pid=1133552) INFO 10-03 16:22:17 [kv_cache_utils.py:864] GPU KV cache size: 42,656 tokens
(EngineCore_DP0 pid=1133552) INFO 10-03 16:22:17 [kv_cache_utils.py:868] Maximum concurrency for 32,768 tokens per request: 1.30x`;

const ENTRY_5_VLLM = `vllm serve /path/to/Qwen3-235B-A22B-FP8 --tensor-parallel-size 4 --kv-transfer-config '{"kv_connector":"LMCacheConnectorV1","kv_role":"kv_both"}'
Available KV cache memory: 8.11 GiB
GPU KV cache size: 178,880 tokens`;

const ENTRY_5_SGLANG = `python3 -m sglang.launch_server --model /path/to/Qwen3-235B-A22B-FP8 --tp 4 --trust-remote-code --mem-fraction-static 0.93
KV Cache is allocated. #tokens: 367404, K size: 8.23 GB, V size: 8.23 GB`;

const ENTRY_7 = `vllm serve .../Qwen3-Next-80B-A3B-Instruct-int4-mixed-AutoRound/ --tensor-parallel-size 2 --max-model-len 215040 --gpu-memory-utilization 0.95 --dtype float16 --max-num-seqs 2 --enable-expert-parallel --kv-cache-dtype fp8_e5m2 ...
(EngineCore_DP0 pid=1007431) INFO 10-11 16:19:14 [kv_cache_utils.py:1199] GPU KV cache size: 90,048 tokens
(EngineCore_DP0 pid=1007431) INFO 10-11 16:19:14 [kv_cache_utils.py:1204] Maximum concurrency for 215,040 tokens per request: 1.66x`;

const ENTRY_8 = `vllm serve Qwen3.5-27B --trust-remote-code --max-model-len 32768 --max-num-seqs 16 --max-num-batched-token 16384 --load-format dummy
INFO [kv_cache_utils.py:1319] GPU KV cache size: 290,864 tokens
INFO [kv_cache_utils.py:1324] Maximum concurrency for 32,768 tokens per request: 33.04x`;

const ENTRY_12_COMMAND = 'python -m sglang.launch_server --model deepseek-ai/DeepSeek-V3.2-Exp --tp 8 --dp 8 --enable-dp-attention';
const ENTRY_12_THIS_PR = `[2025-10-07 23:17:19 DP0 TP0] KV Cache is allocated. #tokens: 975424, KV size: 43.67 GB
[2025-10-07 23:17:19 DP0 TP0] Memory pool end. avail mem=37.71 GB`;
const ENTRY_12_MAIN = '[2025-10-07 22:29:11 DP0 TP0] KV Cache is allocated. #tokens: 1462784, KV size: 54.52 GB';
const ENTRY_12_BLOCK = `With this PR:
${ENTRY_12_THIS_PR}
With main (hardcoded mem-fraction-static=0.8) - KV size including index is actually 65.49 GB
${ENTRY_12_MAIN}`;

const ENTRY_13_ERROR_LINE = '(EngineCore_DP0 pid=6880) ERROR 10-31 15:07:50 [core.py:708] EngineCore failed to start.';
const ENTRY_13_A = `vllm serve openai/gpt-oss-120b --gpu-memory-utilization 0.95 --max-num-batched-tokens 1024
(EngineCore_DP0 pid=6880) INFO 10-31 15:07:49 [gpu_worker.py:298] Available KV cache memory: 1.71 GiB
${ENTRY_13_ERROR_LINE}`;
const ENTRY_13_B = `INFO 08-20 18:04:10 [gpu_model_runner.py:2007] Model loading took 65.9651 GiB and 12.799889 seconds
INFO 08-20 18:04:22 [gpu_worker.py:276] Available KV cache memory: -2.14 GiB`;
const ENTRY_13_C = 'Model loading took 64.38 GiB memory';

const ENTRY_14 = `[TRT-LLM] [I] Peak memory during memory usage profiling (torch + non-torch): 113.65 GiB, available KV cache memory when calculating max tokens: 5.95 GiB, fraction is set 0.8999999761581421, kv size is 73728. device total memory 119.70 GiB, , tmp kv_mem 0.56 GiB
[TRT-LLM] [I] Estimated max memory in KV cache : 5.95 GiB
[TensorRT-LLM][INFO] Number of tokens per block: 32.
[TensorRT-LLM][INFO] [MemUsageChange] Allocated 5.95 GiB for max tokens in paged KV cache (86720).
[TRT-LLM] [I] max_seq_len=86720, max_num_requests=64, max_num_tokens=8192, max_batch_size=64`;
const ENTRY_14_COMMAND = `trtllm-serve openai/gpt-oss-120b --max_batch_size 64
kv_cache_config: {dtype: auto, free_gpu_memory_fraction: 0.9}`;

const FLOAT32_NOTE = 'free_gpu_memory_fraction 0.8999999761581421 is 0.9 stored as a 32-bit float: 0.9 is used';
const DP_NOTE = '--enable-dp-attention: attention is data-parallel, so the KV figures are per rank, each rank holding the KV cache of its own requests';
const hybridNote = (tokens: number, concurrency: number, len: number, product: number) =>
  `GPU KV cache size (${tokens} tokens) is not maximum concurrency × max model length (${concurrency} × ${len} ≈ ${product} tokens): ` +
  'a hybrid model (sliding-window, linear-attention or Mamba layers), whose token count vLLM reports per KV-cache group; compare the concurrency, not the token count';

const ROWS: readonly Row[] = [
  {
    name: 'entry 1: vLLM V0, two runs (20k OK / 29k BAD): the last run wins, with a note',
    log: ENTRY_1,
    engine: 'vllm',
    facts: {
      weights_gib: 14.9888,
      kv_cache_memory_gib: 2.89,
      total_gpu_memory_gib: 23.58,
      gpu_memory_utilization: 0.9,
      kv_tokens: 23648,
      gpu_blocks: 1478,
      max_concurrency: 0.82,
      max_model_len: 29000,
    },
    flags: [
      '--memory-model vllm',
      '--kv-cache-memory-gib 2.89',
      '--gpu-memory-utilization 0.9',
      '--weights-gib 14.9888',
      '--gpu-memory-gib 23.58',
      '--effective-context 29000',
    ],
    notes: [
      'several values in the log, the last one is used: kv_cache_memory_gib 3.81 → 2.89; gpu_blocks 1952 → 1478; max_concurrency 1.56 → 0.82; max_model_len 20000 → 29000 → 29000',
      'stated more than once with the same value: total_gpu_memory_gib 23.58 (2×), gpu_memory_utilization 0.90 (2×)',
      `the log reports a failure: "The model's max seq len (29000) is larger than the maximum number of tokens that can be stored in KV cache (23648)."`,
    ],
  },
  {
    name: 'entry 3: vLLM token-count format change (blocks before, tokens after)',
    log: ENTRY_3,
    engine: 'vllm',
    facts: { kv_tokens: 2042016, gpu_blocks: 127626, max_concurrency: 997.08, max_model_len: 2048 },
    flags: ['--memory-model vllm', '--effective-context 2048'],
    notes: ['stated more than once with the same value: max_concurrency 997.08 (2×), max_model_len 2048 (2×)'],
  },
  {
    name: 'entry 4: vLLM V1, Qwen3-14B',
    log: ENTRY_4,
    engine: 'vllm',
    facts: { kv_cache_memory_gib: 6.51, kv_tokens: 42656, max_concurrency: 1.3, max_model_len: 32768 },
    flags: ['--memory-model vllm', '--kv-cache-memory-gib 6.51', '--effective-context 32768'],
    notes: [],
  },
  {
    name: 'entry 5 (vLLM part): TP from the command line',
    log: ENTRY_5_VLLM,
    engine: 'vllm',
    facts: { kv_cache_memory_gib: 8.11, kv_tokens: 178880, tensor_parallel: 4 },
    flags: ['--memory-model vllm', '--kv-cache-memory-gib 8.11', '--tensor-parallel 4'],
    notes: [],
  },
  {
    name: 'entry 5 (SGLang part): K + V summed',
    log: ENTRY_5_SGLANG,
    engine: 'sglang',
    facts: { kv_cache_memory_gib: 16.46, mem_fraction_static: 0.93, kv_tokens: 367404, tensor_parallel: 4 },
    flags: ['--memory-model sglang', '--kv-cache-memory-gib 16.46', '--tensor-parallel 4', '--mem-fraction-static 0.93'],
    notes: [],
  },
  {
    name: 'entry 7: vLLM hybrid (Qwen3-Next), fp8_e5m2 KV: token line disagrees with the concurrency',
    log: ENTRY_7,
    engine: 'vllm',
    facts: { gpu_memory_utilization: 0.95, kv_tokens: 90048, max_concurrency: 1.66, max_model_len: 215040, tensor_parallel: 2, kv_cache_dtype: 'fp8' },
    flags: ['--memory-model vllm', '--tensor-parallel 2', '--gpu-memory-utilization 0.95', '--effective-context 215040', '--kv-precision fp8'],
    notes: ['stated more than once with the same value: max_model_len 215040 (2×)', hybridNote(90048, 1.66, 215040, 356966)],
  },
  {
    name: 'entry 8: vLLM hybrid (Qwen3.5), "--max-num-batched-token" (argparse prefix)',
    log: ENTRY_8,
    engine: 'vllm',
    facts: { kv_tokens: 290864, max_concurrency: 33.04, max_model_len: 32768, max_num_batched_tokens: 16384 },
    flags: ['--memory-model vllm', '--max-num-batched-tokens 16384', '--effective-context 32768'],
    notes: ['stated more than once with the same value: max_model_len 32768 (2×)', hybridNote(290864, 33.04, 32768, 1082655)],
  },
  {
    name: 'entry 12, run "with this PR": SGLang MLA + indexer, DP attention',
    log: `${ENTRY_12_COMMAND}\n${ENTRY_12_THIS_PR}`,
    engine: 'sglang',
    facts: { kv_cache_memory_gib: 43.67, kv_tokens: 975424, tensor_parallel: 8 },
    flags: ['--memory-model sglang', '--kv-cache-memory-gib 43.67', '--tensor-parallel 8'],
    notes: [DP_NOTE],
  },
  {
    name: 'entry 12, run "with main"',
    log: `${ENTRY_12_COMMAND}\n${ENTRY_12_MAIN}`,
    engine: 'sglang',
    facts: { kv_cache_memory_gib: 54.52, kv_tokens: 1462784, tensor_parallel: 8 },
    flags: ['--memory-model sglang', '--kv-cache-memory-gib 54.52', '--tensor-parallel 8'],
    notes: [DP_NOTE],
  },
  {
    name: 'entry 13, issue 27508: util and batched tokens from the command; the failure is noted',
    log: ENTRY_13_A,
    engine: 'vllm',
    facts: { kv_cache_memory_gib: 1.71, gpu_memory_utilization: 0.95, max_num_batched_tokens: 1024 },
    flags: ['--memory-model vllm', '--kv-cache-memory-gib 1.71', '--gpu-memory-utilization 0.95', '--max-num-batched-tokens 1024'],
    notes: [`the log reports a failure: "${ENTRY_13_ERROR_LINE}"`],
  },
  {
    name: 'entry 13, issue 23278: negative KV memory is a fact but not a flag',
    log: ENTRY_13_B,
    engine: 'vllm',
    facts: { weights_gib: 65.9651, kv_cache_memory_gib: -2.14 },
    flags: ['--memory-model vllm', '--weights-gib 65.9651'],
    notes: [
      'kv_cache_memory_gib is -2.14 GiB: the engine had no memory left for the KV cache after weights and activations, so --kv-cache-memory-gib is not given',
    ],
  },
  {
    name: 'entry 13, issue 33155: "Model loading took X GiB memory"',
    log: ENTRY_13_C,
    engine: 'vllm',
    facts: { weights_gib: 64.38 },
    flags: ['--memory-model vllm', '--weights-gib 64.38'],
    notes: [],
  },
  {
    name: 'entry 14: TensorRT-LLM, float32 fraction, GiB kept at the log precision (119.70)',
    log: ENTRY_14,
    engine: 'trtllm',
    facts: {
      kv_cache_memory_gib: 5.95,
      total_gpu_memory_gib: 119.7,
      peak_memory_gib: 113.65,
      free_gpu_memory_fraction: 0.9,
      kv_tokens: 86720,
      tokens_per_block: 32,
      kv_size_per_token_bytes: 73728,
    },
    flags: ['--memory-model trtllm', '--kv-cache-memory-gib 5.95', '--free-gpu-memory-fraction 0.9', '--tokens-per-block 32', '--gpu-memory-gib 119.70'],
    notes: ['stated more than once with the same value: kv_cache_memory_gib 5.95 (2×)', FLOAT32_NOTE],
  },
  {
    name: 'entry 14 with its command and extra options (free_gpu_memory_fraction: 0.9, dtype auto)',
    log: `${ENTRY_14_COMMAND}\n${ENTRY_14}`,
    engine: 'trtllm',
    facts: {
      kv_cache_memory_gib: 5.95,
      total_gpu_memory_gib: 119.7,
      peak_memory_gib: 113.65,
      free_gpu_memory_fraction: 0.9,
      kv_tokens: 86720,
      tokens_per_block: 32,
      kv_size_per_token_bytes: 73728,
      kv_cache_dtype: 'auto',
    },
    flags: ['--memory-model trtllm', '--kv-cache-memory-gib 5.95', '--free-gpu-memory-fraction 0.9', '--tokens-per-block 32', '--gpu-memory-gib 119.70'],
    notes: ['stated more than once with the same value: kv_cache_memory_gib 5.95 (2×), free_gpu_memory_fraction 0.9 (2×)', FLOAT32_NOTE],
  },
  {
    name: 'no recognisable line',
    log: 'Starting the server...\nINFO: Uvicorn running on http://0.0.0.0:8000\nKV cache: ready, 12 GB free',
    engine: 'unknown',
    facts: {},
    flags: [],
    notes: [],
  },
  {
    name: 'thousands separators everywhere, flags without them',
    log: `INFO [gpu_worker.py:298] Available KV cache memory: 1,234.56 GiB
INFO [kv_cache_utils.py:864] GPU KV cache size: 12,345,678 tokens
INFO [kv_cache_utils.py:868] Maximum concurrency for 131,072 tokens per request: 94.19x
INFO # GPU blocks: 771,604`,
    engine: 'vllm',
    facts: { kv_cache_memory_gib: 1234.56, kv_tokens: 12345678, gpu_blocks: 771604, max_concurrency: 94.19, max_model_len: 131072 },
    flags: ['--memory-model vllm', '--kv-cache-memory-gib 1234.56', '--effective-context 131072'],
    notes: [],
  },
  {
    name: 'last-occurrence rule: the whole entry-12 block (two runs, prose in between)',
    log: ENTRY_12_BLOCK,
    engine: 'sglang',
    facts: { kv_cache_memory_gib: 54.52, kv_tokens: 1462784 },
    flags: ['--memory-model sglang', '--kv-cache-memory-gib 54.52'],
    notes: ['several values in the log, the last one is used: kv_cache_memory_gib 43.67 → 54.52; kv_tokens 975424 → 1462784'],
  },
  {
    name: 'last-occurrence rule: four ranks with different KV memory',
    log: [7.98, 8.11, 8.05, 8.02].map((g, r) => `(VllmWorker rank=${r}) INFO [gpu_worker.py:298] Available KV cache memory: ${g.toFixed(2)} GiB`).join('\n'),
    engine: 'vllm',
    facts: { kv_cache_memory_gib: 8.02 },
    flags: ['--memory-model vllm', '--kv-cache-memory-gib 8.02'],
    notes: ['several values in the log, the last one is used: kv_cache_memory_gib 7.98 → … → 8.02 (4 values)'],
  },
  {
    name: 'command-line spellings: --x=v, underscores, -tp, --block-size, fp8 KV',
    log: 'vllm serve m -tp 2 --gpu_memory_utilization=0.85 --block-size 32 --kv-cache-dtype=fp8_e4m3 --max-model-len=8192',
    engine: 'vllm',
    facts: { gpu_memory_utilization: 0.85, block_size: 32, max_model_len: 8192, tensor_parallel: 2, kv_cache_dtype: 'fp8' },
    flags: ['--memory-model vllm', '--tensor-parallel 2', '--gpu-memory-utilization 0.85', '--block-size 32', '--effective-context 8192', '--kv-precision fp8'],
    notes: [],
  },
  {
    name: 'TRT-LLM command line: --tp_size and --kv_cache_free_gpu_memory_fraction',
    log: 'trtllm-serve openai/gpt-oss-120b --tp_size 2 --kv_cache_free_gpu_memory_fraction 0.85',
    engine: 'trtllm',
    facts: { free_gpu_memory_fraction: 0.85, tensor_parallel: 2 },
    flags: ['--memory-model trtllm', '--tensor-parallel 2', '--free-gpu-memory-fraction 0.85'],
    notes: [],
  },
  {
    name: 'facts without an engine marker: no --memory-model',
    log: 'launch with tp 8 --max-num-batched-tokens 2048',
    engine: 'unknown',
    facts: { tensor_parallel: 8, max_num_batched_tokens: 2048 },
    flags: ['--tensor-parallel 8', '--max-num-batched-tokens 2048'],
    notes: ['no engine marker in the log: --memory-model is not given'],
  },
];

describe('parseEngineLog', () => {
  it.each(ROWS)('$name', (row) => {
    const result = parseEngineLog(row.log);
    expect(result.engine).toBe(row.engine);
    expect(result.facts).toStrictEqual(row.facts);
    expect(result.flags).toStrictEqual(row.flags);
    expect(result.notes.map(enNote)).toStrictEqual(row.notes);
  });

  it('reads Windows line endings like Unix ones', () => {
    expect(parseEngineLog(ENTRY_4.replace(/\n/g, '\r\n'))).toStrictEqual(parseEngineLog(ENTRY_4));
  });

  it('does not read prose "mem-fraction-static=0.8" (no --) or SGLang\'s "DP0 TP0" prefix as options', () => {
    const facts = parseEngineLog(ENTRY_12_BLOCK).facts;
    expect(facts.mem_fraction_static).toBeUndefined();
    expect(facts.tensor_parallel).toBeUndefined();
  });

  it('notes markers of several engines and takes the one with the most lines', () => {
    const result = parseEngineLog(`${ENTRY_4}\ncompared with sglang`);
    expect(result.engine).toBe('vllm');
    expect(result.notes.map(enNote)).toContain('markers of several engines (vllm on 3 line(s), sglang on 1 line(s)): vllm is assumed');
  });

  it('quotes at most three failure lines', () => {
    const log = ['Available KV cache memory: 1.00 GiB', ...Array.from({ length: 5 }, (_, i) => `ERROR [core.py:${i}] boom ${i}`)].join('\n');
    const notes = parseEngineLog(log).notes.map(enNote);
    expect(notes).toStrictEqual([
      'the log reports a failure: "ERROR [core.py:0] boom 0"',
      'the log reports a failure: "ERROR [core.py:1] boom 1"',
      'the log reports a failure: "ERROR [core.py:2] boom 2"',
      '…and 2 more failure line(s)',
    ]);
  });
});

describe('calibration facts in words', () => {
  it('gives one line per fact, in English', () => {
    expect(calibrationFacts(parseEngineLog(ENTRY_4).facts, 'en')).toStrictEqual([
      'available KV cache memory: 6.51 GiB',
      'KV cache capacity: 42,656 tokens',
      'maximum concurrency: 1.30x',
      'maximum model length: 32,768 tokens',
    ]);
  });

  it('and in Portuguese, with its separators', () => {
    expect(calibrationFacts(parseEngineLog(ENTRY_14).facts, 'pt-BR')).toStrictEqual([
      'memória disponível para o cache KV: 5,95 GiB',
      'memória total da GPU: 119,70 GiB',
      'pico de memória no perfilamento: 113,65 GiB',
      'fração da memória livre da GPU para o cache KV: 0,9',
      'capacidade do cache KV: 86.720 tokens',
      'tokens por bloco KV: 32',
      'cache KV por token: 73.728 bytes',
    ]);
  });

  it('shows the KV dtype and a four-decimal weight as given', () => {
    expect(calibrationFacts({ weights_gib: 14.9888, kv_cache_dtype: 'fp8', tensor_parallel: 4 }, 'en')).toStrictEqual([
      'model weights: 14.9888 GiB',
      'tensor parallel size: 4',
      'KV cache dtype: fp8',
    ]);
  });
});

describe('runCalibrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-calibrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
  };

  it('prints the engine, the facts, the notes and a ready-to-paste command', async () => {
    const c = capture();
    const code = await runCalibrate({ positionals: [write('entry13.log', ENTRY_13_A)], locale: 'en' }, c.io);
    expect(code).toBe(0);
    expect(c.err).toStrictEqual([]);
    expect(c.out.join('')).toBe(
      [
        'engine: vLLM',
        'facts from the log:',
        '  available KV cache memory: 1.71 GiB',
        '  GPU memory utilization: 0.95',
        '  maximum batched tokens per step: 1,024 tokens',
        'notes:',
        `  - the log reports a failure: "${ENTRY_13_ERROR_LINE}"`,
        'to reproduce it with llm-sizing (replace each …):',
        '  llm-sizing --model … --server … --storage … --concurrency … --memory-model vllm --kv-cache-memory-gib 1.71 --gpu-memory-utilization 0.95 --max-num-batched-tokens 1024',
        '',
      ].join('\n'),
    );
  });

  it('speaks Portuguese', async () => {
    const c = capture();
    await runCalibrate({ positionals: [write('entry5.log', ENTRY_5_SGLANG)], locale: 'pt-BR' }, c.io);
    const text = c.out.join('');
    expect(text).toContain('motor: SGLang\n');
    expect(text).toContain('  memória disponível para o cache KV: 16,46 GiB\n');
    expect(text).toContain('  llm-sizing --model … --server … --storage … --concurrency … --memory-model sglang --kv-cache-memory-gib 16.46 --tensor-parallel 4 --mem-fraction-static 0.93\n');
  });

  it('refuses a file it cannot read, naming LOGFILE', async () => {
    const missing = join(dir, 'missing.log');
    const c = capture();
    const run = runCalibrate({ positionals: [missing], locale: 'en' }, c.io);
    await expect(run).rejects.toBeInstanceOf(InputError);
    await expect(run).rejects.toMatchObject({
      problems: [{ field: 'LOGFILE', value: missing, accepted: { kind: 'readable_file', reason: 'not_found' } }],
    });
    expect(c.out).toStrictEqual([]);
  });

  it('refuses a log with nothing recognisable', async () => {
    const path = write('empty.log', 'hello\nworld\n');
    const c = capture();
    await expect(runCalibrate({ positionals: [path], locale: 'en' }, c.io)).rejects.toMatchObject({
      problems: [{ field: 'LOGFILE', value: path, accepted: { kind: 'rule', rule: 'calibrate_nothing_found', detail: {} } }],
    });
    expect(c.out).toStrictEqual([]);
  });

  it('requires LOGFILE', async () => {
    await expect(runCalibrate({ positionals: [], locale: 'en' }, capture().io)).rejects.toMatchObject({
      problems: [{ field: 'LOGFILE', accepted: { kind: 'required' } }],
    });
  });
});
