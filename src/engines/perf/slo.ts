import type { SizingPlan } from '../../core/plan.ts';
import type { SloResult, SloTargets, Workload } from './types.ts';

/** The largest sessions per replica meeting the targets and fitting in memory (in progress: the signature is final). */
export function sloSessionsPerReplica(_plan: SizingPlan, _workload: Workload, _slo: SloTargets): SloResult {
  throw new Error('sloSessionsPerReplica(): not implemented yet');
}
