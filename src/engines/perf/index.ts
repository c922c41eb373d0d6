/**
 * The performance model (issue 10): decode and prefill times from a roofline corrected by fitted
 * efficiencies, performance at a load, the SLO search, and 80 % intervals. Pure. See
 * docs/performance-model.md.
 */
export type {
  Interval,
  Performance,
  PerfBound,
  PerfCalibrationSet,
  PerfConstants,
  PerfMetric,
  PerfTerms,
  PrefillTerms,
  SloInfeasibleReason,
  SloResult,
  SloTargets,
  StepTerms,
  Workload,
} from './types.ts';
export { defaultReplicas, evaluateLoad, type LoadResult, performance, performanceAt, performanceOf, replicaLoad, type ReplicaLoad, scaledLoad } from './load.ts';
export { sloSessionsOf, sloSessionsPerReplica } from './slo.ts';
export { applyFactors, conformalFactors, nodeRange } from './interval.ts';
export { type PreparedDeployment, perfMissingFigures, prepareDeployment, ENGINE_MAX_BATCH } from './deployment.ts';
export { activeParamsB, decodeStep, expertsTouched, kvReadPerSession, prefill, type PerfDeployment, type RooflineConstants } from './roofline.ts';
export { calibrationFor, EXTRAPOLATION_WIDENING, PERF_CALIBRATION, type ResolvedCalibration } from './calibration.ts';
