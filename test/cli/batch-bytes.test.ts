/**
 * `batch` writes its lines as bytes, by hand, for speed (src/cli/batch.ts). These tests hold that
 * output to the reference: `JSON.stringify` of the line object built here from `sizeRequest` (the
 * validator's path), on thousands of varied lines (bench/lines.mjs: every model, server, precision,
 * context and layout, infeasible and invalid lines), in both locales; workload lines (issue 10) with
 * their performance and workload the same way. And `--fields`: accepted names,
 * bad names, the shape of its lines, and its values against the whole result.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchLineTexts, batchRequests, random } from '../../bench/lines.mjs';
import { sloRequests } from '../../bench/slo.mjs';
import { compileFields, fieldNames, sizingFields } from '../../src/app/fields.ts';
import { quickRequest } from '../../src/app/quick-request.ts';
import { plan } from '../../src/app/plan.ts';
import { sizeRequest } from '../../src/app/size-request.ts';
import { BUILTIN_CATALOG } from '../../src/catalog/builtin.ts';
import { CatalogIndex } from '../../src/catalog/lookup.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { scenarioCapacities, scenarioFeasible, size, type SizingResult } from '../../src/core/sizing.ts';
import { batchStream } from '../../src/cli/batch.ts';
import { RepeatedJson } from '../../src/cli/json-bytes.ts';
import { type Io, main } from '../../src/cli/main.ts';
import { type RenderContext, renderContext } from '../../src/report/context.ts';
import { performanceJson, workloadJson } from '../../src/report/perf-json.ts';
import type { Locale } from '../../src/report/format.ts';
import { blankRequest, REQUEST_FIELDS, validateRequest } from '../../src/schema/request.ts';
import { MAX_JSON_DEPTH } from '../../src/schema/json-depth.ts';
import { equal, is } from '../helpers/check.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);

/** The reference object of a success line, built independently of the byte writer. */
function referenceLine(line: number, id: unknown, r: SizingResult, ctx: RenderContext): Record<string, unknown> {
  const scenarios: Record<string, unknown> = {};
  for (const k of SCENARIO_KEYS) scenarios[k] = { feasible: r.scenarios[k].feasible, results: r.scenarios[k].results };
  return {
    line,
    ...(id === undefined ? {} : { id }),
    feasible: r.feasible,
    inputs: { model: r.inputs.model.name, server: r.inputs.server.name, storage: r.inputs.storage.name, ...r.inputs.nfr },
    kv_bytes_per_session: r.kv.bytes,
    scenarios,
    alerts: r.alerts.map((a) => ({ code: a.code, severity: a.severity, message: ctx.m.alert(a, ctx.f) })),
  };
}

async function runBatch(texts: readonly string[], locale: Locale, fields?: readonly string[]): Promise<string[]> {
  // Each chunk decoded as it comes (batch reuses its buffer): what a reader of the whole stream decodes.
  const decoder = new StringDecoder('utf8');
  let text = '';
  const compiled = fields ? compileFields(fields) : undefined;
  if (compiled && !compiled.ok) throw new Error('bad fields');
  await batchStream(Readable.from([`${texts.join('\n')}\n`]), 'test', catalog, renderContext({ locale }), (b) => (text += decoder.write(b)), undefined, {
    fields: compiled?.value,
  });
  text += decoder.end();
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

/** In-process `llm-sizing ARGS` with `input` on stdin. */
async function cli(args: readonly string[], input = ''): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: Readable.from([input]), now: () => new Date(0), env: {} };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

