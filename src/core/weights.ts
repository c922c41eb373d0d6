/**
 * Weights memory: parameters × bytes per parameter, when the parameter count is known (catalog field
 * or --params-b). Used for the report and for an alert when the fixed runtime overhead is smaller
 * than the weights alone; the KV budget itself stays version 2.0's (deployment-aware budgets come with
 * issue #4).
 */
import type { ModelEntry } from '../schema/catalog.ts';
import { BYTES_PER_GIB } from './units.ts';

/** bf16: what weights are stored as when nothing says otherwise. */
export const DEFAULT_WEIGHT_BYTES_PER_PARAM = 2;

export interface WeightsMemory {
  readonly params_b: number;
  readonly bytes_per_param: number;
  /** True when the model does not say how its weights are stored and bf16 was assumed. */
  readonly assumed_bytes_per_param: boolean;
  readonly gib: number;
}

/**
 * @example weightsMemory({ ...model, weights_bytes_per_param: 2 }, 8.03) //=> { gib: 14.957..., … }
 */
export function weightsMemory(model: ModelEntry, paramsB?: number): WeightsMemory | null {
  const params = paramsB ?? model.total_params_b ?? undefined;
  if (params === undefined || params === null) return null;
  const given = model.weights_bytes_per_param ?? undefined;
  const bytesPerParam = given ?? DEFAULT_WEIGHT_BYTES_PER_PARAM;
  return { params_b: params, bytes_per_param: bytesPerParam, assumed_bytes_per_param: given === undefined, gib: (params * 1e9 * bytesPerParam) / BYTES_PER_GIB };
}
