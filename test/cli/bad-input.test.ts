/**
 * Bad input through the command (in process, test/helpers/cli.ts): every flag of FLAGS has rows here (a meta-test enforces it).
 * For every row: exit code 2, nothing on stdout, a short message on stderr that names the flag or
 * field, repeats the value given, says what is accepted, and shows no stack trace; and no output
 * file appears.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/cli/flags.ts';
import { type CliResult, runCliAll, tempDir } from '../helpers/cli.ts';

const tmp = tempDir('bad-input');
afterAll(() => tmp.remove());

interface Row {
  /** A sentence: what is wrong. */
  name: string;
  /** The FLAGS entries this row exercises (empty for rows about commands and arguments). */
  flags: string[];
  args: string[];
  /** Texts the message must contain: the flag or field, the value given, what is accepted. */
  mentions: string[];
  /** Texts the message must not contain. */
  absent?: string[];
  /** Output files (fresh paths) that must not exist afterwards. */
  noFiles?: string[];
}

/** A valid sizing; `size({ concurrency: 'abc' })` replaces or adds flags (`undefined` drops one). */
const BASE: Readonly<Record<string, string>> = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: '10', 'effective-context': '4096' };
function size(overrides: Record<string, string | undefined> = {}, ...extra: string[]): string[] {
  const flags: Record<string, string | undefined> = { ...BASE, ...overrides };
  return [...Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v])), ...extra];
}

/** A valid `perf` evaluation with flags replaced, added or dropped (`undefined`). */
function perf(overrides: Record<string, string | undefined> = {}, ...extra: string[]): string[] {
  const flags: Record<string, string | undefined> = { model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', ...overrides };
  return ['perf', ...Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v])), ...extra];
}

/** Write a file into the temp folder (at module load: rows are built before the tests run). */
function file(name: string, content: string): string {
  const path = join(tmp.path, name);
  writeFileSync(path, content);
  return path;
}
/** A fresh path in the temp folder, not created. */
const fresh = (name: string) => join(tmp.path, 'out', name);
mkdirSync(join(tmp.path, 'out'));
const aFile = file('plain.txt', 'not a folder\n');

const model = (over: Record<string, unknown>) => ({ name: 'm1', num_layers: 10, num_key_value_heads: 8, head_dim: 64, max_position_embeddings: 8192, attention_pattern: 'full', default_kv_precision: 'fp8', ...over });
const server = (over: Record<string, unknown>) => ({ name: 's1', gpus: 8, hbm_per_gpu_gb: 80, ...over });
const profile = (over: Record<string, unknown>) => ({
  name: 'p1', type: 'nvme_local', iops_read: 1, iops_write: 1, throughput_read_gbps: 1, throughput_write_gbps: 1,
  latency_read_ms_p50: 1, latency_read_ms_p99: 1, latency_write_ms_p50: 1, latency_write_ms_p99: 1, ...over,
});

const files = {
  missing: join(tmp.path, 'no-such-catalog.json'),
  notJson: file('not-json.json', '{"models": [ {"name": "m1", '),
  notJsonNewline: file('not-json-newline.json', 'not json\n'),
  modelsWrongKey: file('models-wrong-key.json', JSON.stringify({ model: [model({})] })),
  hybridCounts: file('hybrid-counts.json', JSON.stringify({ models: [model({ attention_pattern: 'hybrid', hybrid_full_layers: 3, hybrid_sliding_layers: 3, sliding_window: 128 })] })),
  slidingNoWindow: file('sliding-no-window.json', JSON.stringify({ models: [model({ name: 'slide', attention_pattern: 'sliding' })] })),
  duplicateModels: file('duplicate-models.json', JSON.stringify({ models: [model({ name: 'twin' }), model({ name: 'twin' })] })),
  modelNotObject: file('model-not-object.json', JSON.stringify({ models: [1] })),
  serversWrongKey: file('servers-wrong-key.json', JSON.stringify({ models: [server({})] })),
  serverTotal: file('server-total.json', JSON.stringify({ servers: [server({ name: 'odd', total_hbm_gb: 600 })] })),
  duplicateServers: file('duplicate-servers.json', JSON.stringify({ servers: [server({ name: 'same' }), server({ name: 'same' })] })),
  storageWrongKey: file('storage-wrong-key.json', JSON.stringify({ storage: [profile({})] })),
  negativePrice: file('negative-price.json', JSON.stringify({ prices: [{ server: 'dgx-h100', on_demand_usd_per_gpu_hour: -2, source: 'quote', date: '2026-12-01' }] })),
  unknownPriceServer: file('unknown-price-server.json', JSON.stringify({ prices: [{ server: 'dgx-h100' , source: 'q', date: '2026-12-01' }, { server: 'dgx-h900', on_demand_usd_per_gpu_hour: 3, source: 'quote', date: '2026-12-01' }] })),
  lowPue: file('low-pue.json', JSON.stringify({ facility: { usd_per_kwh: 0.1, pue: 0.9, amortisation_years: 5, source: 's', date: '2026-12-01' }, prices: [] })),
  misspeltPrice: file('misspelt-price.json', JSON.stringify({ prices: [{ server: 'dgx-h100', on_demand_usd_per_gpu_hr: 3, source: 'quote', date: '2026-12-01' }] })),
  negativeIops: file('negative-iops.json', JSON.stringify({ profiles: [profile({ name: 'neg', iops_read: -1 })] })),
  duplicateProfiles: file('duplicate-profiles.json', JSON.stringify({ profiles: [profile({ name: 'dup' }), profile({ name: 'dup' })] })),
};

const INTEGER_FLAGS = [
  { flag: 'concurrency', accepted: 'a whole number from 1 to 1,000,000,000', tooBig: '1000000001' },
  { flag: 'effective-context', accepted: 'a whole number from 1 to 100,000,000', tooBig: '100000001' },
];
const NUMBER_FLAGS = [
  { flag: 'kv-budget-ratio', accepted: 'a number greater than 0 and at most 1', low: '0', high: '1.5' },
  { flag: 'runtime-overhead-gib', accepted: 'a number from 0 to 1,000,000', low: '-1', high: '1000001' },
  { flag: 'peak-headroom-ratio', accepted: 'a number from 0 to 10', low: '-0.5', high: '11' },
];

