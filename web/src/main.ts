/**
 * The web page: form → the same sizing path as the API (`sizeBody`: validation, catalog look-up,
 * config.json import, `size()`) → cards, alerts, rationale and charts. Everything runs in the browser;
 * nothing here computes a sizing number itself. The page state lives in the URL.
 */
import {
  BUILTIN_CATALOG,
  CatalogIndex,
  DEFAULTS,
  ENGINE_SETTINGS,
  fieldAppliesTo,
  type FieldNames,
  HA_MODES,
  HF_CONFIG_FIELD,
  isLocale,
  KV_PRECISIONS,
  WEIGHTS_PRECISIONS,
  type Labels,
  type Locale,
  MEMORY_MODELS,
  type MemoryModel,
  type Messages,
  nodeMemoryUse,
  nodes,
  parseConfigText,
  withNumberLiterals,
  type Performance,
  performanceOf,
  planEntries,
  prepareDeployment,
  type Problem,
  RATIONALE_KEYS,
  type RenderContext,
  renderContext,
  renderExecutive,
  renderJson,
  renderMarkdown,
  reportDateOf,
  resultLabel,
  SCENARIO_KEYS,
  type ScenarioKey,
  scenarioRationale,
  SETTING_FIELDS,
  type SettingField,
  type SettingRow,
  size,
  sizeBody,
  type SizingResult,
  validateRequest,
  WORKLOAD_FIELDS,
} from '../../src/index.ts';
import { RECOVERY_FIELDS, recoveryFieldTexts, setupRecovery, storageBlock } from './recovery.ts';
import { esc, latencyChart, type LatencyPoint, lineChart, type Part, type Series, stackedBars } from './charts.ts';
import { fill, type PageTexts, pageTexts } from './i18n.ts';
import { type CompareView, setupCompare } from './compare.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
/** Form fields that are request fields (same names as the API body / batch lines): the engine settings' from their table. */
const FIELDS: readonly string[] = [
  'model', 'server', 'storage', 'concurrency', 'effective_context', 'kv_precision', 'kv_budget_ratio',
  'runtime_overhead_gib', 'peak_headroom_ratio', 'ha', 'params_b', 'weights_precision', ...SETTING_FIELDS,
  // Issue 10: the traffic and the latency targets (src/core/workload.ts); request_rate replaces concurrency.
  ...WORKLOAD_FIELDS,
  // Issue 12: storage and recovery (web/src/recovery.ts).
  ...RECOVERY_FIELDS,
];
const TEXT_FIELDS = new Set<string>(['model', 'server', 'storage', 'storage_placement', 'kv_precision', 'ha', 'weights_precision', ...SETTING_FIELDS.filter((f) => ENGINE_SETTINGS[f].type === 'enum')]);
const DEFAULT_INPUTS: Record<string, string> = { model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: '1000', effective_context: '131072' };
const COLORS = { minimum: '#7a8699', recommended: '#1f6feb', ideal: '#1a7f37' } as const;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (name: string) => $<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`f-${name}`);

// The module's state, as at a load: set by startState() (at the load and when the page is opened again).
let locale: Locale;
let last: SizingResult | null;
/** The compare view (./compare.ts), set up in init(). */
let compareView: CompareView | undefined;

function fillSelect(name: string, values: readonly string[], blank?: string): void {
  const el = input(name) as HTMLSelectElement;
  const current = el.value;
  el.innerHTML = (blank !== undefined ? `<option value="">(${esc(blank)})</option>` : '') + values.map((v) => `<option>${esc(v)}</option>`).join('');
  if (current) el.value = current;
}

/**
 * The engine settings' fields, from their table: the ones shown beside the memory model before the
 * folded "engine settings", the others inside it; a select for a choice, a numeric input otherwise,
 * with the default as placeholder when it is a value. Each group's markup is parsed in one go (the HTML
 * fragment parser once per group, not once per field).
 */
