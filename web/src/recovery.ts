/**
 * Storage and recovery on the page (issue 12): the form's storage fields, the "Storage and recovery"
 * block (the report's own rows, `storageSection`) and the recovery timeline chart: the sessions a
 * scenario holds over time after losing 1 and 2 nodes (`storage.scenarios.<key>.failures[].timeline`),
 * against its peak demand. Every figure is the library's (src/core/storage.ts); nothing here computes
 * one, the chart only places them.
 */
import { type Locale, type RenderContext, SCENARIO_KEYS, type ScenarioKey, type SizingResult, STORAGE_FIELDS, STORAGE_PLACEMENTS, storagePhrases, storageSection } from '../../src/index.ts';
import { esc, niceStep } from './charts.ts';
import { fill, type PageTexts } from './i18n.ts';
import { recoveryPlaceholders } from './recovery-i18n.ts';

/** The storage fields the form offers (the request's names, as the CLI's flags and the API's body). */
export const RECOVERY_FIELDS = [
  'artifact_gib',
  'storage_placement',
  'target_load_time_s',
  'warmup_concurrency',
  'engine_startup_s',
  'nodes_per_domain',
] as const satisfies readonly (typeof STORAGE_FIELDS)[number][];

const field = (name: string) => document.getElementById(`f-${name}`) as HTMLInputElement | HTMLSelectElement;

/** The fields' placeholders and the placement's choices, in the page's language. */
export function recoveryFieldTexts(t: PageTexts, locale: Locale): void {
  for (const [name, text] of Object.entries(recoveryPlaceholders(t))) (field(name) as HTMLInputElement).placeholder = text;
  const select = field('storage_placement') as HTMLSelectElement;
  const current = select.value;
  const P = storagePhrases(locale);
  select.innerHTML = `<option value="">(${esc(t.placementDefault)})</option>` + STORAGE_PLACEMENTS.map((p) => `<option value="${p}">${esc(P.placement[p])}</option>`).join('');
  select.value = current;
}

/** What was drawn last, for a change of the chart's scenario without a new sizing. */
let drawn: { r: SizingResult; ctx: RenderContext; t: PageTexts } | null;
/** The scenario the chart shows (the recommended one until another is chosen). */
let chosen: ScenarioKey;

/**
 * The block: a line saying how to get it without a storage field; the report's sentence when the
 * artifact size is unknown; else the node's figures, each scenario's (capacity, 1 and 2 nodes down,
 * the failure domain) and the recovery chart.
 */
export function storageBlock(r: SizingResult | null, ctx: RenderContext, t: PageTexts): string {
  drawn = r ? { r, ctx, t } : null;
  if (r === null) return '';
  const section = storageSection(r, ctx);
  if (section === null) return `<p class="note" data-testid="storage-note">${esc(t.storageNote)}</p>`;
  const head = `<h3>${esc(section.title)}</h3>`;
  if (section.unknown !== null) return `<section class="storage" data-testid="storage">${head}<p data-testid="storage-unknown">${esc(section.unknown)}</p></section>`;
  const rows = (list: readonly { label: string; value: string }[]) => list.map((x) => `<div class="row"><dt>${esc(x.label)}</dt><dd>${esc(x.value)}</dd></div>`).join('');
  const meets = r.storage?.load.meets_target;
  const scenarios = section.scenarios
    .map((s) => `<article class="storage-scenario ${s.key}" data-scenario="${s.key}"><h4>${esc(ctx.m.scenario[s.key])}</h4><dl>${rows(s.facts)}</dl></article>`)
    .join('');
  return `<section class="storage" data-testid="storage" data-meets-target="${meets}">${head}<dl class="storage-facts" data-testid="storage-facts">${rows(section.facts)}</dl>
<h4>${esc(t.storageScenarios)}</h4><div class="storage-scenarios">${scenarios}</div><div class="recovery-chart">${recoveryChart()}</div></section>`;
}

/** Re-draws the chart alone when its scenario is changed (the select is inside the block). */
export function setupRecovery(block: HTMLElement): void {
  // Set here, not where declared: the page may be opened again in the same document (main.ts `reopen`),
  // and the chart then starts from its default again.
  drawn = null;
  chosen = 'recommended';
  block.addEventListener('change', (e) => {
    const el = e.target as HTMLSelectElement;
    if (el.id !== 'recovery-scenario' || !(SCENARIO_KEYS as readonly string[]).includes(el.value)) return;
    chosen = el.value as ScenarioKey;
    const holder = block.querySelector('.recovery-chart');
    if (holder) holder.innerHTML = recoveryChart();
    block.querySelector<HTMLSelectElement>('#recovery-scenario')?.focus();
  });
}

const W = 360;
const H = 210;
const PAD = { left: 50, right: 14, top: 14, bottom: 34 };
/** k = 1 and k = 2 nodes down: their lines' colours. */
const K_COLORS = ['#1f6feb', '#b54708'] as const;

