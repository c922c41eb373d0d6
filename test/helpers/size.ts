/**
 * `size(entries, request)` for tests: the request goes through the planning step (validation, defaults,
 * layout) like every caller's, then `size()`. A request the planner refuses is a test's mistake: it throws.
 */
import { planEntries } from '../../src/app/plan.ts';
import { size as sizePlan, type FullSizingRequest, type SizingEntries, type SizingResult } from '../../src/core/sizing.ts';
import type { SizingPlan } from '../../src/core/plan.ts';

export function planned(entries: SizingEntries, request: FullSizingRequest): SizingPlan {
  const p = planEntries(entries, request);
  if (!p.ok) throw new Error(`the planner refused the request: ${JSON.stringify(p.problems)}`);
  return p.value;
}

export function size(entries: SizingEntries, request: FullSizingRequest): SizingResult {
  return sizePlan(planned(entries, request));
}