const LLAMA_CONFIG = fileURLToPath(new URL('../fixtures/hf-configs/meta-llama__Meta-Llama-3.1-8B.json', import.meta.url));

const ROWS: Row[] = [
  // Integer flags.
  ...INTEGER_FLAGS.flatMap(({ flag, accepted, tooBig }): Row[] => [
    { name: `--${flag} that is not a number`, flags: [flag], args: size({ [flag]: 'abc' }), mentions: [`--${flag}`, '"abc"', accepted] },
    { name: `--${flag} of zero`, flags: [flag], args: size({ [flag]: '0' }), mentions: [`--${flag}`, 'got 0', accepted] },
    { name: `--${flag} that is negative`, flags: [flag], args: size({ [flag]: '-5' }), mentions: [`--${flag}`, 'got -5', accepted] },
    { name: `--${flag} that is not whole`, flags: [flag], args: size({ [flag]: '2.5' }), mentions: [`--${flag}`, 'got 2.5', accepted] },
    { name: `--${flag} above its range`, flags: [flag], args: size({ [flag]: tooBig }), mentions: [`--${flag}`, tooBig, accepted] },
    { name: `--${flag} in hexadecimal`, flags: [flag], args: size({ [flag]: '0x10' }), mentions: [`--${flag}`, '"0x10"', accepted] },
    { name: `--${flag} with no value`, flags: [flag], args: [...size({ [flag]: undefined }), `--${flag}`], mentions: [`--${flag}`, 'missing'] },
    { name: `--${flag} left out`, flags: [flag], args: size({ [flag]: undefined }), mentions: [`--${flag}`, 'missing', 'required'] },
  ]),
  { name: '--concurrency=-5 (the = form)', flags: ['concurrency'], args: [...size({ concurrency: undefined }), '--concurrency=-5'], mentions: ['--concurrency', 'got -5', 'a whole number'] },
  { name: '--concurrency of Infinity', flags: ['concurrency'], args: size({ concurrency: 'Infinity' }), mentions: ['--concurrency', '"Infinity"', 'a whole number'] },
  // A number beyond a double is echoed as typed, not as the Infinity it reads as.
  { name: '--concurrency of 1e400', flags: ['concurrency'], args: size({ concurrency: '1e400' }), mentions: ['--concurrency', 'got "1e400"', 'a whole number'], absent: ['Infinity', 'not a number'] },
  { name: '--concurrency that is empty', flags: ['concurrency'], args: size({ concurrency: '' }), mentions: ['--concurrency', '""', 'a whole number'] },

  // perf: the workload, the load and the GPUs used.
  { name: 'perf --input-tokens of zero', flags: ['input-tokens'], args: perf({ 'input-tokens': '0' }), mentions: ['--input-tokens', 'got 0', 'a whole number from 1'] },
  { name: 'perf --input-tokens that is not a number', flags: ['input-tokens'], args: perf({ 'input-tokens': 'many' }), mentions: ['--input-tokens', '"many"', 'a whole number'] },
  { name: 'perf --output-tokens that is not whole', flags: ['output-tokens'], args: perf({ 'output-tokens': '2.5' }), mentions: ['--output-tokens', 'got 2.5', 'a whole number'] },
  { name: 'perf --request-rate of zero', flags: ['request-rate'], args: perf({ 'request-rate': '0' }), mentions: ['--request-rate', 'got 0', 'greater than 0'] },
  { name: 'perf --request-rate with --concurrency', flags: ['request-rate', 'concurrency'], args: perf({ 'request-rate': '5', concurrency: '10' }), mentions: ['--request-rate', '--concurrency'] },
  { name: 'perf --gpus-used above the node', flags: ['gpus-used'], args: perf({ 'gpus-used': '9' }), mentions: ['--gpus-used', 'got 9', 'from 1 to 8'] },
  { name: 'perf --gpus-used of zero', flags: ['gpus-used'], args: perf({ 'gpus-used': '0' }), mentions: ['--gpus-used', 'got 0', 'a whole number'] },
  { name: 'perf --server left out', flags: ['server'], args: perf({ server: undefined }), mentions: ['--server', 'required'] },
  { name: 'perf --storage (a sizing flag)', flags: [], args: perf({}, '--storage', 'profile_default'), mentions: ['--storage', 'perf'] },

  // Number flags.
  ...NUMBER_FLAGS.flatMap(({ flag, accepted, low, high }): Row[] => [
    { name: `--${flag} that is not a number`, flags: [flag], args: size({ [flag]: 'lots' }), mentions: [`--${flag}`, '"lots"', accepted] },
    { name: `--${flag} below its range`, flags: [flag], args: size({ [flag]: low }), mentions: [`--${flag}`, `got ${low}`, accepted] },
    { name: `--${flag} above its range`, flags: [flag], args: size({ [flag]: high }), mentions: [`--${flag}`, high, accepted] },
    { name: `--${flag} with no value`, flags: [flag], args: size({}, `--${flag}`), mentions: [`--${flag}`, 'missing'] },
  ]),
  { name: '--kv-budget-ratio that is negative', flags: ['kv-budget-ratio'], args: size({ 'kv-budget-ratio': '-0.1' }), mentions: ['--kv-budget-ratio', 'got -0.1', 'greater than 0'] },

  // Enum flags.
  { name: '--kv-precision that is unknown', flags: ['kv-precision'], args: size({ 'kv-precision': 'fp32' }), mentions: ['--kv-precision', '"fp32"', 'one of: fp8, int8, fp16, bf16'] },
  // Capitals are read as the canonical value (FP16 is fp16: test/cli/friction.test.ts); an unknown value in capitals still lists the canonical ones.
  { name: '--kv-precision in capitals that is unknown', flags: ['kv-precision'], args: size({ 'kv-precision': 'FP32' }), mentions: ['--kv-precision', '"FP32"', 'one of: fp8, int8, fp16, bf16'] },
  { name: '--ha that is unknown', flags: ['ha'], args: size({ ha: 'n+3' }), mentions: ['--ha', '"n+3"', 'one of: none, n+1, n+2'] },
  { name: '--ha in capitals that is unknown', flags: ['ha'], args: size({ ha: 'N+3' }), mentions: ['--ha', '"N+3"', 'one of: none, n+1, n+2'] },
  { name: '--ha with no value', flags: ['ha'], args: size({}, '--ha'), mentions: ['--ha', 'missing'] },
  { name: '--lang that is unknown', flags: ['lang'], args: size({ lang: 'xx' }), mentions: ['--lang', '"xx"', 'one of: en, pt-BR'] },
  { name: '--lang that is unknown, for catalog', flags: ['lang'], args: ['catalog', '--lang=fr'], mentions: ['--lang', '"fr"', 'one of: en, pt-BR'] },
  { name: '--lang with no value', flags: ['lang'], args: size({}, '--lang'), mentions: ['--lang', 'missing'] },
  // Deployment layout and engine memory models (issue #4).
  { name: '--memory-model that is unknown', flags: ['memory-model'], args: size({ 'memory-model': 'tgi' }), mentions: ['--memory-model', '"tgi"', 'one of: seed, vllm, sglang, trtllm'] },
  ...(['tensor-parallel', 'pipeline-parallel', 'replicas-per-node', 'data-parallel-attention', 'expert-parallel', 'max-num-batched-tokens', 'block-size', 'tokens-per-block'] as const).map((flag) => ({
    name: `--${flag} that is not a whole number`, flags: [flag], args: size({ [flag]: '1.5' }), mentions: [`--${flag}`, 'got 1.5', 'a whole number'],
  })),
  ...(['weights-gib', 'kv-cache-memory-gib', 'gpu-memory-gib', 'gpu-memory-utilization', 'mem-fraction-static', 'free-gpu-memory-fraction', 'activation-gib', 'non-torch-gib'] as const).map((flag) => ({
    name: `--${flag} that is not a number`, flags: [flag], args: size({ [flag]: 'lots' }), mentions: [`--${flag}`, '"lots"', 'a number'],
  })),
  { name: '--gpu-memory-utilization above 1', flags: ['gpu-memory-utilization'], args: size({ 'gpu-memory-utilization': '1.2' }), mentions: ['--gpu-memory-utilization', 'got 1.2', 'at most 1'] },
  { name: '--gpu-memory-utilization without --memory-model vllm', flags: ['gpu-memory-utilization'], args: size({ 'gpu-memory-utilization': '0.8' }), mentions: ['--gpu-memory-utilization', 'got 0.8', '--memory-model vllm', 'would be ignored by seed'] },
  { name: '--mem-fraction-static with another engine', flags: ['mem-fraction-static', 'memory-model'], args: size({ 'memory-model': 'vllm', 'mem-fraction-static': '0.9' }), mentions: ['--mem-fraction-static', '--memory-model sglang', 'ignored by vllm'] },
  { name: '--tensor-parallel across plain nodes', flags: ['tensor-parallel'], args: size({ 'tensor-parallel': '16' }), mentions: ['--tensor-parallel', 'got 16', '16 GPUs would all-reduce across nodes of dgx300', 'NVLink domain 8 GPUs', '--pipeline-parallel'] },
  { name: '--pipeline-parallel over nodes that are not whole', flags: ['pipeline-parallel', 'tensor-parallel'], args: size({ 'tensor-parallel': '4', 'pipeline-parallel': '3' }), mentions: ['--pipeline-parallel', 'got 3', 'TP 4 × PP 3 needs 12 GPUs, which is not a whole multiple of the 8 GPUs of dgx300'] },
  { name: '--data-parallel-attention without --memory-model vllm or sglang', flags: ['data-parallel-attention'], args: size({ 'data-parallel-attention': '2', 'tensor-parallel': '2' }), mentions: ['--data-parallel-attention', 'got 2', '--memory-model vllm or sglang'] },
  { name: '--data-parallel-attention that does not divide TP', flags: ['data-parallel-attention', 'memory-model'], args: size({ 'memory-model': 'sglang', 'tensor-parallel': '8', 'data-parallel-attention': '3' }), mentions: ['--data-parallel-attention', 'got 3', 'TP 8, 3 groups'] },
  { name: '--expert-parallel on a model without routed experts', flags: ['expert-parallel', 'memory-model'], args: size({ 'memory-model': 'vllm', 'tensor-parallel': '8', 'expert-parallel': '8' }), mentions: ['--expert-parallel', 'got 8', 'num_routed_experts (model opt-oss-120b states none)'] },
  { name: '--tensor-parallel that does not divide the KV heads', flags: ['tensor-parallel'], args: size({ 'tensor-parallel': '3' }), mentions: ['--tensor-parallel', 'got 3', '8 KV heads, TP 3'] },
  { name: '--replicas-per-node more than fit', flags: ['replicas-per-node', 'tensor-parallel'], args: size({ 'tensor-parallel': '4', 'replicas-per-node': '3' }), mentions: ['--replicas-per-node', 'got 3', '3 × 4 GPUs is more than 8'] },
  // Hugging Face configs.
  { name: '--hf-config that does not exist', flags: ['hf-config'], args: size({ model: undefined, 'hf-config': files.missing }), mentions: ['--hf-config', files.missing, 'a readable file'] },
  { name: '--hf-config that is not JSON', flags: ['hf-config'], args: size({ model: undefined, 'hf-config': files.notJson }), mentions: [files.notJson, 'valid JSON'] },
  { name: '--hf-config together with --model', flags: ['hf-config', 'model'], args: size({ 'hf-config': LLAMA_CONFIG }), mentions: ['--hf-config', '--model', 'cannot be used together'] },
  { name: '--hf-config without a layer count', flags: ['hf-config'], args: size({ model: undefined, 'hf-config': file('no-layers.json', '{"hidden_size": 4096, "num_attention_heads": 32}') }), mentions: ['num_hidden_layers', 'required'] },
  { name: '--params-b of zero', flags: ['params-b'], args: size({ 'params-b': '0' }), mentions: ['--params-b', 'got 0', 'greater than 0'] },
  { name: '--params-b that is not a number', flags: ['params-b'], args: size({ 'params-b': '70B' }), mentions: ['--params-b', '"70B"', 'a number'] },
  {
    name: '--weights-precision that is unknown',
    flags: ['weights-precision'],
    args: size({ 'weights-precision': 'fp3' }),
    mentions: ['--weights-precision', '"fp3"', 'one of: bf16, fp16, fp8, int8, fp4, mxfp4, nvfp4, int4'],
  },
  { name: '--name without --hf-config', flags: ['name'], args: size({ name: 'my-model' }), mentions: ['--name', '"my-model"', 'with --hf-config'] },
  { name: '--name with spaces around it', flags: ['name'], args: ['catalog', 'import', LLAMA_CONFIG, '--name', ' llama ', '--models-file', join(tmp.path, 'imported.json')], mentions: ['--name', '" llama "', 'without leading or trailing spaces'], noFiles: [join(tmp.path, 'imported.json')] },

  // Catalog names.
  { name: '--model with a typo', flags: ['model'], args: size({ model: 'opt-oss-12b' }), mentions: ['--model', '"opt-oss-12b"', 'opt-oss-120b, opt-oss-20b', 'did you mean "opt-oss-120b"'] },
  { name: '--model far from every name', flags: ['model'], args: size({ model: 'gpt-4' }), mentions: ['--model', '"gpt-4"', 'opt-oss-120b, opt-oss-20b'], absent: ['did you mean'] },
  { name: '--model that is empty', flags: ['model'], args: size({ model: '' }), mentions: ['--model', '""', 'a non-empty text'] },
  { name: '--model left out', flags: ['model'], args: size({ model: undefined }), mentions: ['--model', 'missing', 'required'] },
  { name: '--server with a typo', flags: ['server'], args: size({ server: 'dgx30' }), mentions: ['--server', '"dgx30"', 'dgx300, dgx200', 'did you mean "dgx300"'] },
  { name: '--server far from every name', flags: ['server'], args: size({ server: 'h100-box' }), mentions: ['--server', '"h100-box"', 'dgx300, dgx200'], absent: ['did you mean'] },
  { name: '--storage with a typo', flags: ['storage'], args: size({ storage: 'profile_defualt' }), mentions: ['--storage', '"profile_defualt"', 'profile_default, profile_network_ssd, profile_cloud_premium', 'did you mean "profile_default"'] },
  { name: '--storage left out with a storage file that has no profile_default', flags: ['storage', 'storage-file', 'replace-catalog'], args: size({ storage: undefined, 'storage-file': file('only-p1.json', JSON.stringify({ profiles: [profile({})] })) }, '--replace-catalog'), mentions: ['--storage', '"profile_default"', 'one of: p1'] },
  { name: '--model naming a built-in model while --models-file --replace-catalog replaces them', flags: ['model', 'models-file', 'replace-catalog'], args: size({ 'models-file': file('only-m1.json', JSON.stringify({ models: [model({})] })) }, '--replace-catalog'), mentions: ['--model', '"opt-oss-120b"', 'one of: m1'] },
  { name: '--replace-catalog given a value', flags: ['replace-catalog'], args: size({}, '--replace-catalog=yes'), mentions: ['--replace-catalog', 'takes no value', '--replace-catalog alone'] },
  { name: '--effective-context in thousands above its range', flags: ['effective-context'], args: size({ 'effective-context': '200000k' }), mentions: ['--effective-context', 'got "200000k"', 'a whole number from 1 to 100,000,000, or thousands of tokens such as 32k'], absent: ['not a number'] },
  { name: '--effective-context in thousands that is not whole', flags: ['effective-context'], args: size({ 'effective-context': '0.3k' }), mentions: ['--effective-context', '"0.3k"', 'a whole number'] },
  { name: '--effective-context with another suffix', flags: ['effective-context'], args: size({ 'effective-context': '32m' }), mentions: ['--effective-context', '"32m" is not a number', 'or thousands of tokens such as 32k'] },
  // The workload and latency targets (issue 10).
  { name: '--request-rate together with --concurrency', flags: ['request-rate', 'concurrency'], args: size({ 'request-rate': '5' }), mentions: ['--request-rate', '--concurrency', 'cannot be used together'] },
  { name: '--concurrency and --request-rate both left out', flags: ['concurrency', 'request-rate'], args: size({ concurrency: undefined }), mentions: ['--concurrency', 'missing', 'required unless --request-rate'] },
  { name: '--request-rate of zero', flags: ['request-rate'], args: size({ concurrency: undefined, 'request-rate': '0' }), mentions: ['--request-rate', 'got 0', 'a number greater than 0'] },
  { name: '--request-rate that is not a number', flags: ['request-rate'], args: size({ concurrency: undefined, 'request-rate': 'fast' }), mentions: ['--request-rate', '"fast"', 'a number'] },
  { name: '--request-rate with no value', flags: ['request-rate'], args: size({ concurrency: undefined }, '--request-rate'), mentions: ['--request-rate', 'missing'] },
  ...(['input-tokens', 'output-tokens'] as const).flatMap((flag): Row[] => [
    { name: `--${flag} of zero`, flags: [flag], args: size({ [flag]: '0' }), mentions: [`--${flag}`, 'got 0', 'a whole number from 1 to 100,000,000'] },
    { name: `--${flag} that is not whole`, flags: [flag], args: size({ [flag]: '1.5' }), mentions: [`--${flag}`, 'got 1.5', 'a whole number'] },
    { name: `--${flag} with no value`, flags: [flag], args: size({}, `--${flag}`), mentions: [`--${flag}`, 'missing'] },
  ]),
  ...(['ttft-p99-ms', 'tpot-p99-ms'] as const).flatMap((flag): Row[] => [
    { name: `--${flag} of zero`, flags: [flag], args: size({ [flag]: '0' }), mentions: [`--${flag}`, 'got 0', 'a number greater than 0 and at most 86,400,000'] },
    { name: `--${flag} that is negative`, flags: [flag], args: size({ [flag]: '-20' }), mentions: [`--${flag}`, 'got -20', 'greater than 0'] },
    { name: `--${flag} that is not a number`, flags: [flag], args: size({ [flag]: '20ms' }), mentions: [`--${flag}`, '"20ms"', 'a number'] },
  ]),
  // Storage, cold start and failures (issue 12).
  ...(['artifact-gib', 'target-load-time-s'] as const).map((flag): Row => ({ name: `--${flag} of zero`, flags: [flag], args: size({ [flag]: '0' }), mentions: [`--${flag}`, 'got 0', 'a number greater than 0'] })),
  ...(['capacity-margin', 'log-gib-per-node'] as const).map((flag): Row => ({ name: `--${flag} that is negative`, flags: [flag], args: size({ [flag]: '-1' }), mentions: [`--${flag}`, 'got -1', 'a number from 0'] })),
  ...(['cache-gib-per-node', 'engine-startup-s'] as const).map((flag): Row => ({ name: `--${flag} that is not a number`, flags: [flag], args: size({ [flag]: 'lots' }), mentions: [`--${flag}`, '"lots"', 'a number'] })),
  ...(['artifact-copies', 'read-block-kib', 'nodes-per-domain'] as const).map((flag): Row => ({ name: `--${flag} of zero`, flags: [flag], args: size({ [flag]: '0' }), mentions: [`--${flag}`, 'got 0', 'a whole number from 1'] })),
  { name: '--warmup-concurrency that is not whole', flags: ['warmup-concurrency'], args: size({ 'warmup-concurrency': '1.5' }), mentions: ['--warmup-concurrency', 'got 1.5', 'a whole number'] },
  { name: '--storage-placement not in the list', flags: ['storage-placement'], args: size({ 'storage-placement': 'cloud' }), mentions: ['--storage-placement', '"cloud"', 'local', 'shared'] },
  // The KV offload tier (issue 12).
  { name: '--offload-tier that is not a tier', flags: ['offload-tier'], args: size({ 'offload-tier': 'ssd' }), mentions: ['--offload-tier', '"ssd"', 'dram', 'nvme'] },
  { name: '--offload-tier nvme without a size', flags: ['offload-tier'], args: size({ 'offload-tier': 'nvme' }), mentions: ['--offload-tier', '"nvme"', '--offload-gib-per-node', 'storage profiles state no capacity'] },
  { name: '--offload-tier dram on a server without system memory', flags: ['offload-tier'], args: size({ server: 'dgx-b200', 'offload-tier': 'dram' }), mentions: ['--offload-tier', 'dgx-b200 states no system_memory_tb'] },
  { name: '--offload-gib-per-node of zero', flags: ['offload-gib-per-node'], args: size({ 'offload-tier': 'nvme', 'offload-gib-per-node': '0' }), mentions: ['--offload-gib-per-node', 'got 0', 'greater than 0'] },
  { name: '--idle-session-fraction of 1 (every session idle)', flags: ['idle-session-fraction'], args: size({ 'offload-tier': 'dram', 'idle-session-fraction': '1' }), mentions: ['--idle-session-fraction', 'got 1', 'from 0 to 0.99'] },
  { name: '--idle-session-fraction that is not a number', flags: ['idle-session-fraction'], args: size({ 'idle-session-fraction': 'half' }), mentions: ['--idle-session-fraction', '"half"', 'a number'] },
  { name: '--host-link-gbps-per-gpu that is negative', flags: ['host-link-gbps-per-gpu'], args: size({ 'offload-tier': 'dram', 'host-link-gbps-per-gpu': '-64' }), mentions: ['--host-link-gbps-per-gpu', 'got -64', 'greater than 0'] },
  { name: '--concurrency in thousands (not a token count)', flags: ['concurrency'], args: size({ concurrency: '10k' }), mentions: ['--concurrency', '"10k" is not a number', 'a whole number from 1'], absent: ['32k'] },

  // Catalog files (the same rows for the size and catalog commands where it matters).
  { name: '--models-file that does not exist', flags: ['models-file'], args: size({ 'models-file': files.missing }), mentions: ['--models-file', files.missing, 'a readable file', 'no such file'] },
  { name: '--models-file that is a folder', flags: ['models-file'], args: size({ 'models-file': tmp.path }), mentions: ['--models-file', tmp.path, 'a readable file', 'it is a folder'] },
  { name: '--models-file that is not JSON', flags: ['models-file'], args: size({ 'models-file': files.notJson }), mentions: [files.notJson, 'valid JSON'] },
  {
    name: '--models-file that is not JSON and ends with a newline (message on one line)',
    flags: ['models-file'],
    args: size({ 'models-file': files.notJsonNewline }),
    mentions: [files.notJsonNewline, 'valid JSON'],
  },
  { name: '--models-file without a top-level "models" list', flags: ['models-file'], args: size({ 'models-file': files.modelsWrongKey }), mentions: [files.modelsWrongKey, '"models"', 'top-level'] },
  { name: '--models-file with hybrid counts that do not add up', flags: ['models-file'], args: size({ 'models-file': files.hybridCounts }), mentions: [files.hybridCounts, 'hybrid_full_layers', '3 + 3 = 6', 'num_layers is 10'] },
  { name: '--models-file with a sliding model without sliding_window', flags: ['models-file'], args: size({ 'models-file': files.slidingNoWindow }), mentions: [files.slidingNoWindow, 'sliding_window', "attention_pattern 'sliding'"] },
  { name: '--models-file with a name used twice', flags: ['models-file'], args: size({ 'models-file': files.duplicateModels }), mentions: [files.duplicateModels, 'models[1].name', '"twin"', 'appears twice'] },
  {
    name: '--models-file with an entry that is not an object',
    flags: ['models-file'],
    args: size({ 'models-file': files.modelNotObject }),
    mentions: [files.modelNotObject, 'models[0]:', 'got 1', 'a JSON object'],
  },
  { name: 'catalog --models-file with a sliding model without sliding_window', flags: ['models-file'], args: ['catalog', '--models-file', files.slidingNoWindow], mentions: [files.slidingNoWindow, 'sliding_window'] },
  { name: '--servers-file that does not exist', flags: ['servers-file'], args: size({ 'servers-file': files.missing }), mentions: ['--servers-file', files.missing, 'a readable file', 'no such file'] },
  { name: '--servers-file that is not JSON', flags: ['servers-file'], args: size({ 'servers-file': files.notJson }), mentions: [files.notJson, 'valid JSON'] },
  { name: '--servers-file without a top-level "servers" list', flags: ['servers-file'], args: size({ 'servers-file': files.serversWrongKey }), mentions: [files.serversWrongKey, '"servers"', 'top-level'] },
  { name: '--servers-file whose total_hbm_gb is not gpus × hbm_per_gpu_gb', flags: ['servers-file'], args: size({ 'servers-file': files.serverTotal }), mentions: [files.serverTotal, 'total_hbm_gb', 'got 600', '8 × 80 = 640'] },
  { name: '--servers-file with a name used twice', flags: ['servers-file'], args: size({ 'servers-file': files.duplicateServers }), mentions: [files.duplicateServers, 'servers[1].name', '"same"', 'appears twice'] },
  { name: 'catalog --servers-file that does not exist', flags: ['servers-file'], args: ['catalog', 'servers', '--servers-file', files.missing], mentions: ['--servers-file', files.missing, 'no such file'] },
  // Prices and cost (issue 11).
  { name: '--pricing that is not a mode', flags: ['pricing'], args: size({ pricing: 'leased' }), mentions: ['--pricing', '"leased"', 'owned', 'on_demand', 'reserved'] },
  { name: '--usd-per-kwh that is negative', flags: ['usd-per-kwh'], args: size({ 'usd-per-kwh': '-0.1' }), mentions: ['--usd-per-kwh', 'got -0.1', 'greater than 0'] },
  { name: '--pue below 1', flags: ['pue'], args: size({ pue: '0.9' }), mentions: ['--pue', 'got 0.9', 'a number from 1 to 10'] },
  { name: '--amortisation-years of zero', flags: ['amortisation-years'], args: size({ 'amortisation-years': '0' }), mentions: ['--amortisation-years', 'got 0', 'greater than 0'] },
  { name: '--prices-file that does not exist', flags: ['prices-file'], args: size({ 'prices-file': files.missing }), mentions: ['--prices-file', files.missing, 'no such file'] },
  { name: '--prices-file with a negative price', flags: ['prices-file'], args: size({ 'prices-file': files.negativePrice }), mentions: [files.negativePrice, 'prices[0] (dgx-h100).on_demand_usd_per_gpu_hour', 'got -2', 'greater than 0'] },
  { name: '--prices-file with a server the catalog does not hold', flags: ['prices-file'], args: size({ 'prices-file': files.unknownPriceServer }), mentions: [files.unknownPriceServer, 'prices[1] (dgx-h900).server', '"dgx-h900"', 'dgx-h100'] },
  { name: '--prices-file with a PUE below 1', flags: ['prices-file'], args: size({ 'prices-file': files.lowPue }), mentions: [files.lowPue, 'facility.pue', 'got 0.9', 'a number from 1 to 10'] },
  { name: '--prices-file with a misspelt price field', flags: ['prices-file'], args: size({ 'prices-file': files.misspeltPrice }), mentions: [files.misspeltPrice, 'on_demand_usd_per_gpu_hr', 'on_demand_usd_per_gpu_hour'] },
  { name: '--storage-file that does not exist', flags: ['storage-file'], args: size({ 'storage-file': files.missing }), mentions: ['--storage-file', files.missing, 'a readable file', 'no such file'] },
  { name: '--storage-file that is not JSON', flags: ['storage-file'], args: size({ 'storage-file': files.notJson }), mentions: [files.notJson, 'valid JSON'] },
  { name: '--storage-file without a top-level "profiles" list', flags: ['storage-file'], args: size({ 'storage-file': files.storageWrongKey }), mentions: [files.storageWrongKey, '"profiles"', 'top-level'] },
  { name: '--storage-file with a negative iops_read', flags: ['storage-file'], args: size({ 'storage-file': files.negativeIops }), mentions: [files.negativeIops, 'iops_read', 'got -1', 'a number from 0 to 1,000,000,000,000'] },
  { name: '--storage-file with a name used twice', flags: ['storage-file'], args: size({ 'storage-file': files.duplicateProfiles }), mentions: [files.duplicateProfiles, 'profiles[1].name', '"dup"', 'appears twice'] },
  { name: 'batch --storage-file that does not exist', flags: ['storage-file'], args: ['batch', '-', '--storage-file', files.missing], mentions: ['--storage-file', files.missing, 'no such file'] },

  // Output files: refused before anything is written.
  ...(['json', 'markdown'] as const).flatMap((kind): Row[] => {
    const flag = `output-${kind}-file`;
    const inMissingDir = join(tmp.path, 'no-such-dir', `report.${kind}`);
    const underAFile = join(aFile, `report.${kind}`);
    return [
      { name: `--${flag} in a folder that does not exist`, flags: [flag], args: size({ [flag]: inMissingDir }), mentions: [`--${flag}`, inMissingDir, 'a path where a file can be written', 'no such file'], noFiles: [inMissingDir] },
      { name: `--${flag} that is a folder`, flags: [flag], args: size({ [flag]: tmp.path }), mentions: [`--${flag}`, tmp.path, 'a path where a file can be written', 'it is a folder'] },
      { name: `--${flag} under a file`, flags: [flag], args: size({ [flag]: underAFile }), mentions: [`--${flag}`, underAFile, 'a parent is not a folder'] },
      { name: `--${flag} with no value`, flags: [flag], args: size({}, `--${flag}`), mentions: [`--${flag}`, 'missing'] },
    ];
  }),
  { name: 'a valid --output-json-file with a bad --concurrency', flags: ['output-json-file', 'concurrency'], args: size({ concurrency: 'abc', 'output-json-file': fresh('bad-concurrency.json') }), mentions: ['--concurrency', '"abc"'], noFiles: [fresh('bad-concurrency.json')] },
  { name: 'a valid --output-markdown-file with an unknown --model', flags: ['output-markdown-file', 'model'], args: size({ model: 'nope', 'output-markdown-file': fresh('bad-model.md') }), mentions: ['--model', '"nope"'], noFiles: [fresh('bad-model.md')] },
  {
    name: 'a valid --output-json-file with an unwritable --output-markdown-file',
    flags: ['output-json-file', 'output-markdown-file'],
    args: size({ 'output-json-file': fresh('half.json'), 'output-markdown-file': join(tmp.path, 'no-such-dir', 'half.md') }),
    mentions: ['--output-markdown-file', 'no such file'],
    noFiles: [fresh('half.json')],
  },
  {
    name: '--output-json-file and --output-markdown-file naming the same file',
    flags: ['output-json-file', 'output-markdown-file'],
    args: size({ 'output-json-file': fresh('same.out'), 'output-markdown-file': fresh('same.out') }),
    mentions: ['--output-json-file', '--output-markdown-file', 'a different file'],
    noFiles: [fresh('same.out')],
  },
  { name: 'a valid --output-json-file with a bad catalog file', flags: ['output-json-file', 'servers-file'], args: size({ 'servers-file': files.serverTotal, 'output-json-file': fresh('bad-catalog.json') }), mentions: ['total_hbm_gb'], noFiles: [fresh('bad-catalog.json')] },

  // Switches given a value.
  ...(['verbose', 'json-only', 'executive-report', 'markdown-only'] as const).map((flag, i): Row => ({
    name: `--${flag} given a value`,
    flags: [flag],
    args: size({}, `--${flag}=${['yes', '1', 'x', 'x'][i]}`),
    mentions: [`--${flag}`, 'takes no value', `--${flag} alone`],
  })),
  { name: 'validate --fix-suggestions given a value', flags: ['fix-suggestions'], args: ['validate', 'x.json', '--fix-suggestions=yes'], mentions: ['--fix-suggestions', 'takes no value', '--fix-suggestions alone'] },
  // compare: the table's order and length, and --recommend.
  { name: 'compare --sort that is not an order', flags: ['sort'], args: ['compare', '--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h200', '--concurrency', '10', '--effective-context', '8192', '--sort', 'cheapest'], mentions: ['--sort', '"cheapest"', 'cost-per-token'] },
  { name: 'compare --top of zero', flags: ['top'], args: ['compare', '--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h200', '--concurrency', '10', '--effective-context', '8192', '--top', '0'], mentions: ['--top', 'got 0', 'a whole number from 1'] },
  { name: 'compare --recommend given a value', flags: ['recommend'], args: ['compare', '--model', 'Meta-Llama-3.1-70B', '--server', 'dgx-h200', '--concurrency', '10', '--effective-context', '8192', '--recommend=yes'], mentions: ['--recommend', 'takes no value'] },
  { name: 'catalog --json given a value', flags: ['json'], args: ['catalog', '--json=x'], mentions: ['--json', 'takes no value', '--json alone'] },
  { name: '--json (a catalog flag) given to size', flags: ['json'], args: size({}, '--json'), mentions: ['--json', 'a flag of llm-sizing catalog', 'not of llm-sizing size'] },
  { name: '--help given a value', flags: ['help'], args: ['--help=x'], mentions: ['--help', 'takes no value', '--help alone'] },
  { name: '--version given a value', flags: ['version'], args: ['--version=x'], mentions: ['--version', 'takes no value', '--version alone'] },
  { name: '--version (a size flag) given to batch', flags: ['version'], args: ['batch', '--version'], mentions: ['--version', 'a flag of llm-sizing size', 'not of llm-sizing batch'] },
  { name: '--json-only together with --markdown-only', flags: ['json-only', 'markdown-only'], args: size({}, '--json-only', '--markdown-only'), mentions: ['--json-only', '--markdown-only', 'cannot be used together'] },

  // Flags, commands and arguments.
  { name: 'an unknown flag with a typo', flags: [], args: size({}, '--concurency', '5'), mentions: ['unknown flag --concurency', 'did you mean --concurrency?'] },
  { name: 'an unknown flag far from every flag', flags: [], args: size({}, '--frobnicate'), mentions: ['unknown flag --frobnicate', 'llm-sizing size'], absent: ['did you mean'] },
  { name: 'a flag of the size command given to batch', flags: ['model'], args: ['batch', '-', '--model', 'x'], mentions: ['--model', 'a flag of llm-sizing size', 'not of llm-sizing batch'] },
  { name: 'a flag of the size command given to catalog', flags: ['concurrency'], args: ['catalog', '--concurrency', '5'], mentions: ['--concurrency', 'a flag of llm-sizing size', 'not of llm-sizing catalog'] },
  { name: 'an unknown command', flags: [], args: ['frobnicate'], mentions: ['unknown command "frobnicate"', 'size, batch, catalog'] },
  { name: 'an unknown command with a typo', flags: [], args: ['bach', 'x.jsonl'], mentions: ['unknown command "bach"', 'did you mean "batch"'] },
  { name: 'a command after flags', flags: [], args: ['--model', 'opt-oss-120b', 'batch', '--help'], mentions: ['command', '"batch"', 'the command first', 'llm-sizing batch [options]'], absent: ['unknown command', 'did you mean'] },
  { name: 'a command after flags, in Portuguese', flags: ['lang'], args: ['--lang', 'pt-BR', '--model', 'opt-oss-120b', 'compare'], mentions: ['"compare"', 'o comando primeiro', 'llm-sizing compare [opções]'], absent: ['expected'] },
  { name: 'an unknown catalog kind', flags: [], args: ['catalog', 'gpus'], mentions: ['kind', '"gpus"', 'models, servers, storage'] },
  { name: 'batch without a file', flags: [], args: ['batch'], mentions: ['FILE', 'missing'] },
  { name: 'batch with two files', flags: [], args: ['batch', 'a.jsonl', 'b.jsonl'], mentions: ['"b.jsonl"', 'at most one'] },
  { name: 'batch with a file that is a folder', flags: [], args: ['batch', tmp.path], mentions: ['FILE', tmp.path, 'it is a folder'] },
  { name: 'batch --fields with a field that does not exist', flags: ['fields'], args: ['batch', '-', '--fields', 'nodes,nodez'], mentions: ['--fields', '"nodez"', 'nodes, kv_per_session_gib', 'did you mean "nodes"'] },

  // serve (issue #5): flags refused before anything listens.
  { name: 'serve --port that is not a number', flags: ['port'], args: ['serve', '--port', 'abc'], mentions: ['--port', '"abc"', 'a whole number from 0 to 65,535'] },
  { name: 'serve --port above 65535', flags: ['port'], args: ['serve', '--port', '70000'], mentions: ['--port', 'got 70000', 'a whole number from 0 to 65,535'] },
  { name: 'serve --port that is negative', flags: ['port'], args: ['serve', '--port', '-1'], mentions: ['--port', 'got -1', 'a whole number from 0 to 65,535'] },
  { name: 'serve --port with no value', flags: ['port'], args: ['serve', '--port'], mentions: ['--port', 'missing'] },
  { name: 'serve --host with a space', flags: ['host'], args: ['serve', '--host', 'local host'], mentions: ['--host', '"local host"', 'a host name or IP address'] },
  { name: 'serve --host that is empty', flags: ['host'], args: ['serve', '--host='], mentions: ['--host', '""', 'a host name or IP address'] },
  { name: 'serve with an argument', flags: [], args: ['serve', 'now'], mentions: ['"now"'] },
  { name: 'a flag of the size command given to serve', flags: ['model'], args: ['serve', '--model', 'x'], mentions: ['--model', 'a flag of llm-sizing size', 'not of llm-sizing serve'] },

  // Messages in Portuguese.
  { name: 'a bad --concurrency with --lang pt-BR', flags: ['lang', 'concurrency'], args: size({ lang: 'pt-BR', concurrency: 'abc' }), mentions: ['--concurrency', '"abc"', 'esperado', 'um número inteiro de 1 a 1.000.000.000'], absent: ['expected'] },
  { name: 'an unknown --model with --lang=pt-BR', flags: ['lang', 'model'], args: size({ model: 'opt-oss-12b' }, '--lang=pt-BR'), mentions: ['--model', '"opt-oss-12b"', 'nome desconhecido', 'esperado'], absent: ['expected'] },
];