/** The recovery timeline chart of the chosen scenario (the first feasible one when it is not). */
function recoveryChart(): string {
  if (drawn === null) return '';
  const { r, ctx, t } = drawn;
  const plan = r.storage;
  if (!plan) return '';
  const feasible = SCENARIO_KEYS.filter((k) => plan.scenarios[k] !== null);
  if (feasible.length === 0) return `<p class="note">${esc(t.recoveryInfeasible)}</p>`;
  const key = feasible.includes(chosen) ? chosen : feasible.includes('recommended') ? 'recommended' : feasible[0]!;
  const s = plan.scenarios[key]!;
  const P = storagePhrases(ctx.f.locale);
  const { f } = ctx;

  // The time axis: seconds, or minutes once the recovery takes 10 minutes or more.
  const finite = s.failures.flatMap((c) => c.timeline.map((p) => p.at_s)).filter(Number.isFinite);
  const last = Math.max(1, ...finite);
  const scale = last >= 600 ? 60 : 1;
  const xTop = (last * 1.15) / scale;
  const xStep = niceStep(xTop, 5);
  const xMax = Math.ceil(xTop / xStep) * xStep;
  const yTop = Math.max(1, s.sessions_capacity, s.demand_sessions) * 1.1;
  const yStep = niceStep(yTop, 4);
  const yMax = Math.ceil(yTop / yStep) * yStep;
  const px = (sec: number) => PAD.left + (Math.min(sec / scale, xMax) / xMax) * (W - PAD.left - PAD.right);
  const py = (v: number) => H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
  const f1 = (v: number) => v.toFixed(1);
  const time = (sec: number) => (Number.isFinite(sec) ? (scale === 1 ? `${f.num(sec, 1)} s` : `${f.num(sec / 60, 1)} min`) : t.recoveryNever);
  const tick = (v: number) => f.num(v, 2);

  let body = `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" class="axis"/><line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" class="axis"/>`;
  for (let v = 0; v <= yMax + yStep / 2; v += yStep) body += `<line x1="${PAD.left - 3}" y1="${f1(py(v))}" x2="${PAD.left}" y2="${f1(py(v))}" class="axis"/><text x="${PAD.left - 5}" y="${f1(py(v) + 4)}" text-anchor="end">${esc(f.int(v))}</text>`;
  for (let v = 0; v <= xMax + xStep / 2; v += xStep) {
    const x = f1(px(v * scale));
    body += `<line x1="${x}" y1="${H - PAD.bottom}" x2="${x}" y2="${H - PAD.bottom + 3}" class="axis"/><text x="${x}" y="${H - PAD.bottom + 14}" text-anchor="middle">${esc(tick(v))}</text>`;
  }
  const xLabel = scale === 1 ? t.axisTimeS : t.axisTimeMin;
  body += `<text x="${(W + PAD.left) / 2}" y="${H - 4}" text-anchor="middle">${esc(xLabel)}</text><text x="10" y="${PAD.top + 8}" transform="rotate(-90 10 ${PAD.top + 8})" text-anchor="end">${esc(t.axisSessionsHeld)}</text>`;
  // The demand: the scenario's peak, the load its HA is sized for (its value in the legend).
  const dy = f1(py(s.demand_sessions));
  body += `<line x1="${PAD.left}" y1="${dy}" x2="${W - PAD.right}" y2="${dy}" class="target demand" data-value="${s.demand_sessions}"/>`;
  // Each case's steps, k = 2 first so that k = 1 is drawn on top where they meet; a step never back
  // (a profile reading 0 GB/s) runs to the right edge.
  const cases = s.failures.map((c, i) => ({ c, color: K_COLORS[i] ?? '#4a525c' }));
  for (const { c, color } of [...cases].reverse()) {
    const pts = c.timeline;
    let d = `M${f1(px(0))} ${f1(py(pts[0]!.sessions_capacity))}`;
    for (let i = 1; i < pts.length; i++) {
      const p = pts[i]!;
      if (!Number.isFinite(p.at_s)) break;
      d += `H${f1(px(p.at_s))}V${f1(py(p.sessions_capacity))}`;
    }
    d += `H${f1(px(xMax * scale))}`;
    const data = pts.map((p) => `${p.at_s}:${p.sessions_capacity}`).join(' ');
    body += `<path class="step" data-k="${c.nodes_down}" data-steps="${data}" d="${d}" stroke="${color}" fill="none" stroke-width="${c.nodes_down === 1 ? 2.5 : 2}"/>`;
    for (const p of pts) {
      if (!Number.isFinite(p.at_s)) continue;
      body += `<circle cx="${f1(px(p.at_s))}" cy="${f1(py(p.sessions_capacity))}" r="2.5" fill="${color}"><title>${esc(`${P.nodesDownLabel(c.nodes_down)}, ${time(p.at_s)}: ${f.int(p.sessions_capacity)}`)}</title></circle>`;
    }
  }
  const description = [
    ...s.failures.map((c) => fill(t.recoveryCase, { label: P.nodesDownLabel(c.nodes_down), count: f.int(c.sessions_capacity), time: time(c.degraded_s) })),
    fill(t.recoveryDemand, { demand: f.num(s.demand_sessions, 0) }),
  ].join('; ');
  const title = `${t.chartRecovery}: ${ctx.m.scenario[key]}`;
  const key2 = (color: string, text: string, dashed = false) =>
    `<span><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><line x1="0" y1="5" x2="10" y2="5" stroke="${color}" stroke-width="3"${dashed ? ' stroke-dasharray="3 2"' : ''}/></svg>${esc(text)}</span>`;
  const legend = [...cases.map(({ c, color }) => key2(color, P.nodesDownLabel(c.nodes_down))), key2('#b42318', `${t.demandPeak} ${f.num(s.demand_sessions, 0)}`, true)].join('');
  const options = feasible.map((k) => `<option value="${k}"${k === key ? ' selected' : ''}>${esc(ctx.m.scenario[k])}</option>`).join('');
  const select = feasible.length > 1 ? `<p class="pick"><label for="recovery-scenario">${esc(t.recoveryScenario)}</label> <select id="recovery-scenario">${options}</select></p>` : '';
  return `<figure class="recovery" data-scenario="${key}"><figcaption>${esc(title)}</figcaption>${select}<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`${title}. ${description}.`)}">${body}</svg><div class="legend">${legend}</div></figure>`;
}
