/** Which memory models read a request field: the settings table's appliesTo, the seed accounting's own fields, all models for the rest. */
import { describe, expect, it } from 'vitest';
import { ENGINE_SETTINGS, fieldAppliesTo, MEMORY_MODELS, SEED_ACCOUNTING_FIELDS, SETTING_FIELDS, type SettingRow } from '../../src/engines/settings.ts';
import { REQUEST_FIELDS } from '../../src/schema/request.ts';
import { size } from '../helpers/size.ts';
import { model, server, storage } from '../helpers/catalog.ts';

describe('fieldAppliesTo', () => {
  it.each([
    ['gpu_memory_utilization', ['vllm']],
    ['mem_fraction_static', ['sglang']],
    ['kv_budget_ratio', ['seed']],
    ['runtime_overhead_gib', ['seed']],
    ['concurrency', MEMORY_MODELS],
    ['tensor_parallel', MEMORY_MODELS],
  ] as const)('%s → %j', (field, models) => {
    expect([...fieldAppliesTo(field)]).toEqual([...models]);
  });

  it("is the settings table's appliesTo for every setting, and known request fields only", () => {
    for (const f of SETTING_FIELDS) expect(fieldAppliesTo(f)).toBe((ENGINE_SETTINGS[f] as SettingRow).appliesTo);
    for (const f of Object.keys(SEED_ACCOUNTING_FIELDS)) expect(REQUEST_FIELDS).toContain(f);
  });

  it.each(['vllm', 'sglang', 'trtllm'] as const)('%s really ignores the seed-only fields: the same node counts whatever they say', (memoryModel) => {
    const entries = { model: model('Meta-Llama-3.1-70B'), server: server('dgx-h100'), storage: storage('profile_default') };
    const base = { concurrency: 300, effective_context: 8192, memory_model: memoryModel, tensor_parallel: 4 };
    const nodes = (r: ReturnType<typeof size>) => Object.values(r.scenarios).map((s) => s.results.nodes_final);
    expect(nodes(size(entries, { ...base, kv_budget_ratio: 0.3, runtime_overhead_gib: 500 }))).toEqual(nodes(size(entries, base)));
    // …which the seed accounting does not.
    const seed = { ...base, memory_model: 'seed' as const };
    expect(nodes(size(entries, { ...seed, kv_budget_ratio: 0.3, runtime_overhead_gib: 500 }))).not.toEqual(nodes(size(entries, seed)));
  });
});
