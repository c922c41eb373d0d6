/**
 * SLO-driven sizing (issue 10 point 5): the workload's defaults, the load given one way, the node
 * counts with latency targets, N+k with its spare nodes down, Little's law, and a request without a
 * workload left exactly as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planEntries } from '../../src/app/plan.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { withoutWorkload } from '../../src/core/plan.ts';
import { SCENARIO_KEYS, type ScenarioKey } from '../../src/core/scenarios.ts';
import { memorySessionsPerNodeOf, scenarioRationale } from '../../src/core/rationale.ts';
import { messagesFor } from '../../src/report/i18n/index.ts';
import { fmt } from '../../src/report/format.ts';
import type { FullSizingRequest, SizingEntries, SizingResult } from '../../src/core/sizing.ts';
import { nodesFor, replicasOn, type ScenarioUnit, workloadRequested, workloadTokens } from '../../src/core/workload.ts';
import { perfMissingFigures, performance } from '../../src/engines/perf/index.ts';
import { toJsonDocument } from '../../src/report/json.ts';
import { validateRequest } from '../../src/schema/request.ts';
import { SizingOutputSchema } from '../../src/schema/output.ts';
import { model, server, storage } from '../helpers/catalog.ts';
import { size, planned } from '../helpers/size.ts';

const H200: SizingEntries = { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h200'), storage: storage('profile_default') };

describe('workloadTokens: the defaults fill the context the memory sizing holds', () => {
  it.each([
    ['neither given, long context', {}, 131072, 130048, 1024],
    ['neither given, short context: half each', {}, 1000, 500, 500],
    ['neither given, one token', {}, 1, 1, 1],
    ['input given: output is what is left, at most 1,024', { input_tokens: 2000 }, 4096, 2000, 1024],
    ['input given near the context: output what is left', { input_tokens: 4000 }, 4096, 4000, 96],
    ['input given above the context: output 1', { input_tokens: 9000 }, 4096, 9000, 1],
    ['output given: input is the rest', { output_tokens: 256 }, 8192, 7936, 256],
    ['both given: as given', { input_tokens: 100, output_tokens: 50 }, 8192, 100, 50],
  ])('%s', (_why, request, context, input, output) => {
    const t = workloadTokens(request, context);
    expect([t.input_tokens, t.output_tokens]).toEqual([input, output]);
    expect(t.input_tokens_source).toBe('input_tokens' in request ? 'input' : 'default');
    expect(t.output_tokens_source).toBe('output_tokens' in request ? 'input' : 'default');
  });
});

describe('node counts from sessions per replica', () => {
  const c = { peak_headroom_ratio: 0.2, ha_mode: 'n+1' as const, ha_extra_nodes: 1, kv_budget_ratio: 0.7 };
  it.each<[string, ScenarioUnit, number, number, [number, number, number], number]>([
    ['memory sessions: the memory sizing exactly', { sessions_per_replica: 314, sessions_per_node: 314, replicas_per_node: 1, nodes_per_replica: 1 }, 314, 1000, [4, 4, 5], 4],
    ['targets bind: 100 of 314', { sessions_per_replica: 314, sessions_per_node: 314, replicas_per_node: 1, nodes_per_replica: 1 }, 100, 1000, [10, 12, 13], 12],
    ['4 replicas per node, 12 sessions each', { sessions_per_replica: 45, sessions_per_node: 180, replicas_per_node: 4, nodes_per_replica: 1 }, 12, 1000, [21, 25, 26], 100],
    ['a replica over 2 nodes: whole replicas', { sessions_per_replica: 300, sessions_per_node: 150, replicas_per_node: 1, nodes_per_replica: 2 }, 100, 1000, [20, 24, 26], 12],
  ])('%s', (_why, unit, s, concurrency, [capacity, headroom, final], replicas) => {
    const cfg = { ...c, ha_extra_nodes: unit.nodes_per_replica };
    const n = nodesFor(unit, s, concurrency, cfg);
    expect([n.nodes_capacity, n.nodes_with_headroom, n.nodes_final]).toEqual([capacity, headroom, final]);
    expect(replicasOn(unit, n.nodes_with_headroom!)).toBe(replicas);
  });
});

describe('the load: concurrency or request_rate, exactly one', () => {
  it.each([
    ['concurrency only', { concurrency: 10 }, null],
    ['request_rate only', { request_rate: 2.5 }, null],
    ['both', { concurrency: 10, request_rate: 2.5 }, { field: 'request_rate', kind: 'exclusive' }],
    ['neither', {}, { field: 'concurrency', kind: 'required_either' }],
    ['request_rate of 0', { request_rate: 0 }, { field: 'request_rate', kind: 'number' }],
  ])('%s', (_why, load, problem) => {
    const r = validateRequest({ model: 'm', server: 's', effective_context: 4096, ...load });
    if (problem === null) expect(r.ok).toBe(true);
    else {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.map((p) => ({ field: p.field, kind: p.accepted.kind }))).toContainEqual(problem);
    }
  });
});

describe('without a workload field nothing changes', () => {
  it('no workload, no performance, and the same numbers as before', () => {
    const r = size(H200, { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8' });
    expect(r.workload).toBeUndefined();
    for (const k of SCENARIO_KEYS) expect(r.scenarios[k].performance).toBeUndefined();
    const doc = toJsonDocument(r, { locale: 'en' });
    expect('workload' in doc).toBe(false);
    expect('performance' in doc.scenarios.recommended).toBe(false);
    expect(workloadRequested({ concurrency: 5 })).toBe(false);
  });

  it('token counts alone report performance without changing the node counts', () => {
    const base = size(H200, { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8' });
    const r = size(H200, { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8', input_tokens: 2048, output_tokens: 512 });
    for (const k of SCENARIO_KEYS) {
      expect(r.scenarios[k].results).toEqual(base.scenarios[k].results);
      expect(r.scenarios[k].performance?.performance?.tpot_ms.p99).toBeGreaterThan(0);
      expect(r.scenarios[k].performance?.limit).toBe('memory');
    }
    expect(SizingOutputSchema.safeParse(JSON.parse(JSON.stringify(toJsonDocument(r, { locale: 'pt-BR' })))).success).toBe(true);
  });
});

describe('latency targets', () => {
  it('a binding TPOT target: more nodes than memory, fewer sessions per node, met at the design load', () => {
    const r = size(H200, { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8', input_tokens: 2048, output_tokens: 512, tpot_p99_ms: 40 });
    for (const k of SCENARIO_KEYS) {
      const sp = r.scenarios[k].performance!;
      expect(sp.limit).toBe('slo');
      expect(r.scenarios[k].results.nodes_final!).toBeGreaterThan(sp.nodes_final_memory!);
      expect(sp.meets_targets).toBe(true);
      expect(sp.performance!.tpot_ms.p99).toBeLessThanOrEqual(40);
      const range = sp.nodes_final_range!;
      expect(range.low).toBeLessThanOrEqual(r.scenarios[k].results.nodes_final!);
      expect(range.high === null || range.high >= r.scenarios[k].results.nodes_final!).toBe(true);
    }
  });

  it('an SLO-bound scenario explains its sessions per node by the targets, not by memory alone', () => {
    const words = messagesFor('en').formulaWords;
    const bound = size(H200, { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8', input_tokens: 2048, output_tokens: 512, tpot_p99_ms: 40 });
    const free = size(H200, { concurrency: 1000, effective_context: 8192, kv_precision: 'fp8' });
    for (const k of SCENARIO_KEYS) {
      const s = bound.scenarios[k];
      const why = scenarioRationale(bound, k, words).sessions_per_node;
      expect(why.formula).toContain('slo_sessions_per_replica');
      expect(why.inputs.memory_sessions_per_node).toBe(free.scenarios[k].results.sessions_per_node);
      expect(why.inputs.slo_sessions_per_replica).toBe(s.performance!.sessions_per_replica);
      expect(s.results.sessions_per_node).toBeLessThan(free.scenarios[k].results.sessions_per_node);
      expect(memorySessionsPerNodeOf(s)).toBe(free.scenarios[k].results.sessions_per_node);
      for (const lang of ['en', 'pt-BR'] as const) {
        const text = messagesFor(lang).explanation('sessions_per_node', s, bound, fmt(lang));
        expect(text).toContain(String(free.scenarios[k].results.sessions_per_node));
        expect(text).not.toMatch(/memory alone|exclusivamente em memória/);
      }
      // Without targets the memory formula stays.
      expect(scenarioRationale(free, k, words).sessions_per_node.formula).toBe('sessions_per_node = floor(kv_budget_gib / kv_per_session_gib)');
    }
  });

  it.each([
    ['TPOT', { tpot_p99_ms: 1 }, 'tpot'],
    ['TTFT', { ttft_p99_ms: 1 }, 'ttft'],
  ])('a %s target below one session alone is infeasible, with its reason', (_name, target, metric) => {
    const r = size(H200, { concurrency: 100, effective_context: 8192, kv_precision: 'fp8', ...target });
    expect(r.feasible).toBe(false);
    for (const k of SCENARIO_KEYS) expect(r.scenarios[k].results.nodes_final).toBeNull();
    const a = r.alerts.find((x) => x.code === 'slo_unreachable');
    expect(a?.params).toMatchObject({ metric });
    expect((a?.params as { best_ms: number }).best_ms).toBeGreaterThan(1);
  });

  it("a request rate becomes sessions by Little's law, conservatively", () => {
    const r = size(H200, { request_rate: 20, effective_context: 8192, kv_precision: 'fp8', input_tokens: 2048, output_tokens: 512, tpot_p99_ms: 40 });
    const w = r.workload!;
    expect(w.load).toBe('request_rate');
    expect(w.little).not.toBeNull();
    expect(w.concurrency).toBe(Math.ceil(20 * (w.little!.ttft_ms + 512 * w.little!.tpot_ms) / 1000));
    expect(r.inputs.nfr.concurrency).toBe(w.concurrency);
    // The requests/s the deployment completes at its design load covers the peak rate asked for.
    for (const k of SCENARIO_KEYS) {
      const p = r.scenarios[k].performance!.performance!;
      expect(p.requests_per_s).toBeCloseTo(20 * (1 + r.scenarios[k].configuration.peak_headroom_ratio), 6);
    }
  });

  it('a server without performance figures is bad input, not a crash', () => {
    const p = planEntries({ ...H200, server: server('dgx300') }, { concurrency: 10, effective_context: 4096, tpot_p99_ms: 50 });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems[0]).toMatchObject({ field: 'tpot_p99_ms', accepted: { kind: 'rule', rule: 'perf_figures_missing' } });
  });
});

// Properties over deployments the performance model has figures for.
const PERF_MODELS = BUILTIN_CATALOG.models.filter((m) => ['Meta-Llama-3.1-8B', 'Meta-Llama-3.1-70B', 'Qwen3-32B', 'Llama-3.1-405B'].includes(m.name));
const PERF_SERVERS = BUILTIN_CATALOG.servers.filter((s) => ['dgx-h100', 'dgx-h200', 'dgx-b200'].includes(s.name));

const workloadArb = fc.record({
  model: fc.constantFrom(...PERF_MODELS),
  server: fc.constantFrom(...PERF_SERVERS),
  layout: fc.constantFrom<Partial<FullSizingRequest>>({}, { memory_model: 'vllm', tensor_parallel: 8 }, { memory_model: 'vllm', tensor_parallel: 4 }, { memory_model: 'sglang', tensor_parallel: 8 }),
  load: fc.oneof(fc.record({ concurrency: fc.integer({ min: 1, max: 20_000 }) }), fc.record({ request_rate: fc.double({ min: 0.05, max: 200, noNaN: true }) })),
  effective_context: fc.constantFrom(4096, 8192, 32768),
  input_tokens: fc.integer({ min: 64, max: 3000 }),
  output_tokens: fc.integer({ min: 16, max: 1000 }),
  ttft_p99_ms: fc.option(fc.double({ min: 100, max: 20_000, noNaN: true }), { nil: undefined }),
  tpot_p99_ms: fc.option(fc.double({ min: 5, max: 200, noNaN: true }), { nil: undefined }),
  peak_headroom_ratio: fc.constantFrom(0, 0.2, 0.5),
  ha: fc.constantFrom('none' as const, 'n+1' as const, 'n+2' as const),
});

type Drawn = fc.Arbitrary<typeof workloadArb extends fc.Arbitrary<infer T> ? T : never> extends fc.Arbitrary<infer T> ? T : never;

function sized(d: Drawn, targets = true): { result: SizingResult; entries: SizingEntries; request: FullSizingRequest } | null {
  const entries: SizingEntries = { model: d.model, server: d.server, storage: storage('profile_default') };
  const request: FullSizingRequest = {
    ...d.layout,
    ...d.load,
    effective_context: d.effective_context,
    kv_precision: 'fp8',
    input_tokens: d.input_tokens,
    output_tokens: d.output_tokens,
    peak_headroom_ratio: d.peak_headroom_ratio,
    ha: d.ha,
    ...(targets && d.ttft_p99_ms !== undefined ? { ttft_p99_ms: d.ttft_p99_ms } : {}),
    ...(targets && d.tpot_p99_ms !== undefined ? { tpot_p99_ms: d.tpot_p99_ms } : {}),
  };
  const p = planEntries(entries, request);
  if (!p.ok) return null; // a layout the model or server refuses
  return { result: size(entries, request), entries, request };
}

const nodes = (r: SizingResult, k: ScenarioKey) => r.scenarios[k].results.nodes_final ?? Number.POSITIVE_INFINITY;

describe('properties (fast-check)', () => {
  it('node counts with latency targets are never fewer than without (a concurrency load)', () => {
    fc.assert(
      fc.property(workloadArb, (d) => {
        const drawn = { ...d, load: 'concurrency' in d.load ? d.load : { concurrency: Math.max(1, Math.round(d.load.request_rate * 10)) } };
        const withTargets = sized(drawn);
        const without = sized(drawn, false);
        if (!withTargets || !without) return;
        for (const k of SCENARIO_KEYS) expect(nodes(withTargets.result, k)).toBeGreaterThanOrEqual(nodes(without.result, k));
      }),
      { numRuns: 60 },
    );
  });

  it('N+k meets the targets with its k spare nodes down: the nodes left carry the peak within them', () => {
    fc.assert(
      fc.property(workloadArb, (d) => {
        const s = sized(d);
        if (!s || (d.ttft_p99_ms === undefined && d.tpot_p99_ms === undefined)) return;
        const r = s.result;
        const plan = withoutWorkload(planned(s.entries, s.request));
        if (perfMissingFigures(plan).length > 0) return;
        for (const k of SCENARIO_KEYS) {
          const sc = r.scenarios[k];
          if (sc.results.nodes_final === null) continue;
          // k spare nodes lost: the nodes left are nodes_final − ha_extra_nodes; their replicas carry the peak.
          const left = sc.results.nodes_final - sc.configuration.ha_extra_nodes;
          const e = sc.engine;
          const replicas = e ? (e.layout.nodes_per_replica > 1 ? Math.floor(left / e.layout.nodes_per_replica) : left * e.layout.replicas_per_node) : left;
          const peak = 1 + sc.configuration.peak_headroom_ratio;
          const load = 'concurrency' in d.load ? { concurrency: d.load.concurrency * peak } : { request_rate: d.load.request_rate * peak };
          const p = performance(plan, { input_tokens: d.input_tokens, output_tokens: d.output_tokens, ...load }, replicas);
          if (d.ttft_p99_ms !== undefined) expect(p.ttft_ms.p99, `${k} TTFT p99`).toBeLessThanOrEqual(d.ttft_p99_ms * (1 + 1e-9));
          if (d.tpot_p99_ms !== undefined) expect(p.tpot_ms.p99, `${k} TPOT p99`).toBeLessThanOrEqual(d.tpot_p99_ms * (1 + 1e-9));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the 80 % node range holds the node count, and every document matches the schema', () => {
    fc.assert(
      fc.property(workloadArb, (d) => {
        const s = sized(d);
        if (!s) return;
        for (const k of SCENARIO_KEYS) {
          const sp = s.result.scenarios[k].performance!;
          const n = s.result.scenarios[k].results.nodes_final;
          if (n === null) expect(sp.nodes_final_range).toBeNull();
          else {
            expect(sp.nodes_final_range!.low).toBeLessThanOrEqual(n);
            if (sp.nodes_final_range!.high !== null) expect(sp.nodes_final_range!.high).toBeGreaterThanOrEqual(n);
          }
        }
        const doc = JSON.parse(JSON.stringify(toJsonDocument(s.result, { locale: 'en' })));
        expect(SizingOutputSchema.safeParse(doc).success).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