function engineFields(): void {
  const folded = document.querySelector<HTMLDetailsElement>('#engine-fields details.engine-settings')!;
  let shown = '';
  let inside = '';
  for (const field of SETTING_FIELDS) {
    const row: SettingRow = ENGINE_SETTINGS[field];
    const d = row.default;
    const placeholder = 'value' in d && row.type !== 'enum' ? ` placeholder="${esc(String(d.value))}"` : '';
    const control =
      row.type === 'enum'
        ? `<select id="f-${field}" name="${field}" data-default="defaultValue"></select>`
        : `<input id="f-${field}" name="${field}" inputmode="${row.limits?.integer ? 'numeric' : 'decimal'}"${placeholder}>`;
    const html = `<div class="field"><label for="f-${field}" data-s="${field}"></label>${control}<p class="err" id="e-${field}" role="alert"></p></div>`;
    if (row.web === 'shown') shown += html;
    else inside += html;
  }
  folded.insertAdjacentHTML('beforebegin', shown);
  folded.insertAdjacentHTML('beforeend', inside);
}

/** Static texts: page texts (`data-t`), report labels (`data-l`) and the engine settings' labels (`data-s`). */
function applyTexts(t: PageTexts, m: Messages): void {
  document.documentElement.lang = locale;
  document.title = `llm-sizing — ${t.title}`;
  for (const el of document.querySelectorAll<HTMLElement>('[data-t]')) el.textContent = t[el.dataset.t as keyof PageTexts];
  for (const el of document.querySelectorAll<HTMLElement>('[data-t-label]')) el.setAttribute('aria-label', t[el.dataset.tLabel as keyof PageTexts]);
  for (const el of document.querySelectorAll<HTMLElement>('[data-l]')) el.textContent = m.labels[el.dataset.l as keyof Labels] + (el.dataset.unit ?? '');
  for (const el of document.querySelectorAll<HTMLElement>('[data-s]')) el.textContent = m.settings[el.dataset.s as SettingField].label;
  fillSelect('kv_precision', KV_PRECISIONS, t.modelDefault);
  fillSelect('weights_precision', WEIGHTS_PRECISIONS, t.modelDefault);
  // The overhead's default is weights-aware (src/core/weights.ts): no single figure to show.
  (input('runtime_overhead_gib') as HTMLInputElement).placeholder = t.overheadDefault;
  fillSelect('ha', HA_MODES, t.defaultValue);
  const placeholders = { input_tokens: t.inputTokensDefault, output_tokens: t.outputTokensDefault, request_rate: t.requestRateDefault, ttft_p99_ms: t.noTarget, tpot_p99_ms: t.noTarget };
  for (const [name, text] of Object.entries(placeholders)) (input(name) as HTMLInputElement).placeholder = text;
  fillSelect('memory_model', MEMORY_MODELS, t.defaultValue);
  recoveryFieldTexts(t, locale);
}

/** The form as an API body: numbers parsed when they parse, else left as typed so the validator names them. */
function readForm(): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of FIELDS) {
    const el = input(name);
    const raw = el.value.trim();
    if (raw === '' || el.disabled) continue;
    const n = Number(raw);
    body[name] = TEXT_FIELDS.has(name) || !Number.isFinite(n) ? raw : n;
  }
  const config = input(HF_CONFIG_FIELD).value.trim();
  if (config !== '') {
    delete body.model;
    const parsed = parseConfigText(config);
    body[HF_CONFIG_FIELD] = parsed.ok ? parsed.value : config;
  }
  return body;
}

/**
 * Messages beside the fields, marked invalid: the problems of a refused request (the CLI's message),
 * and `fieldAlerts`, the alerts of a sized request that belong to one field (a latency target no
 * batch meets).
 */
function showProblems(problems: readonly Problem[], ctx: RenderContext, fieldAlerts: ReadonlyMap<string, readonly string[]> = new Map()): void {
  const byField = new Map<string, string[]>([...fieldAlerts].map(([k, v]) => [k, [...v]]));
  for (const p of problems) {
    const field = p.field.startsWith(HF_CONFIG_FIELD) ? HF_CONFIG_FIELD : FIELDS.includes(p.field) ? p.field : 'other';
    const name = field === 'other' || field === HF_CONFIG_FIELD ? p.field : `--${p.field.replace(/_/g, '-')}`;
    byField.set(field, [...(byField.get(field) ?? []), ctx.m.problem(p, name, ctx.f)]);
  }
  for (const name of [...FIELDS, HF_CONFIG_FIELD, 'other']) {
    const messages = byField.get(name);
    $(`e-${name}`).textContent = messages ? messages.join(' ') : '';
    if (name === 'other') continue;
    const el = input(name);
    if (messages) {
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', `e-${name}`);
    } else {
      el.removeAttribute('aria-invalid');
      if (name === HF_CONFIG_FIELD) el.setAttribute('aria-describedby', `h-${name}`);
      else if (el.disabled) el.setAttribute('aria-describedby', `o-${name}`);
      else el.removeAttribute('aria-describedby');
    }
  }
}

