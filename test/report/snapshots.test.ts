/**
 * The rendered reports, pinned as committed files under examples/ (regenerate with
 * `npm run examples`, review the diff). CI runs with CI=true, where a missing or different file fails.
 */
import { describe, expect, it } from 'vitest';
import { size } from '../helpers/size.ts';
import type { Locale } from '../../src/report/format.ts';
import { renderExecutive } from '../../src/report/executive.ts';
import { renderJson } from '../../src/report/json.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderText } from '../../src/report/text.ts';
import { model, REPORT_EXAMPLE, server, storage } from '../helpers/catalog.ts';
import { BUILTIN_PRICES } from '../../src/catalog/builtin.ts';

/** The built-in prices of a server (issue 11), as a CatalogIndex resolves them. */
const pricing = (name: string) => ({ price: BUILTIN_PRICES.prices.find((p) => p.server === name), facility: BUILTIN_PRICES.facility, as_of: BUILTIN_PRICES.as_of });

const DATE = '2026-02-08 01:02:55 UTC';
const CASES = {
  // report-example.md's inputs: 4 / 5 / 7 nodes.
  'report-example': size(REPORT_EXAMPLE.entries, REPORT_EXAMPLE.request),
  // Not even one session fits a node: every scenario infeasible, exit code 3.
  infeasible: size(
    { model: model('opt-oss-120b'), server: server('dgx200'), storage: storage('profile_cloud_premium') },
    { concurrency: 10, effective_context: 200_000, kv_precision: 'fp16', runtime_overhead_gib: 1045 },
  ),
  // Engine mode: vLLM's accounting, two replicas of TP 4 on one node.
  'engine-vllm': size(
    { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') },
    { concurrency: 200, effective_context: 32_768, memory_model: 'vllm', tensor_parallel: 4 },
  ),
  // Issue 10: latency targets that bind (TPOT p99 40 ms): the "Latency and throughput" sections.
  'slo-concurrency': size(
    { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h200'), storage: storage('profile_default') },
    { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8', input_tokens: 2048, output_tokens: 512, ttft_p99_ms: 2000, tpot_p99_ms: 40 },
  ),
  // Issue 10: a request rate (Little's law), vLLM TP 2, a TPOT target only, default token counts.
  'slo-rate': size(
    { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h200'), storage: storage('profile_default') },
    { request_rate: 20, effective_context: 8192, kv_precision: 'fp8', memory_model: 'vllm', tensor_parallel: 2, tpot_p99_ms: 50 },
  ),
  // Issue 11: the cost on demand (built-in prices), with latency targets: $/M tokens and the node interval in dollars.
  'cost-on-demand': size(
    { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h200'), storage: storage('profile_default'), pricing: pricing('dgx-h200') },
    { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8', input_tokens: 2048, output_tokens: 512, ttft_p99_ms: 2000, tpot_p99_ms: 40, pricing: 'on_demand' },
  ),
  // Issue 11: owned hardware with a capex from a user's prices entry (an example figure), no workload: no $/M tokens.
  'cost-owned': size(
    {
      model: model('Meta-Llama-3.1-70B'),
      server: server('dgx-h100'),
      storage: storage('profile_default'),
      pricing: { price: { server: 'dgx-h100', capex_usd_per_node: 350000, source: 'example figure for the report snapshot, not a price', date: '2026-12-01' }, facility: BUILTIN_PRICES.facility, as_of: BUILTIN_PRICES.as_of },
    },
    { concurrency: 400, effective_context: 32_768, memory_model: 'vllm', tensor_parallel: 4, pricing: 'owned', pue: 1.3 },
  ),
};
const RENDERERS = {
  txt: renderText,
  md: renderMarkdown,
  'executive.md': renderExecutive,
  json: renderJson,
} as const;

describe('rendered reports', () => {
  for (const [name, result] of Object.entries(CASES)) {
    for (const locale of ['en', 'pt-BR'] as Locale[]) {
      for (const [ext, render] of Object.entries(RENDERERS)) {
        it(`${name} (${locale}, ${ext})`, async () => {
          await expect(render(result, { locale, generatedAt: DATE })).toMatchFileSnapshot(`../../examples/${name}.${locale}.${ext}`);
        });
      }
    }
  }
});
