/**
 * `llm-sizing validate` (issue 12), pure: catalog files' text in, every problem out — the schema's
 * (src/schema/catalog.ts, through src/catalog/load.ts), the consistency rules the loader applies, and
 * the plausibility rules only this check applies (src/catalog/rules.ts). Reading the files is the
 * caller's I/O; nothing here stops at the first problem.
 *
 * A file's kind is told by its top-level key, as the files are written: `models`, `servers`,
 * `profiles` (storage), `sets` (the performance model's calibration, src/catalog/data/perf-calibration.json).
 * `prices` (issue 11, src/catalog/prices.ts). A bare list is told by its first entry's fields. Each
 * kind is one row of `KINDS`. A prices file is checked by the prices loader (`checkPricesData`: schema,
 * known servers, unique entries) and the two price rules below; its servers are the built-in ones and
 * those of the servers files given in the same run (`knownServers`).
 */
import * as z from 'zod/mini';
import type { CatalogKind } from '../schema/catalog.ts';
import { PerfCalibrationFileSchema } from '../schema/perf-calibration.ts';
import { withNumberLiterals } from '../schema/number-text.ts';
import { problemsFromIssues, type Problem } from '../schema/problems.ts';
import { BUILTIN_CATALOG } from './builtin.ts';
import { checkCatalogEntries, parseJsonFile } from './load.ts';
import { checkPricesData } from './prices.ts';
import { MODEL_PLAUSIBILITY, SERVER_PLAUSIBILITY, STORAGE_PLAUSIBILITY } from './rules.ts';

export type ValidateKind = CatalogKind | 'perf_calibration' | 'prices';

/** One problem, and the corrected value where its rule knows it (`--fix-suggestions`). */
export interface Finding {
  readonly problem: Problem;
  /** The field to change (the problem's) and the value the rule computes for it. */
  readonly fix?: { readonly field: string; readonly value: number } | undefined;
}

export interface FileReport {
  readonly file: string;
  /** Undefined when the file is refused before its kind is known (not JSON, too deep, unknown keys). */
  readonly kind: ValidateKind | undefined;
  /** Entries (calibration sets) in the file's list. */
  readonly entries: number;
  readonly findings: readonly Finding[];
}

type Rule<T> = (entry: T, at: string) => Problem | undefined;

/** Top-level keys → kind (the catalog files' layout, src/catalog/files.ts, and the calibration file's). */
export const KIND_KEYS: Readonly<Record<string, ValidateKind>> = { models: 'models', servers: 'servers', profiles: 'storage', sets: 'perf_calibration', prices: 'prices' };

/** The field that only entries of one kind have: how a bare list's kind is told. */
const BARE_LIST_FIELDS: readonly (readonly [string, ValidateKind])[] = [
  ['num_layers', 'models'],
  ['gpus', 'servers'],
  ['iops_read', 'storage'],
  ['on_demand_usd_per_gpu_hour', 'prices'],
];

function kindOf(data: unknown): ValidateKind | undefined {
  if (Array.isArray(data)) {
    const first: unknown = data[0];
    if (first === null || typeof first !== 'object') return undefined;
    return BARE_LIST_FIELDS.find(([field]) => field in first)?.[1];
  }
  if (data === null || typeof data !== 'object') return undefined;
  return Object.keys(KIND_KEYS).map((k) => (k in data ? KIND_KEYS[k] : undefined)).find((k) => k !== undefined);
}

/** The value a problem's rule computes for its field, when it knows one. */
export function suggestedValue(p: Problem): number | undefined {
  const a = p.accepted;
  if (a.kind !== 'rule') return undefined;
  if (a.rule === 'server_total_hbm') return a.detail.product;
  const d = a.detail as { suggested?: unknown };
  return typeof d.suggested === 'number' ? d.suggested : undefined;
}

function finding(problem: Problem): Finding {
  const value = suggestedValue(problem);
  return value === undefined ? { problem } : { problem, fix: { field: problem.field, value } };
}

