/**
 * `llm-sizing compare`'s outputs, from one `Comparison` (src/app/compare.ts): the JSON document
 * (`--json-only`, `POST /api/v1/compare`, the library's `compare()`), the text table, the Markdown
 * table, and the executive report's "options considered" page. The words are the locale's
 * (src/report/i18n/compare-*.ts). Pure.
 */
import { COMPARE_FIELDS, type CompareField, type Comparison, type CompareReason, type CompareRow, type Recommendation, type RunnerUpDifference } from '../app/compare.ts';
import type { CompareOutput, CompareRowOutput } from '../schema/compare-output.ts';
import type { Problem } from '../schema/problems.ts';
import type { RenderOptions } from './context.ts';
import { renderExecutive } from './executive.ts';
import { type Fmt, fmt, type Locale } from './format.ts';
import { messagesFor, PHRASES } from './i18n/index.ts';
import type { ComparePhrases } from './i18n/compare-phrases.ts';
import { CLI_FIELD_NAMES } from './i18n/render.ts';
import type { FieldNames } from './i18n/types.ts';

export interface CompareRenderOptions {
  readonly locale: Locale;
  /** At most this many rows (the feasible ones first). */
  readonly top?: number | undefined;
  /** How problems name a field: `--server` on the command line, `server` in the API (default). */
  readonly fieldName?: ((field: string) => string) | undefined;
  /** How alerts name fields and values (default: the CLI's flags). */
  readonly names?: FieldNames | undefined;
}

/** The rows shown: at most `top`. */
function shownRows(c: Comparison, top: number | undefined): readonly CompareRow[] {
  return top === undefined ? c.rows : c.rows.slice(0, top);
}

function reasonText(r: CompareReason, o: CompareRenderOptions, f: Fmt): string {
  const m = messagesFor(o.locale);
  if (r.kind === 'alert') return m.alert(r.alert, f, o.names ?? CLI_FIELD_NAMES);
  const p: Problem = r.problem;
  return m.problem(p, (o.fieldName ?? ((x) => x))(p.field), f);
}

/** The fields that vary (a list of one value is part of the request). */
function varied(c: Comparison): CompareField[] {
  return COMPARE_FIELDS.filter((k) => (c.lists[k]?.length ?? 0) > 1);
}

/** The option in words: "server dgx-h200, TP 8, KV fp8" (the fields that vary; all when none does). */
function optionText(c: Comparison, option: CompareRow['option'], t: ComparePhrases): string {
  const fields = varied(c);
  return (fields.length > 0 ? fields : COMPARE_FIELDS).filter((k) => option[k] !== undefined)
    .map((k) => `${t.field[k]} ${option[k]}`)
    .join(', ');
}

/** Dollars as the cost section writes them (src/report/i18n/cost-*.ts). */
const usd = (x: number, f: Fmt) => PHRASES[f.locale].cost.money(x, f);

function differenceText(d: RunnerUpDifference, t: ComparePhrases, f: Fmt): string {
  const w = t.recommendation.difference;
  switch (d.kind) {
    case 'costs_more':
      return w.costs_more({ usd_per_month: usd(d.usd_per_month, f), ratio: f.pct(d.ratio) });
    case 'same_cost':
      return w.same_cost({});
    case 'more_nodes':
      return w.more_nodes({ nodes: f.int(d.nodes) });
    case 'fewer_nodes':
      return w.fewer_nodes({ nodes: f.int(d.nodes) });
    case 'same_nodes':
      return w.same_nodes({});
    case 'higher_tpot':
      return w.higher_tpot({ ms: f.num(d.ms, 1) });
    case 'lower_tpot':
      return w.lower_tpot({ ms: f.num(d.ms, 1) });
  }
}

const rowById = (c: Comparison, id: number): CompareRow => c.rows.find((r) => r.id === id)!;

