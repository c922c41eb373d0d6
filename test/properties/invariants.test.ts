/**
 * Invariants of the sizing, for any consistent catalog entries and valid request, under every memory
 * model (seed, vllm, sglang, trtllm): asking for more never needs fewer nodes; IDEAL ≥ RECOMMENDED ≥
 * MINIMUM; the JSON never holds NaN or infinity. An infeasible scenario (null nodes) counts as needing
 * infinitely many nodes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { type SizingResult } from '../../src/core/sizing.ts';
import { size as sizeWith } from '../helpers/size.ts';
import { MEMORY_MODELS } from '../../src/engines/settings.ts';
import type { FullSizingRequest, SizingEntries } from '../../src/core/sizing.ts';
import { toJsonDocument } from '../../src/report/json.ts';
import { resolveLayout } from '../../src/engines/layout.ts';
import { atLeast, atMost, equal, is } from '../helpers/check.ts';
import { entriesArb, type FullRequest, modelArb, requestArb, serverArb, storageArb } from '../helpers/arbitraries.ts';

/** Runs per property and memory model (every property runs under each of MEMORY_MODELS). */
const RUNS = 200;
const nodes = (r: SizingResult, k: (typeof SCENARIO_KEYS)[number]) => r.scenarios[k].results.nodes_final ?? Number.POSITIVE_INFINITY;

/**
 * The alerts that say why not even one session fits (engine_no_kv_memory: the engine's own accounting leaves no KV memory;
 * weights_exceed_node: a GPU cannot hold its share of the weights).
 */
const NOTHING_FITS: ReadonlySet<string> = new Set(['weights_exceed_node', 'no_kv_budget', 'zero_sessions_per_node', 'engine_no_kv_memory']);

function finiteEverywhere(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => finiteEverywhere(v, `${path}[${i}]`));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) finiteEverywhere(v, `${path}.${k}`);
}

