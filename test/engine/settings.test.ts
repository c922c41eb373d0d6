/**
 * The engine settings table (src/engines/settings.ts) is the one source: the CLI flags, the request
 * schema (validator and JSON Schema), the OpenAPI document and `--help` list exactly its rows, with its
 * defaults and limits, and a setting given to a memory model outside its "applies to" is refused.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { plan } from '../../src/app/plan.ts';
import { FLAGS, flagDefault, flagHelp } from '../../src/cli/flags.ts';
import { helpText } from '../../src/cli/help.ts';
import { ENGINE_SETTINGS, MEMORY_MODELS, SETTING_FIELDS, type SettingField, settingDefault, settingDefaultText, type SettingRow } from '../../src/engines/settings.ts';
import { en } from '../../src/report/i18n/en.ts';
import { helpEn } from '../../src/report/i18n/help-en.ts';
import { helpPtBR } from '../../src/report/i18n/help-pt-BR.ts';
import { ptBR } from '../../src/report/i18n/pt-BR.ts';
import { REQUEST_FIELD_SPECS, REQUEST_FIELDS, requestJsonSchema, validateRequest } from '../../src/schema/request.ts';
import { openApiDocument } from '../../src/server/openapi.ts';

const row = (field: SettingField): SettingRow => ENGINE_SETTINGS[field];
const catalog = new CatalogIndex(BUILTIN_CATALOG);
const BASE = { model: 'Meta-Llama-3.1-8B', server: 'dgx-h100', storage: 'profile_default', concurrency: 100, effective_context: 8192 };
const ROWS = SETTING_FIELDS.map((f) => [f, row(f)] as const);
/** The value a setting takes in these tests: its minimum when allowed, else just above. */
const valid = (r: SettingRow): number | string => (r.type === 'enum' ? r.values![1]! : r.limits!.minExclusive ? Math.min(r.limits!.max, r.limits!.min + 0.5) : r.limits!.min);

describe('the table', () => {
  it('has the settings of the layout and of the four memory models, in the order of the flags', () => {
    expect(SETTING_FIELDS).toEqual([
      'memory_model', 'tensor_parallel', 'pipeline_parallel', 'replicas_per_node', 'data_parallel_attention', 'expert_parallel', 'weights_gib', 'kv_cache_memory_gib', 'gpu_memory_gib',
      'gpu_memory_utilization', 'max_num_batched_tokens', 'block_size', 'mem_fraction_static', 'free_gpu_memory_fraction', 'tokens_per_block',
      'activation_gib', 'non_torch_gib',
    ]);
  });

  it.each(ROWS)('%s: a default for every memory model it applies to, and a description in every locale', (field, r) => {
    for (const m of MEMORY_MODELS) expect(settingDefault(field, m) !== undefined, `${field} under ${m}`).toBe(r.appliesTo.includes(m));
    for (const messages of [en, ptBR]) {
      expect(messages.settings[field].label.length).toBeGreaterThan(0);
      expect(messages.settings[field].help.length).toBeGreaterThan(0);
      expect(settingDefaultText(field, messages.settingRule)).not.toMatch(/undefined|NaN/);
    }
  });

  it('gives TensorRT-LLM its own batched-tokens default (the former literal 8192) and vLLM a rule', () => {
    expect(settingDefault('max_num_batched_tokens', 'trtllm')).toEqual({ value: 8192 });
    expect(settingDefault('max_num_batched_tokens', 'vllm')).toMatchObject({ rule: 'vllm_batched_tokens', large: 8192, small: 2048, large_from_gib: 70, small_on: 'ampere' });
    expect(settingDefault('max_num_batched_tokens', 'sglang')).toBeUndefined();
  });
});

describe('the CLI flags', () => {
  const settingFlags = FLAGS.filter((f) => f.field !== undefined && (SETTING_FIELDS as readonly string[]).includes(f.field));

  it('are exactly the rows, in order', () => {
    expect(settingFlags.map((f) => f.field)).toEqual(SETTING_FIELDS);
  });

  it.each(ROWS)('--%s: name, kind, values and default from its row', (field, r) => {
    const flag = settingFlags.find((f) => f.field === field)!;
    expect(flag).toMatchObject({ name: r.flag, kind: r.type, placeholder: r.placeholder, commands: ['size', 'perf', 'calibrate', 'compare'], setting: field });
    for (const t of [{ ...en, help: helpEn }, { ...ptBR, help: helpPtBR }]) {
      expect(flagHelp(flag, t)).toBe(t.settings[field].help);
      expect(flagDefault(flag, t)).toBe(settingDefaultText(field, t.settingRule));
    }
    expect(flag.values).toEqual(r.values);
    const d = r.default;
    if ('value' in d) expect(flagDefault(flag, { ...en, help: helpEn })).toBe(String(d.value));
  });

  it("repeat no default as a literal: the vLLM rule's text carries the table's figures", () => {
    expect(settingDefaultText('max_num_batched_tokens', en.settingRule)).toBe('vllm: 8192 on GPUs of 70 GiB or more (not ampere), else 2048; trtllm: 8192');
    expect(settingDefaultText('non_torch_gib', en.settingRule)).toBe('0.35, or 1 with TP');
    expect(settingDefaultText('gpu_memory_gib', en.settingRule)).toBe('the data sheet figure × 0.99, read as GiB');
  });
});

