/**
 * Parse and check a prices file (issue 11): `{ "as_of": "YYYY-MM-DD", "facility": {...}, "prices": [...] }`
 * (a bare array of price entries is accepted too). Text in, entries or problems out; reading the file
 * is the caller's I/O. Every problem names the entry (`prices[2] (dgx-h900)`) and the field.
 *
 * The user's entries are merged like the other catalogs (src/catalog/extend.ts): each replaces the
 * built-in entry of the same server, the others are kept; with `--replace-catalog` they are the whole
 * list. A facility block given replaces the built-in facility terms.
 */
import * as z from 'zod/mini';
import { FacilityTermsSchema, PriceEntrySchema, type FacilityTerms, type PriceEntry, type PricesCatalog, type ServerEntry } from '../schema/catalog.ts';
import { COST_LIMITS as C } from '../schema/limits.ts';
import { type Accepted, closest, problemsFromIssues, type Problem, type Result } from '../schema/problems.ts';
import { withEntries } from './extend.ts';
import { parseCheckedJsonFile } from './load.ts';

/** What a prices file gives: its entries, and its facility terms and date when present. */
export interface PricesFile {
  readonly as_of?: string | undefined;
  readonly facility?: FacilityTerms | undefined;
  readonly prices: readonly PriceEntry[];
}

const positive = (max: number): Accepted => ({ kind: 'number', min: 0, minExclusive: true, max });
const RANGES: Readonly<Record<string, Accepted>> = {
  capex_usd_per_node: positive(C.usd),
  on_demand_usd_per_gpu_hour: positive(C.usd),
  reserved_usd_per_gpu_hour: positive(C.usd),
  usd_per_kwh: positive(C.usd_per_kwh),
  pue: { kind: 'number', min: 1, max: C.pue },
  amortisation_years: positive(C.amortisation_years),
};
const ENTRY_KEYS = Object.keys(PriceEntrySchema.shape);
const FACILITY_KEYS = Object.keys(FacilityTermsSchema.shape);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Check already-parsed JSON as a prices file. `servers` are the servers catalog's entries (after the
 * user's --servers-file): a price for a server it does not hold is refused, naming the entry.
 */
export function checkPricesData(data: unknown, source: string, servers: readonly Pick<ServerEntry, 'name'>[]): Result<PricesFile> {
  const problems: Problem[] = [];
  let list: unknown = data;
  let prefix = '';
  let facility: FacilityTerms | undefined;
  let asOf: string | undefined;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    list = record.prices;
    prefix = 'prices';
    if (list === undefined) return { ok: false, problems: [{ field: 'prices', value: undefined, accepted: { kind: 'rule', rule: 'catalog_top_level', detail: { key: 'prices' } }, source }] };
    if (record.as_of !== undefined) {
      if (typeof record.as_of === 'string' && DATE.test(record.as_of)) asOf = record.as_of;
      else problems.push({ field: 'as_of', value: record.as_of, accepted: { kind: 'string' }, source });
    }
    if (record.facility !== undefined) {
      const parsed = z.safeParse(FacilityTermsSchema, record.facility);
      if (parsed.success) facility = parsed.data;
      else for (const p of problemsFromIssues(parsed.error.issues, record.facility, { source, ranges: RANGES, knownKeys: FACILITY_KEYS })) problems.push({ ...p, field: `facility.${p.field}` });
    }
  }
  if (!Array.isArray(list)) return { ok: false, problems: [...problems, { field: prefix || '(file)', value: list, accepted: { kind: 'array' }, source }] };
  const known = servers.map((s) => s.name);
  const knownSet = new Set(known);
  const seen = new Set<string>();
  const entries: PriceEntry[] = [];
  list.forEach((raw, i) => {
    const server = raw !== null && typeof raw === 'object' && typeof (raw as { server?: unknown }).server === 'string' ? (raw as { server: string }).server : undefined;
    const at = `${prefix}[${i}]${server !== undefined ? ` (${server})` : ''}`;
    const parsed = z.safeParse(PriceEntrySchema, raw);
    if (!parsed.success) {
      for (const p of problemsFromIssues(parsed.error.issues, raw, { source, ranges: RANGES, knownKeys: ENTRY_KEYS })) problems.push({ ...p, field: p.field ? `${at}.${p.field}` : at });
      return;
    }
    const entry = parsed.data;
    if (!knownSet.has(entry.server)) {
      problems.push({ field: `${at}.server`, value: entry.server, accepted: { kind: 'one_of', values: known, suggestion: closest(entry.server, known) }, source });
      return;
    }
    if (seen.has(entry.server)) {
      problems.push({ field: `${at}.server`, value: entry.server, accepted: { kind: 'rule', rule: 'unique_name', detail: { name: entry.server } }, source });
      return;
    }
    seen.add(entry.server);
    entries.push(entry);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ...(asOf !== undefined ? { as_of: asOf } : {}), ...(facility ? { facility } : {}), prices: entries } };
}

/** Parse a prices file's text, then check its entries against the servers known (`parseCheckedJsonFile`). */
export function parsePricesFile(text: string, source: string, servers: readonly Pick<ServerEntry, 'name'>[]): Result<PricesFile> {
  return parseCheckedJsonFile(text, source, (data) => checkPricesData(data, source, servers));
}

/**
 * The user's prices over the built-in ones: entries replace built-in entries of the same server (or,
 * with `replace`, are the whole list); a facility block replaces the facility terms; the date is the
 * file's, else the built-in one's.
 */
export function withPrices(builtIn: PricesCatalog, given: PricesFile, replace: boolean): PricesCatalog {
  return {
    as_of: given.as_of ?? builtIn.as_of,
    facility: given.facility ?? builtIn.facility,
    // Keyed by server, as the other catalogs are by name.
    prices: withEntries(builtIn.prices, given.prices, replace, (p) => p.server),
  };
}