function plausibility<T>(entries: readonly T[], at: readonly string[], rules: readonly Rule<T>[], source: string): Problem[] {
  const out: Problem[] = [];
  entries.forEach((e, i) => {
    for (const rule of rules) {
      const p = rule(e, at[i]!);
      if (p) out.push({ ...p, source });
    }
  });
  return out;
}

/** A catalog file of one kind: schema and consistency (the loader's), then plausibility. */
function checkCatalogKind(kind: CatalogKind, data: unknown, source: string): { entries: number; problems: Problem[] } {
  const r = checkCatalogEntries(kind, data, source);
  const extra =
    kind === 'models'
      ? plausibility(r.entries as never[], r.at, MODEL_PLAUSIBILITY, source)
      : kind === 'servers'
        ? plausibility(r.entries as never[], r.at, SERVER_PLAUSIBILITY, source)
        : plausibility(r.entries as never[], r.at, STORAGE_PLAUSIBILITY, source);
  const list = Array.isArray(data) ? data : ((data as Record<string, unknown>)[kind === 'storage' ? 'profiles' : kind] as unknown);
  return { entries: Array.isArray(list) ? list.length : 0, problems: [...r.problems, ...extra] };
}

type CalibrationFile = z.infer<typeof PerfCalibrationFileSchema>;

/** A calibration set's fitted efficiency is at most the ceiling measured on kernels (bandwidth and compute). */
export function efficienciesWithinCeilings(file: CalibrationFile): Problem[] {
  const out: Problem[] = [];
  file.sets.forEach((s, i) => {
    const pairs = [
      ['bandwidth_efficiency', s.constants.bandwidth_efficiency, 'bandwidth_ceiling', file.kernel.bandwidth_ceiling],
      ['compute_efficiency', s.constants.compute_efficiency, 'compute_ceiling', file.kernel.compute_ceiling],
    ] as const;
    for (const [field, value, ceilingField, ceiling] of pairs) {
      if (value > ceiling) out.push({ field: `sets[${i}] (${s.id}).constants.${field}`, value, accepted: { kind: 'rule', rule: 'efficiency_ceiling', detail: { set: s.id, ceiling_field: `kernel.${ceilingField}`, ceiling, suggested: ceiling } } });
    }
  });
  return out;
}

/** One set per (GPU family, engine), and unique set ids. */
export function calibrationKeysUnique(file: CalibrationFile): Problem[] {
  const out: Problem[] = [];
  const keys = new Set<string>();
  const ids = new Set<string>();
  file.sets.forEach((s, i) => {
    const key = `${s.gpu_architecture}/${s.engine}`;
    if (keys.has(key)) out.push({ field: `sets[${i}] (${s.id}).engine`, value: s.engine, accepted: { kind: 'rule', rule: 'calibration_key_unique', detail: { gpu_architecture: s.gpu_architecture, engine: s.engine } } });
    if (ids.has(s.id)) out.push({ field: `sets[${i}].id`, value: s.id, accepted: { kind: 'rule', rule: 'unique_name', detail: { name: s.id } } });
    keys.add(key);
    ids.add(s.id);
  });
  return out;
}

function checkCalibration(data: unknown, source: string): { entries: number; problems: Problem[] } {
  const sets = (data as { sets?: unknown }).sets;
  const entries = Array.isArray(sets) ? sets.length : 0;
  const parsed = z.safeParse(PerfCalibrationFileSchema, data);
  if (!parsed.success) return { entries, problems: problemsFromIssues(parsed.error.issues, data, { source }).map((p) => ({ ...p, source })) };
  return { entries, problems: [...efficienciesWithinCeilings(parsed.data), ...calibrationKeysUnique(parsed.data)].map((p) => ({ ...p, source })) };
}

