/**
 * The one path from a raw request to a result, shared by the CLI, batch mode and the HTTP
 * API: validate → resolve catalog names → plan (defaults, layout) → size. Pure (no I/O).
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import { planSizing, type SizingPlan } from '../core/plan.ts';
import { size, type SizingResult } from '../core/sizing.ts';
import type { Result } from '../schema/problems.ts';
import type { ValidatedRequest } from '../schema/request.ts';
import { plan } from './plan.ts';

export function sizeRequest(raw: unknown, catalog: CatalogIndex, source?: string, ignoredKeys?: readonly string[]): Result<SizingResult> {
  const planned = plan(raw, catalog, source, ignoredKeys);
  if (!planned.ok) return planned;
  return { ok: true, value: size(planned.value) };
}

/** The steps after validation (batch mode's quick check, src/app/quick-request.ts): resolve the catalog names, plan, size. */
export function sizeValidRequest(request: ValidatedRequest, catalog: CatalogIndex, source?: string): Result<SizingResult> {
  const planned = planValidRequest(request, catalog, source);
  return planned.ok ? { ok: true, value: size(planned.value) } : planned;
}

/** A validated request's plan: its catalog names resolved, its layout checked, its defaults filled in. */
export function planValidRequest(request: ValidatedRequest, catalog: CatalogIndex, source?: string): Result<SizingPlan> {
  const entries = catalog.resolve(request, source);
  if (!entries.ok) return entries;
  return planSizing(entries.value, request, source);
}
