/**
 * The planning step from what callers hold: a raw request (batch line, API body, CLI flags in
 * snake_case) and a catalog, or catalog entries and a typed request (the web page's chart sweeps,
 * tests). Both validate every field, then plan (src/core/plan.ts): defaults applied and the layout
 * resolved once. Pure.
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import { planSizing, type SizingPlan } from '../core/plan.ts';
import type { FullSizingRequest, SizingEntries } from '../core/sizing.ts';
import type { Result } from '../schema/problems.ts';
import { validateRequest } from '../schema/request.ts';

/** Validate a raw request, resolve its catalog names, and plan it. `ignoredKeys` are allowed and left out. */
export function plan(raw: unknown, catalog: CatalogIndex, source?: string, ignoredKeys?: readonly string[]): Result<SizingPlan> {
  const request = validateRequest(raw, source, ignoredKeys);
  if (!request.ok) return request;
  const entries = catalog.resolve(request.value, source);
  if (!entries.ok) return entries;
  return planSizing(entries.value, request.value, source);
}

/** Validate a typed request's fields and plan it over the given entries (which need not be in any catalog). */
export function planEntries(entries: SizingEntries, request: FullSizingRequest, source?: string): Result<SizingPlan> {
  const validated = validateRequest({ ...request, model: entries.model.name, server: entries.server.name, storage: entries.storage.name }, source);
  if (!validated.ok) return validated;
  return planSizing(entries, validated.value, source);
}