describe('batch output, byte for byte', () => {
  for (const [locale, configurations] of [['en', 0], ['pt-BR', 300]] as const) {
    it(`equals JSON.stringify of the reference line object on 3,000 varied lines (${locale}, ${configurations || 'a new'} configuration${configurations ? 's' : ' per line'})`, async () => {
      const texts = batchLineTexts(3000, { seed: 7 + configurations, configurations });
      const out = await runBatch(texts, locale);
      expect(out).toHaveLength(texts.length);
      const ctx = renderContext({ locale });
      let success = 0;
      let infeasible = 0;
      for (let i = 0; i < texts.length; i++) {
        let raw: unknown;
        try {
          raw = JSON.parse(texts[i]!);
        } catch {
          expect(JSON.parse(out[i]!)).toMatchObject({ line: i + 1, error: { field: '(line)' } });
          continue;
        }
        const sized = sizeRequest(raw, catalog, `test:${i + 1}`, ['id']);
        const id = (raw as { id?: unknown }).id;
        if (!sized.ok) {
          expect(JSON.parse(out[i]!), texts[i]).toMatchObject({ line: i + 1, error: { field: sized.problems[0]!.field } });
          continue;
        }
        success++;
        if (!sized.value.feasible) infeasible++;
        is(out[i], JSON.stringify(referenceLine(i + 1, id, sized.value, ctx)), texts[i]);
      }
      // The input really is varied: mostly sized, some infeasible, some invalid.
      expect(success).toBeGreaterThan(2500);
      expect(infeasible).toBeGreaterThan(100);
      expect(texts.length - success).toBeGreaterThan(20);
    });
  }

  it('writes ids of any JSON type, and messages with non-ASCII text, as JSON.stringify does', async () => {
    const base = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_network_ssd', concurrency: 5000, effective_context: 200000, runtime_overhead_gib: 20 };
    const ids = ['ção "quoted" \\ \u2028', 7.5, -0, null, true, { a: [1, 'x'] }, 1e21];
    const texts = ids.map((id) => JSON.stringify({ id, ...base }));
    const out = await runBatch(texts, 'pt-BR');
    const ctx = renderContext({ locale: 'pt-BR' });
    out.forEach((line, i) => {
      const sized = sizeRequest(JSON.parse(texts[i]!), catalog, undefined, ['id']);
      if (!sized.ok) throw new Error('sized');
      expect(line).toBe(JSON.stringify(referenceLine(i + 1, ids[i], sized.value, ctx)));
    });
  });
});

/** Workload lines (issue 10): bench/slo.mjs's deployments with targets, rates (some past saturation), one target or none, default tokens. */
function workloadLineTexts(count: number, seed: number): string[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  return sloRequests(count, { seed, configurations: 120 }).slo.map((q: Record<string, unknown>, i: number) => {
    const line: Record<string, unknown> = { ...q };
    const variant = i % 6;
    if (variant === 1) {
      delete line.concurrency;
      line.request_rate = pick([0.5, 3, 20, 150, 1e4]);
    }
    if (variant === 2) delete line.ttft_p99_ms;
    if (variant === 3) delete line.tpot_p99_ms;
    if (variant === 4) {
      delete line.ttft_p99_ms;
      delete line.tpot_p99_ms;
      delete line.input_tokens;
    }
    if (variant === 5) {
      line.ttft_p99_ms = pick([1, 50, 1e5]);
      line.tpot_p99_ms = pick([1, 5, 1e4]);
    }
    return JSON.stringify(i % 3 === 0 ? { id: i, ...line } : line);
  });
}

describe('batch workload lines, byte for byte', () => {
  for (const locale of ['en', 'pt-BR'] as const) {
    it(`equal JSON.stringify of the line object with its performance and workload on 1,500 varied lines (${locale})`, async () => {
      const texts = workloadLineTexts(1500, locale === 'en' ? 3 : 4);
      const out = await runBatch(texts, locale);
      const ctx = renderContext({ locale });
      let rates = 0;
      let noFigures = 0;
      for (let i = 0; i < texts.length; i++) {
        const raw = JSON.parse(texts[i]!) as Record<string, unknown>;
        const sized = sizeRequest(raw, catalog, `test:${i + 1}`, ['id']);
        if (!sized.ok) throw new Error(texts[i]);
        const r = sized.value;
        const reference = referenceLine(i + 1, raw.id, r, ctx) as { scenarios: Record<string, Record<string, unknown>> } & Record<string, unknown>;
        for (const k of SCENARIO_KEYS) reference.scenarios[k]!.performance = performanceJson(r, k);
        reference.workload = workloadJson(r);
        is(out[i], JSON.stringify(reference), texts[i]);
        if (r.workload?.little) rates++;
        for (const k of SCENARIO_KEYS) if (r.scenarios[k].performance?.performance === null) noFigures++;
      }
      // The lines have rates (Little's law) and scenarios the targets leave without figures.
      expect(rates).toBeGreaterThan(100);
      expect(noFigures).toBeGreaterThan(100);
    });
  }
});