/** A prices file: the prices loader's check (schema, known servers, one entry per server), then the price rules. */
function checkPrices(data: unknown, source: string, servers: readonly string[]): { entries: number; problems: Problem[] } {
  const list = Array.isArray(data) ? data : (data as { prices?: unknown }).prices;
  const entries = Array.isArray(list) ? list.length : 0;
  const r = checkPricesData(data, source, servers.map((name) => ({ name })));
  if (!r.ok) return { entries, problems: [...r.problems] };
  const prefix = Array.isArray(data) ? '' : 'prices';
  const problems: Problem[] = [];
  r.value.prices.forEach((p, i) => {
    const at = `${prefix}[${i}] (${p.server})`;
    for (const found of [reservedWithinOnDemand(p, at), priceDateWithinAsOf(p, at, r.value.as_of)]) if (found) problems.push({ ...found, source });
  });
  return { entries, problems };
}

const KINDS: { readonly [K in ValidateKind]: (data: unknown, source: string, servers: readonly string[]) => { entries: number; problems: Problem[] } } = {
  models: (d, s) => checkCatalogKind('models', d, s),
  servers: (d, s) => checkCatalogKind('servers', d, s),
  storage: (d, s) => checkCatalogKind('storage', d, s),
  perf_calibration: checkCalibration,
  prices: checkPrices,
};

/**
 * Check one file's text: every problem it has, each with its entry and field. `knownServers`: the
 * servers a prices file may price (default: the built-in ones).
 */
export function validateCatalogText(text: string, source: string, knownServers: readonly string[] = BUILTIN_CATALOG.servers.map((s) => s.name)): FileReport {
  const refused = (problem: Problem): FileReport => ({ file: source, kind: undefined, entries: 0, findings: [{ problem }] });
  const parsed = parseJsonFile(text, source);
  if (!parsed.ok) return refused(parsed.problems[0]!);
  const data = parsed.value;
  const kind = kindOf(data);
  if (kind === undefined) return refused({ field: '(file)', value: undefined, accepted: { kind: 'rule', rule: 'catalog_kind', detail: { keys: Object.keys(KIND_KEYS) } }, source });
  const checked = KINDS[kind](data, source, knownServers);
  // A number the file wrote beyond a double is shown as written, not as Infinity.
  const r = { ...checked, problems: withNumberLiterals(checked.problems, text) };
  // Entry by entry, in the file's order (the schema's and the rules' problems of one entry together).
  const index = (p: Problem) => Number(/^[a-z_]*\[(\d+)\]/.exec(p.field)?.[1] ?? -1);
  const sorted = r.problems.map((p, i) => ({ p, i })).sort((a, b) => index(a.p) - index(b.p) || a.i - b.i).map((x) => x.p);
  return { file: source, kind, entries: r.entries, findings: sorted.map(finding) };
}

/** The figures of a price entry the price rules read (src/schema/catalog.ts PriceEntry on branch i11-cost). */
export interface PriceFigures {
  readonly server: string;
  readonly date: string;
  readonly on_demand_usd_per_gpu_hour?: number | null | undefined;
  readonly reserved_usd_per_gpu_hour?: number | null | undefined;
}

/** A commitment is not dearer than no commitment: reserved ≤ on-demand US$/GPU-hour, when both are given. */
export const reservedWithinOnDemand = (p: PriceFigures, at: string): Problem | undefined => {
  const od = p.on_demand_usd_per_gpu_hour;
  const rs = p.reserved_usd_per_gpu_hour;
  if (od === undefined || od === null || rs === undefined || rs === null || rs <= od) return undefined;
  return { field: `${at}.reserved_usd_per_gpu_hour`, value: rs, accepted: { kind: 'rule', rule: 'price_reserved_above_on_demand', detail: { server: p.server, on_demand: od } } };
};

/** A price is read no later than the file says it is dated (`as_of`); ISO dates compare as text. */
export const priceDateWithinAsOf = (p: PriceFigures, at: string, asOf: string | undefined): Problem | undefined => {
  if (asOf === undefined || p.date <= asOf) return undefined;
  return { field: `${at}.date`, value: p.date, accepted: { kind: 'rule', rule: 'price_date_after_as_of', detail: { server: p.server, as_of: asOf } } };
};