/** The recommendation as sentences (or why there is none). */
export function recommendationText(c: Comparison, locale: Locale): string[] {
  const t = PHRASES[locale].compare;
  const f = fmt(locale);
  const rec: Recommendation | null = c.recommendation;
  if (rec === null) {
    return [t.recommendation.none({ infeasible: f.int(c.rows.filter((r) => !r.feasible).length), misses_targets: f.int(c.rows.filter((r) => r.feasible && !r.eligible).length) })];
  }
  const w = rowById(c, rec.id);
  const out = [
    t.recommendation.winner({ id: String(rec.id), option: optionText(c, w.option, t), nodes: f.int(w.metrics.nodes.recommended!), cost: w.metrics.usd_per_month === null ? null : usd(w.metrics.usd_per_month, f) }),
    rec.basis === 'cost' ? t.recommendation.basisCost({ candidates: f.int(rec.candidates) }) : t.recommendation.basisNodes({ candidates: f.int(rec.candidates) }),
  ];
  const x = rec.excluded;
  if (x.infeasible + x.misses_targets + x.no_price > 0) out.push(t.recommendation.excluded({ infeasible: f.int(x.infeasible), misses_targets: f.int(x.misses_targets), no_price: f.int(x.no_price) }));
  if (rec.runner_up === null) out.push(t.recommendation.noRunnerUp);
  else {
    const r = rowById(c, rec.runner_up.id);
    out.push(t.recommendation.runnerUp({ id: String(r.id), option: optionText(c, r.option, t), differences: rec.runner_up.differences.map((d) => differenceText(d, t, f)).join(', ') }));
  }
  return out;
}

/** The JSON document (docs/compare.md gives the shape; src/schema/compare-output.ts is its schema). */
export function compareDocument(c: Comparison, o: CompareRenderOptions): CompareOutput {
  const f = fmt(o.locale);
  const rows = shownRows(c, o.top);
  const rec = c.recommendation;
  const row = (r: CompareRow): CompareRowOutput => ({
    id: r.id,
    rank: r.rank,
    option: { ...r.option },
    feasible: r.feasible,
    eligible: r.eligible,
    recommended: rec?.id === r.id,
    dominated_by: r.dominated_by,
    nodes: { ...r.metrics.nodes },
    sessions_per_node: r.metrics.sessions_per_node,
    limit: r.metrics.limit,
    bound: r.metrics.bound,
    ttft_p99_ms: r.metrics.ttft_p99_ms,
    tpot_p99_ms: r.metrics.tpot_p99_ms,
    output_tokens_per_s: r.metrics.output_tokens_per_s,
    meets_targets: r.metrics.meets_targets,
    usd_per_month: r.metrics.usd_per_month,
    usd_per_million_output_tokens: r.metrics.usd_per_million_output_tokens,
    power_kw: r.metrics.power_kw,
    reasons: r.reasons.map((x) =>
      x.kind === 'alert'
        ? { kind: 'alert' as const, code: x.alert.code, message: reasonText(x, o, f) }
        : { kind: 'problem' as const, field: x.problem.field, value: x.problem.value ?? null, accepted: { ...x.problem.accepted }, message: reasonText(x, o, f) },
    ),
  });
  return {
    request: { ...c.request },
    lists: Object.fromEntries(Object.entries(c.lists).map(([k, v]) => [k, [...v]])),
    sort: c.sort,
    counts: {
      options: c.rows.length,
      feasible: c.rows.filter((r) => r.feasible).length,
      eligible: c.rows.filter((r) => r.eligible).length,
      infeasible: c.rows.filter((r) => !r.feasible).length,
      shown: rows.length,
    },
    rows: rows.map(row),
    recommendation:
      rec === null
        ? null
        : {
            id: rec.id,
            option: { ...rowById(c, rec.id).option },
            basis: rec.basis,
            candidates: rec.candidates,
            excluded: { ...rec.excluded },
            runner_up: rec.runner_up === null ? null : { id: rec.runner_up.id, option: { ...rowById(c, rec.runner_up.id).option }, differences: rec.runner_up.differences.map((d) => ({ ...d })) },
            text: recommendationText(c, o.locale),
          },
  };
}

