/**
 * The fitted calibration sets (src/catalog/data/perf-calibration.json, made by fit.ts and checked by
 * test/engine/perf-fit.test.ts) and their look-up by GPU family and engine. The seed memory model uses
 * the vLLM set. Without a set for the pair, the nearest is used and marked `extrapolated`: the same
 * engine on another GPU family, else another engine on the same family, else the first set; its
 * interval factors are widened by 25 % on each side (low ÷ 1.25, high × 1.25). Pure.
 */
import data from '../../catalog/data/perf-calibration.json' with { type: 'json' };
import type { GpuArchitecture } from '../../schema/catalog.ts';
import type { MemoryModel } from '../settings.ts';
import type { RooflineConstants } from './roofline.ts';
import type { Interval, PerfCalibrationSet, PerfMetric } from './types.ts';

/** A set as the model uses it: fitted constants plus the kernel-measured efficiencies. */
export interface ResolvedCalibration {
  readonly id: string;
  readonly source: string;
  readonly extrapolated: boolean;
  readonly constants: RooflineConstants;
  readonly interval_factors: { readonly [M in PerfMetric]: Interval };
}

export interface PerfCalibrationFile {
  about: string;
  source: string;
  date: string;
  kernel: { kv_bandwidth_efficiency: number; attention_compute_efficiency: number; bandwidth_ceiling: number; compute_ceiling: number; source: string };
  sets: PerfCalibrationSet[];
  fit: { rows: string[]; values: number; loss: number };
}

export const PERF_CALIBRATION = data as unknown as PerfCalibrationFile;

/** Widening of an extrapolated set's interval factors. */
export const EXTRAPOLATION_WIDENING = 1.25;

export function widenInterval(f: { readonly [M in PerfMetric]: Interval }): { [M in PerfMetric]: Interval } {
  const w = (i: Interval): Interval => ({ low: i.low / EXTRAPOLATION_WIDENING, high: i.high * EXTRAPOLATION_WIDENING });
  return { output_tokens_per_s: w(f.output_tokens_per_s), tpot_ms: w(f.tpot_ms), ttft_ms: w(f.ttft_ms) };
}

function resolve(set: PerfCalibrationSet, file: PerfCalibrationFile, extrapolated: boolean): ResolvedCalibration {
  return {
    id: set.id,
    source: set.source,
    extrapolated,
    constants: { ...set.constants, kv_bandwidth_efficiency: file.kernel.kv_bandwidth_efficiency, attention_compute_efficiency: file.kernel.attention_compute_efficiency },
    interval_factors: set.interval_factors,
  };
}

/**
 * Resolved sets by file, then GPU family and memory model: every performance figure looks its set up,
 * several times a sizing (a memo of a pure function; the resolved sets are frozen and shared).
 */
const resolvedSets = new WeakMap<PerfCalibrationFile, Map<GpuArchitecture | null, Map<MemoryModel, ResolvedCalibration>>>();

/** The calibration set for a GPU family and memory model (see the module comment for the fallback). */
export function calibrationFor(arch: GpuArchitecture | null, memoryModel: MemoryModel, file: PerfCalibrationFile = PERF_CALIBRATION): ResolvedCalibration {
  let byArch = resolvedSets.get(file);
  if (byArch === undefined) resolvedSets.set(file, (byArch = new Map()));
  let byModel = byArch.get(arch);
  if (byModel === undefined) byArch.set(arch, (byModel = new Map()));
  let r = byModel.get(memoryModel);
  if (r === undefined) byModel.set(memoryModel, (r = deepFreeze(findCalibration(arch, memoryModel, file))));
  return r;
}

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

function findCalibration(arch: GpuArchitecture | null, memoryModel: MemoryModel, file: PerfCalibrationFile): ResolvedCalibration {
  const engine = memoryModel === 'seed' ? 'vllm' : memoryModel;
  const sets = file.sets;
  const exact = sets.find((s) => s.gpu_architecture === arch && s.engine === engine);
  if (exact) return resolve(exact, file, false);
  const near = sets.find((s) => s.engine === engine) ?? sets.find((s) => s.gpu_architecture === arch) ?? sets[0];
  if (!near) throw new Error('perf-calibration.json holds no calibration set');
  return resolve(near, file, true);
}
