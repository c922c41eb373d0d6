/**
 * Replicas that span nodes (issue 9, point 2): TP × PP over whole nodes, node counts and HA in whole
 * replicas, the NVLink-domain rule for tensor parallelism, data-parallel attention and expert
 * parallelism with their memory accounting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/app/plan.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { importHfConfig } from '../../src/catalog/hf-import.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { nvlinkDomainWholeNodes } from '../../src/catalog/rules.ts';
import { expertShare } from '../../src/engines/capacity.ts';
import { resolveLayout } from '../../src/engines/layout.ts';
import { kvPerSession } from '../../src/core/kv.ts';
import { HA_EXTRA_NODES, SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import type { SizingResult } from '../../src/core/sizing.ts';
import { BYTES_PER_GIB } from '../../src/core/units.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { fmt as createFormatter } from '../../src/report/format.ts';
import { toJsonDocument } from '../../src/report/json.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { renderText } from '../../src/report/text.ts';
import type { ServerEntry } from '../../src/schema/catalog.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { model, server, storage } from '../helpers/catalog.ts';
import { modelArb, requestArb, serverArb, storageArb } from '../helpers/arbitraries.ts';
import { size } from '../helpers/size.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
const deepseek = { model: model('DeepSeek-V3'), server: server('dgx-h100'), storage: storage('profile_default') };
const NFR = { concurrency: 200, effective_context: 32_768 } as const;
const ruleOf = (p: { accepted: unknown }) => (p.accepted as { rule?: string }).rule;

describe('DeepSeek-V3 on 2 × 8 H100 (dgx-h100), TP 8 × PP 2', () => {
  const r = size(deepseek, { ...NFR, memory_model: 'vllm', tensor_parallel: 8, pipeline_parallel: 2 });

  it('is one replica over two whole nodes, all eight GPUs of each in it', () => {
    expect(r.scenarios.recommended.engine!.layout).toEqual({
      tensor_parallel: 8, pipeline_parallel: 2, gpus_per_replica: 16, replicas_per_node: 1, gpus_used: 8, nodes_per_replica: 2, data_parallel_attention: 1, expert_parallel: 1,
    });
  });

  it('is feasible: its 625 GiB of fp8 weights split over 16 GPUs (39.1 GiB each) leave KV memory', () => {
    expect(r.feasible).toBe(true);
    const e = r.scenarios.recommended.engine!;
    expect(e.per_gpu.weights_gib).toBeCloseTo(r.weights!.gib / 16, 9);
    expect(e.per_gpu.kv_cache_gib).toBeGreaterThan(0);
    expect(e.sessions_per_replica).toBeGreaterThan(0);
  });

  it('counts nodes in whole replicas: every count is even, and covers the concurrency', () => {
    for (const k of SCENARIO_KEYS) {
      const n = r.scenarios[k].results;
      const spr = r.scenarios[k].engine!.sessions_per_replica;
      for (const count of [n.nodes_capacity!, n.nodes_with_headroom!, n.nodes_final!]) expect(count % 2).toBe(0);
      expect((n.nodes_capacity! / 2) * spr).toBeGreaterThanOrEqual(NFR.concurrency);
      expect((n.nodes_capacity! / 2 - 1) * spr).toBeLessThan(NFR.concurrency);
    }
  });

  it('N+1 adds one replica: 2 nodes; IDEAL (N+2) adds 4', () => {
    const rec = r.scenarios.recommended;
    expect(rec.configuration.ha_mode).toBe('n+1');
    expect(rec.configuration.ha_extra_nodes).toBe(2);
    expect(rec.results.nodes_final! - rec.results.nodes_with_headroom!).toBe(2);
    expect(r.scenarios.ideal.configuration.ha_extra_nodes).toBe(4);
    expect(r.scenarios.minimum.configuration.ha_extra_nodes).toBe(0);
  });

  it('gives the numbers worked out by hand (vLLM: 27 sessions per replica → 8, 9 and 10 replicas)', () => {
    expect(r.scenarios.minimum.engine!.sessions_per_replica).toBe(27);
    expect(SCENARIO_KEYS.map((k) => r.scenarios[k].results.nodes_final)).toEqual([16, 20, 24]); // 8×2; 9×2 + 2; 10×2 + 4
    expect(r.scenarios.recommended.results.sessions_per_node).toBe(13); // ⌊27 / 2⌋, shown per node
  });

  it('accounts for every GiB of a node in its per-node memory table', () => {
    const n = r.scenarios.recommended.engine!.per_node;
    expect(n.idle_gpus_gib).toBe(0);
    expect(n.weights_gib + n.activation_gib + n.non_torch_gib + n.reserved_gib + n.kv_cache_gib).toBeCloseTo(n.gpu_memory_gib, 6);
  });

  it('says so in the JSON (engine.layout.nodes_per_replica) and in the rationale', () => {
    const doc = toJsonDocument(r, { locale: 'en' });
    expect(doc.scenarios.recommended.engine!.layout.nodes_per_replica).toBe(2);
    expect(doc.scenarios.recommended.rationale.nodes_capacity.formula).toBe('nodes_capacity = ceil(concurrency / sessions_per_replica) × nodes_per_replica');
    expect(doc.scenarios.recommended.rationale.nodes_final.inputs).toMatchObject({ ha_spare_replicas: 1, nodes_per_replica: 2, ha_extra_nodes: 2 });
    expect(doc.scenarios.recommended.rationale.nodes_final.explanation).toContain('1 spare replica(s) of 2 nodes');
  });

  it.each([
    ['en', 'over 2 whole nodes (8 GPUs each)', 'spare replica(s) of 2 nodes'],
    ['pt-BR', 'em 2 nós inteiros (8 GPUs cada)', 'réplica(s) reserva de 2 nós'],
  ] as const)('says so in the text and Markdown reports (%s)', (locale, layout, ha) => {
    for (const render of [renderText, renderMarkdown]) {
      const text = render(r, { locale, generatedAt: 'now' }).replace(/\s+/g, ' ');
      expect(text).toContain(layout);
      expect(text).toContain(ha);
    }
  });

  it('under every memory model, seed included', () => {
    for (const memory_model of ['seed', 'vllm', 'sglang', 'trtllm'] as const) {
      const m = size(deepseek, { ...NFR, memory_model, tensor_parallel: 8, pipeline_parallel: 2 });
      for (const k of SCENARIO_KEYS) {
        const n = m.scenarios[k].results;
        if (n.nodes_final === null) continue;
        expect([n.nodes_capacity! % 2, n.nodes_with_headroom! % 2, n.nodes_final % 2]).toEqual([0, 0, 0]);
        expect(n.nodes_final - n.nodes_with_headroom!).toBe(2 * HA_EXTRA_NODES[m.scenarios[k].configuration.ha_mode]);
      }
    }
  });
});

describe('tensor parallelism across nodes', () => {
  const nvl72Tray = server('gb200-nvl72-tray');

  it('TP 16 on plain 8-GPU nodes is refused, naming the NVLink domain and what to do instead', () => {
    const r = plan({ ...NFR, model: 'DeepSeek-V3', server: 'dgx-h100', storage: 'profile_default', memory_model: 'vllm', tensor_parallel: 16 }, catalog);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.field, ruleOf(p)])).toEqual([['tensor_parallel', 'tp_across_nodes']]);
    const m = messagesFor('en');
    const text = m.problem(r.problems[0]!, '--tensor-parallel', createFormatter('en'));
    expect(text).toContain('16 GPUs would all-reduce across nodes of dgx-h100 (8 GPUs each, NVLink domain 8 GPUs)');
    expect(text).toContain('--pipeline-parallel');
  });

  it('TP 16 is allowed on GB200 NVL72 trays (4 GPUs each, one 72-GPU NVLink domain): one replica over 4 trays', () => {
    expect(nvl72Tray.gpus).toBe(4);
    expect(nvl72Tray.nvlink_domain_gpus).toBe(72);
    const { layout, problems } = resolveLayout(model('DeepSeek-V3'), nvl72Tray, { memory_model: 'vllm', tensor_parallel: 16 });
    expect(problems).toEqual([]);
    expect(layout).toMatchObject({ gpus_per_replica: 16, nodes_per_replica: 4, replicas_per_node: 1, gpus_used: 4 });
    const r = size({ ...deepseek, server: nvl72Tray }, { ...NFR, memory_model: 'vllm', tensor_parallel: 16 });
    for (const k of SCENARIO_KEYS) expect(r.scenarios[k].results.nodes_final! % 4).toBe(0);
    expect(r.scenarios.recommended.configuration.ha_extra_nodes).toBe(4);
  });

  it('TP 128 is refused even on NVL72 trays: more than the 72 GPUs of the domain', () => {
    const { problems } = resolveLayout(model('DeepSeek-V3'), nvl72Tray, { memory_model: 'vllm', tensor_parallel: 128 });
    expect(problems.map(ruleOf)).toContain('tp_across_nodes');
  });

  it('pipeline stages may cross plain nodes (TP 1 × PP 16 on dgx-h100: two nodes)', () => {
    const { layout, problems } = resolveLayout(model('Meta-Llama-3.1-70B'), server('dgx-h100'), { pipeline_parallel: 16 });
    expect(problems).toEqual([]);
    expect(layout.nodes_per_replica).toBe(2);
  });

  it('data-parallel attention with expert parallelism may span plain nodes (TP 16, DP 16, EP 16: no rank all-reduces with another)', () => {
    const { layout, problems } = resolveLayout(model('DeepSeek-V3'), server('dgx-h100'), { memory_model: 'sglang', tensor_parallel: 16, data_parallel_attention: 16, expert_parallel: 16 });
    expect(problems).toEqual([]);
    expect(layout.nodes_per_replica).toBe(2);
    // Without expert parallelism every expert is sliced over all 16 ranks: that group crosses the nodes.
    expect(resolveLayout(model('DeepSeek-V3'), server('dgx-h100'), { memory_model: 'sglang', tensor_parallel: 16, data_parallel_attention: 16 }).problems.map(ruleOf)).toEqual(['tp_across_nodes']);
  });

  it('an NVLink domain must be whole entries (catalog rule)', () => {
    const tray: ServerEntry = { name: 't', gpus: 4, hbm_per_gpu_gb: 80, nvlink_domain_gpus: 6 };
    expect(nvlinkDomainWholeNodes(tray, 'servers[0]')).toMatchObject({ field: 'servers[0].nvlink_domain_gpus', accepted: { rule: 'nvlink_domain_whole_nodes' } });
    expect(nvlinkDomainWholeNodes({ ...tray, nvlink_domain_gpus: 72 }, 'servers[0]')).toBeUndefined();
    expect(nvlinkDomainWholeNodes({ ...tray, nvlink_domain_gpus: 2 }, 'servers[0]')).toBeDefined();
  });
});

describe('data-parallel attention (MLA)', () => {
  const entries = { ...deepseek, server: server('dgx-h200') };
  const base = { ...NFR, memory_model: 'sglang' as const, tensor_parallel: 8, kv_cache_memory_gib: 40 };

  it('keeps one copy of a session: KV per rank × the ranks of a replica / DP = the session’s KV, not TP copies of it', () => {
    const one = size(entries, { ...base, data_parallel_attention: 8 });
    const e = one.scenarios.recommended.engine!;
    const copy = kvPerSession(entries.model, NFR.effective_context, 'bf16').bytes;
    expect(e.bytes_per_session_per_rank).toBe(copy); // 61 × 576 × 2 × 32,768 on the one rank that holds the session
    expect(e.bytes_per_session_per_rank * (e.layout.gpus_per_replica / e.layout.data_parallel_attention)).toBe(copy);
    expect(one.scenarios.recommended.results.kv_per_session_gib * BYTES_PER_GIB).toBe(copy);
    // Plain TP 8: every rank copies the latent, 8 copies per session.
    const tp = size(entries, base);
    expect(tp.scenarios.recommended.results.kv_per_session_gib * BYTES_PER_GIB).toBe(8 * copy);
  });

  it('multiplies the sessions of a replica by the DP size (same KV memory per GPU)', () => {
    const tp = size(entries, base).scenarios.recommended.engine!;
    const dp = size(entries, { ...base, data_parallel_attention: 8 }).scenarios.recommended.engine!;
    expect(dp.per_gpu.kv_cache_gib).toBe(tp.per_gpu.kv_cache_gib);
    expect(dp.max_concurrency).toBeCloseTo(8 * tp.max_concurrency, 9);
    expect(dp.kv_tokens).toBe(8 * tp.kv_tokens);
    expect(dp.sessions_per_replica).toBe(8 * tp.sessions_per_replica);
  });

  it('copies the weights outside the routed experts on every group (TP 8, DP 8: whole on each GPU)', () => {
    const r = size(entries, { ...NFR, memory_model: 'vllm', tensor_parallel: 8, data_parallel_attention: 8 });
    const e = r.scenarios.recommended.engine!;
    const share = expertShare(entries.model, r.weights!.params_b)!;
    expect(e.per_gpu.weights_gib).toBeCloseTo((r.weights!.gib * share) / 8 + r.weights!.gib * (1 - share), 9);
  });

  it('is what the mla_replicated alert now points at', () => {
    const r = size(entries, { ...NFR, memory_model: 'vllm', tensor_parallel: 8 });
    const a = r.alerts.find((x) => x.code === 'mla_replicated')!;
    expect(messagesFor('en').alert(a, createFormatter('en'))).toContain('--data-parallel-attention 8');
    expect(messagesFor('pt-BR').alert(a, createFormatter('pt-BR'))).toContain('--data-parallel-attention 8');
    expect(size(entries, { ...NFR, memory_model: 'vllm', tensor_parallel: 8, data_parallel_attention: 8 }).alerts.some((x) => x.code === 'mla_replicated')).toBe(false);
  });
});

describe('expert parallelism (MoE weights)', () => {
  const entries = { ...deepseek, server: server('dgx-h200') };
  const ds = model('DeepSeek-V3');
  const expertsGib = (r: SizingResult) => (r.weights!.gib * ds.routed_expert_params_b!) / r.weights!.params_b;

  it('the catalog sizes DeepSeek-V3’s routed experts from its config.json: 58 MoE layers × 256 × 3 × 7,168 × 2,048', () => {
    expect(ds).toMatchObject({ num_routed_experts: 256, num_experts_per_tok: 8, moe_layers: 58, moe_intermediate_size: 2048 });
    expect(ds.routed_expert_params_b).toBeCloseTo((58 * 256 * 3 * 7168 * 2048) / 1e9, 9);
    const config = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/hf-configs/deepseek-ai__DeepSeek-V3.json', import.meta.url)), 'utf8'));
    const imported = importHfConfig(config, { fallbackName: 'x' });
    expect(imported.ok && imported.value.model.routed_expert_params_b).toBe(ds.routed_expert_params_b);
    // A dense model has none.
    expect(model('Meta-Llama-3.1-70B').num_routed_experts).toBeUndefined();
  });

  it.each([8, 4, 2])('expert bytes per GPU = the routed experts / EP / (TP / EP): TP 8, EP %d', (ep) => {
    const r = size(entries, { ...NFR, memory_model: 'vllm', tensor_parallel: 8, expert_parallel: ep });
    const e = r.scenarios.recommended.engine!;
    // EP ranks each hold experts / EP whole experts, sliced over the TP / EP ranks of their group.
    expect(e.expert_weights_gib_per_gpu).toBeCloseTo(expertsGib(r) / ep / (8 / ep), 9);
    expect(e.layout.expert_parallel).toBe(ep);
    // Dense and shared weights as TP splits them: the weights per GPU are the replica's / 8 either way.
    expect(e.per_gpu.weights_gib).toBeCloseTo(r.weights!.gib / 8, 9);
  });

  it('with data-parallel attention over every rank, each GPU holds experts / EP and the rest whole', () => {
    const r = size(entries, { ...NFR, memory_model: 'sglang', tensor_parallel: 8, data_parallel_attention: 8, expert_parallel: 8 });
    const e = r.scenarios.recommended.engine!;
    expect(e.expert_weights_gib_per_gpu).toBeCloseTo(expertsGib(r) / 8, 9);
    expect(e.per_gpu.weights_gib).toBeCloseTo(expertsGib(r) / 8 + (r.weights!.gib - expertsGib(r)), 9);
  });

  it('is refused for a model without routed experts, and where EP does not divide TP or the experts', () => {
    expect(resolveLayout(model('Meta-Llama-3.1-70B'), server('dgx-h100'), { memory_model: 'vllm', tensor_parallel: 8, expert_parallel: 8 }).problems.map(ruleOf)).toEqual(['ep_needs_experts']);
    expect(resolveLayout(ds, server('dgx-h100'), { memory_model: 'vllm', tensor_parallel: 4, expert_parallel: 8 }).problems.map(ruleOf)).toContain('ep_divides');
  });
});

describe('property: node counts come in whole replicas, and N+k adds k replicas, under every memory model', () => {
  const layoutArb = fc.record({
    memory_model: fc.constantFrom('seed' as const, 'vllm' as const, 'sglang' as const, 'trtllm' as const),
    tp: fc.constantFrom(1, 2, 4, 8, 16),
    pp: fc.constantFrom(1, 2, 3, 4),
  });
  const gpus = fc.constantFrom(1, 2, 4, 8);
  const serverOf = serverArb.chain((s) => gpus.chain((g) => fc.constantFrom(undefined, g, 8 * g).map((domain) => ({ ...s, gpus: g, total_hbm_gb: g * s.hbm_per_gpu_gb, ...(domain ? { nvlink_domain_gpus: domain } : {}) }))));

  it('every count is a multiple of nodes_per_replica; HA adds HA_EXTRA_NODES × nodes_per_replica; none / N+1 / N+2 differ by whole replicas', () =>
    fc.assert(
      fc.property(fc.record({ model: modelArb, server: serverOf, storage: storageArb }), requestArb, layoutArb, (entries, req, l) => {
        const layoutRequest = { memory_model: l.memory_model, tensor_parallel: l.tp, pipeline_parallel: l.pp };
        const { layout, problems } = resolveLayout(entries.model, entries.server, layoutRequest);
        fc.pre(problems.length === 0);
        const npr = layout.nodes_per_replica;
        expect(npr).toBe(Math.max(1, (l.tp * l.pp) / entries.server.gpus));
        const byHa = (['none', 'n+1', 'n+2'] as const).map((ha) => size(entries, { ...req, ...layoutRequest, ha }));
        for (const r of byHa) {
          for (const k of SCENARIO_KEYS) {
            const s = r.scenarios[k];
            const n = s.results;
            expect(s.configuration.ha_extra_nodes).toBe(HA_EXTRA_NODES[s.configuration.ha_mode] * npr);
            expect(s.feasible).toBe(n.nodes_final !== null);
            if (n.nodes_final === null) continue;
            for (const c of [n.nodes_capacity!, n.nodes_with_headroom!, n.nodes_final]) expect(c % npr).toBe(0);
            expect(n.nodes_final).toBe(n.nodes_with_headroom! + s.configuration.ha_extra_nodes);
            // Whole replicas of sessions cover the concurrency.
            const units = n.nodes_capacity! / npr;
            expect(units * (npr > 1 ? s.engine!.sessions_per_replica : n.sessions_per_node)).toBeGreaterThanOrEqual(req.concurrency);
          }
        }
        const rec = byHa.map((r) => r.scenarios.recommended.results);
        if (rec[0]!.nodes_final !== null) {
          expect(rec[1]!.nodes_final! - rec[0]!.nodes_final!).toBe(1 * npr);
          expect(rec[2]!.nodes_final! - rec[0]!.nodes_final!).toBe(2 * npr);
        }
      }),
      { numRuns: 300 },
    ));
});