describe('RepeatedJson (the kept bytes of repeated flat objects)', () => {
  it('gives JSON.stringify of the very object given, whatever was kept under the same look-up value', () => {
    const value = fc.oneof(fc.constantFrom(0, -0, 1, 0.1, Number.NaN, Number.POSITIVE_INFINITY, null, true, 'fp8', 'ção "q"'), fc.double());
    const flat = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'total_s'), value, { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(flat, fc.constantFrom(1, 2, 'x')), { minLength: 1, maxLength: 30 }), (objects) => {
        const kept = new RepeatedJson(8);
        for (const [o, by] of objects) is(Buffer.from(kept.bytes(o, by)).toString('utf8'), JSON.stringify(o));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every object that shares a look-up value: alternating two of them makes their bytes once each', () => {
    // Two prefills of the same total time, one bound by its weights, the other by compute.
    const a = { weights_s: 0.0023, compute_s: 0.0127, total_s: 0.0336 };
    const b = { weights_s: 0.0033, compute_s: 0.0127, total_s: 0.0336 };
    const kept = new RepeatedJson();
    const first = [kept.bytes(a, a.total_s), kept.bytes(b, b.total_s)];
    for (let i = 0; i < 3; i++) {
      expect(kept.bytes({ ...a }, a.total_s)).toBe(first[0]);
      expect(kept.bytes({ ...b }, b.total_s)).toBe(first[1]);
    }
  });
});

describe('the quick request check', () => {
  const known = [...REQUEST_FIELDS, 'id', 'extra'];
  const value = fc.oneof(
    fc.constantFrom('opt-oss-120b', 'dgx300', 'profile_default', 'fp8', 'bf16', 'vllm', 'n+1', '', 'x'),
    // Values in other case and token counts as text (issue 9: less friction).
    fc.constantFrom('FP8', 'Bf16', 'VLLM', 'SGLang', 'N+1', 'NONE', 'MXFP4', 'Profile_Default', '32k', '128K', ' 8k ', '1.5k', '0.3k', '200000k', '32m', 'k', '10'),
    fc.constantFrom(0, 1, 2, 8, 0.5, 0.99, 1.5, -1, 131072, 1e9 + 1, Number.NaN),
    fc.integer({ min: -10, max: 300_000 }),
    fc.double({ noNaN: false }),
    fc.constantFrom(null, undefined, true, [], {}),
  );
  const request = fc.record({
    model: fc.constantFrom('opt-oss-120b', 'Qwen3-8B'),
    server: fc.constantFrom('dgx300', 'gb200-nvl72-tray'),
    storage: fc.constantFrom('profile_default', undefined),
    concurrency: fc.integer({ min: 1, max: 100_000 }),
    effective_context: fc.integer({ min: 1, max: 300_000 }),
  });
  it('accepts exactly what validateRequest accepts, with the same value', () => {
    fc.assert(
      fc.property(request, fc.dictionary(fc.constantFrom(...known), value, { maxKeys: 6 }), (base, extra) => {
        const raw = { ...base, ...extra };
        const full = validateRequest(raw, undefined, ['id']);
        const quick = quickRequest(raw, ['id']);
        is(quick !== undefined, full.ok, () => JSON.stringify(raw));
        if (full.ok) equal(quick, full.value);
        // Every field present, in the table's order, whatever the line gave and in whatever order
        // (one hidden class for every request: src/schema/request.ts's blankRequest, issue 8).
        if (full.ok) equal(Object.keys(full.value), REQUEST_FIELDS);
        if (quick !== undefined) equal(Object.keys(quick), REQUEST_FIELDS);
      }),
      { numRuns: 3000 },
    );
  });
  it('a request built from a blank one gives what it was given and leaves every other field undefined', () => {
    const full = validateRequest({ effective_context: '32k', concurrency: 10, server: 'dgx300', model: 'opt-oss-120b', ha: 'N+1' });
    expect(full.ok).toBe(true);
    if (!full.ok) return;
    const given = Object.entries(full.value).filter(([, v]) => v !== undefined);
    expect(given).toEqual([
      ['model', 'opt-oss-120b'],
      ['server', 'dgx300'],
      ['concurrency', 10],
      ['effective_context', 32768],
      ['ha', 'n+1'],
    ]);
    expect(blankRequest()).not.toBe(blankRequest());
    expect(Object.values(blankRequest()).every((v) => v === undefined)).toBe(true);
  });
  it('refuses what is not an object', () => {
    for (const raw of [null, 1, 'x', [], undefined]) expect(quickRequest(raw)).toBeUndefined();
  });
});

