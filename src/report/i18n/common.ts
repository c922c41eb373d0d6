/** Helpers shared by the locales (no prose here). */

import type { Accepted, Problem } from '../../schema/problems.ts';
import type { Fmt } from '../format.ts';

/** A locale's sentences for problems; which one applies is decided once, in `renderProblem`. */
export interface ProblemPhrases {
  accepted(a: Accepted, f: Fmt): string;
  /** How a missing value reads ("nothing"). */
  readonly nothing: string;
  flagOfOtherCommand(field: string, belongsTo: string, command: string): string;
  unknownFlag(field: string, accepted: string): string;
  notJson(where: string, detail: string): string;
  unknownCommand(value: string, accepted: string): string;
  exclusive(field: string, other: string): string;
  noValue(field: string, flag: string): string;
  unknownField(field: string, accepted: string): string;
  required(field: string): string;
  unknownName(field: string, value: string, accepted: string): string;
  invalid(field: string, value: string, accepted: string): string;
}

const CATALOG_NAME_FIELDS = new Set(['--model', 'model', '--server', 'server', '--storage', 'storage']);

/** One problem as one sentence: the shared choice of sentence, in a locale's words. */
export function renderProblem(p: Problem, field: string, f: Fmt, t: ProblemPhrases): string {
  const a = p.accepted;
  const where = p.source ? `${p.source}: ` : '';
  const value = p.value === undefined ? t.nothing : quote(p.value);
  switch (a.kind) {
    case 'flag':
      return where + (a.belongsTo ? t.flagOfOtherCommand(field, a.belongsTo, a.command ?? '') : t.unknownFlag(field, t.accepted(a, f)));
    case 'json':
      return t.notJson([p.source, field === '(file)' || field === '(line)' ? '' : field].filter(Boolean).join(': '), a.detail);
    case 'command':
      return where + t.unknownCommand(value, t.accepted(a, f));
    case 'exclusive':
      return where + t.exclusive(field, a.with);
    case 'no_value':
      return where + t.noValue(field, a.flag);
    case 'no_field':
      return where + t.unknownField(quote(field), t.accepted(a, f));
    case 'required':
      return where + t.required(field);
    case 'one_of':
      if (CATALOG_NAME_FIELDS.has(field)) return where + t.unknownName(field, value, t.accepted(a, f));
      return where + t.invalid(field, value, t.accepted(a, f));
    default:
      return where + t.invalid(field, value, t.accepted(a, f));
  }
}

/** A value as the user typed it: strings in quotes, everything else as JSON. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return String(value);
  }
}

type RuleDetail = Readonly<Record<string, number | string>>;

/** Render a consistency rule's detail with a locale's table; an unknown rule name shows its data. */
export function ruleDetail(rule: string, detail: RuleDetail, table: Readonly<Record<string, (d: RuleDetail) => string>>): string {
  const render = table[rule];
  return render ? render(detail) : `${rule} ${JSON.stringify(detail)}`;
}

import type { KvLayerGroup } from '../../core/kv.ts';
import type { ScenarioResult, SizingResult } from '../../core/sizing.ts';

/** The numbers the KV explanation speaks of, derived once for every locale. */
export function kvExplanationFacts(r: SizingResult): {
  full: KvLayerGroup | undefined;
  sliding: KvLayerGroup | undefined;
  /** K or V bytes per token and layer: kv_heads × head_dim × bytes per element. */
  perPositionBytes: number;
} {
  const m = r.inputs.model;
  const full = r.kv.groups.find((g) => g.kind === 'full' && g.layers > 0);
  const sliding = r.kv.groups.find((g) => g.kind === 'sliding' && g.layers > 0);
  return { full, sliding, perPositionBytes: m.num_key_value_heads * m.head_dim * r.kv.bytes_per_element };
}

/** Concurrency with the scenario's peak headroom, rounded to whole sessions for prose. */
export function concurrencyWithHeadroom(s: ScenarioResult, r: SizingResult): number {
  return Math.round(r.inputs.nfr.concurrency * (1 + s.configuration.peak_headroom_ratio));
}
