// Generates the real models of src/catalog/data/models.json from the Hugging Face configs in
// test/fixtures/hf-configs/ (copies of ../shared/fixtures/hf-configs/), through the same importer
// as `llm-sizing catalog import`. The original tool's opt-oss-* entries stay first, as they are.
//
//   node scripts/gen-model-catalog.mjs          rewrite the file
//   node scripts/gen-model-catalog.mjs --check  write nothing; exit 1 when the file is stale
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const configs = join(root, 'test', 'fixtures', 'hf-configs');
const target = join(root, 'src', 'catalog', 'data', 'models.json');

// [config file, Hugging Face repository (the publisher's name), parameters in billions or null, where that count comes from]
const MODELS = [
  ['openai__gpt-oss-120b.json', 'openai/gpt-oss-120b', 117, 'OpenAI model card: 117B parameters (5.1B active)'],
  ['openai__gpt-oss-20b.json', 'openai/gpt-oss-20b', 21, 'OpenAI model card: 21B parameters (3.6B active)'],
  ['meta-llama__Meta-Llama-3.1-8B.json', 'meta-llama/Meta-Llama-3.1-8B', 8.03, 'Hugging Face model page: 8.03B parameters'],
  ['meta-llama__Meta-Llama-3.1-70B.json', 'meta-llama/Meta-Llama-3.1-70B', 70.6, 'Hugging Face model page: 70.6B parameters'],
  ['meta-llama__Llama-3.1-405B.json', 'meta-llama/Llama-3.1-405B', 405.85, 'counted from the config (405.85B; Meta: 405B)'],
  ['meta-llama__Llama-2-70b-hf.json', 'meta-llama/Llama-2-70b-hf', 68.98, 'counted from the config (68.98B; Meta: 70B)'],
  ['meta-llama__Llama-4-Scout-17B-16E-Instruct.json', 'meta-llama/Llama-4-Scout-17B-16E-Instruct', 109, 'Meta model card: 109B total parameters (17B active)'],
  ['Qwen__Qwen3-8B.json', 'Qwen/Qwen3-8B', 8.2, 'Qwen model card: 8.2B parameters'],
  ['Qwen__Qwen3-32B.json', 'Qwen/Qwen3-32B', 32.8, 'Qwen model card: 32.8B parameters'],
  ['Qwen__Qwen3-235B-A22B.json', 'Qwen/Qwen3-235B-A22B', 235, 'Qwen model card: 235B total (22B active)'],
  ['Qwen__Qwen3-Next-80B-A3B-Thinking.json', 'Qwen/Qwen3-Next-80B-A3B-Thinking', 80, 'Qwen model card: 80B total (3B active)'],
  ['Qwen__Qwen2.5-7B-Instruct.derived-copy.json', 'Qwen/Qwen2.5-7B-Instruct', 7.61, 'Qwen model card: 7.61B parameters'],
  ['mistralai__Mistral-7B-v0.1.derived-copy.json', 'mistralai/Mistral-7B-v0.1', 7.24, 'Mistral AI: 7.24B parameters'],
  ['mistralai__Mixtral-8x7B-v0.1.json', 'mistralai/Mixtral-8x7B-v0.1', 46.7, 'Mistral AI: 46.7B total (12.9B active)'],
  ['deepseek-ai__DeepSeek-V3.json', 'deepseek-ai/DeepSeek-V3', 671, 'DeepSeek model card: 671B total (37B active)'],
  ['deepseek-ai__DeepSeek-V3.2.json', 'deepseek-ai/DeepSeek-V3.2', 685, 'Hugging Face model page: 685B parameters'],
  ['zai-org__GLM-5.json', 'zai-org/GLM-5', null, 'not stated in the config; give --params-b'],
  ['google__gemma-3-27b-it.derived-copy.json', 'google/gemma-3-27b-it', 27, 'from the model name (27B)', { weights_bytes_per_param: 2, weights_dtype: 'bfloat16' }],
  ['google__gemma-4-26B-A4B.json', 'google/gemma-4-26B-A4B', 26, 'from the model name (26B total, 4B active)'],
  ['bigcode__starcoder2-3b.json', 'bigcode/starcoder2-3b', 3, 'from the model name (3B)'],
  ['tiiuae__falcon-7b-instruct.json', 'tiiuae/falcon-7b-instruct', 7, 'from the model name (7B)'],
  ['nvidia__Nemotron-H-56B-Base-8K.json', 'nvidia/Nemotron-H-56B-Base-8K', 56, 'from the model name (56B)'],
  ['nvidia__Llama-3_3-Nemotron-Super-49B-v1.json', 'nvidia/Llama-3_3-Nemotron-Super-49B-v1', 49, 'from the model name (49B)'],
];

const dir = mkdtempSync(join(tmpdir(), 'llm-sizing-catalog-'));
try {
  const out = join(dir, 'importer.mjs');
  await build({
    stdin: { contents: "export { importHfConfig, parseConfigText } from './src/catalog/hf-import.ts';", resolveDir: root, loader: 'ts' },
    bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning',
  });
  const { importHfConfig, parseConfigText } = await import(pathToFileURL(out).href);
  const current = JSON.parse(readFileSync(target, 'utf8'));
  const original = current.models.filter((m) => m.name.startsWith('opt-oss-'));
  const real = MODELS.map(([file, repo, params, paramsSource, override]) => {
    const parsed = parseConfigText(readFileSync(join(configs, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
    const name = repo.split('/')[1];
    const r = importHfConfig(parsed.value, { name, fallbackName: name, source: file });
    if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.problems)}`);
    return {
      ...r.value.model,
      hf_repo: repo,
      total_params_b: params,
      notes: `${repo}: geometry imported from its config.json (model_type ${r.value.model.hf_model_type}).${override ? ' The fixture is a 4-bit MLX copy of the config; the published checkpoint is bfloat16, so the weights are counted at 2 bytes per parameter.' : ''} Parameters: ${paramsSource}.`,
      ...(override ? { ...override, derivations: r.value.model.derivations.filter((d) => d.field !== 'weights') } : {}),
    };
  });
  const text = `${JSON.stringify({ models: [...original, ...real] }, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error('gen-model-catalog: src/catalog/data/models.json is stale: run node scripts/gen-model-catalog.mjs');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(target, text);
    console.log(`gen-model-catalog: wrote ${original.length + real.length} models to src/catalog/data/models.json`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
