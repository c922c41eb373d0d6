/**
 * The one path from a raw request to a result, shared by the CLI, batch mode and the HTTP
 * API: validate → resolve catalog names → plan (defaults, layout) → size. Pure (no I/O).
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import { size, type SizingResult } from '../core/sizing.ts';
import type { Result } from '../schema/problems.ts';
import { plan } from './plan.ts';

export function sizeRequest(raw: unknown, catalog: CatalogIndex, source?: string, ignoredKeys?: readonly string[]): Result<SizingResult> {
  const planned = plan(raw, catalog, source, ignoredKeys);
  if (!planned.ok) return planned;
  return { ok: true, value: size(planned.value) };
}
