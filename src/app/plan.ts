/**
 * The planning step from what callers hold: a raw request (batch line, API body, CLI flags in
 * snake_case) and a catalog, or catalog entries and a typed request (the web page's chart sweeps,
 * tests). Both validate every field, then plan (src/core/plan.ts): defaults applied and the layout
 * resolved once. Pure.
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import { planSizing, type SizingPlan } from '../core/plan.ts';
import type { FullSizingRequest, SizingEntries } from '../core/sizing.ts';
import type { Problem, Result } from '../schema/problems.ts';
import { REQUEST_FIELDS, validateRequest } from '../schema/request.ts';

/**
 * Validate a raw request, resolve its catalog names, and plan it. `ignoredKeys` are allowed and left
 * out. The fields and the names are checked in one pass: every problem of both comes back at once,
 * in the order of the request's fields (the layout, which needs both, is checked after).
 */
export function plan(raw: unknown, catalog: CatalogIndex, source?: string, ignoredKeys?: readonly string[]): Result<SizingPlan> {
  const checked = checkAndResolve(raw, catalog, validateRequest(raw, source, ignoredKeys), requestFieldRank, source);
  if (!checked.ok) return checked;
  return planSizing(checked.value.entries, checked.value.request, source);
}

/**
 * A raw request's validated fields (`validated`, from its own schema) with its catalog names resolved:
 * when either fails, every problem of both at once, sorted by `rank` (a field's place in the request's
 * field table), each field's in the order found. Shared by the sizing and the perf requests.
 */
export function checkAndResolve<T>(
  raw: unknown,
  catalog: CatalogIndex,
  validated: Result<T>,
  rank: (field: string) => number,
  source?: string,
): Result<{ request: T; entries: SizingEntries }> {
  const entries = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? catalog.resolve(raw, source) : undefined;
  if (!validated.ok) return { ok: false, problems: byFieldRank([...validated.problems, ...(entries && !entries.ok ? entries.problems : [])], rank) };
  if (!entries!.ok) return entries!;
  return { ok: true, value: { request: validated.value, entries: entries!.value } };
}

/** Problems sorted by the request field they concern (unknown fields first), each field's in the order found. */
export function inFieldOrder(problems: readonly Problem[]): Problem[] {
  return byFieldRank(problems, requestFieldRank);
}

/** Problems sorted by `rank` of their field (a field's place in its request's table), each field's in the order found. */
function byFieldRank(problems: readonly Problem[], rank: (field: string) => number): Problem[] {
  return [...problems].sort((a, b) => rank(a.field) - rank(b.field));
}

/** A field's place in the request field table (-1: not a request field). */
export function requestFieldRank(field: string): number {
  return (REQUEST_FIELDS as readonly string[]).indexOf(field);
}

/** Validate a typed request's fields and plan it over the given entries (which need not be in any catalog). */
export function planEntries(entries: SizingEntries, request: FullSizingRequest, source?: string): Result<SizingPlan> {
  const validated = validateRequest({ ...request, model: entries.model.name, server: entries.server.name, storage: entries.storage.name }, source);
  if (!validated.ok) return validated;
  return planSizing(entries, validated.value, source);
}
