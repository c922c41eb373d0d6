/**
 * The page's compare view (issue 11): the user ticks lists of options (servers, memory model, TP,
 * replicas per node, KV and weights precision) on top of the form's request; the library's
 * `compare()` sizes every combination in the page (the same ranking, dominance and recommendation as
 * `llm-sizing compare`), and this module only draws its document: the ranked table (dominated options
 * marked, infeasible ones with their reason), a cost-versus-nodes scatter (and cost-versus-TPOT p99
 * when the request has a workload) with the Pareto front (`paretoFront`), where a click loads that
 * option into the form, and the recommendation behind a button. Its state is in the URL.
 */
import {
  type CatalogIndex,
  compareIndexed,
  COMPARE_LIMITS,
  COMPARE_SORTS,
  type CompareField,
  type CompareLists,
  type CompareOutput,
  type CompareRowOutput,
  type CompareSort,
  KV_PRECISIONS,
  type Locale,
  MEMORY_MODELS,
  paretoFront,
  type RenderContext,
  renderContext,
  SizingInputError,
  WEIGHTS_PRECISIONS,
  WORKLOAD_FIELDS,
} from '../../src/index.ts';
import { type CompareTexts, compareTexts } from './compare-i18n.ts';
import { PAGE_MAX_OPTIONS } from './compare-limits.ts';
import { fill } from './i18n.ts';
import { esc, niceStep } from './charts.ts';

/** The lists the page offers, in the order of the cross (pipeline parallelism: CLI and API only). */
const PAGE_FIELDS = ['server', 'memory_model', 'tensor_parallel', 'replicas_per_node', 'kv_precision', 'weights_precision'] as const satisfies readonly CompareField[];
type PageField = (typeof PAGE_FIELDS)[number];
const NUMERIC = new Set<PageField>(['tensor_parallel', 'replicas_per_node']);

/** Rows of the table (the feasible ones, ranked); the scatter plots every option. */
const TABLE_ROWS = 100;
/** Milliseconds after the last keystroke in the form before the options are compared again (not on opening: at once). */
const DEBOUNCE_MS = 250;

export interface CompareHost {
  readonly catalog: CatalogIndex;
  locale(): Locale;
  /** The model's name, for the table's title. */
  modelName(): string;
  /** Put an option's values in the form and redraw the page. */
  load(option: Readonly<Partial<Record<CompareField, string | number>>>): void;
  /** Write the page's URL (which includes `params`). */
  writeUrl(): void;
}

export interface CompareStats {
  /** Milliseconds of the last comparison: `compare()` and drawing its document. */
  lastMs: number;
  /** Options in the last comparison. */
  options: number;
  count: number;
}

export interface CompareView {
  /** The form changed: compare again shortly (debounced), the request being `body`. */
  changed(body: Readonly<Record<string, unknown>>): void;
  /** The view's state, for the URL. */
  params(q: URLSearchParams): void;
  /** The page is opened again (main.ts `reopen`): a comparison still waiting on its debounce is dropped. */
  stop(): void;
  readonly stats: CompareStats;
}


/** The values offered for each list. */
function choices(servers: readonly string[]): Record<PageField, readonly string[]> {
  return {
    server: servers,
    memory_model: MEMORY_MODELS,
    tensor_parallel: ['1', '2', '4', '8', '16'],
    replicas_per_node: ['1', '2', '4', '8'],
    kv_precision: KV_PRECISIONS,
    weights_precision: WEIGHTS_PRECISIONS,
  };
}