describe('--help', () => {
  const help = helpText('size');
  const lines = help.split('\n');

  it.each(ROWS)('lists --%s with its placeholder, help and default', (field, r) => {
    const line = lines.find((l) => l.includes(`--${r.flag} ${r.placeholder} `));
    expect(line, `no line for --${r.flag}`).toBeDefined();
    expect(line).toContain(en.settings[field].help);
    expect(line).toContain(`default ${settingDefaultText(field, en.settingRule)}`);
    if (r.values) expect(line).toContain(`(${r.values.join(' | ')})`);
  });

  it('lists no engine flag the table does not have', () => {
    const engineFlags = FLAGS.filter((f) => f.field !== undefined && !(SETTING_FIELDS as readonly string[]).includes(f.field)).map((f) => f.field);
    expect(engineFlags).toEqual([
      'model', 'server', 'storage', 'concurrency', 'request_rate', 'gpus_used', 'effective_context', 'kv_precision', 'kv_budget_ratio', 'runtime_overhead_gib', 'peak_headroom_ratio', 'ha',
      'params_b', 'weights_precision', 'input_tokens', 'output_tokens', 'ttft_p99_ms', 'tpot_p99_ms', 'pricing', 'usd_per_kwh', 'pue', 'amortisation_years',
      'artifact_gib', 'artifact_copies', 'storage_placement', 'capacity_margin', 'cache_gib_per_node', 'log_gib_per_node', 'target_load_time_s', 'warmup_concurrency', 'read_block_kib', 'engine_startup_s', 'nodes_per_domain',
      'offload_tier', 'offload_gib_per_node', 'idle_session_fraction', 'host_link_gbps_per_gpu',
    ]);
  });
});

describe('the request schema', () => {
  const schema = requestJsonSchema() as { properties: Record<string, Record<string, unknown>> };

  it('holds every row as a request field, in order, after the sizing fields', () => {
    expect(REQUEST_FIELDS.slice(-SETTING_FIELDS.length)).toEqual(SETTING_FIELDS);
  });

  it.each(ROWS)('%s: type, limits and default from its row', (field, r) => {
    const spec = REQUEST_FIELD_SPECS[field] as { type: string; min?: number; max?: number; minExclusive?: boolean; values?: readonly string[]; default?: unknown };
    const p = schema.properties[field]!;
    const d = r.default;
    if (r.type === 'enum') {
      expect(spec).toMatchObject({ type: 'enum', values: r.values });
      expect(p).toMatchObject({ type: 'string', enum: r.values });
    } else {
      const l = r.limits!;
      expect(spec).toMatchObject({ type: r.type, min: l.min, max: l.max });
      expect(spec.minExclusive === true).toBe(l.minExclusive);
      // A token count is a number or text such as "32k".
      expect(p.type).toEqual(r.tokens ? [l.integer ? 'integer' : 'number', 'string'] : l.integer ? 'integer' : 'number');
      if (r.tokens) expect(p.pattern).toBeDefined();
      expect(p).toMatchObject(l.minExclusive ? { exclusiveMinimum: l.min, maximum: l.max } : { minimum: l.min, maximum: l.max });
    }
    expect(p.default).toEqual('value' in d ? d.value : undefined);
    expect(p.description).toContain(settingDefaultText(field, en.settingRule));
  });

  it.each(ROWS.filter(([, r]) => r.type !== 'enum'))('%s: the validator applies the limits', (field, r) => {
    const l = r.limits!;
    const problem = (value: unknown) => {
      const v = validateRequest({ ...BASE, [field]: value });
      return v.ok ? undefined : v.problems.find((p) => p.field === field)?.accepted;
    };
    expect(problem(l.max)).toBeUndefined();
    expect(problem(l.max + 1)).toBeDefined();
    expect(problem(l.min) === undefined).toBe(!l.minExclusive);
    expect(problem(l.min - 1)).toBeDefined();
    if (l.integer) expect(problem(l.min + 0.5)).toBeDefined();
    else expect(problem(Math.min(l.max, l.min + 0.5))).toBeUndefined();
  });
});

describe('the OpenAPI document', () => {
  const body = (openApiDocument() as { components: { schemas: { SizingBody: { properties: Record<string, unknown> } } } }).components.schemas.SizingBody;
  const schema = requestJsonSchema() as { properties: Record<string, unknown> };

  it.each(ROWS)('%s: the request schema\'s property', (field) => {
    expect(body.properties[field]).toEqual(schema.properties[field]);
  });
});

describe('"applies to": a setting the memory model would ignore is refused', () => {
  const cases = ROWS.filter(([field]) => field !== 'memory_model').flatMap(([field, r]) => MEMORY_MODELS.map((m) => [field, m, r.appliesTo.includes(m)] as const));

  it.each(cases)('%s under %s: accepted %s', (field, memoryModel, accepted) => {
    const r = row(field);
    const planned = plan({ ...BASE, memory_model: memoryModel, [field]: valid(r) }, catalog);
    const refused = planned.ok ? [] : planned.problems.filter((p) => (p.accepted as { rule?: string }).rule === 'knob_needs_engine').map((p) => p.field);
    expect(refused).toEqual(accepted ? [] : [field]);
  });

  it.each(MEMORY_MODELS)('under %s, every refused setting given at once, in reverse order: one problem each, in the table\'s order', (memoryModel) => {
    const refusedRows = ROWS.filter(([field, r]) => field !== 'memory_model' && !r.appliesTo.includes(memoryModel));
    const request: Record<string, unknown> = { ...BASE, memory_model: memoryModel };
    for (const [field, r] of [...refusedRows].reverse()) request[field] = valid(r);
    const planned = plan(request, catalog);
    const refused = planned.ok ? [] : planned.problems.filter((p) => (p.accepted as { rule?: string }).rule === 'knob_needs_engine').map((p) => p.field);
    expect(refused).toEqual(refusedRows.map(([field]) => field));
  });
});