/** The JSON text: two-space indented, one final newline. */
export function renderCompareJson(c: Comparison, o: CompareRenderOptions): string {
  return `${JSON.stringify(compareDocument(c, o), null, 2)}\n`;
}

interface Table {
  readonly head: readonly string[];
  readonly body: readonly (readonly string[])[];
  /** Columns aligned right (numbers). */
  readonly right: readonly boolean[];
}

/** The feasible rows as a table: the varied fields, then the figures that some row has. */
function feasibleTable(c: Comparison, rows: readonly CompareRow[], locale: Locale): Table {
  const t = PHRASES[locale].compare;
  const f = fmt(locale);
  const fields = varied(c);
  const some = (pick: (r: CompareRow) => number | null) => c.rows.some((r) => pick(r) !== null);
  const dash = '—';
  const n = (x: number | null, show: (v: number) => string) => (x === null ? dash : show(x));
  const cols: { head: string; right: boolean; cell: (r: CompareRow) => string }[] = [
    { head: t.column.id, right: true, cell: (r) => String(r.id) },
    ...fields.map((k) => ({ head: t.field[k], right: false, cell: (r: CompareRow) => String(r.option[k]) })),
    { head: t.column.nodes, right: true, cell: (r) => [r.metrics.nodes.minimum, r.metrics.nodes.recommended, r.metrics.nodes.ideal].map((x) => n(x, f.int)).join(' / ') },
    { head: t.column.sessions, right: true, cell: (r) => n(r.metrics.sessions_per_node, f.int) },
    { head: t.column.limit, right: false, cell: (r) => (r.metrics.limit === null ? dash : t.limit[r.metrics.limit]) },
  ];
  if (some((r) => r.metrics.tpot_p99_ms)) {
    cols.push(
      { head: t.column.tpot, right: true, cell: (r) => n(r.metrics.tpot_p99_ms, (v) => f.num(v, 1)) },
      { head: t.column.ttft, right: true, cell: (r) => n(r.metrics.ttft_p99_ms, (v) => f.int(v)) },
      { head: t.column.tokens, right: true, cell: (r) => n(r.metrics.output_tokens_per_s, f.int) },
    );
  }
  if (some((r) => r.metrics.usd_per_month)) cols.push({ head: t.column.usdMonth, right: true, cell: (r) => n(r.metrics.usd_per_month, (v) => usd(v, f)) });
  if (some((r) => r.metrics.usd_per_million_output_tokens)) cols.push({ head: t.column.usdPerMillion, right: true, cell: (r) => n(r.metrics.usd_per_million_output_tokens, (v) => usd(v, f)) });
  if (some((r) => r.metrics.power_kw)) cols.push({ head: t.column.kw, right: true, cell: (r) => n(r.metrics.power_kw, (v) => f.num(v, 1)) });
  cols.push({
    head: t.column.note,
    right: false,
    cell: (r) =>
      [c.recommendation?.id === r.id ? t.recommendedMark : '', r.dominated_by !== null ? t.dominated({ id: String(r.dominated_by) }) : '', r.feasible && !r.eligible ? t.missesTargets : '']
        .filter((s) => s !== '')
        .join('; '),
  });
  return { head: cols.map((x) => x.head), body: rows.filter((r) => r.feasible).map((r) => cols.map((x) => x.cell(r))), right: cols.map((x) => x.right) };
}