describe.each(MEMORY_MODELS)('under the %s memory model', (memoryModel) => {
  /** The entries and request sized under this memory model (the request's own fields unchanged). */
  const size = (entries: SizingEntries, req: FullSizingRequest) => sizeWith(entries, { ...req, memory_model: memoryModel });

  function neverFewer(change: (req: FullRequest) => FullRequest) {
    fc.assert(
      fc.property(entriesArb, requestArb, (entries, req) => {
        const before = size(entries, req);
        const after = size(entries, change(req));
        for (const k of SCENARIO_KEYS) atLeast(nodes(after, k), nodes(before, k));
      }),
      { numRuns: RUNS },
    );
  }

  describe('asking for more never needs fewer nodes', () => {
    it('more concurrency', () => neverFewer((r) => ({ ...r, concurrency: r.concurrency + 1 + (r.concurrency % 997) })));
    it('more context', () => neverFewer((r) => ({ ...r, effective_context: r.effective_context * 2 })));
    it('2-byte precision instead of 1-byte', () =>
      fc.assert(
        fc.property(entriesArb, requestArb, fc.constantFrom('fp8', 'int8'), fc.constantFrom('fp16', 'bf16'), (entries, req, one, two) => {
          const a = size(entries, { ...req, kv_precision: one });
          const b = size(entries, { ...req, kv_precision: two });
          for (const k of SCENARIO_KEYS) atLeast(nodes(b, k), nodes(a, k));
        }),
        { numRuns: RUNS },
      ));
    it('a lower budget ratio', () => neverFewer((r) => ({ ...r, kv_budget_ratio: r.kv_budget_ratio / 2 })));
    it('more headroom', () => neverFewer((r) => ({ ...r, peak_headroom_ratio: r.peak_headroom_ratio + 0.15 })));
    it('more runtime overhead', () => neverFewer((r) => ({ ...r, runtime_overhead_gib: r.runtime_overhead_gib + 10 })));
    it('a stronger HA mode', () =>
      fc.assert(
        fc.property(entriesArb, requestArb, (entries, req) => {
          const order = ['none', 'n+1', 'n+2'] as const;
          for (let i = 1; i < order.length; i++) {
            const a = size(entries, { ...req, ha: order[i - 1] });
            const b = size(entries, { ...req, ha: order[i] });
            atLeast(nodes(b, 'recommended'), nodes(a, 'recommended'));
          }
        }),
        { numRuns: RUNS },
      ));
  });

  describe('scenario ordering', () => {
    it('IDEAL ≥ RECOMMENDED ≥ MINIMUM, and IDEAL is feasible only if the others are', () =>
      fc.assert(
        fc.property(entriesArb, requestArb, (entries, req) => {
          const r = size(entries, req);
          atLeast(nodes(r, 'ideal'), nodes(r, 'recommended'));
          atLeast(nodes(r, 'recommended'), nodes(r, 'minimum'));
          if (r.scenarios.ideal.feasible) is(r.scenarios.recommended.feasible && r.scenarios.minimum.feasible, true);
          is(r.feasible, SCENARIO_KEYS.every((k) => r.scenarios[k].feasible));
        }),
        { numRuns: RUNS },
      ));

    it('node counts are null exactly when no session fits, and the arithmetic holds otherwise', () =>
      fc.assert(
        fc.property(entriesArb, requestArb, (entries, req) => {
          const r = size(entries, req);
          for (const k of SCENARIO_KEYS) {
            const s = r.scenarios[k];
            const n = s.results;
            if (n.sessions_per_node === 0) {
              equal([n.nodes_capacity, n.nodes_with_headroom, n.nodes_final], [null, null, null]);
              is(r.alerts.some((a) => NOTHING_FITS.has(a.code) && a.scenarios.includes(k)), true);
            } else {
              atLeast(n.nodes_capacity! * n.sessions_per_node, req.concurrency);
              atLeast(n.nodes_with_headroom!, n.nodes_capacity!);
              is(n.nodes_final, n.nodes_with_headroom! + s.configuration.ha_extra_nodes);
              atMost(n.sessions_per_node * n.kv_per_session_gib, n.kv_budget_gib);
            }
          }
        }),
        { numRuns: RUNS },
      ));
  });

  describe('the JSON document', () => {
    it('holds no NaN or infinity anywhere, in either locale, and survives a JSON round trip', () =>
      fc.assert(
        fc.property(entriesArb, requestArb, fc.constantFrom('en' as const, 'pt-BR' as const), (entries, req, locale) => {
          const doc = toJsonDocument(size(entries, req), { locale });
          finiteEverywhere(doc, '$');
          equal(JSON.parse(JSON.stringify(doc)), doc);
        }),
        { numRuns: RUNS },
      ));
  });
});

describe('under engine memory models and layouts', () => {
  const engineArb = fc.record({
    memory_model: fc.constantFrom('seed' as const, 'vllm' as const, 'sglang' as const, 'trtllm' as const),
    tp: fc.constantFrom(1, 2, 4, 8),
    pp: fc.constantFrom(1, 2),
    calibrated: fc.option(fc.double({ min: 0.5, max: 200, noNaN: true }), { nil: undefined }),
  });
  const eightGpus = serverArb.map((s) => ({ ...s, gpus: 16, total_hbm_gb: 16 * s.hbm_per_gpu_gb }));

  it('give no NaN or infinity, scenarios in order, and sessions per node = replicas × sessions per replica', () =>
    fc.assert(
      fc.property(fc.record({ model: modelArb, server: eightGpus, storage: storageArb }), requestArb, engineArb, (entries, req, e) => {
        const layoutRequest = { memory_model: e.memory_model, tensor_parallel: e.tp, pipeline_parallel: e.pp, ...(e.calibrated ? { kv_cache_memory_gib: e.calibrated } : {}) };
        const { problems } = resolveLayout(entries.model, entries.server, layoutRequest);
        fc.pre(problems.length === 0);
        const r = sizeWith(entries, { ...req, ...layoutRequest });
        finiteEverywhere(toJsonDocument(r, { locale: 'en' }), '$');
        atLeast(nodes(r, 'ideal'), nodes(r, 'recommended'));
        atLeast(nodes(r, 'recommended'), nodes(r, 'minimum'));
        for (const k of SCENARIO_KEYS) {
          const engine = r.scenarios[k].engine!;
          is(r.scenarios[k].results.sessions_per_node, engine.layout.replicas_per_node * engine.sessions_per_replica);
          atLeast(engine.sessions_per_replica, 0);
        }
      }),
      { numRuns: 400 },
    ));
});

