import type { SizingPlan } from '../../core/plan.ts';
import type { Performance, Workload } from './types.ts';

/** Performance of a planned deployment at a load (in progress: the signature is final). */
export function performance(_plan: SizingPlan, _workload: Workload, _deploymentReplicas?: number): Performance {
  throw new Error('performance(): not implemented yet');
}