describe('batch --fields', () => {
  it('gives each field under its name after line and id', async () => {
    const line = { id: 'a', model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };
    const r = await cli(['batch', '-', '--fields', 'nodes, feasible,scenarios.recommended.results.sessions_per_node,nodes'], `${JSON.stringify(line)}\nnot json\n`);
    expect(r.status).toBe(2);
    const [first, second] = r.stdout.trimEnd().split('\n');
    expect(first).toBe('{"line":1,"id":"a","nodes":{"minimum":4,"recommended":5,"ideal":7},"feasible":true,"scenarios.recommended.results.sessions_per_node":314}');
    expect(JSON.parse(second!)).toMatchObject({ line: 2, error: { field: '(line)' } });
  });

  it.each([
    ['an unknown field', 'nodes,bogus', 'bogus'],
    ['a typo', 'node', 'node'],
    ['an empty list', ' , ', ''],
  ])('refuses %s: exit 2, the field, the value and the accepted list, nothing written', async (_, list, value) => {
    const r = await cli(['batch', '-', '--fields', list], '{}\n');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--fields');
    expect(r.stderr).toContain(`"${value}"`);
    expect(r.stderr).toContain('nodes, kv_per_session_gib');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('batch --help lists every accepted field', async () => {
    const r = await cli(['batch', '--help']);
    const listed = r.stdout.replace(/\s+/g, ' ');
    for (const name of fieldNames()) expect(listed).toContain(` ${name}${name === 'alerts' ? '' : ','}`);
  });

  /** Each field's value, read from the reference line of the whole sizing. */
  function expectedValues(r: SizingResult, names: readonly string[], ctx: RenderContext): Record<string, unknown> {
    const ref = referenceLine(0, undefined, r, ctx);
    const at = (path: readonly string[]) => path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], ref);
    const perScenario = (result: string) => Object.fromEntries(SCENARIO_KEYS.map((s) => [s, at(['scenarios', s, 'results', result])]));
    return Object.fromEntries(names.map((n) => [n, n === 'nodes' ? perScenario('nodes_final') : n in r.scenarios.minimum.results ? perScenario(n) : at(n.split('.'))]));
  }
  const ctx = renderContext({ locale: 'en' });
  const names = fieldNames();
  const fast = names.filter((n) => {
    const c = compileFields([n]);
    return c.ok && !c.value.whole;
  });
  const all = compileFields(names);
  const quick = compileFields(fast);
  if (!all.ok || !quick.ok) throw new Error('fields');

  it('answers the KV totals, inputs and alerts by sizing each request whole, the rest from a shape kept per deployment', () => {
    expect(fast).toEqual(expect.arrayContaining(['nodes', 'feasible', 'sessions_per_node', 'kv_bytes_per_session', 'scenarios.ideal.results.nodes_final']));
    for (const whole of ['inputs', 'alerts', 'kv_total_gib', 'scenarios.minimum.results', 'scenarios.ideal.results.kv_total_tib']) expect(fast).not.toContain(whole);
  });

  // Every field, on varied requests, equals the same path of the whole line.
  for (const configurations of [0, 100]) {
    it(`every field equals the whole result's value (1,000 varied requests, ${configurations || 'a new'} configuration${configurations ? 's' : ' each'})`, () => {
      for (const raw of batchRequests(1000, { seed: 11 + configurations, configurations })) {
        const whole = sizeRequest(raw, catalog, undefined, ['id']);
        const a = all.value.size(raw, catalog, ctx, undefined, ['id']);
        const b = quick.value.size(raw, catalog, ctx, undefined, ['id']);
        is(a.ok, whole.ok);
        is(b.ok, whole.ok);
        if (!whole.ok || !a.ok || !b.ok) continue;
        const expected = expectedValues(whole.value, names, ctx);
        equal(a.value, expected, () => JSON.stringify(raw));
        equal(b.value, Object.fromEntries(fast.map((n) => [n, expected[n]])), () => JSON.stringify(raw));
      }
    });
  }

  it('a request that differs from a known shape in any one input is answered for itself, not from the shape', () => {
    const requests = batchRequests(400, { seed: 5, configurations: 0 });
    for (let i = 0; i + 1 < requests.length; i += 2) {
      const first = requests[i]!;
      const other = requests[i + 1]!;
      for (const k of Object.keys(other)) {
        const variant = { ...first, [k]: other[k] };
        quick.value.size(first, catalog, ctx, undefined, ['id']);
        const whole = sizeRequest(variant, catalog, undefined, ['id']);
        const b = quick.value.size(variant, catalog, ctx, undefined, ['id']);
        is(b.ok, whole.ok, () => `${k} of ${JSON.stringify(variant)}`);
        if (whole.ok && b.ok) {
          const expected = expectedValues(whole.value, fast, ctx);
          equal(b.value, expected, () => `${k} of ${JSON.stringify(variant)}`);
        }
      }
    }
  });

  it("a deployment met for the first time is read from the core's scenario capacities: the whole sizing's numbers, engines and feasibility (1,000 varied requests)", () => {
    let engines = 0;
    let infeasible = 0;
    for (const raw of batchRequests(1000, { seed: 23, configurations: 0 })) {
      const planned = plan(raw, catalog, undefined, ['id']);
      if (!planned.ok) continue;
      const whole = size(planned.value);
      const c = scenarioCapacities(planned.value);
      for (const k of SCENARIO_KEYS) {
        equal(c.numbers[k], whole.scenarios[k].results, () => JSON.stringify(raw));
        equal(c.engines[k], whole.scenarios[k].engine);
        is(scenarioFeasible(c.numbers[k]), whole.scenarios[k].feasible);
        if (c.engines[k]) engines++;
      }
      if (!whole.feasible) infeasible++;
      equal(c.kv, whole.kv);
    }
    expect(engines).toBeGreaterThan(300);
    expect(infeasible).toBeGreaterThan(20);
  });

  it('shapes of the same KV budget ratio and nodes per replica share their scenario configurations: each request still gets its own headroom and HA', () => {
    const c = compileFields(['nodes', 'feasible', 'scenarios.ideal.results.nodes_with_headroom']);
    if (!c.ok) throw new Error('fields');
    const deployments = [
      { model: 'opt-oss-120b', server: 'dgx300', effective_context: 131072 },
      { model: 'Qwen3-8B', server: 'gb200-nvl72-tray', effective_context: 8192, kv_precision: 'fp8' },
      { model: 'opt-oss-120b', server: 'dgx300', effective_context: 32768, memory_model: 'vllm', tensor_parallel: 4, pipeline_parallel: 2 },
      { model: 'opt-oss-120b', server: 'dgx300', effective_context: 65536, memory_model: 'sglang', tensor_parallel: 8, pipeline_parallel: 2 },
    ];
    const traffic = [{}, { ha: 'none' }, { ha: 'n+2', peak_headroom_ratio: 0.6 }, { peak_headroom_ratio: 0 }, { ha: 'n+1', peak_headroom_ratio: 0.35 }, { ha: 'n+1' }];
    for (const ratio of [undefined, 0.5, 0.9]) {
      for (const t of traffic) {
        for (const d of deployments) {
          const raw = { ...d, ...(ratio === undefined ? {} : { kv_budget_ratio: ratio }), concurrency: 777, ...t };
          const whole = sizeRequest(raw, catalog);
          if (!whole.ok) throw new Error(JSON.stringify(raw));
          const got = c.value.size(raw, catalog, ctx);
          expect(got, JSON.stringify(raw)).toEqual({ ok: true, value: expectedValues(whole.value, c.value.names, ctx) });
        }
      }
    }
  });

  it("a shape holds copies of the core's results, not the core's own objects, with the same values", () => {
    // Kept shapes live long; holding the core's objects made V8 allocate every later whole sizing's
    // results straight in the old generation (pretenuring by allocation site): ~0.6 of its speed.
    const whole = compileFields(['nodes', 'inputs']);
    const plain = compileFields(['nodes']);
    if (!whole.ok || !plain.ok) throw new Error('fields');
    expect(whole.value.whole).toBe(true);
    const raw = { model: 'opt-oss-120b', server: 'dgx300', effective_context: 32768, memory_model: 'vllm', tensor_parallel: 4, pipeline_parallel: 2, concurrency: 777 };
    const parts = whole.value.sizeParts(raw, catalog);
    if (!parts.ok || parts.value.result === undefined) throw new Error('sized');
    const expected = sizeRequest(raw, catalog);
    if (!expected.ok) throw new Error('sized');
    // The plain path's shape (from the core's scenario capacities: a shape met for the first time).
    const fresh = { ...raw, effective_context: 32769 };
    const shaped = plain.value.sizeParts(fresh, catalog);
    const freshWhole = sizeRequest(fresh, catalog);
    if (!shaped.ok || !freshWhole.ok) throw new Error('sized');
    for (const k of SCENARIO_KEYS) {
      const kept = parts.value.shape.scenarios[k].results;
      expect(kept).not.toBe(parts.value.result.scenarios[k].results);
      expect(kept).toEqual(expected.value.scenarios[k].results);
      expect(shaped.value.shape.scenarios[k].results).toEqual(freshWhole.value.scenarios[k].results);
      expect(Object.keys(shaped.value.shape.scenarios[k].results)).toEqual(Object.keys(freshWhole.value.scenarios[k].results));
    }
  });

  it('sizingFields sizes one request in process, and names a bad field', () => {
    const request = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' };
    expect(sizingFields(request, ['nodes'], catalog)).toEqual({ ok: true, value: { nodes: { minimum: 4, recommended: 5, ideal: 7 } } });
    const bad = sizingFields(request, ['nodez'], catalog);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ field: 'fields', value: 'nodez', accepted: { kind: 'one_of', suggestion: 'nodes' } });
    const invalid = sizingFields({ ...request, concurrency: 0 }, ['nodes'], catalog);
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.problems[0]).toMatchObject({ field: 'concurrency', value: 0 });
    // Values that print like a known shape's are still checked: an unknown storage profile, a context
    // given as a list or a text, a concurrency out of range, a null.
    for (const bad of [{ storage: 'nope' }, { effective_context: [131072] }, { effective_context: '131072' }, { concurrency: 0 }, { concurrency: '1000' }, { ha: 'n+3' }, { model: null }, { extra: 1 }]) {
      const r = sizingFields({ ...request, ...bad }, ['nodes'], catalog);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
    }
    expect(sizingFields({ ...request, peak_headroom_ratio: null, ha: null }, ['nodes'], catalog)).toEqual(sizingFields(request, ['nodes'], catalog));
  });
});