describe('weights-aware reserve (issue 9)', () => {
  const MODELS = ['seed', 'vllm', 'sglang', 'trtllm'] as const;
  const engineArb = fc.record({ memory_model: fc.constantFrom(undefined, ...MODELS), tp: fc.constantFrom(1, 2, 4, 8), given: fc.boolean() });
  const EPS = 1e-9;

  it('every node reserves at least the weights it holds when they are known, under every memory model', () =>
    fc.assert(
      fc.property(entriesArb, requestArb, engineArb, (entries, req, e) => {
        const layoutRequest = e.memory_model === undefined ? {} : { memory_model: e.memory_model, tensor_parallel: Math.min(e.tp, entries.server.gpus) };
        fc.pre(resolveLayout(entries.model, entries.server, layoutRequest).problems.length === 0);
        const { runtime_overhead_gib: given, ...rest } = req;
        const r = sizeWith(entries, { ...rest, ...(e.given ? { runtime_overhead_gib: given } : {}), ...layoutRequest });
        const weightsNode = r.reserve.weights_node_gib;
        if (weightsNode === null) expect(weightsNode).not.toBeNull(); // requestArb always gives params_b
        const tol = EPS * Math.max(1, weightsNode!);
        if (!e.given) {
          atLeast(r.inputs.nfr.runtime_overhead_gib, weightsNode! + r.reserve.allowance_node_gib - tol);
          atLeast(r.inputs.nfr.runtime_overhead_gib, r.reserve.floor_gib);
        } else if (weightsNode! > given && (e.memory_model === undefined || e.memory_model === 'seed')) {
          // A value given below the weights is honoured, and said.
          is(r.inputs.nfr.runtime_overhead_gib, given);
          is(r.alerts.some((a) => a.code === 'weights_exceed_overhead'), true);
        }
        for (const k of SCENARIO_KEYS) {
          const s = r.scenarios[k];
          if (s.engine) {
            // Per GPU: the engine's weights (the seed's reserve) hold at least this GPU's share of the weights (or all of a GPU they overflow).
            const share = Math.min((r.reserve.weights_replica_gib ?? 0) / s.engine.layout.gpus_per_replica, s.engine.per_gpu.gpu_memory_gib);
            if (!e.given || s.engine.memory_model !== 'seed') atLeast(s.engine.per_gpu.weights_gib, share - tol);
          } else if (!e.given) {
            // The single pool: the KV budget never takes memory the weights hold.
            atMost(s.results.kv_budget_gib, Math.max(0, s.results.hbm_total_gib - weightsNode!) + tol);
          }
          // A node that cannot hold its share of the weights serves no session (the original's method).
          if (!r.reserve.weights_fit && (s.engine === null || s.engine.memory_model === 'seed')) {
            is(s.feasible, false);
            is(r.alerts.some((a) => a.code === 'weights_exceed_node' && a.scenarios.includes(k)), true);
          }
        }
      }),
      { numRuns: RUNS },
    ));

  it('the reserve is the original 120 GiB (scaled to small nodes) when the weights are unknown and nothing is given', () =>
    fc.assert(
      fc.property(entriesArb, requestArb, (entries, req) => {
        const { runtime_overhead_gib: _given, params_b: _params, weights_precision: _precision, ...rest } = req;
        const r = sizeWith({ ...entries, model: { ...entries.model, total_params_b: null } }, rest);
        is(r.inputs.nfr.runtime_overhead_gib, Math.min(120, 15 * entries.server.gpus));
        is(r.inputs.nfr.runtime_overhead_source, 'floor');
      }),
      { numRuns: 200 },
    ));
});