/**
 * The rationale of one scenario's numbers, one row a result: its label beside its formula and its
 * explanation. Rendered only while its <details> is open.
 */
function rationale(r: SizingResult, key: ScenarioKey, ctx: RenderContext): string {
  const why = scenarioRationale(r, key, ctx.m.formulaWords);
  return RATIONALE_KEYS.map(
    (k) => `<div class="row"><dt>${esc(resultLabel(k, ctx))}</dt><dd><code>${esc(why[k].formula)}</code></dd><dd class="explanation">${esc(ctx.m.explanation(k, r.scenarios[key], r, ctx.f))}</dd></div>`,
  ).join('');
}

/** "Why these numbers", one full-width <details> a scenario under the cards. */
function whyPanels(r: SizingResult, ctx: RenderContext, t: PageTexts, open: ReadonlySet<string | undefined>): string {
  return SCENARIO_KEYS.map(
    (key) =>
      `<details data-key="${key}"${open.has(key) ? ' open' : ''}><summary>${esc(fill(t.rationaleOf, { scenario: ctx.m.scenario[key] }))}</summary><dl class="rationale">${open.has(key) ? rationale(r, key, ctx) : ''}</dl></details>`,
  ).join('');
}

/** The three node counts, first thing on a phone (sticky at the top while the form scrolls). */
function summary(r: SizingResult | null, ctx: RenderContext, t: PageTexts): string {
  const counts = SCENARIO_KEYS.map((key) => `<span class="${key}"><span class="name">${esc(ctx.m.scenario[key])}</span> <b data-testid="summary-${key}">${r ? esc(nodes(r.scenarios[key].results.nodes_final, ctx)) : '–'}</b></span>`).join('');
  return `<span class="counts">${counts}</span> <span class="unit">${esc(ctx.m.labels.nodesUnit)}</span> <a href="#out">${esc(t.summaryDetails)}</a>`;
}

function cards(r: SizingResult, ctx: RenderContext, t: PageTexts): string {
  const { m, f } = ctx;
  return SCENARIO_KEYS.map((key) => {
    const s = r.scenarios[key];
    const n = s.results;
    return `<article class="card ${key}" data-scenario="${key}"><h3>${esc(m.scenario[key])}</h3>
<p class="nodes" data-testid="nodes-${key}">${esc(nodes(n.nodes_final, ctx))}</p><p>${esc(m.labels.nodesUnit)}</p>
<dl><dt>${esc(m.labels.sessionsPerNode)}</dt><dd data-testid="sessions-${key}">${f.int(n.sessions_per_node)}</dd>
<dt>${esc(m.labels.kvPerSession)}</dt><dd>${f.fixed(n.kv_per_session_gib, 2)} GiB</dd>
<dt>${esc(t.risk)}</dt><dd>${esc(m.exec.risk(key))}</dd></dl>${s.performance ? cardPerformance(s.performance, ctx, t) : ''}</article>`;
  }).join('');
}

/** A latency in milliseconds, as the report writes it (2 decimals under 10 ms, 1 under 100); `unit` false: the number alone. */
const ms = (x: number, ctx: RenderContext, unit = true) => (Number.isFinite(x) ? `${ctx.f.num(x, x < 10 ? 2 : x < 100 ? 1 : 0)}${unit ? ' ms' : ''}` : '∞');

/**
 * A scenario's performance at its design load (issue 10): the binding limit, TTFT and TPOT p99 and
 * the output tokens/s, each with its 80 % interval, and the node-count range.
 */
