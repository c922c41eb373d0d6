/**
 * The performance model (issue 10): decode and prefill times from a roofline corrected by fitted
 * efficiencies, performance at a load, the SLO search, and 80 % intervals. Pure.
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
export { performance } from './load.ts';
export { sloSessionsPerReplica } from './slo.ts';