describe('batch: a line nested too deep is refused by its depth, parsed or not', () => {
  const OK = '"model":"opt-oss-120b","server":"dgx300","concurrency":10,"effective_context":4096';
  const nest = (d: number, inner = '1') => `${'['.repeat(d)}${inner}${']'.repeat(d)}`;
  it.each([
    ['a flat request', `{${OK}}`, 'sized'],
    [`valid JSON ${MAX_JSON_DEPTH + 1} deep`, `{${OK},"x":${nest(MAX_JSON_DEPTH)}}`, 'json_depth'],
    [`invalid JSON ${MAX_JSON_DEPTH + 1} deep (never closed)`, `{${OK},"x":${'['.repeat(MAX_JSON_DEPTH)}`, 'json_depth'],
    [`a bare array ${MAX_JSON_DEPTH + 1} deep`, nest(MAX_JSON_DEPTH + 1), 'json_depth'],
    [`valid JSON ${MAX_JSON_DEPTH} deep: an unknown field, not a depth`, `{${OK},"x":${nest(MAX_JSON_DEPTH - 1)}}`, 'x'],
    ['invalid JSON, shallow', `{${OK},}`, 'json'],
    ['a nested value two deep', `{${OK},"concurrency":{"a":1}}`, 'concurrency'],
  ])('%s', async (_, text, expected) => {
    const [line] = await runBatch([text], 'en');
    const out = JSON.parse(line!) as { error?: { problems: { field: string; accepted: { kind: string; rule?: string } }[] } };
    if (expected === 'sized') return expect(out.error).toBeUndefined();
    const p = out.error!.problems[0]!;
    if (expected === 'json_depth') expect([p.field, p.accepted.rule]).toEqual(['(line)', 'json_depth']);
    else if (expected === 'json') expect([p.field, p.accepted.kind]).toEqual(['(line)', 'json']);
    else expect(p.field).toBe(expected);
  });
});