export function setupCompare(root: HTMLElement, host: CompareHost): CompareView {
  const offered = choices(host.catalog.names('servers'));
  const q = new URLSearchParams(location.search);
  /** The ticked values of each list (kept in the order offered). */
  const ticked = Object.fromEntries(
    PAGE_FIELDS.map((f) => [f, new Set((q.get(`compare_${f}`) ?? '').split(',').filter((v) => offered[f].includes(v)))]),
  ) as Record<PageField, Set<string>>;
  const sortParam = q.get('compare_sort');
  let sort: CompareSort = (COMPARE_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as CompareSort) : 'cost';
  let recommend = q.get('recommend') === '1';
  let body: Readonly<Record<string, unknown>> = {};
  let doc: CompareOutput | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controlsLocale: Locale | null = null;
  const stats: CompareStats = { lastMs: 0, options: 0, count: 0 };

  const lists = (): CompareLists => {
    const out: Record<string, (string | number)[]> = {};
    for (const f of PAGE_FIELDS) {
      const values = offered[f].filter((v) => ticked[f].has(v));
      if (values.length > 0) out[f] = NUMERIC.has(f) ? values.map(Number) : values;
    }
    return out;
  };
  const optionCount = (l: CompareLists) => Object.values(l).reduce((n, v) => n * (v?.length ?? 1), Object.keys(l).length > 0 ? 1 : 0);
  /** A list's name: the form's label of its field (in the page's language). */
  const labelOf = (field: string) => document.querySelector(`label[for="f-${field}"]`)?.textContent?.trim() || field;

  function controls(t: CompareTexts, ctx: RenderContext): void {
    const sets = PAGE_FIELDS.map(
      (f) =>
        `<fieldset class="list" data-field="${f}"><legend>${esc(labelOf(f))}</legend>${offered[f]
          .map((v) => `<label><input type="checkbox" name="compare_${f}" value="${esc(v)}"${ticked[f].has(v) ? ' checked' : ''}> ${esc(v)}</label>`)
          .join('')}</fieldset>`,
    ).join('');
    const sorts = COMPARE_SORTS.map((s) => `<option value="${s}"${s === sort ? ' selected' : ''}>${esc(ctx.m.compare.sortBy[s])}</option>`).join('');
    root.innerHTML = `<h2 id="compare-h">${esc(t.heading)}</h2><p class="note">${esc(t.intro)}</p>
<fieldset class="lists"><legend>${esc(t.lists)}</legend>${sets}</fieldset>
<div class="compare-actions"><label for="compare-sort">${esc(t.sort)}</label> <select id="compare-sort">${sorts}</select>
<button type="button" id="compare-recommend" aria-pressed="${recommend}">${esc(t.recommend)}</button>
<span id="compare-count" role="status"></span></div>
<div id="compare-out" data-testid="compare-out"></div><p class="note" id="compare-loaded" role="status"></p>`;
    controlsLocale = host.locale();
  }

  /** The option in words: the fields that vary ("server dgx-h200, TP 8"), every field when none does. */
  const optionText = (option: CompareRowOutput['option'], ctx: RenderContext) => {
    const l = doc?.lists ?? {};
    const varied = PAGE_FIELDS.filter((k) => (l[k]?.length ?? 0) > 1);
    return (varied.length > 0 ? varied : PAGE_FIELDS).filter((k) => option[k] !== undefined).map((k) => `${ctx.m.compare.field[k]} ${option[k]}`).join(', ');
  };

  function run(): void {
    const start = performance.now();
    const locale = host.locale();
    const ctx = renderContext({ locale });
    const t = compareTexts(locale);
    if (controlsLocale !== locale) controls(t, ctx);
    const out = root.querySelector<HTMLElement>('#compare-out')!;
    const count = root.querySelector<HTMLElement>('#compare-count')!;
    const l = lists();
    const n = optionCount(l);
    doc = null;
    root.dataset.state = 'idle';
    if (n === 0) {
      count.textContent = '';
      out.innerHTML = `<p>${esc(t.none)}</p>`;
    } else if (n > PAGE_MAX_OPTIONS) {
      count.textContent = '';
      const fields = Object.keys(l).map(labelOf).join(' × ');
      out.innerHTML = `<p class="err" data-testid="compare-too-many">${esc(fill(t.tooMany, { count: ctx.f.int(n), fields, max: ctx.f.int(PAGE_MAX_OPTIONS), cli: ctx.f.int(COMPARE_LIMITS.options) }))}</p>`;
    } else {
      count.textContent = fill(t.count, { count: ctx.f.int(n) });
      // The ticked lists replace their fields: the request keeps every other input of the form.
      const request = Object.fromEntries(Object.entries(body).filter(([k]) => !(k in l)));
      try {
        doc = compareIndexed(request, l, host.catalog, { lang: locale, sort });
      } catch (e) {
        if (!(e instanceof SizingInputError)) throw e;
        const items = e.problems.map((p) => `<li>${esc(ctx.m.problem(p, labelOf(p.field), ctx.f))}</li>`).join('');
        out.innerHTML = `<p>${esc(t.fixInputs)}</p><ul class="err" data-testid="compare-problems">${items}</ul>`;
      }
      if (doc) {
        out.innerHTML = results(doc, body, t, ctx);
        root.dataset.state = 'done';
      }
    }
    stats.lastMs = performance.now() - start;
    stats.options = doc ? doc.rows.length : 0;
    stats.count++;
    root.dataset.runs = String(stats.count);
  }

  /** The ranked table, the scatter plots and (with the button pressed) the recommendation. */
  function results(d: CompareOutput, request: Readonly<Record<string, unknown>>, t: CompareTexts, ctx: RenderContext): string {
    const m = ctx.m.compare;
    const feasible = d.rows.filter((r) => r.feasible);
    const title = m.title({ model: host.modelName(), options: ctx.f.int(d.counts.options), feasible: ctx.f.int(d.counts.feasible), eligible: ctx.f.int(d.counts.eligible), targets: request.ttft_p99_ms !== undefined || request.tpot_p99_ms !== undefined });
    let html = `<p class="compare-title" data-testid="compare-title"><b>${esc(title)}</b><br>${esc(m.sorted({ by: m.sortBy[d.sort] }))}</p>`;
    if (recommend) html += recommendation(d, t, ctx);
    const workload = WORKLOAD_FIELDS.some((f) => request[f] !== undefined);
    html += `<div class="compare-charts">${scatter(d, 'nodes', t, ctx)}${workload && feasible.some((r) => r.tpot_p99_ms !== null) ? scatter(d, 'tpot', t, ctx) : ''}</div>`;
    if (feasible.length > 0) html += table(d, feasible, t, ctx);
    const priced = d.rows.some((r) => r.usd_per_month !== null);
    if (feasible.length > 0) html += `<p class="note">${esc(priced ? m.dominanceNote : m.noPrices)}</p>`;
    const infeasible = d.rows.filter((r) => !r.feasible);
    if (infeasible.length > 0) {
      const items = infeasible.map((r) => `<li data-testid="compare-infeasible" data-id="${r.id}"><b>#${r.id} ${esc(optionText(r.option, ctx))}</b>: ${esc(r.reasons.map((x) => x.message).join(' '))}</li>`).join('');
      html += `<details class="infeasible"${feasible.length === 0 ? ' open' : ''}><summary>${esc(m.infeasibleHeading)} ${ctx.f.int(infeasible.length)}</summary><ul>${items}</ul></details>`;
    }
    return html;
  }

  function recommendation(d: CompareOutput, t: CompareTexts, ctx: RenderContext): string {
    const m = ctx.m.compare;
    const text = d.recommendation
      ? d.recommendation.text
      : [m.recommendation.none({ infeasible: ctx.f.int(d.counts.infeasible), misses_targets: ctx.f.int(d.counts.feasible - d.counts.eligible) })];
    const button = d.recommendation ? ` <button type="button" data-load="${d.recommendation.id}">${esc(fill(t.loadOption, { id: String(d.recommendation.id) }))}</button>` : '';
    return `<div class="recommendation" data-testid="compare-recommendation"><h3>${esc(m.recommendation.heading)}</h3>${text.map((s) => `<p>${esc(s)}</p>`).join('')}${button}</div>`;
  }

  function table(d: CompareOutput, feasible: readonly CompareRowOutput[], t: CompareTexts, ctx: RenderContext): string {
    const m = ctx.m.compare;
    const f = ctx.f;
    const varied = PAGE_FIELDS.filter((k) => (d.lists[k]?.length ?? 0) > 1);
    const shownFields = varied.length > 0 ? varied : PAGE_FIELDS.filter((k) => d.lists[k] !== undefined);
    const some = (pick: (r: CompareRowOutput) => number | null) => feasible.some((r) => pick(r) !== null);
    const dash = '—';
    const num = (x: number | null, show: (v: number) => string) => (x === null ? dash : show(x));
    const money = (x: number) => ctx.m.cost.money(x, f);
    const cols: { head: string; num: boolean; cell: (r: CompareRowOutput) => string }[] = [
      { head: m.column.id, num: true, cell: (r) => String(r.id) },
      ...shownFields.map((k) => ({ head: m.field[k], num: false, cell: (r: CompareRowOutput) => String(r.option[k] ?? dash) })),
      { head: m.column.nodes, num: true, cell: (r) => [r.nodes.minimum, r.nodes.recommended, r.nodes.ideal].map((x) => num(x, f.int)).join(' / ') },
      { head: m.column.sessions, num: true, cell: (r) => num(r.sessions_per_node, f.int) },
      { head: m.column.limit, num: false, cell: (r) => (r.limit === null ? dash : m.limit[r.limit]) },
    ];
    if (some((r) => r.tpot_p99_ms)) {
      cols.push(
        { head: m.column.tpot, num: true, cell: (r) => num(r.tpot_p99_ms, (v) => f.num(v, 1)) },
        { head: m.column.ttft, num: true, cell: (r) => num(r.ttft_p99_ms, f.int) },
        { head: m.column.tokens, num: true, cell: (r) => num(r.output_tokens_per_s, f.int) },
      );
    }
    if (some((r) => r.usd_per_month)) cols.push({ head: m.column.usdMonth, num: true, cell: (r) => num(r.usd_per_month, money) });
    if (some((r) => r.usd_per_million_output_tokens)) cols.push({ head: m.column.usdPerMillion, num: true, cell: (r) => num(r.usd_per_million_output_tokens, money) });
    if (some((r) => r.power_kw)) cols.push({ head: m.column.kw, num: true, cell: (r) => num(r.power_kw, (v) => f.num(v, 1)) });
    cols.push({
      head: m.column.note,
      num: false,
      cell: (r) =>
        [recommend && r.recommended ? m.recommendedMark : '', r.dominated_by !== null ? m.dominated({ id: String(r.dominated_by) }) : '', r.feasible && !r.eligible ? m.missesTargets : '']
          .filter((s) => s !== '')
          .join('; '),
    });
    const head = `<tr>${cols.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}>${esc(c.head)}</th>`).join('')}<th scope="col"><span class="sr">${esc(t.load)}</span></th></tr>`;
    const rows = feasible.slice(0, TABLE_ROWS).map((r) => {
      const cls = [recommend && r.recommended ? 'recommended' : '', r.dominated_by !== null ? 'dominated' : '', !r.eligible ? 'misses' : ''].filter(Boolean).join(' ');
      const cells = cols.map((c) => `<td${c.num ? ' class="num"' : ''}>${esc(c.cell(r))}</td>`).join('');
      return `<tr data-id="${r.id}"${cls ? ` class="${cls}"` : ''}${recommend && r.recommended ? ' aria-current="true"' : ''}>${cells}<td><button type="button" data-load="${r.id}" aria-label="${esc(fill(t.loadOption, { id: String(r.id) }))}">${esc(t.load)}</button></td></tr>`;
    });
    const more = feasible.length > TABLE_ROWS ? `<p class="note">${esc(fill(t.rowsShown, { shown: f.int(TABLE_ROWS), total: f.int(feasible.length) }))}</p>` : '';
    return `<div class="table-wrap"><table class="compare" data-testid="compare-table"><caption>${esc(t.table)}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>${more}`;
  }

  /**
   * Cost ($/month) against nodes or TPOT p99 of every priced feasible option: those that meet the
   * targets, the Pareto front among them drawn as a staircase; those that miss a target hollow.
   */
  function scatter(d: CompareOutput, axis: 'nodes' | 'tpot', t: CompareTexts, ctx: RenderContext): string {
    const m = ctx.m.compare;
    const f = ctx.f;
    const xOf = (r: CompareRowOutput) => (axis === 'nodes' ? r.nodes.recommended : r.tpot_p99_ms);
    const plotted = d.rows.filter((r) => r.feasible && r.usd_per_month !== null && xOf(r) !== null);
    const unpriced = d.rows.filter((r) => r.feasible && r.usd_per_month === null).length;
    const title = axis === 'nodes' ? t.chartNodes : t.chartTpot;
    const xLabel = axis === 'nodes' ? m.column.nodes : m.column.tpot;
    const money = (x: number) => ctx.m.cost.money(x, f);
    const showX = (x: number) => (axis === 'nodes' ? `${f.int(x)} ${m.column.nodes}` : `${f.num(x, 1)} ms`);
    const note = unpriced > 0 ? `<p class="note">${esc(fill(t.notPlotted, { count: f.int(unpriced) }))}</p>` : '';
    if (plotted.length === 0) return `<figure data-testid="compare-chart-${axis}"><figcaption>${esc(title)}</figcaption>${note}</figure>`;
    const eligible = plotted.filter((r) => r.eligible);
    const front = paretoFront(eligible.map((r) => ({ x: xOf(r)!, y: r.usd_per_month! })));
    const onFront = new Set(eligible.filter((_, i) => front[i]).map((r) => r.id));
    const W = 400;
    const H = 240;
    const P = { left: 62, right: 16, top: 12, bottom: 36 };
    const xs = plotted.map((r) => xOf(r)!);
    const ys = plotted.map((r) => r.usd_per_month!);
    const xMax = niceMax(Math.max(...xs));
    const yMax = niceMax(Math.max(...ys));
    const px = (x: number) => P.left + (x / xMax) * (W - P.left - P.right);
    const py = (y: number) => H - P.bottom - (y / yMax) * (H - P.top - P.bottom);
    let body = `<line x1="${P.left}" y1="${H - P.bottom}" x2="${W - P.right}" y2="${H - P.bottom}" class="axis"/><line x1="${P.left}" y1="${P.top}" x2="${P.left}" y2="${H - P.bottom}" class="axis"/>`;
    for (const v of ticks(yMax)) body += `<text x="${P.left - 4}" y="${py(v) + 4}" text-anchor="end">${esc(short(v, ctx))}</text>`;
    for (const v of ticks(xMax)) body += `<text x="${px(v)}" y="${H - P.bottom + 14}" text-anchor="middle">${esc(axis === 'nodes' ? f.int(v) : f.num(v, 1))}</text>`;
    body += `<text x="${(W + P.left) / 2}" y="${H - 4}" text-anchor="middle">${esc(xLabel)}</text><text x="12" y="${P.top}" transform="rotate(-90 12 ${P.top})" text-anchor="end">${esc(m.column.usdMonth)}</text>`;
    // The front: a staircase through its points, by x (each step: across at its cost, then down to the next).
    const steps = eligible.filter((r) => onFront.has(r.id)).map((r) => [px(xOf(r)!), py(r.usd_per_month!)] as const).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    if (steps.length > 0) body += `<path class="front" data-testid="compare-front-${axis}" d="M${steps.map(([x, y], i) => (i === 0 ? `${x.toFixed(1)} ${y.toFixed(1)}` : `H${x.toFixed(1)}V${y.toFixed(1)}`)).join('')}" fill="none" stroke="#1f6feb" stroke-width="1.5"/>`;
    // Points on the front last, so that they are on top; the recommended one ringed.
    const order = [...plotted].sort((a, b) => Number(onFront.has(a.id)) - Number(onFront.has(b.id)));
    for (const r of order) {
      const x = px(xOf(r)!);
      const y = py(r.usd_per_month!);
      const kind = !r.eligible ? 'misses' : onFront.has(r.id) ? 'front' : 'other';
      const label = fill(t.point, { id: String(r.id), option: optionText(r.option, ctx), x: showX(xOf(r)!), cost: money(r.usd_per_month!) });
      const extra = [kind === 'front' ? t.front : kind === 'misses' ? t.missesTargets : '', recommend && r.recommended ? t.recommended : ''].filter(Boolean).join('; ');
      const name = extra ? `${label} (${extra})` : label;
      const dot =
        kind === 'front' ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5" fill="#1f6feb"/>`
        : kind === 'other' ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="#98a2b3"/>`
        : `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="#fff" stroke="#b42318" stroke-width="1.5"/>`;
      const ring = recommend && r.recommended ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="9" fill="none" stroke="#1a7f37" stroke-width="2.5" class="ring"/>` : '';
      body += `<g class="pt ${kind}${recommend && r.recommended ? ' recommended' : ''}" data-load="${r.id}" data-testid="compare-point" tabindex="0" role="button" aria-label="${esc(name)}"><title>${esc(name)}</title>${ring}${dot}</g>`;
    }
    const first = steps[0] ? eligible.find((r) => onFront.has(r.id) && px(xOf(r)!) === steps[0]![0]) : undefined;
    const last = steps.length > 0 ? eligible.find((r) => onFront.has(r.id) && px(xOf(r)!) === steps[steps.length - 1]![0]) : undefined;
    const pointText = (r: CompareRowOutput | undefined) => (r ? `${showX(xOf(r)!)}, ${money(r.usd_per_month!)}` : '—');
    const summary = fill(t.chartSummary, { points: f.int(plotted.length), front: f.int(onFront.size), first: pointText(first), last: pointText(last) });
    const swatch = (kind: string) =>
      `<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">${kind === 'front' ? '<circle cx="5" cy="5" r="4" fill="#1f6feb"/>' : kind === 'other' ? '<circle cx="5" cy="5" r="4" fill="#98a2b3"/>' : kind === 'misses' ? '<circle cx="5" cy="5" r="3.5" fill="#fff" stroke="#b42318" stroke-width="1.5"/>' : '<circle cx="5" cy="5" r="3.5" fill="none" stroke="#1a7f37" stroke-width="2"/>'}</svg>`;
    const legend = [
      `<span>${swatch('front')}${esc(t.front)}</span>`,
      `<span>${swatch('other')}${esc(t.other)}</span>`,
      plotted.some((r) => !r.eligible) ? `<span>${swatch('misses')}${esc(t.missesTargets)}</span>` : '',
      recommend ? `<span>${swatch('ring')}${esc(t.recommended)}</span>` : '',
    ].join('');
    return `<figure data-testid="compare-chart-${axis}"><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="group" aria-label="${esc(`${title}. ${summary}`)}">${body}</svg><div class="legend">${legend}</div><p class="note">${esc(t.pointHint)}</p>${note}</figure>`;
  }

  function loadRow(id: number): void {
    const row = doc?.rows.find((r) => r.id === id);
    if (!row) return;
    host.load(row.option);
    const status = root.querySelector<HTMLElement>('#compare-loaded');
    if (status) status.textContent = fill(compareTexts(host.locale()).loaded, { id: String(id) });
  }

  root.addEventListener('change', (e) => {
    const el = e.target as HTMLInputElement | HTMLSelectElement;
    if (el.id === 'compare-sort') sort = el.value as CompareSort;
    else if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      const field = el.name.replace(/^compare_/, '') as PageField;
      if (el.checked) ticked[field].add(el.value);
      else ticked[field].delete(el.value);
    } else return;
    clearTimeout(timer);
    host.writeUrl();
    run();
  });
  root.addEventListener('click', (e) => {
    const target = e.target as Element;
    if (target.closest('#compare-recommend')) {
      recommend = !recommend;
      root.querySelector('#compare-recommend')!.setAttribute('aria-pressed', String(recommend));
      host.writeUrl();
      run();
      return;
    }
    const load = target.closest<HTMLElement | SVGElement>('[data-load]');
    if (load) loadRow(Number(load.dataset.load));
  });
  root.addEventListener('keydown', (e) => {
    const el = e.target as Element;
    if ((e.key === 'Enter' || e.key === ' ') && el instanceof SVGElement && el.dataset.load) {
      e.preventDefault();
      loadRow(Number(el.dataset.load));
    }
  });

  return {
    stats,
    changed(next) {
      body = next;
      clearTimeout(timer);
      // A new language redraws the controls now; the comparison follows.
      if (controlsLocale !== host.locale()) controls(compareTexts(host.locale()), renderContext({ locale: host.locale() }));
      // The page's first drawing (an opened link) compares at once, drawn with the page: the
      // debounce is for typing. Nothing ticked: nothing to wait for either.
      if (stats.count === 0 || PAGE_FIELDS.every((f) => ticked[f].size === 0)) run();
      else timer = setTimeout(run, DEBOUNCE_MS);
    },
    stop() {
      clearTimeout(timer);
    },
    params(out) {
      for (const f of PAGE_FIELDS) {
        const values = offered[f].filter((v) => ticked[f].has(v));
        if (values.length > 0) out.set(`compare_${f}`, values.join(','));
      }
      if (sort !== 'cost') out.set('compare_sort', sort);
      if (recommend) out.set('recommend', '1');
    },
  };
}

/** The axis top: the nice step (charts.ts) of the largest value plus 5 %, as one whole step. */
const niceMax = (max: number): number => niceStep(Math.max(max * 1.05, 1e-9), 1);

/** 0, half and the top of an axis. */
const ticks = (max: number) => [0, max / 2, max];

/** A dollar tick, short, in the locale's digits ("184.1 k", "184,1 k"). */
const short = (v: number, ctx: RenderContext) => (v >= 1e6 ? `${ctx.f.num(v / 1e6, 2)} M` : v >= 1e3 ? `${ctx.f.num(v / 1e3, 1)} k` : ctx.f.num(v, 1));