function textTable(table: Table): string[] {
  const widths = table.head.map((h, i) => Math.max(h.length, ...table.body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (table.right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(table.head), widths.map((w) => '-'.repeat(w)).join('  '), ...table.body.map(line)];
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|');

function markdownTable(table: Table): string[] {
  return [
    `| ${table.head.map(mdCell).join(' | ')} |`,
    `|${table.right.map((r) => (r ? '---:' : '---')).join('|')}|`,
    ...table.body.map((row) => `| ${row.map(mdCell).join(' | ')} |`),
  ];
}

/** The lines of both formats: the title, the table, what is left out, the infeasible options, the recommendation. */
function sections(c: Comparison, o: CompareRenderOptions & { readonly recommend?: boolean }, table: (t: Table) => string[], markdown: boolean) {
  const t = PHRASES[o.locale].compare;
  const f = fmt(o.locale);
  const rows = shownRows(c, o.top);
  const model = String(c.rows.find((r) => r.result !== null)?.result?.inputs.model.name ?? c.request.model ?? '');
  const feasible = c.rows.filter((r) => r.feasible).length;
  const title = t.title({ model, options: f.int(c.rows.length), feasible: f.int(feasible), eligible: f.int(c.rows.filter((r) => r.eligible).length), targets: c.targets });
  const notes: string[] = [];
  if (rows.length < c.rows.length) notes.push(t.shown({ shown: f.int(rows.length), total: f.int(c.rows.length) }));
  if (feasible > 0 && !c.rows.some((r) => r.metrics.usd_per_month !== null)) notes.push(t.noPrices);
  else if (feasible > 0) notes.push(t.dominanceNote);
  const infeasible = rows.filter((r) => !r.feasible).map((r) => `#${r.id} ${optionText(c, r.option, t)}: ${r.reasons.map((x) => reasonText(x, o, f)).join(' ')}`);
  return { t, title, sorted: t.sorted({ by: t.sortBy[c.sort] }), table: feasible > 0 ? table(feasibleTable(c, rows, o.locale)) : [], notes, infeasible, markdown };
}

/** The text report: the ranked table, the infeasible options with their reasons, and with `recommend` the recommendation. */
export function renderCompareText(c: Comparison, o: CompareRenderOptions & { readonly recommend?: boolean }): string {
  const s = sections(c, o, textTable, false);
  const out = [s.title, s.sorted, ''];
  if (s.table.length > 0) out.push(...s.table, '');
  if (s.notes.length > 0) out.push(...s.notes, '');
  if (s.infeasible.length > 0) out.push(s.t.infeasibleHeading, ...s.infeasible.map((l) => `  ${l}`), '');
  if (o.recommend) out.push(`${s.t.recommendation.heading}:`, ...recommendationText(c, o.locale).map((l) => `  ${l}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** The Markdown report: the same, as a Markdown table and lists. */
export function renderCompareMarkdown(c: Comparison, o: CompareRenderOptions & { readonly recommend?: boolean; readonly heading?: string }): string {
  const s = sections(c, o, markdownTable, true);
  const out = [`## ${o.heading ?? s.title}`, ''];
  if (o.heading !== undefined) out.push(s.title, '');
  out.push(s.sorted, '');
  if (s.table.length > 0) out.push(...s.table, '');
  if (s.notes.length > 0) out.push(...s.notes.map((n) => `${n}  `), '');
  if (s.infeasible.length > 0) out.push(`**${s.t.infeasibleHeading}**`, '', ...s.infeasible.map((l) => `- ${l}`), '');
  if (o.recommend) out.push(`### ${s.t.recommendation.heading}`, '', ...recommendationText(c, o.locale).map((l) => `${l}  `), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * The executive report of the recommended option, with one more page: "options considered" (every
 * option's row and the recommendation). Without a recommendation, that page alone.
 */
export function renderCompareExecutive(c: Comparison, o: CompareRenderOptions & Pick<RenderOptions, 'generatedAt'>): string {
  const t = PHRASES[o.locale].compare;
  const winner = c.recommendation === null ? undefined : rowById(c, c.recommendation.id).result;
  const page = renderCompareMarkdown(c, { ...o, recommend: true, heading: t.executive.heading }).replace(`## ${t.executive.heading}\n\n`, `## ${t.executive.heading}\n\n${t.executive.intro}\n\n`);
  if (!winner) return page;
  const report = renderExecutive(winner, { locale: o.locale, ...(o.generatedAt !== undefined ? { generatedAt: o.generatedAt } : {}) });
  return `${report.trimEnd()}\n\n<div style="page-break-before: always"></div>\n\n${page}`;
}