function cardPerformance(sp: NonNullable<SizingResult['scenarios'][ScenarioKey]['performance']>, ctx: RenderContext, t: PageTexts): string {
  const { m, f } = ctx;
  const p = sp.performance;
  if (p === null) return `<p class="bound" data-testid="bound">${esc(m.perf.label.bound)}: ${esc(m.perf.infeasible)}</p>`;
  const rate = (v: number) => f.num(v, 0);
  /** A figure, then its 80 % interval on a line of its own (the unit written once, after the high end). */
  const row = (label: string, id: string, value: string, low: string, high: string) =>
    `<dt>${esc(label)}</dt><dd data-testid="${id}">${esc(value)}</dd><dd class="iv" data-testid="${id}-interval">${esc(fill(t.interval80, { low, high }))}</dd>`;
  const latency = (label: string, id: string, v: number, i: { low: number; high: number }) => row(label, id, ms(v, ctx), ms(i.low, ctx, false), ms(i.high, ctx));
  const r = sp.nodes_final_range;
  return `<p class="bound" data-testid="bound" data-bound="${p.bound}">${esc(m.perf.label.bound)}: <b>${esc(m.perf.bound[p.bound])}</b></p>
<dl class="perf">${latency(t.ttftP99, 'ttft', p.ttft_ms.p99, p.interval.ttft_ms.p99)}${latency(t.tpotP99, 'tpot', p.tpot_ms.p99, p.interval.tpot_ms.p99)}${row(t.tokensPerS, 'tokens', rate(p.output_tokens_per_s), rate(p.interval.output_tokens_per_s.low), rate(p.interval.output_tokens_per_s.high))}</dl>` +
    (r ? `<p class="range" data-testid="range">${esc(fill(t.nodesRange, { low: f.int(r.low), high: r.high === null ? '?' : f.int(r.high) }))}</p>` : '') +
    (sp.limit === 'slo' && sp.slo_sessions_per_replica !== null ? `<p class="slo">${esc(fill(t.sloBinds, { slo: f.int(sp.sessions_per_replica), memory: f.int(sp.memory_sessions_per_replica) }))}</p>` : '');
}

/** The page names a field by its form label (what the user sees), quoted; the CLI's flag if the page has no such field. */
const PAGE_FIELD_NAMES: FieldNames = {
  fieldName: (field) => {
    const label = document.querySelector(`label[for="f-${field}"]`)?.textContent?.trim();
    return label ? `\u201c${label}\u201d` : `--${field.replace(/_/g, '-')}`;
  },
  fieldValue: (field, value) => `${PAGE_FIELD_NAMES.fieldName(field)} = ${value}`,
};

/** Alerts, most severe first (as the result lists them), each styled by its severity (`sev-error` … `sev-info`). */
function alerts(r: SizingResult, ctx: RenderContext, t: PageTexts): string {
  if (r.alerts.length === 0) return `<p>${esc(ctx.m.labels.noAlerts)}</p>`;
  const items = r.alerts
    .map((a) => `<li class="alert sev-${a.severity}" data-severity="${a.severity}"><strong class="badge">${esc(ctx.m.severity[a.severity])}</strong> ${esc(ctx.m.alert(a, ctx.f, PAGE_FIELD_NAMES))}</li>`)
    .join('');
  return `<h3>${esc(t.alerts)}</h3><ul class="alerts">${items}</ul>`;
}

/** The memory model the form asks for (its default when left empty). */
function selectedMemoryModel(): MemoryModel {
  const v = input('memory_model').value;
  return (MEMORY_MODELS as readonly string[]).includes(v) ? (v as MemoryModel) : ENGINE_SETTINGS.memory_model.default.value;
}

/** Fields the selected memory model does not read are disabled, with the reason beside them (src/engines/settings.ts `fieldAppliesTo`). */
function disableIgnored(t: PageTexts): void {
  const model = selectedMemoryModel();
  // A request rate gives the load instead of the concurrency (the request takes one or the other).
  const rateGiven = input('request_rate').value.trim() !== '';
  for (const name of FIELDS) {
    const models = fieldAppliesTo(name);
    const byRate = name === 'concurrency' && rateGiven;
    const ignored = !models.includes(model) || byRate;
    const el = input(name);
    el.disabled = ignored;
    const reason = $(`o-${name}`);
    reason.textContent = !ignored ? '' : byRate ? t.rateReplacesConcurrency : fill(t.ignoredBy, { model, models: models.join(', ') });
    reason.hidden = !ignored;
  }
}

