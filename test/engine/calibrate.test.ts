/**
 * Engine start-up logs → facts and llm-sizing flags. The logs are those of
 * /work/shared/fixtures/engine-logs.md (entry numbers kept), copied exactly; the command lines are the
 * ones each entry states. Expected numbers are read off the log text, not computed by the parser.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCalibrate } from '../../src/cli/calibrate-command.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { type CalibrationNote, type Engine, type EngineLogFacts, matchModel, parseEngineLog } from '../../src/engines/calibrate.ts';
import { calibrationBytesPerToken, calibrationFacts, calibrationNote } from '../../src/report/i18n/calibration.ts';
import { InputError } from '../../src/schema/problems.ts';
import { model } from '../helpers/catalog.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A composed log of test/fixtures/calibrate (see its README for the formats and their sources). */
const fixture = (name: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'calibrate', name), 'utf8');

/** Notes are data; the rows state them as the English text says them. */
const enNote = (n: CalibrationNote) => calibrationNote(n, 'en');

/** What one run of a log gives (notes in English). */
interface RunRow {
  readonly engine: Engine;
  readonly facts: EngineLogFacts;
  readonly flags: readonly string[];
  readonly notes: readonly string[];
}
interface Row {
  readonly name: string;
  readonly log: string;
  /** One per run, in file order; none: not an engine log. */
  readonly runs: readonly RunRow[];
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
    name: 'entry 1: vLLM V0, two runs (20k OK / 29k BAD): one result each, split where the profiling line comes again',
    log: ENTRY_1,
    runs: [
      {
        engine: 'vllm',
        facts: { weights_gib: 14.9888, kv_cache_memory_gib: 3.81, total_gpu_memory_gib: 23.58, gpu_memory_utilization: 0.9, gpu_blocks: 1952, max_concurrency: 1.56, max_model_len: 20000 },
        flags: ['--memory-model vllm', '--kv-cache-memory-gib 3.81', '--gpu-memory-utilization 0.9', '--weights-gib 14.9888', '--gpu-memory-gib 23.58', '--effective-context 20000'],
        notes: [],
      },
      {
        engine: 'vllm',
        facts: { kv_cache_memory_gib: 2.89, total_gpu_memory_gib: 23.58, gpu_memory_utilization: 0.9, kv_tokens: 23648, gpu_blocks: 1478, max_concurrency: 0.82, max_model_len: 29000 },
        flags: ['--memory-model vllm', '--kv-cache-memory-gib 2.89', '--gpu-memory-utilization 0.9', '--gpu-memory-gib 23.58', '--effective-context 29000'],
        notes: [
          'stated more than once with the same value: max_model_len 29000 (2×)',
          `the log reports a failure: "The model's max seq len (29000) is larger than the maximum number of tokens that can be stored in KV cache (23648)."`,
        ],
      },
    ],
  },
  {
    name: 'entry 3: vLLM token-count format change (blocks before, tokens after): two runs',
    log: ENTRY_3,
    runs: [
      { engine: 'vllm', facts: { gpu_blocks: 127626, max_concurrency: 997.08, max_model_len: 2048 }, flags: ['--memory-model vllm', '--effective-context 2048'], notes: [] },
      { engine: 'vllm', facts: { kv_tokens: 2042016, max_concurrency: 997.08, max_model_len: 2048 }, flags: ['--memory-model vllm', '--effective-context 2048'], notes: [] },
    ],
  },
  {
    name: 'entry 4: vLLM V1, Qwen3-14B',
    log: ENTRY_4,
    runs: [
      {
        engine: 'vllm',
        facts: { kv_cache_memory_gib: 6.51, kv_tokens: 42656, max_concurrency: 1.3, max_model_len: 32768 },
        flags: ['--memory-model vllm', '--kv-cache-memory-gib 6.51', '--effective-context 32768'],
        notes: [],
      },
    ],
  },
  {
    name: 'entry 5 (vLLM part): TP and the model from the command line',
    log: ENTRY_5_VLLM,
    runs: [
      {
        engine: 'vllm',
        facts: { model: '/path/to/Qwen3-235B-A22B-FP8', kv_cache_memory_gib: 8.11, kv_tokens: 178880, tensor_parallel: 4 },
        flags: ['--memory-model vllm', '--kv-cache-memory-gib 8.11', '--tensor-parallel 4'],
        notes: [],
      },
    ],
  },
  {
    name: 'entry 5 (SGLang part): K + V summed',
    log: ENTRY_5_SGLANG,
    runs: [
      {
        engine: 'sglang',
        facts: { model: '/path/to/Qwen3-235B-A22B-FP8', kv_cache_memory_gib: 16.46, mem_fraction_static: 0.93, kv_tokens: 367404, tensor_parallel: 4 },
        flags: ['--memory-model sglang', '--kv-cache-memory-gib 16.46', '--tensor-parallel 4', '--mem-fraction-static 0.93'],
        notes: [],
      },
    ],
  },
  {
    name: 'entry 5, both parts in one file: a vLLM run, then an SGLang run',
    log: `${ENTRY_5_VLLM}\n${ENTRY_5_SGLANG}`,
    runs: [
      {
        engine: 'vllm',
        facts: { model: '/path/to/Qwen3-235B-A22B-FP8', kv_cache_memory_gib: 8.11, kv_tokens: 178880, tensor_parallel: 4 },
        flags: ['--memory-model vllm', '--kv-cache-memory-gib 8.11', '--tensor-parallel 4'],
        notes: [],
      },
      {
        engine: 'sglang',
        facts: { model: '/path/to/Qwen3-235B-A22B-FP8', kv_cache_memory_gib: 16.46, mem_fraction_static: 0.93, kv_tokens: 367404, tensor_parallel: 4 },
        flags: ['--memory-model sglang', '--kv-cache-memory-gib 16.46', '--tensor-parallel 4', '--mem-fraction-static 0.93'],
        notes: [],
      },
    ],
  },
  {
    name: 'entry 7: vLLM hybrid (Qwen3-Next), fp8_e5m2 KV: token line disagrees with the concurrency',
    log: ENTRY_7,
    runs: [
      {
        engine: 'vllm',
        facts: {
          model: '.../Qwen3-Next-80B-A3B-Instruct-int4-mixed-AutoRound/',
          gpu_memory_utilization: 0.95,
          kv_tokens: 90048,
          max_concurrency: 1.66,
          max_model_len: 215040,
          tensor_parallel: 2,
          kv_cache_dtype: 'fp8',
        },
        flags: ['--memory-model vllm', '--tensor-parallel 2', '--gpu-memory-utilization 0.95', '--effective-context 215040', '--kv-precision fp8'],
        notes: ['stated more than once with the same value: max_model_len 215040 (2×)', hybridNote(90048, 1.66, 215040, 356966)],
      },
    ],
  },
  {
    name: 'entry 8: vLLM hybrid (Qwen3.5), "--max-num-batched-token" (argparse prefix)',
    log: ENTRY_8,
    runs: [
      {
        engine: 'vllm',
        facts: { model: 'Qwen3.5-27B', kv_tokens: 290864, max_concurrency: 33.04, max_model_len: 32768, max_num_batched_tokens: 16384 },
        flags: ['--memory-model vllm', '--max-num-batched-tokens 16384', '--effective-context 32768'],
        notes: ['stated more than once with the same value: max_model_len 32768 (2×)', hybridNote(290864, 33.04, 32768, 1082655)],
      },
    ],
  },
  {
    name: 'entry 12, run "with this PR": SGLang MLA + indexer, DP attention',
    log: `${ENTRY_12_COMMAND}\n${ENTRY_12_THIS_PR}`,
    runs: [
      {
        engine: 'sglang',
        facts: { model: 'deepseek-ai/DeepSeek-V3.2-Exp', kv_cache_memory_gib: 43.67, kv_tokens: 975424, tensor_parallel: 8, data_parallel_attention: 8 },
        flags: ['--memory-model sglang', '--kv-cache-memory-gib 43.67', '--tensor-parallel 8', '--data-parallel-attention 8'],
        notes: [DP_NOTE],
      },
    ],
  },
  {
    name: 'entry 12, run "with main"',
    log: `${ENTRY_12_COMMAND}\n${ENTRY_12_MAIN}`,
    runs: [
      {
        engine: 'sglang',
        facts: { model: 'deepseek-ai/DeepSeek-V3.2-Exp', kv_cache_memory_gib: 54.52, kv_tokens: 1462784, tensor_parallel: 8, data_parallel_attention: 8 },
        flags: ['--memory-model sglang', '--kv-cache-memory-gib 54.52', '--tensor-parallel 8', '--data-parallel-attention 8'],
        notes: [DP_NOTE],
      },
    ],
  },
  {
    name: 'entry 13, issue 27508: util and batched tokens from the command; the failure is noted',
    log: ENTRY_13_A,
    runs: [
      {
        engine: 'vllm',
        facts: { model: 'openai/gpt-oss-120b', kv_cache_memory_gib: 1.71, gpu_memory_utilization: 0.95, max_num_batched_tokens: 1024 },
        flags: ['--memory-model vllm', '--kv-cache-memory-gib 1.71', '--gpu-memory-utilization 0.95', '--max-num-batched-tokens 1024'],
        notes: [`the log reports a failure: "${ENTRY_13_ERROR_LINE}"`],
      },
    ],
  },
  {
    name: 'entry 13, issue 23278: negative KV memory is a fact but not a flag',
    log: ENTRY_13_B,
    runs: [
      {
        engine: 'vllm',
        facts: { weights_gib: 65.9651, kv_cache_memory_gib: -2.14 },
        flags: ['--memory-model vllm', '--weights-gib 65.9651'],
        notes: ['kv_cache_memory_gib is -2.14 GiB: the engine had no memory left for the KV cache after weights and activations, so --kv-cache-memory-gib is not given'],
      },
    ],
  },
  {
    name: 'entry 13, issue 33155: "Model loading took X GiB memory"',
    log: ENTRY_13_C,
    runs: [{ engine: 'vllm', facts: { weights_gib: 64.38 }, flags: ['--memory-model vllm', '--weights-gib 64.38'], notes: [] }],
  },
  {
    name: 'entry 14: TensorRT-LLM, float32 fraction, GiB kept at the log precision (119.70)',
    log: ENTRY_14,
    runs: [
      {
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
    ],
  },
  {
    name: 'entry 14 with its command and extra options (free_gpu_memory_fraction: 0.9, dtype auto)',
    log: `${ENTRY_14_COMMAND}\n${ENTRY_14}`,
    runs: [
      {
        engine: 'trtllm',
        facts: {
          model: 'openai/gpt-oss-120b',
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
    ],
  },
  {
    name: 'no line only an engine prints: not an engine log, no run',
    log: 'Starting the server...\nINFO: Uvicorn running on http://0.0.0.0:8000\nKV cache: ready, 12 GB free',
    runs: [],
  },
  {
    name: 'settings but no engine line (a bare command of no engine): no run',
    log: 'launch with tp 8 --max-num-batched-tokens 2048',
    runs: [],
  },
  {
    name: 'prose that names the engines and their settings: no run',
    log: 'We compared vLLM, SGLang and TensorRT-LLM.\nvLLM\'s "Available KV cache memory" line and SGLang\'s "KV Cache is allocated" line, with --tp 4 and --gpu-memory-utilization 0.9.',
    runs: [],
  },
  {
    name: 'thousands separators everywhere, flags without them',
    log: `INFO [gpu_worker.py:298] Available KV cache memory: 1,234.56 GiB
INFO [kv_cache_utils.py:864] GPU KV cache size: 12,345,678 tokens
INFO [kv_cache_utils.py:868] Maximum concurrency for 131,072 tokens per request: 94.19x`,
    runs: [
      {
        engine: 'vllm',
        facts: { kv_cache_memory_gib: 1234.56, kv_tokens: 12345678, max_concurrency: 94.19, max_model_len: 131072 },
        flags: ['--memory-model vllm', '--kv-cache-memory-gib 1234.56', '--effective-context 131072'],
        notes: [],
      },
    ],
  },
  {
    name: 'vLLM V1 before the token line: "# GPU blocks: 771,604"',
    log: 'INFO 02-20 00:01:02 kv_cache_utils.py:522] # GPU blocks: 771,604',
    runs: [{ engine: 'vllm', facts: { gpu_blocks: 771604 }, flags: ['--memory-model vllm'], notes: [] }],
  },
  {
    name: 'the whole entry-12 block: two runs of the same rank, prose in between',
    log: ENTRY_12_BLOCK,
    runs: [
      { engine: 'sglang', facts: { kv_cache_memory_gib: 43.67, kv_tokens: 975424 }, flags: ['--memory-model sglang', '--kv-cache-memory-gib 43.67'], notes: [] },
      { engine: 'sglang', facts: { kv_cache_memory_gib: 54.52, kv_tokens: 1462784 }, flags: ['--memory-model sglang', '--kv-cache-memory-gib 54.52'], notes: [] },
    ],
  },
  {
    name: 'four ranks of one run with different KV memory: one run, the last one is used',
    log: [7.98, 8.11, 8.05, 8.02].map((g, r) => `(VllmWorker rank=${r}) INFO [gpu_worker.py:298] Available KV cache memory: ${g.toFixed(2)} GiB`).join('\n'),
    runs: [
      {
        engine: 'vllm',
        facts: { kv_cache_memory_gib: 8.02 },
        flags: ['--memory-model vllm', '--kv-cache-memory-gib 8.02'],
        notes: ['several values in the log, the last one is used: kv_cache_memory_gib 7.98 → … → 8.02 (4 values)'],
      },
    ],
  },
  {
    name: 'the same rank again under a new process id: a new run',
    log: [
      '(EngineCore_DP0 pid=100) INFO [gpu_worker.py:298] Available KV cache memory: 6.51 GiB',
      '(EngineCore_DP0 pid=100) INFO [kv_cache_utils.py:864] GPU KV cache size: 42,656 tokens',
      '(EngineCore_DP0 pid=200) INFO [gpu_model_runner.py:2007] Model loading took 28.1 GiB and 9.0 seconds',
      '(EngineCore_DP0 pid=200) INFO [gpu_worker.py:298] Available KV cache memory: 12.00 GiB',
    ].join('\n'),
    runs: [
      { engine: 'vllm', facts: { kv_cache_memory_gib: 6.51, kv_tokens: 42656 }, flags: ['--memory-model vllm', '--kv-cache-memory-gib 6.51'], notes: [] },
      { engine: 'vllm', facts: { weights_gib: 28.1, kv_cache_memory_gib: 12 }, flags: ['--memory-model vllm', '--kv-cache-memory-gib 12.00', '--weights-gib 28.1'], notes: [] },
    ],
  },
  {
    name: 'command-line spellings: --x=v, underscores, -tp, -pp, --block-size, fp8 KV',
    log: 'vllm serve m -tp 2 -pp 2 --gpu_memory_utilization=0.85 --block-size 32 --kv-cache-dtype=fp8_e4m3 --max-model-len=8192',
    runs: [
      {
        engine: 'vllm',
        facts: { model: 'm', gpu_memory_utilization: 0.85, block_size: 32, max_model_len: 8192, tensor_parallel: 2, pipeline_parallel: 2, kv_cache_dtype: 'fp8' },
        flags: [
          '--memory-model vllm',
          '--tensor-parallel 2',
          '--pipeline-parallel 2',
          '--gpu-memory-utilization 0.85',
          '--block-size 32',
          '--effective-context 8192',
          '--kv-precision fp8',
        ],
        notes: [],
      },
    ],
  },
  {
    name: 'TRT-LLM command line: --tp_size, --pp_size and --kv_cache_free_gpu_memory_fraction',
    log: 'trtllm-serve openai/gpt-oss-120b --tp_size 2 --pp_size 2 --kv_cache_free_gpu_memory_fraction 0.85',
    runs: [
      {
        engine: 'trtllm',
        facts: { model: 'openai/gpt-oss-120b', free_gpu_memory_fraction: 0.85, tensor_parallel: 2, pipeline_parallel: 2 },
        flags: ['--memory-model trtllm', '--tensor-parallel 2', '--pipeline-parallel 2', '--free-gpu-memory-fraction 0.85'],
        notes: [],
      },
    ],
  },
  {
    name: "vLLM V0's engine config line: TP, PP, KV dtype, model and max_seq_len",
    log: [
      "INFO 11-20 10:31:02 llm_engine.py:237] Initializing an LLM engine (v0.6.4.post1) with config: model='Qwen/Qwen2.5-7B-Instruct', speculative_config=None, tokenizer='Qwen/Qwen2.5-7B-Instruct', skip_tokenizer_init=False, tokenizer_mode=auto, revision=None, override_neuron_config=None, tokenizer_revision=None, trust_remote_code=False, dtype=torch.bfloat16, max_seq_len=32768, download_dir=None, load_format=LoadFormat.AUTO, tensor_parallel_size=2, pipeline_parallel_size=1, disable_custom_all_reduce=False, quantization=None, enforce_eager=False, kv_cache_dtype=fp8_e5m2, quantization_param_path=None, device_config=cuda, seed=0, served_model_name=Qwen/Qwen2.5-7B-Instruct",
      'INFO 11-20 10:31:40 worker.py:232] Memory profiling results: total_gpu_memory=79.19GiB initial_memory_usage=7.61GiB peak_torch_memory=9.04GiB memory_usage_post_profile=7.89GiB non_torch_memory=0.81GiB kv_cache_size=61.42GiB gpu_memory_utilization=0.90',
    ].join('\n'),
    runs: [
      {
        engine: 'vllm',
        facts: {
          model: 'Qwen/Qwen2.5-7B-Instruct',
          kv_cache_memory_gib: 61.42,
          total_gpu_memory_gib: 79.19,
          gpu_memory_utilization: 0.9,
          max_model_len: 32768,
          tensor_parallel: 2,
          pipeline_parallel: 1,
          kv_cache_dtype: 'fp8',
        },
        flags: [
          '--memory-model vllm',
          '--kv-cache-memory-gib 61.42',
          '--tensor-parallel 2',
          '--pipeline-parallel 1',
          '--gpu-memory-utilization 0.9',
          '--gpu-memory-gib 79.19',
          '--effective-context 32768',
          '--kv-precision fp8',
        ],
        notes: [],
      },
    ],
  },
  {
    name: 'SGLang ServerArgs dump: tp_size, pp_size, kv_cache_dtype, context_length, mem_fraction_static',
    log: [
      "[2025-06-02 09:14:05] server_args=ServerArgs(model_path='meta-llama/Llama-3.1-8B-Instruct', tokenizer_path='meta-llama/Llama-3.1-8B-Instruct', context_length=None, quantization=None, mem_fraction_static=0.871, max_running_requests=None, tp_size=2, pp_size=1, kv_cache_dtype='fp8_e5m2', page_size=1, dp_size=1, enable_dp_attention=False)",
      '[2025-06-02 09:14:31 TP0] KV Cache is allocated. #tokens: 1164822, K size: 33.33 GB, V size: 33.33 GB',
    ].join('\n'),
    runs: [
      {
        engine: 'sglang',
        facts: { model: 'meta-llama/Llama-3.1-8B-Instruct', kv_cache_memory_gib: 66.66, mem_fraction_static: 0.871, kv_tokens: 1164822, tensor_parallel: 2, pipeline_parallel: 1, kv_cache_dtype: 'fp8' },
        flags: ['--memory-model sglang', '--kv-cache-memory-gib 66.66', '--tensor-parallel 2', '--pipeline-parallel 1', '--mem-fraction-static 0.871', '--kv-precision fp8'],
        notes: [],
      },
    ],
  },
  {
    name: "vLLM V1's fail-fast error as v0.8 spelled it (\"models's\", a stray parenthesis)",
    log: `(EngineCore_DP0 pid=18799) ERROR 10-08 20:33:48 [core.py:708] ValueError: To serve at least one request with the models's max seq len (40960), (5.62 GiB KV cache is needed, which is larger than the available KV cache memory (4.50 GiB). Based on the available memory, the estimated maximum model length is 32768. Try increasing \`gpu_memory_utilization\` or decreasing \`max_model_len\` when initializing the engine.`,
    runs: [
      {
        engine: 'vllm',
        facts: { kv_cache_memory_gib: 4.5, kv_needed_gib: 5.62, max_model_len: 40960, estimated_max_model_len: 32768 },
        flags: ['--memory-model vllm', '--kv-cache-memory-gib 4.50', '--effective-context 40960'],
        notes: [
          'vLLM refused to start: one request of 40,960 tokens needs 5.62 GiB of KV cache and 4.50 GiB were available; about 32,768 tokens would fit',
          expect.stringMatching(/^the log reports a failure: "\(EngineCore_DP0 pid=18799\) ERROR .*…"$/) as unknown as string,
        ],
      },
    ],
  },
  {
    name: 'TensorRT-LLM 0.10–0.12 lines: total memory and primary-pool blocks',
    log: [
      '[TensorRT-LLM][INFO] Memory usage when calculating max tokens in paged kv cache: total: 22.18 GiB, available: 1.42 GiB',
      '[TensorRT-LLM][INFO] Number of blocks in KV cache primary pool: 82',
    ].join('\n'),
    runs: [{ engine: 'trtllm', facts: { total_gpu_memory_gib: 22.18, gpu_blocks: 82 }, flags: ['--memory-model trtllm', '--gpu-memory-gib 22.18'], notes: [] }],
  },
];

describe('parseEngineLog', () => {
  it.each(ROWS)('$name', (row) => {
    const result = parseEngineLog(row.log).runs.map((r) => ({ engine: r.engine, facts: r.facts, flags: r.flags, notes: r.notes.map(enNote) }));
    expect(result).toStrictEqual(row.runs);
  });

  it('reads Windows line endings like Unix ones', () => {
    expect(parseEngineLog(ENTRY_4.replace(/\n/g, '\r\n'))).toStrictEqual(parseEngineLog(ENTRY_4));
  });

  it('does not read prose "mem-fraction-static=0.8" (no --) or SGLang\'s "DP0 TP0" prefix as options', () => {
    for (const { facts } of parseEngineLog(ENTRY_12_BLOCK).runs) {
      expect(facts.mem_fraction_static).toBeUndefined();
      expect(facts.tensor_parallel).toBeUndefined();
    }
  });

  it('notes markers of several engines and takes the one with the most lines', () => {
    const result = parseEngineLog(`${ENTRY_4}\n[2025-10-07 23:17:19 TP0] Memory pool end. avail mem=37.71 GB`).runs;
    expect(result).toHaveLength(1);
    expect(result[0]!.engine).toBe('vllm');
    expect(result[0]!.notes.map(enNote)).toContain('markers of several engines (vllm on 3 line(s), sglang on 1 line(s)): vllm is assumed');
  });

  it('a word naming an engine is no evidence of it ("compared with sglang")', () => {
    const result = parseEngineLog(`${ENTRY_4}\ncompared with sglang`).runs;
    expect(result.map((r) => [r.engine, r.notes])).toStrictEqual([['vllm', []]]);
  });

  it('quotes at most three failure lines', () => {
    const log = ['Available KV cache memory: 1.00 GiB', ...Array.from({ length: 5 }, (_, i) => `ERROR [core.py:${i}] boom ${i}`)].join('\n');
    const notes = parseEngineLog(log).runs[0]!.notes.map(enNote);
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
    expect(calibrationFacts(parseEngineLog(ENTRY_4).runs[0]!.facts, 'en')).toStrictEqual([
      'available KV cache memory: 6.51 GiB',
      'KV cache capacity: 42,656 tokens',
      'maximum concurrency: 1.30x',
      'maximum model length: 32,768 tokens',
    ]);
  });

  it('and in Portuguese, with its separators', () => {
    expect(calibrationFacts(parseEngineLog(ENTRY_14).runs[0]!.facts, 'pt-BR')).toStrictEqual([
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

  it('prints the engine, the facts, the bytes per token, the notes and a ready-to-paste command', async () => {
    const c = capture();
    const code = await runCalibrate({ positionals: [write('entry13.log', ENTRY_13_A)], locale: 'en' }, c.io);
    expect(code).toBe(0);
    expect(c.err).toStrictEqual([]);
    expect(c.out.join('')).toBe(
      [
        'engine: vLLM',
        'facts from the log:',
        '  model: openai/gpt-oss-120b',
        '  available KV cache memory: 1.71 GiB',
        '  GPU memory utilization: 0.95',
        '  maximum batched tokens per step: 1,024 tokens',
        'notes:',
        "  - the log's model openai/gpt-oss-120b is gpt-oss-120b in the catalog: --model gpt-oss-120b is given and its KV bytes per token are compared",
        `  - the log reports a failure: "${ENTRY_13_ERROR_LINE}"`,
        'to reproduce it with llm-sizing (replace each …):',
        '  llm-sizing --model gpt-oss-120b --server … --storage … --concurrency … --memory-model vllm --kv-cache-memory-gib 1.71 --gpu-memory-utilization 0.95 --max-num-batched-tokens 1024',
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
    expect(text).toContain('cache KV por token e GPU: 48.105 bytes (16,46 GiB / 367.404 tokens)\n');
    expect(text).toContain('  Qwen3-235B-A22B com TP 4 × PP 1 e KV bf16: 48.128 bytes por token e GPU (o log: −0,05 %)\n');
    expect(text).toContain(
      '  llm-sizing --model Qwen3-235B-A22B --server … --storage … --concurrency … --memory-model sglang --kv-cache-memory-gib 16.46 --tensor-parallel 4 --mem-fraction-static 0.93\n',
    );
  });

  it('one block per run, headed with its lines, when a file holds several', async () => {
    const c = capture();
    await runCalibrate({ positionals: [write('entry5-both.log', `${ENTRY_5_VLLM}\n${ENTRY_5_SGLANG}`)], locale: 'en' }, c.io);
    const text = c.out.join('');
    expect(text.startsWith('run 1 of 2 (lines 1–3)\nengine: vLLM\n')).toBe(true);
    expect(text).toContain('\n\nrun 2 of 2 (lines 4–5)\nengine: SGLang\n');
    expect(text.match(/^ {2}llm-sizing /gm)).toHaveLength(2);
  });

  it('--json-only: { runs: [...] }, each with its command and its notes in words', async () => {
    const c = capture();
    await runCalibrate({ positionals: [write('restarts.log', fixture('vllm-two-restarts.txt'))], locale: 'pt-BR', values: { 'json-only': true } }, c.io);
    const doc = JSON.parse(c.out.join('')) as { runs: Record<string, unknown>[] };
    expect(doc.runs.map((r) => Object.keys(r))).toStrictEqual(
      Array.from({ length: 2 }, () => ['run', 'lines', 'engine', 'facts', 'model', 'kv_bytes_per_token', 'flags', 'command', 'notes']),
    );
    expect(doc.runs.map((r) => [r.run, r.lines, r.engine])).toStrictEqual([
      [1, { first: 2, last: 7 }, 'vllm'],
      [2, { first: 10, last: 15 }, 'vllm'],
    ]);
    expect(doc.runs[1]!.command).toBe(
      'llm-sizing --model Meta-Llama-3.1-8B --server … --storage … --concurrency … --memory-model vllm --kv-cache-memory-gib 53.04 --tensor-parallel 1 --pipeline-parallel 1 --weights-gib 14.9889 --effective-context 131072 --kv-precision fp8',
    );
    expect(doc.runs[0]!.notes).toStrictEqual([
      {
        code: 'model_from_log',
        params: { shown: 'meta-llama/Llama-3.1-8B-Instruct', name: 'Meta-Llama-3.1-8B' },
        message: 'o modelo do log, meta-llama/Llama-3.1-8B-Instruct, é Meta-Llama-3.1-8B no catálogo: informa-se --model Meta-Llama-3.1-8B e comparam-se os seus bytes de KV por token',
      },
    ]);
  });

  it('--model: compared with that model; an unknown name is refused with LOGFILE problems in the same round', async () => {
    const c = capture();
    await runCalibrate({ positionals: [write('trt.log', fixture('trtllm-0.8-llama3-8b.txt'))], locale: 'en', values: { model: 'Meta-Llama-3.1-8B' } }, c.io);
    expect(c.out.join('')).toContain('KV cache per token and GPU: 131,072 bytes (3.8594 GiB / 31,616 tokens)\n  Meta-Llama-3.1-8B at TP 1 × PP 1 with bf16 KV: 131,072 bytes per token and GPU (the log: +0.00 %)\n');
    await expect(runCalibrate({ positionals: [join(dir, 'missing.log')], locale: 'en', values: { model: 'Llama-3.1-8b' } }, capture().io)).rejects.toMatchObject({
      problems: [
        { field: 'model', value: 'Llama-3.1-8b', accepted: { kind: 'one_of' } },
        { field: 'LOGFILE', accepted: { kind: 'readable_file', reason: 'not_found' } },
      ],
    });
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

  it.each([
    ['hello.log', 'hello\nworld\n'],
    ['README.md', readFileSync(join(ROOT, 'README.md'), 'utf8')],
    ['docs/engines.md', readFileSync(join(ROOT, 'docs', 'engines.md'), 'utf8')],
    ['bare-command.log', 'launch with tp 8 --max-num-batched-tokens 2048\n'],
  ])('refuses %s: not an engine log', async (name, content) => {
    const path = write(name.replace('/', '-'), content);
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

describe('composed logs of documented formats (test/fixtures/calibrate)', () => {
  const models = BUILTIN_CATALOG.models;
  const read = (name: string) => parseEngineLog(fixture(name), { models }).runs;

  it('vLLM V1 config line: TP 4, fp8 KV, block size 32, util 0.92 and the model, which the catalog has', () => {
    const [run, ...more] = read('vllm-v1-llama70b-tp4-fp8.txt');
    expect(more).toStrictEqual([]);
    expect(run!.facts).toMatchObject({ model: 'meta-llama/Llama-3.1-70B-Instruct', tensor_parallel: 4, pipeline_parallel: 1, kv_cache_dtype: 'fp8', block_size: 32, gpu_memory_utilization: 0.92, max_model_len: 32768 });
    expect(run!.model).toStrictEqual({ name: 'Meta-Llama-3.1-70B', from: 'log' });
    // 80 layers × 8 KV heads / TP 4 × (128 + 128) × 1 byte = 40,960 bytes; the log: 34.46 GiB / 903,328 tokens.
    expect(run!.kv_bytes_per_token).toStrictEqual({
      implied: 40961,
      source: 'tokens',
      tokens: 903328,
      gib: 34.46,
      model: { name: 'Meta-Llama-3.1-70B', tensor_parallel: 4, pipeline_parallel: 1, kv_precision: 'fp8', bytes: 40960, difference_pct: 0 },
    });
    expect(run!.flags).toStrictEqual([
      '--model Meta-Llama-3.1-70B',
      '--memory-model vllm',
      '--kv-cache-memory-gib 34.46',
      '--tensor-parallel 4',
      '--pipeline-parallel 1',
      '--gpu-memory-utilization 0.92',
      '--block-size 32',
      '--weights-gib 131.5256',
      '--effective-context 32768',
      '--kv-precision fp8',
    ]);
    expect(run!.notes.map(enNote)).toStrictEqual([
      "the log's model meta-llama/Llama-3.1-70B-Instruct is Meta-Llama-3.1-70B in the catalog: --model Meta-Llama-3.1-70B is given and its KV bytes per token are compared",
      "weights: 32.8814 GiB per GPU × tensor parallel 4 = 131.5256 GiB, one replica's weights",
    ]);
  });

  it("vLLM V1's fail-fast error: the available KV memory, what one request needs and the estimated maximum model length", () => {
    const [run] = read('vllm-v1-qwen3-8b-fail-fast.txt');
    expect(run!.facts).toMatchObject({ kv_cache_memory_gib: 2.67, kv_needed_gib: 5.62, max_model_len: 40960, estimated_max_model_len: 19440, kv_cache_dtype: 'auto' });
    // 36 layers × 8 × 256 × 2 bytes = 147,456 bytes; the log: 5.62 GiB for 40,960 tokens.
    expect(run!.kv_bytes_per_token).toMatchObject({ implied: 147325, source: 'needed', model: { bytes: 147456, kv_precision: 'bf16', difference_pct: -0.09 } });
    expect(run!.flags).toContain('--kv-cache-memory-gib 2.67');
    expect(run!.flags).toContain('--effective-context 40960');
    expect(run!.notes.map(enNote)).toContain('vLLM refused to start: one request of 40,960 tokens needs 5.62 GiB of KV cache and 2.67 GiB were available; about 19,440 tokens would fit');
  });

  it('TensorRT-LLM 0.8: "Allocate N bytes for k/v cache", "Using N total tokens in paged KV cache", the engine size as weights', () => {
    const [run] = parseEngineLog(fixture('trtllm-0.8-llama3-8b.txt'), { models, model: model('Meta-Llama-3.1-8B') }).runs;
    expect(run!.engine).toBe('trtllm');
    expect(run!.facts).toStrictEqual({ weights_gib: 15319 / 1024, kv_cache_memory_gib: 4143972352 / 2 ** 30, kv_tokens: 31616 });
    expect(run!.kv_bytes_per_token).toMatchObject({ implied: 131072, model: { bytes: 131072, difference_pct: 0 } });
    expect(run!.flags).toStrictEqual(['--model Meta-Llama-3.1-8B', '--memory-model trtllm', '--kv-cache-memory-gib 3.8594', '--weights-gib 14.96']);
  });

  it('two restarts in one file: two runs, bf16 then fp8, each matching the model', () => {
    const runs = read('vllm-two-restarts.txt');
    expect(runs.map((r) => [r.lines, r.facts.kv_cache_dtype, r.kv_bytes_per_token?.implied, r.kv_bytes_per_token?.model?.bytes])).toStrictEqual([
      [{ first: 2, last: 7 }, 'auto', 131074, 131072],
      [{ first: 10, last: 15 }, 'fp8', 65537, 65536],
    ]);
  });
});

describe('implied KV bytes per token against the model: a wrong TP or precision shows', () => {
  const models = BUILTIN_CATALOG.models;
  const mismatch = (log: string, options: { model?: string } = {}) => {
    const [run] = parseEngineLog(log, { models, ...(options.model ? { model: model(options.model) } : {}) }).runs;
    return run!.notes.filter((n) => n.code === 'bytes_per_token_mismatch').map(enNote);
  };

  it('log #5 (vLLM, TP 4 from the command): within 3 % of Qwen3-235B-A22B at TP 4, no note', () => {
    expect(mismatch(ENTRY_5_VLLM)).toStrictEqual([]);
  });

  it('the same KV lines without the command (TP unknown, so 1): the note names TP 4 as the fit', () => {
    expect(mismatch('Available KV cache memory: 8.11 GiB\nGPU KV cache size: 178,880 tokens', { model: 'Qwen3-235B-A22B' })).toStrictEqual([
      "the log's 48,681 KV bytes per token and GPU differ from Qwen3-235B-A22B's 192,512 at TP 1 × PP 1 with bf16 KV by −74.71 %: they match bf16 KV at TP 4 (48,128 bytes), so check --kv-precision and --tensor-parallel",
    ]);
  });

  it('log #12 (SGLang, DeepSeek-V3.2, no dtype stated): bf16 does not match, fp8 (fp8_ds_mla + indexer) does, at the logged TP 8', () => {
    expect(mismatch(`${ENTRY_12_COMMAND}\n${ENTRY_12_THIS_PR}`, { model: 'DeepSeek-V3.2' })).toStrictEqual([
      expect.stringMatching(/^the log's 48,072 KV bytes per token and GPU differ from DeepSeek-V3\.2's [\d,]+ at TP 8 × PP 1 with bf16 KV by −[\d.]+ %: they match fp8 KV at TP 8 \(48,068 bytes\)/),
    ]);
  });

  it('a hybrid model is not compared under vLLM, and says so; TensorRT-LLM counts every layer as full and is', () => {
    const [vllm] = parseEngineLog('Available KV cache memory: 5.95 GiB\nGPU KV cache size: 86,720 tokens', { models, model: model('gpt-oss-120b') }).runs;
    expect(vllm!.kv_bytes_per_token?.model).toBeNull();
    expect(vllm!.notes.map(enNote)).toContain(
      'gpt-oss-120b has sliding-window, chunked, linear-attention or Mamba layers, whose tokens the engine does not count at one size: its KV bytes per token are not compared',
    );
    const [trt] = parseEngineLog(ENTRY_14, { models, model: model('gpt-oss-120b') }).runs;
    expect(trt!.kv_bytes_per_token).toMatchObject({ implied: 73728, source: 'stated', model: { bytes: 73728, difference_pct: 0 } });
  });

  it('matches log model names to catalog entries by name, repository, or without -Instruct / -FP8 / Meta-', () => {
    const names = ['Qwen/Qwen3-8B', '/path/to/Qwen3-235B-A22B-FP8', 'meta-llama/Llama-3.1-70B-Instruct', 'openai/gpt-oss-120b', 'gpt-oss-120b', 'Qwen3.5-27B', 'deepseek-ai/DeepSeek-V3.2-Exp'];
    expect(names.map((n) => matchModel(n, models)?.name ?? null)).toStrictEqual(['Qwen3-8B', 'Qwen3-235B-A22B', 'Meta-Llama-3.1-70B', 'gpt-oss-120b', 'gpt-oss-120b', null, null]);
  });
});

describe('flags the sizing would refuse are left out, and the notes say why', () => {
  it('--gpu-memory-utilization -0.5 and an overflowing KV memory (Infinity)', () => {
    const log = `vllm serve m --gpu-memory-utilization -0.5\nAvailable KV cache memory: ${'9'.repeat(400)} GiB\nGPU KV cache size: 0 tokens`;
    const [run] = parseEngineLog(log).runs;
    expect(run!.flags).toStrictEqual(['--memory-model vllm']);
    expect(run!.notes.map(enNote)).toStrictEqual([
      'left out of the flags because the sizing would refuse it: --kv-cache-memory-gib: "Infinity" is not a number; expected a number greater than 0 and at most 100,000.',
      'left out of the flags because the sizing would refuse it: --gpu-memory-utilization: got -0.5; expected a number greater than 0 and at most 1.',
    ]);
  });

  it('a setting of another engine (--block-size in an SGLang run) and TP 0', () => {
    const [run] = parseEngineLog('python -m sglang.launch_server --model m --tp 0 --block-size 16\nKV Cache is allocated. #tokens: 1000, KV size: 1.00 GB').runs;
    expect(run!.flags).toStrictEqual(['--memory-model sglang', '--kv-cache-memory-gib 1.00']);
    expect(run!.notes.map(enNote)).toStrictEqual([
      'left out of the flags because the sizing would refuse it: --tensor-parallel: got 0; expected a whole number from 1 to 512.',
      'left out of the flags because the sizing would refuse it: --block-size: got 16; expected --memory-model vllm: this setting belongs to that engine and would be ignored by sglang.',
    ]);
  });
});

describe('the worked examples of the doc comments', () => {
  it('parseEngineLog (src/engines/calibrate.ts)', () => {
    expect(parseEngineLog('… [gpu_worker.py:298] Available KV cache memory: 6.51 GiB\n… GPU KV cache size: 42,656 tokens').runs[0]!.flags).toStrictEqual([
      '--memory-model vllm',
      '--kv-cache-memory-gib 6.51',
    ]);
  });

  it('matchModel', () => {
    expect(matchModel('/path/to/Qwen3-235B-A22B-FP8', BUILTIN_CATALOG.models)?.name).toBe('Qwen3-235B-A22B');
  });

  it('calibrationBytesPerToken (src/report/i18n/calibration.ts), on what log #4 implies', () => {
    const run = parseEngineLog(ENTRY_4).runs[0]!;
    expect(run.kv_bytes_per_token).toStrictEqual({ implied: 163870, source: 'tokens', gib: 6.51, tokens: 42656, model: null });
    expect(calibrationBytesPerToken(run, 'en')).toStrictEqual(['KV cache per token and GPU: 163,870 bytes (6.51 GiB / 42,656 tokens)']);
  });
});
