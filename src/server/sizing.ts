/**
 * An API body → a sizing result, through the same path as the CLI (`sizeRequest`): the batch-line
 * fields, or `hf_config` (a Hugging Face config.json object, with an optional `name`) instead of
 * `model`, imported as `--hf-config` imports a file. Pure: no I/O.
 */
import { sizeRequest } from '../app/size-request.ts';
import { importHfConfig } from '../catalog/hf-import.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import type { SizingResult } from '../core/sizing.ts';
import { type Problem, type Result, TRIMMED_NAME, trimmedNameProblem } from '../schema/problems.ts';
import { MAX_CONFIG_LAYERS } from './limits.ts';

/** Body fields besides the request's own. */
export const HF_CONFIG_FIELD = 'hf_config';
export const NAME_FIELD = 'name';
const EXTRA_KEYS = [HF_CONFIG_FIELD, NAME_FIELD] as const;
/** A model imported from an inline config without a name (and without `_name_or_path`). */
export const INLINE_CONFIG_FALLBACK_NAME = 'imported-model';

/** The config keys that give a layer count, as the import reads them (at the top, or in text_config). */
const LAYER_KEYS = ['num_hidden_layers', 'n_layer', 'num_layers'] as const;

/**
 * Layer counts above MAX_CONFIG_LAYERS, refused before the import, which builds one entry per layer
 * (a 256-byte body saying a billion layers would fill the memory). Other values are the import's.
 */
export function configLayerProblems(config: unknown): Problem[] {
  const problems: Problem[] = [];
  const check = (o: unknown, prefix: string) => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return;
    for (const key of LAYER_KEYS) {
      const v = (o as Record<string, unknown>)[key];
      if (typeof v === 'number' && v > MAX_CONFIG_LAYERS) problems.push({ field: `${prefix}${key}`, value: v, accepted: { kind: 'integer', min: 1, max: MAX_CONFIG_LAYERS } });
    }
  };
  check(config, `${HF_CONFIG_FIELD}.`);
  if (config !== null && typeof config === 'object') check((config as Record<string, unknown>).text_config, `${HF_CONFIG_FIELD}.text_config.`);
  return problems;
}

export function sizeBody(body: unknown, catalog: CatalogIndex): Result<SizingResult> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return sizeRequest(body, catalog);
  const record = body as Record<string, unknown>;
  const { hf_config: config, name, ...request } = record;
  const problems: Problem[] = [];
  if (name !== undefined && config === undefined) {
    problems.push({ field: NAME_FIELD, value: name, accepted: { kind: 'rule', rule: 'name_needs_config', detail: {} } });
  }
  if (name !== undefined && (typeof name !== 'string' || !TRIMMED_NAME.test(name))) problems.push(trimmedNameProblem(NAME_FIELD, name));
  let index = catalog;
  if (config !== undefined) {
    if (request.model !== undefined) problems.push({ field: HF_CONFIG_FIELD, value: '(object)', accepted: { kind: 'exclusive', with: 'model' } });
    else problems.push(...configLayerProblems(config));
    if (request.model === undefined && problems.length === 0) {
      const imported = importHfConfig(config, { name: typeof name === 'string' ? name : undefined, fallbackName: INLINE_CONFIG_FALLBACK_NAME });
      if (!imported.ok) problems.push(...imported.problems.map((p) => ({ ...p, field: p.field.startsWith('(') ? HF_CONFIG_FIELD : `${HF_CONFIG_FIELD}.${p.field}` })));
      else {
        const model = imported.value.model;
        request.model = model.name;
        index = catalog.withModel(model);
      }
    }
  }
  const sized = sizeRequest(config === undefined ? record : request, index, undefined, config === undefined ? [NAME_FIELD] : EXTRA_KEYS);
  // A config that could not be imported is its own problem, not also a missing `model`.
  const missingModel = (p: Problem) => config !== undefined && request.model === undefined && p.field === 'model' && p.accepted.kind === 'required';
  if (!sized.ok) return { ok: false, problems: [...problems, ...sized.problems.filter((p) => !missingModel(p))] };
  if (problems.length > 0) return { ok: false, problems };
  return sized;
}
