/** The text report (stdout): version 2.0's four sections, plus a quick comparison table. */
import { TEXT_REPORT_PARAMETERS, PARAMETER_KEYS } from '../core/parameters.ts';
import { RATIONALE_KEYS, type RationaleKey, scenarioRationale } from '../core/rationale.ts';
import type { ScenarioResult, SizingResult } from '../core/sizing.ts';
import { SCENARIO_KEYS } from '../core/scenarios.ts';
import { type RenderContext, type RenderOptions, renderContext } from './context.ts';
import { LOCALES } from './format.ts';
import { type Messages, messagesFor } from './i18n/index.ts';
import { configurationFacts, engineLines, inputBlocks, nodes, seedCell } from './facts.ts';
import { performanceSection } from './performance.ts';
import { storageSection } from './storage-section.ts';
import { offloadSection } from './offload.ts';
import { PRECOMPUTED_SECTIONS } from './parameter-sections.ts';
import { costSection } from './cost.ts';

const WIDTH = 100;

function box(title: string): string[] {
  return [`┌${'─'.repeat(WIDTH - 2)}┐`, `│ ${title.padEnd(WIDTH - 3)}│`, `└${'─'.repeat(WIDTH - 2)}┘`, ''];
}

/** Runs of whitespace (any character up to the space, U+0020). */
const SPACES = /[\u0000-\u0020]+/g;
/** Whitespace other than single spaces. Most prose has none: then it is cut as it is (a global replace allocates ~4 kB a call). */
const NOT_SINGLE_SPACES = /[\u0000-\u001f]| {2}/;

/**
 * Wrap prose at word boundaries to `width` columns, each line prefixed by `indent`: words are
 * separated by runs of whitespace, joined by one space, and a line takes as many as fit (a longer word
 * is a line of its own). Other whitespace is first made single spaces, natively; then each line is cut
 * at the last space that fits. A loop over lines, not over words or characters: such a loop was hot
 * enough for V8 to be still compiling it when the CLI exits, which the process then waits for.
 *
 * @example wrap('a  b c', '  ', 5) //=> ['  a b', '  c']
 */
export function wrap(text: string, indent: string, width = WIDTH - 4): string[] {
  const t = NOT_SINGLE_SPACES.test(text) ? text.replace(SPACES, ' ') : text;
  const room = width - indent.length;
  const out: string[] = [];
  let start = t.charCodeAt(0) === 32 ? 1 : 0;
  const end = t.length > start && t.charCodeAt(t.length - 1) === 32 ? t.length - 1 : t.length;
  while (start < end) {
    if (end - start <= room) {
      out.push(indent + t.slice(start, end));
      break;
    }
    // The last space that leaves at most `room` columns before it; else the end of this one long word.
    let cut = room > 0 ? t.lastIndexOf(' ', start + room) : -1;
    if (cut <= start) {
      cut = t.indexOf(' ', start);
      if (cut === -1 || cut > end) cut = end;
    }
    out.push(indent + t.slice(start, cut));
    start = cut + 1;
  }
  return out;
}

function resultValue(key: RationaleKey, s: ScenarioResult, ctx: RenderContext): string {
  const { f, m } = ctx;
  const n = s.results;
  switch (key) {
    case 'kv_per_session_gib':
      return `${f.fixed(n.kv_per_session_gib, 2)} GiB`;
    case 'kv_total_gib':
      return `${f.fixed(n.kv_total_tib, 2)} TiB (${f.fixed(n.kv_total_gib, 2)} GiB)`;
    case 'hbm_total_gib':
      return `${f.fixed(n.hbm_total_gib, 1)} GiB`;
    case 'kv_budget_gib':
      return `${f.fixed(n.kv_budget_gib, 1)} GiB`;
    case 'sessions_per_node':
      return `${f.int(n.sessions_per_node)} ${m.labels.sessionsUnit}`;
    case 'nodes_capacity':
    case 'nodes_with_headroom':
    case 'nodes_final': {
      const v = n[key];
      return v === null ? m.labels.infeasibleLong : `${f.int(v)} ${m.labels.nodesUnit}`;
    }
  }
}

export function resultLabel(key: RationaleKey, ctx: RenderContext): string {
  const L = ctx.m.labels;
  const labels: Record<RationaleKey, string> = {
    kv_per_session_gib: L.kvPerSession,
    kv_total_gib: L.kvTotal,
    hbm_total_gib: L.hbmTotal,
    kv_budget_gib: L.kvBudget,
    sessions_per_node: L.sessionsPerNode,
    nodes_capacity: L.nodesCapacity,
    nodes_with_headroom: L.nodesWithHeadroom,
    nodes_final: L.nodesFinal,
  };
  return labels[key];
}

