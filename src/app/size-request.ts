/**
 * The one path from a raw request to a result, shared by the CLI, batch mode and (later) the HTTP
 * API: validate → resolve catalog names → size. Pure (no I/O).
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import { size, type SizingResult } from '../core/sizing.ts';
import type { Result } from '../schema/problems.ts';
import { validateRequest } from '../schema/request.ts';

export function sizeRequest(raw: unknown, catalog: CatalogIndex, source?: string, ignoredKeys?: readonly string[]): Result<SizingResult> {
  const request = validateRequest(raw, source, ignoredKeys);
  if (!request.ok) return request;
  const entries = catalog.resolve(request.value, source);
  if (!entries.ok) return entries;
  return { ok: true, value: size(entries.value, request.value) };
}