/** x × 2^(k/2) for k in [from, to] (every `step`-th k): points on a log scale around the current input. */
function around(x: number, from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let k = from; k <= to; k += step) {
    const v = Math.max(1, Math.round(x * 2 ** (k / 2)));
    if (out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

function charts(r: SizingResult, body: Record<string, unknown>, ctx: RenderContext, t: PageTexts): string {
  const request = validateRequest({ ...body, model: r.inputs.model.name, [HF_CONFIG_FIELD]: undefined }, undefined, [HF_CONFIG_FIELD]);
  if (!request.ok) return '';
  const entries = { model: r.inputs.model, server: r.inputs.server, storage: r.inputs.storage };
  // Every point goes through the planning step, like the sizing itself: a point the planner refuses
  // (a concurrency or context beyond its limits) is left out of the chart.
  const sweep = (field: 'concurrency' | 'request_rate' | 'effective_context', xs: number[]): Series[] => {
    const results = xs.map((x) => {
      const planned = planEntries(entries, { ...request.value, [field]: x });
      return planned.ok ? size(planned.value) : null;
    });
    return SCENARIO_KEYS.map((key) => ({
      name: ctx.m.scenario[key],
      color: COLORS[key],
      points: xs.flatMap((x, i) => {
        const result = results[i];
        return result ? [[x, result.scenarios[key].results.nodes_final] as const] : [];
      }),
    }));
  };
  const { concurrency, effective_context } = r.inputs.nfr;
  const rate = r.workload?.request_rate ?? null;
  // With latency targets or a rate every sizing runs the SLO searches (src/core/workload.ts), and each
  // context is another deployment for them: the context sweep takes whole octaves (6 sizings, not 11)
  // to stay within the redraw budget. The concurrency sweep keeps its points (the searches are kept
  // per deployment, and its deployment does not change).
  const searched = r.workload !== undefined && (rate !== null || r.workload.targets.ttft_p99_ms !== null || r.workload.targets.tpot_p99_ms !== null);
  return (
    (rate === null
      ? lineChart(t.chartConcurrency, sweep('concurrency', around(concurrency, -6, 6)), t.axisConcurrency, t.axisNodes, concurrency)
      : lineChart(t.chartRate, sweep('request_rate', aroundRate(rate, -6, 6)), t.axisRate, t.axisNodes, rate)) +
    lineChart(t.chartContext, sweep('effective_context', around(effective_context, -6, 4, searched ? 2 : 1)), t.axisContext, t.axisNodes, effective_context) +
    memoryChart(r, ctx, t) +
    latencyCharts(r, request.value, entries, ctx, t)
  );
}

/** x × 2^(k/2) for k in [from, to], to 3 significant digits: request rates need not be whole. */
function aroundRate(x: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k <= to; k++) {
    const v = Number((x * 2 ** (k / 2)).toPrecision(3));
    if (v > 0 && out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

/** Sessions per replica from 1 to `max`, about `count` of them evenly on a log scale, whole. */
function sessionsSweep(max: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = Math.round(max ** (i / (count - 1)));
    if (out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

/** Points of the latency curves: a few dozen, enough for a smooth line and cheap to redraw. */
const LATENCY_POINTS = 24;

/**
 * TPOT p99 and TTFT p99 against sessions per replica (issue 10): the request planned without its
 * workload fields, as the sizing hands it to the performance model, prepared once for the workload's
 * tokens, then evaluated by the model (`performanceOf`) at each load, sessions in flight on one
 * replica from 1 to the memory limit. The targets and the memory limit are marked, the recommended
 * scenario's design load too.
 */
type PlanRequest = Parameters<typeof planEntries>[1];

function latencyCharts(r: SizingResult, request: PlanRequest, entries: Parameters<typeof planEntries>[0], ctx: RenderContext, t: PageTexts): string {
  const w = r.workload;
  if (w === undefined) return `<p class="note" data-testid="latency-note">${esc(t.latencyNeedsWorkload)}</p>`;
  const base: Record<string, unknown> = { ...request, concurrency: request.concurrency ?? 1 };
  for (const k of WORKLOAD_FIELDS) delete base[k];
  const planned = planEntries(entries, base as unknown as PlanRequest);
  if (!planned.ok) return '';
  const tokens = { input_tokens: w.input_tokens, output_tokens: w.output_tokens };
  // The memory limit of the recommended scenario (the one whose design load is marked too).
  const memory = r.scenarios.recommended.performance?.memory_sessions_per_replica ?? 0;
  if (!(memory >= 2)) return '';
  const prepared = prepareDeployment(planned.value, tokens);
  const xs = sessionsSweep(Math.floor(memory), LATENCY_POINTS);
  const perfs = xs.map((x): Performance => performanceOf(prepared, { ...tokens, concurrency: x }, 1));
  const design = r.scenarios.recommended.performance?.performance?.sessions_per_replica ?? null;
  const chart = (metric: 'tpot' | 'ttft') => {
    const target = metric === 'tpot' ? w.targets.tpot_p99_ms : w.targets.ttft_p99_ms;
    const of = (p: Performance) => (metric === 'tpot' ? { y: p.tpot_ms.p99, i: p.interval.tpot_ms.p99 } : { y: p.ttft_ms.p99, i: p.interval.ttft_ms.p99 });
    const top = Math.max(...perfs.map((p) => of(p).y).filter(Number.isFinite), target ?? 0);
    // Seconds when milliseconds would need five digits.
    const scale = top >= 10_000 ? 1000 : 1;
    const unit = scale === 1 ? 'ms' : 's';
    const show = (v: number) => (scale === 1 ? ms(v, ctx) : `${ctx.f.num(v / 1000, 2)} s`);
    const points: LatencyPoint[] = perfs.map((p, i) => {
      const { y, i: band } = of(p);
      return { x: xs[i]!, y: y / scale, low: band.low / scale, high: band.high / scale };
    });
    const name = metric === 'tpot' ? t.tpotP99 : t.ttftP99;
    const first = of(perfs[0]!).y;
    const last = of(perfs[perfs.length - 1]!).y;
    const description = fill(t.latencySummary, {
      metric: name,
      first: show(first),
      last: show(last),
      count: ctx.f.int(xs[xs.length - 1]!),
      memory: ctx.f.int(memory),
      target: target === null ? '' : fill(t.latencyTarget, { target: show(target) }),
    });
    return latencyChart({
      title: metric === 'tpot' ? t.chartTpot : t.chartTtft,
      metric,
      xLabel: t.axisSessions,
      yLabel: `${name}, ${unit}`,
      points,
      target: target === null ? null : { value: target / scale, label: `${t.target} ${show(target)}` },
      verticals: [
        { x: memory, label: `${t.memoryLimit} ${ctx.f.int(memory)}`, kind: 'limit' },
        ...(design !== null && design >= 1 && design < memory ? [{ x: design, label: ctx.m.scenario.recommended, kind: 'mark' as const }] : []),
      ],
      legend: { curve: t.modelP99, band: t.band, target: t.target, limit: t.memoryLimit },
      description,
    });
  };
  return chart('tpot') + chart('ttft');
}

/**
 * One node's memory per scenario (src/core/node-memory.ts): the weights (when known), the rest of the
 * runtime, what is kept free on purpose, the KV in use and the KV left free; the node's memory marked.
 */
function memoryChart(r: SizingResult, ctx: RenderContext, t: PageTexts): string {
  const uses = SCENARIO_KEYS.map((key) => nodeMemoryUse(r, key));
  const weightsKnown = uses.every((u) => u.weights_gib !== null);
  const parts: Part[] = [
    ...(weightsKnown ? [{ name: t.weights, color: '#7a2e0e', ink: '#fff' }, { name: t.runtime, color: '#f38744', ink: '#1b1f24' }] : [{ name: t.overheadWeightsUnknown, color: '#f38744', ink: '#1b1f24' }]),
    { name: t.reserved, color: '#98a2b3', ink: '#1b1f24' },
    { name: t.kvInUse, color: '#1f6feb', ink: '#fff' },
    { name: t.kvFree, color: '#d1e0ff', ink: '#1b1f24' },
  ];
  const bars = SCENARIO_KEYS.map((key, i) => {
    const u = uses[i]!;
    const head = weightsKnown ? [u.weights_gib ?? 0, u.runtime_gib] : [u.runtime_gib];
    return { name: ctx.m.scenario[key], values: [...head, u.reserved_gib, u.kv_in_use_gib, u.free_gib] };
  });
  const short = (v: number) => ctx.f.num(v, v >= 100 ? 0 : 1);
  return stackedBars(t.chartMemory, parts, bars, {
    unit: 'GiB',
    marker: { value: Math.max(...uses.map((u) => u.total_gib)), label: t.nodeMemory },
    rowsTitle: t.chartMemoryScenario,
    short,
    format: (v) => `${ctx.f.num(v, 1)} GiB`,
  });
}

/**
 * Alerts that belong to one field, to show beside it: a latency target no batch meets (under that
 * target), not one request of the workload's tokens fitting in memory (under the input tokens).
 */
function fieldAlerts(r: SizingResult, ctx: RenderContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of r.alerts) {
    const field = a.code === 'slo_unreachable' ? `${a.params.metric}_p99_ms` : a.code === 'slo_no_session_fits' ? 'input_tokens' : null;
    if (field !== null) out.set(field, [...(out.get(field) ?? []), ctx.m.alert(a, ctx.f, PAGE_FIELD_NAMES)]);
  }
  return out;
}

function writeUrl(body: Record<string, unknown>): void {
  const q = new URLSearchParams();
  q.set('lang', locale);
  for (const name of FIELDS) {
    const el = input(name);
    const v = el.value.trim();
    if (v !== '' && !el.disabled && !(name === 'model' && body[HF_CONFIG_FIELD] !== undefined)) q.set(name, v);
  }
  compareView?.params(q);
  const config = input(HF_CONFIG_FIELD).value.trim();
  const hash = config ? `#config=${encodeURIComponent(config)}` : '';
  const address = `?${q.toString()}${hash}`;
  // Written only when it differs: the address the page was opened at is usually the one it would
  // write, and each write is a same-document navigation (~2.5 ms in the page, and the browser's own).
  if (location.search + location.hash !== address) history.replaceState(null, '', address);
}

/** Read after the selects have their options (a select keeps a value only if it has that option). */
function readUrl(): void {
  const q = new URLSearchParams(location.search);
  for (const name of FIELDS) {
    const v = q.get(name) ?? (q.size === 0 ? DEFAULT_INPUTS[name] : undefined);
    if (v !== undefined) input(name).value = v;
  }
  const hash = new URLSearchParams(location.hash.slice(1)).get('config');
  if (hash) input(HF_CONFIG_FIELD).value = hash;
}

export interface RedrawStats {
  /** Milliseconds of the last redraw: sizing, charts, DOM writes and the layout they cause. */
  lastMs: number;
  count: number;
}
let stats: RedrawStats;

/**
 * The form's request at the last redraw. A 'change' event mostly follows the 'input' event of the same
 * edit (a select, a checkbox, a text field left): the form is then as drawn, and it is not drawn twice.
 */
let drawnForm: string;

/** The module's state as a load of the page starts it (`reopen` starts it again). */
function startState(): void {
  locale = 'en';
  last = null;
  compareView = undefined;
  stats = { lastMs: 0, count: 0 };
  drawnForm = '';
}

function formChanged(): void {
  if (JSON.stringify(readForm()) !== drawnForm) update();
}

function update(): void {
  const start = performance.now();
  const ctx = renderContext({ locale });
  const t = pageTexts(locale);
  disableIgnored(t);
  const body = readForm();
  drawnForm = JSON.stringify(body);
  const sized = sizeBody(body, catalog);
  const open = new Set([...document.querySelectorAll<HTMLDetailsElement>('#why details[open]')].map((d) => d.dataset.key));
  if (sized.ok) {
    last = sized.value;
    showProblems([], ctx, fieldAlerts(sized.value, ctx));
    $('cards').innerHTML = cards(sized.value, ctx, t);
    $('why').innerHTML = whyPanels(sized.value, ctx, t, open);
    $('alerts').innerHTML = alerts(sized.value, ctx, t);
    $('storage').innerHTML = storageBlock(sized.value, ctx, t);
    $('charts').innerHTML = charts(sized.value, body, ctx, t);
  } else {
    last = null;
    // A number the pasted config.json wrote beyond a double is shown as written, as the CLI shows it.
    showProblems(withNumberLiterals(sized.problems, () => input(HF_CONFIG_FIELD).value), ctx);
    $('cards').innerHTML = `<p>${esc(t.fixInputs)}</p>`;
    $('why').innerHTML = '';
    $('alerts').innerHTML = '';
    $('storage').innerHTML = storageBlock(null, ctx, t);
    $('charts').innerHTML = '';
  }
  $('summary').innerHTML = summary(last, ctx, t);
  for (const b of document.querySelectorAll<HTMLButtonElement>('.exports button')) b.disabled = !sized.ok;
  writeUrl(body);
  compareView?.changed(body);
  void document.body.offsetHeight; // include the layout the new content causes
  stats.lastMs = performance.now() - start;
  stats.count++;
}

function download(name: string, type: string, text: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function init(): void {
  engineFields();
  // Beside every field, the reason it is disabled when the memory model does not read it.
  // Made as elements, not parsed: the HTML fragment parser once per field (40 of them) was most of
  // init's own time besides the first redraw.
  for (const name of FIELDS) {
    const off = document.createElement('small');
    off.className = 'off';
    off.id = `o-${name}`;
    off.hidden = true;
    $(`e-${name}`).before(off);
  }
  const lang = new URLSearchParams(location.search).get('lang');
  if (isLocale(lang)) locale = lang;
  ($('lang') as HTMLSelectElement).value = locale;
  applyTexts(pageTexts(locale), renderContext({ locale }).m);
  fillSelect('model', catalog.names('models'));
  fillSelect('server', catalog.names('servers'));
  fillSelect('storage', catalog.names('storage'));
  readUrl();
  for (const name of ['kv_budget_ratio', 'peak_headroom_ratio'] as const) (input(name) as HTMLInputElement).placeholder = String(DEFAULTS[name]);
  $('form').addEventListener('input', update);
  $('form').addEventListener('change', formChanged);
  $('form').addEventListener('submit', (e) => e.preventDefault());
  // 'toggle' does not bubble: listen in the capture phase.
  $('why').addEventListener(
    'toggle',
    (e) => {
      const d = e.target as HTMLDetailsElement;
      const key = d.dataset.key as ScenarioKey | undefined;
      const list = d.querySelector('dl');
      if (d.open && key && last && list && list.childElementCount === 0) list.innerHTML = rationale(last, key, renderContext({ locale }));
    },
    true,
  );
  $('lang').addEventListener('change', (e) => {
    const v = (e.target as HTMLSelectElement).value;
    if (isLocale(v)) locale = v;
    applyTexts(pageTexts(locale), renderContext({ locale }).m);
    update();
  });
  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    input(HF_CONFIG_FIELD).value = await file.text();
    update();
  };
  $('f-config-file').addEventListener('change', (e) => void loadFile((e.target as HTMLInputElement).files?.[0]));
  const area = input(HF_CONFIG_FIELD);
  area.addEventListener('dragover', (e) => e.preventDefault());
  area.addEventListener('drop', (e) => {
    e.preventDefault();
    void loadFile((e as DragEvent).dataTransfer?.files[0]);
  });
  setupRecovery($('storage'));
  const options = () => ({ locale, generatedAt: reportDateOf({}, () => new Date()) });
  const base = () => `llm-sizing-${last?.inputs.model.name ?? 'report'}`;
  $('x-json').addEventListener('click', () => last && download(`${base()}.json`, 'application/json', renderJson(last, options())));
  $('x-markdown').addEventListener('click', () => last && download(`${base()}.md`, 'text/markdown', renderMarkdown(last, options())));
  $('x-executive').addEventListener('click', () => last && download(`${base()}-executive.md`, 'text/markdown', renderExecutive(last, options())));
  compareView = setupCompare($('compare'), {
    catalog,
    locale: () => locale,
    modelName: () => last?.inputs.model.name ?? String(input('model').value),
    load: (option) => {
      for (const [field, value] of Object.entries(option)) input(field).value = String(value);
      update();
      $('out').scrollIntoView({ block: 'start' });
    },
    writeUrl: () => writeUrl(readForm()),
  });
  update();
  (window as unknown as { llmSizing: { stats: RedrawStats; update: () => void; compare: CompareView['stats'] } }).llmSizing = { stats, update, compare: compareView.stats };
}

/**
 * The page's body as the document was parsed, before init() filled it: what `reopen` starts from.
 * Module scripts run after the parse, and nothing else changes the body before init().
 */
const PRISTINE = document.body.cloneNode(true) as HTMLElement;

/**
 * Open the page again from the address, in this document, as a new load of that address shows it:
 * the body as parsed, the module's state as at a load (language, last sizing, redraw counts, the
 * compare view and the recovery chart's scenario), no focus, no selection, scrolled to the top. The
 * focused field is left first, while the old page is still in place: its change event finds the
 * form as drawn and changes nothing (reset first, the old page would redraw and write its own
 * address over the one being opened). A comparison waiting on its debounce is dropped.
 */
function reopen(): void {
  (document.activeElement as HTMLElement | null)?.blur();
  compareView?.stop();
  document.body.replaceChildren(...(PRISTINE.cloneNode(true) as HTMLElement).childNodes);
  startState();
  getSelection()?.removeAllRanges();
  window.scrollTo(0, 0);
  init();
}

// Back and Forward (and an address edited in the same document) show the sizing their address holds:
// the page state lives in the address, so the page opens again from it. A jump to an anchor of the
// page (the summary's "#out") is not another sizing: it only scrolls.
window.addEventListener('popstate', () => {
  const anchor = location.hash.slice(1);
  if (anchor !== '' && document.getElementById(anchor) !== null) return;
  reopen();
});

startState();
init();