/** The usage trailer ("Run 'llm-sizing --help' for usage."): not part of the problem. */
const TRAILER = /^(Run|Execute) 'llm-sizing --help'/;

function checkRow(row: Row, r: CliResult): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines.length, r.stderr).toBeLessThanOrEqual(6);
  const portuguese = row.args.includes('pt-BR') || row.args.includes('--lang=pt-BR');
  expect(lines.at(-1), 'ends with a pointer to --help').toBe(portuguese ? "Execute 'llm-sizing --help' para ver o uso." : "Run 'llm-sizing --help' for usage.");
  const problems = lines.filter((l) => !TRAILER.test(l));
  expect(problems.length, r.stderr).toBeGreaterThan(0);
  // Each problem is one sentence on its own "llm-sizing: " line.
  for (const l of problems) expect(l, r.stderr).toMatch(/^llm-sizing: \S/);
  const message = problems.join('\n');
  // The trailer names --help: the flag must be named by the problem itself.
  for (const m of row.mentions) expect(message, `mentions ${m}`).toContain(m);
  for (const a of row.absent ?? []) expect(message, `does not say ${a}`).not.toContain(a);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toContain('Error:');
  expect(r.stderr).not.toContain('unexpected failure');
  for (const f of row.noFiles ?? []) expect(existsSync(f), `${f} must not be written`).toBe(false);
}

