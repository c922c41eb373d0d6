/**
 * The one path from a raw request to a result, shared by the CLI, batch mode and the HTTP
 * API: validate → resolve catalog names → size. Pure (no I/O).
 */
import type { CatalogIndex } from '../catalog/lookup.ts';
import { deploymentRequested, resolveLayout } from '../core/deployment.ts';
import { size, type SizingResult } from '../core/sizing.ts';
import type { Result } from '../schema/problems.ts';
import { type SizingRequestInput, validateRequest } from '../schema/request.ts';

export function sizeRequest(raw: unknown, catalog: CatalogIndex, source?: string, ignoredKeys?: readonly string[]): Result<SizingResult> {
  const request = validateRequest(raw, source, ignoredKeys);
  if (!request.ok) return request;
  return sizeValidRequest(request.value, catalog, source);
}

/** The steps after validation: resolve catalog names, check the layout, size. */
export function sizeValidRequest(request: SizingRequestInput, catalog: CatalogIndex, source?: string): Result<SizingResult> {
  const entries = catalog.resolve(request, source);
  if (!entries.ok) return entries;
  if (deploymentRequested(request)) {
    const { problems } = resolveLayout(entries.value.model, entries.value.server, request);
    if (problems.length > 0) return { ok: false, problems: problems.map((p) => ({ ...p, source })) };
  }
  return { ok: true, value: size(entries.value, request) };
}
