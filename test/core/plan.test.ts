/**
 * The planning step: `size()` takes only a plan the planner made, so no caller can size a layout an
 * engine would refuse. Type-checked (`npm run typecheck`): each `@ts-expect-error` below must be an
 * error, or tsc fails; and at run time the same calls throw.
 */
import { describe, expect, it } from 'vitest';
import { plan, planEntries } from '../../src/app/plan.ts';
import { sizeRequest } from '../../src/app/size-request.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { planSizing, SizingPlan } from '../../src/core/plan.ts';
import { size } from '../../src/core/sizing.ts';
import { validateRequest } from '../../src/schema/request.ts';
import { model, server, storage } from '../helpers/catalog.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
const entries = { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') };
const REQUEST = { concurrency: 100, effective_context: 8192, memory_model: 'vllm' as const, tensor_parallel: 2 };
const ruleOf = (p: { accepted: unknown }) => (p.accepted as { rule?: string }).rule;

function ok<T>(r: { ok: true; value: T } | { ok: false; problems: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('size() takes only a plan', () => {
  it('refuses entries and a request, the former signature (type error, and a TypeError at run time)', () => {
    // @ts-expect-error: size() takes one SizingPlan
    expect(() => size(entries, REQUEST)).toThrow(TypeError);
  });

  it('refuses an object shaped like a plan (its layout never checked)', () => {
    const real = ok(planEntries(entries, REQUEST));
    const forged = { entries, request: { ...REQUEST, tensor_parallel: 3 }, precision: 'bf16', deployment: { ...real.deployment!, layout: { ...real.deployment!.layout, tensor_parallel: 3 } } };
    // @ts-expect-error: a look-alike object is not a SizingPlan (it lacks the planner's private brand)
    expect(() => size(forged)).toThrow(/SizingPlan/);
    // @ts-expect-error: neither is a copy of a real plan
    expect(() => size({ ...real })).toThrow(/SizingPlan/);
    expect(() => size(Object.create(SizingPlan.prototype) as SizingPlan)).toThrow(/SizingPlan/);
  });

  it('cannot be constructed outside the planner', () => {
    // @ts-expect-error: the constructor wants the planner's own symbol
    expect(() => new SizingPlan(Symbol('planner'), entries, REQUEST, null)).toThrow(TypeError);
  });

  it('refuses an unvalidated request at the planner too', () => {
    // @ts-expect-error: planSizing takes what validateRequest returned, not any object
    planSizing(entries, { ...REQUEST, model: 'm', server: 's', storage: 'p' });
    const validated = ok(validateRequest({ ...REQUEST, model: 'Meta-Llama-3.1-70B', server: 'dgx-h100', storage: 'profile_default' }));
    expect(SizingPlan.is(ok(planSizing(entries, validated)))).toBe(true);
  });
});

describe('the planner refuses what an engine would refuse, naming the field', () => {
  it.each([
    ['TP 3 over 8 KV heads (the web chart sweeps could size it before)', { tensor_parallel: 3 }, 'tensor_parallel', 'tp_kv_heads'],
    ['TP 16 across two plain 8-GPU nodes (their NVLink domain is one node)', { tensor_parallel: 16 }, 'tensor_parallel', 'tp_across_nodes'],
    ['a replica over nodes that is not whole nodes (TP 4 × PP 3 = 12 GPUs on 8-GPU nodes)', { tensor_parallel: 4, pipeline_parallel: 3 }, 'pipeline_parallel', 'layout_exceeds_gpus'],
    ['more replicas than fit', { tensor_parallel: 4, replicas_per_node: 3 }, 'replicas_per_node', 'replicas_exceed_gpus'],
    ['a vLLM setting under SGLang', { memory_model: 'sglang', gpu_memory_utilization: 0.8 }, 'gpu_memory_utilization', 'knob_needs_engine'],
  ] as const)('%s', (_why, layout, field, rule) => {
    for (const r of [planEntries(entries, { ...REQUEST, ...layout }), plan({ ...REQUEST, ...layout, model: 'Meta-Llama-3.1-70B', server: 'dgx-h100', storage: 'profile_default' }, catalog, 'line 7')]) {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problems.map((p) => [p.field, ruleOf(p)])).toContainEqual([field, rule]);
    }
  });

  it('refuses out-of-range values from a typed request too (planEntries validates every field)', () => {
    const r = planEntries(entries, { ...REQUEST, concurrency: 0 });
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['concurrency']);
  });

  it('keeps the problem source (the batch line)', () => {
    const r = plan({ ...REQUEST, tensor_parallel: 3, model: 'Meta-Llama-3.1-70B', server: 'dgx-h100', storage: 'profile_default' }, catalog, 'in.jsonl:7');
    expect(r.ok ? [] : [...new Set(r.problems.map((p) => p.source))]).toEqual(['in.jsonl:7']);
  });
});

describe('a plan', () => {
  const p = ok(planEntries(entries, REQUEST));

  it('holds the layout resolved once, which size() uses as it is', () => {
    expect(p.deployment!.layout).toEqual({ tensor_parallel: 2, pipeline_parallel: 1, gpus_per_replica: 2, replicas_per_node: 4, gpus_used: 8, nodes_per_replica: 1, data_parallel_attention: 1, expert_parallel: 1 });
    for (const key of ['minimum', 'recommended', 'ideal'] as const) expect(size(p).scenarios[key].engine!.layout).toBe(p.deployment!.layout);
  });

  it("holds every default of the memory model's settings", () => {
    expect(p.deployment!.engine).toEqual({
      memory_model: 'vllm', weights_gib: undefined, kv_cache_memory_gib: undefined, gpu_memory_gib: 79.2, gpu_memory_utilization: 0.9, block_size: 16,
      max_num_batched_tokens: 8192, activation_gib: (8192 * 8192 * 27) / 2 ** 30, non_torch_gib: 1,
    });
    expect(p.precision).toBe('bf16');
  });

  it('is immutable', () => {
    for (const o of [p, p.request, p.deployment, p.deployment!.layout, p.deployment!.engine]) expect(Object.isFrozen(o)).toBe(true);
    // @ts-expect-error: readonly
    expect(() => (p.deployment = null)).toThrow(TypeError);
  });

  it('without any engine setting is the original single pool (no deployment)', () => {
    expect(ok(planEntries(entries, { concurrency: 100, effective_context: 8192 })).deployment).toBeNull();
    expect(ok(planEntries(entries, { concurrency: 100, effective_context: 8192, memory_model: 'seed' })).deployment).toBeNull();
  });

  it('gives through size() what sizeRequest gives for the same raw request', () => {
    const raw = { ...REQUEST, model: 'Meta-Llama-3.1-70B', server: 'dgx-h100', storage: 'profile_default' };
    expect(size(ok(plan(raw, catalog)))).toEqual(ok(sizeRequest(raw, catalog)));
    expect(size(ok(plan(raw, catalog)))).toEqual(size(p));
  });
});