function inputValue(v: number | string | null, ctx: RenderContext): string {
  if (typeof v === 'number') return Number.isInteger(v) ? ctx.f.int(v) : ctx.f.num(v, 4);
  return String(v);
}

/** One figure's rationale: its heading, the formula line by line, the inputs (null ones left out), the interpretation. */
function rationaleEntry(heading: string, formula: string, inputs: Readonly<Record<string, number | string | null>>, explanation: string, ctx: RenderContext): string[] {
  const L = ctx.m.labels;
  const out = [`▸ ${heading}`, '', `  ${L.rationale}:`, `    ${L.formula}:`, ...formula.split('\n').map((line) => `      ${line}`), `    ${L.inputs}:`];
  for (const [name, v] of Object.entries(inputs)) if (v !== null) out.push(`      • ${name}: ${inputValue(v, ctx)}`);
  out.push(`    ${L.interpretation}:`, ...wrap(explanation, '      '), '');
  return out;
}

function comparisonTable(r: SizingResult, ctx: RenderContext): string[] {
  const { m, f } = ctx;
  const L = m.labels;
  const rows: string[][] = [
    [L.metric, ...SCENARIO_KEYS.map((k) => m.scenario[k])],
    [L.headroom, ...SCENARIO_KEYS.map((k) => f.pct(r.scenarios[k].configuration.peak_headroom_ratio))],
    [L.ha, ...SCENARIO_KEYS.map((k) => r.scenarios[k].configuration.ha_mode)],
    [L.budgetKv, ...SCENARIO_KEYS.map((k) => seedCell(f.pct(r.scenarios[k].configuration.kv_budget_ratio), r.scenarios[k]))],
    [L.kvPerSessionShort, ...SCENARIO_KEYS.map((k) => `${f.fixed(r.scenarios[k].results.kv_per_session_gib, 2)} GiB`)],
    [L.sessionsPerNodeShort, ...SCENARIO_KEYS.map((k) => f.int(r.scenarios[k].results.sessions_per_node))],
    [L.nodesFinalShort, ...SCENARIO_KEYS.map((k) => nodes(r.scenarios[k].results.nodes_final, ctx))],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ');
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1));
  return [line(rows[0]!), rule, ...rows.slice(1).map(line), '', `  → ${L.recommendedNoteText}`, ''];
}

/** The parameter dictionary section (its lines joined): the same text for every result of a locale. */
export function parameterSectionText(m: Messages, verbose: boolean): string {
  const L = m.labels;
  const out: string[] = [];
  for (const key of verbose ? PARAMETER_KEYS : TEXT_REPORT_PARAMETERS) {
    const p = m.parameters[key];
    out.push(`【${key}】`);
    out.push(...wrap(`${L.whatItIs}: ${p.description}`, '  '));
    out.push(...wrap(`${L.source}: ${p.source}`, '  '));
    out.push(...wrap(`${L.importance}: ${p.importance}`, '  '));
    out.push(...wrap(`${L.commonError}: ${p.common_errors}`, '  '));
    out.push('');
  }
  if (!verbose) out.push(L.seeJson, '');
  return out.join('\n');
}

function parameterSection(m: Messages, verbose: boolean): string {
  return PRECOMPUTED_SECTIONS?.[`${m.locale}|${verbose}`]?.() ?? parameterSectionText(m, verbose);
}

/** Every locale's section texts, for the build to precompute. */
export function parameterSections(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const locale of LOCALES) for (const verbose of [false, true]) out[`${locale}|${verbose}`] = parameterSectionText(messagesFor(locale), verbose);
  return out;
}