const results = new Map<Row, CliResult>();
// About 160 runs of the CLI, four at a time: a few seconds alone, more beside the other end-to-end
// files on a busy machine (vitest's default 10 s for a hook is not enough there).
beforeAll(async () => {
  const out = await runCliAll(ROWS.map((row) => ({ args: row.args })));
  ROWS.forEach((row, i) => results.set(row, out[i]!));
}, 120_000);

function resultOf(row: Row): CliResult {
  const r = results.get(row);
  if (!r) throw new Error(`${row.name}: did not run`);
  return r;
}

describe('bad input: exit 2, nothing on stdout, a short message naming the flag, the value and what is accepted', () => {
  it('has rows for every flag of FLAGS, and names only flags that exist', () => {
    const covered = new Set(ROWS.flatMap((r) => r.flags));
    const missing = FLAGS.map((f) => f.name).filter((n) => !covered.has(n));
    expect(missing, 'flags without a bad-input row').toEqual([]);
    const known = new Set(FLAGS.map((f) => f.name));
    expect([...covered].filter((n) => !known.has(n))).toEqual([]);
  });

  it('has, for every flag, a row that puts it on the command line', () => {
    for (const f of FLAGS) {
      const rows = ROWS.filter((r) => r.flags.includes(f.name) && r.args.some((a) => a === `--${f.name}` || a.startsWith(`--${f.name}=`)));
      expect(rows.length, `--${f.name}`).toBeGreaterThan(0);
    }
  });

  it('leaves the output folder empty: no report and no temporary file was written by any row', () => {
    expect(readdirSync(join(tmp.path, 'out'))).toEqual([]);
    expect(existsSync(join(tmp.path, 'no-such-dir'))).toBe(false);
  });

  it('has distinct row names', () => {
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    checkRow(row, resultOf(row));
  });
});