export function renderText(r: SizingResult, options: RenderOptions): string {
  const ctx = renderContext(options);
  const { m, f } = ctx;
  const L = m.labels;
  const out: string[] = ['='.repeat(WIDTH), L.title, L.subtitle];
  if (ctx.generatedAt) out.push(`${L.date}: ${ctx.generatedAt}`);
  out.push('='.repeat(WIDTH), '');

  out.push(...box(L.section1));
  for (const block of inputBlocks(r, ctx)) {
    out.push(`${block.title.toUpperCase()}:`);
    for (const fact of block.facts) out.push(`${fact.depth === 0 ? '  ' : '    • '}${fact.label === '' ? fact.value : fact.value === '' ? `${fact.label}:` : `${fact.label}: ${fact.value}`}`);
    out.push('');
  }

  out.push(...box(L.section2));
  out.push(parameterSection(ctx.m, ctx.verbose));

  out.push(...box(L.section3));
  out.push(`${L.quickComparison.toUpperCase()}:`, '', ...comparisonTable(r, ctx));
  for (const key of SCENARIO_KEYS) {
    const s = r.scenarios[key];
    out.push('='.repeat(WIDTH), `${L.scenarioHeader}: ${m.scenario[key]}${s.feasible ? '' : ` (${L.infeasible.toUpperCase()})`}`, '='.repeat(WIDTH));
    for (const c of configurationFacts(s, ctx)) out.push(`  • ${c.label}: ${c.value}`);
    out.push('');
    const engine = engineLines(s, r, ctx);
    if (engine) {
      out.push(`  ${engine.title}:`);
      for (const line of engine.lines) out.push(...wrap(line, '    '));
      const [head, ...rows] = engine.table;
      out.push(`    ${head?.[0]}:`);
      const width = Math.max(...rows.map(([k]) => k.length));
      for (const [k, v] of rows) out.push(`      ${k.padEnd(width)}  ${v.padStart(9)}`);
      out.push('');
    }
    const rationale = scenarioRationale(r, key, ctx.m.formulaWords);
    for (const rk of RATIONALE_KEYS) {
      const rat = rationale[rk];
      out.push(...rationaleEntry(`${resultLabel(rk, ctx)}: ${resultValue(rk, s, ctx)}`, rat.formula, rat.inputs, m.explanation(rk, s, r, f), ctx));
    }
    const perf = performanceSection(r, key, ctx);
    if (perf) {
      out.push(`  ${perf.title.toUpperCase()}:`);
      for (const c of perf.facts) out.push(...wrap(`• ${c.label}: ${c.value}`, '    '));
      out.push('');
      for (const e of perf.rationale) out.push(...rationaleEntry(`${e.label}: ${e.value}`, e.formula, e.inputs, e.explanation, ctx));
    }
    const cost = costSection(r, key, ctx);
    if (cost) {
      out.push(`  ${cost.title.toUpperCase()}:`);
      for (const c of cost.facts) out.push(...wrap(`• ${c.label}: ${c.value}`, '    '));
      if (cost.missing) out.push(...wrap(cost.missing, '    '));
      out.push('');
      for (const e of cost.rationale) out.push(...rationaleEntry(`${e.label}: ${e.value}`, e.formula, e.inputs, e.explanation, ctx));
    }
    if (s.warnings.length > 0) {
      out.push(`  ⚠️  ${L.scenarioWarnings}:`);
      s.warnings.forEach((a, i) => out.push(...wrap(`[${i + 1}] ${m.severity[a.severity]}: ${m.alert(a, f)}`, '    ')));
      out.push('');
    }
  }

  // Issue 12: only when the request gives a storage field.
  const storage = storageSection(r, ctx);
  if (storage) {
    out.push(...box(storage.title.toUpperCase()));
    if (storage.unknown !== null) out.push(...wrap(storage.unknown, '  '), '');
    for (const c of storage.facts) out.push(...wrap(`• ${c.label}: ${c.value}`, '    '));
    if (storage.facts.length > 0) out.push('');
    const entry = (e: (typeof storage.rationale)[number]) => out.push(...rationaleEntry(e.label, e.formula, e.inputs, e.explanation, ctx));
    storage.rationale.forEach(entry);
    for (const sc of storage.scenarios) {
      out.push('='.repeat(WIDTH), `${L.scenarioHeader}: ${m.scenario[sc.key]}`, '='.repeat(WIDTH));
      for (const c of sc.facts) out.push(...wrap(`• ${c.label}: ${c.value}`, '    '));
      out.push('');
      sc.rationale.forEach(entry);
    }
  }

  // Issue 12: the KV offload tier, only when the request asks for one.
  const offload = offloadSection(r, ctx);
  if (offload) {
    out.push(...box(offload.title.toUpperCase()));
    for (const line of offload.facts) out.push(...wrap(`• ${line}`, '  '));
    out.push('');
    for (const e of offload.rationale) out.push(...rationaleEntry(`${e.label}: ${e.value}`, e.formula, e.inputs, e.meaning, ctx));
    for (const line of offload.scenarios) out.push(...wrap(`• ${line}`, '  '));
    out.push('');
  }
  out.push(...box(L.section4));
  if (r.alerts.length === 0) out.push(L.noAlerts);
  r.alerts.forEach((a, i) => out.push(...wrap(`[${i + 1}] ${m.severity[a.severity]}: ${m.alert(a, f)}`, '')));
  out.push('', '='.repeat(WIDTH), L.endOfReport, '='.repeat(WIDTH), '');
  return out.join('\n');
}
