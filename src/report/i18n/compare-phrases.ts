/**
 * The words of `llm-sizing compare`'s outputs (src/report/compare.ts): one locale's. Figures come in
 * formatted in the locale's way (strings); a locale that misses a phrase fails `tsc` (Phrases.compare).
 */
import type { CompareField, CompareSort, RunnerUpDifference } from '../../app/compare.ts';

type DifferenceParams = { [K in RunnerUpDifference['kind']]: Record<Exclude<keyof Extract<RunnerUpDifference, { kind: K }>, 'kind'>, string> };

export interface ComparePhrases {
  /** The first line: the model, the load, and how many options. */
  title(p: { model: string; options: string; feasible: string; eligible: string; targets: boolean }): string;
  /** What the rows are ranked by. */
  sorted(p: { by: string }): string;
  readonly sortBy: { readonly [S in CompareSort]: string };
  /** The crossed fields' names, as table columns. */
  readonly field: { readonly [F in CompareField]: string };
  readonly column: {
    /** The option's number (its place in the cross; the rank is the row's place). */
    readonly id: string;
    readonly nodes: string;
    readonly sessions: string;
    readonly limit: string;
    readonly tpot: string;
    readonly ttft: string;
    readonly tokens: string;
    readonly usdMonth: string;
    readonly usdPerMillion: string;
    readonly kw: string;
    readonly note: string;
  };
  readonly limit: { readonly memory: string; readonly slo: string };
  readonly recommendedMark: string;
  dominated(p: { id: string }): string;
  readonly missesTargets: string;
  /** Under the table when some rows were left out (--top). */
  shown(p: { shown: string; total: string }): string;
  /** Under the table when no option has a price. */
  readonly noPrices: string;
  readonly infeasibleHeading: string;
  readonly dominanceNote: string;
  readonly recommendation: {
    readonly heading: string;
    winner(p: { id: string; option: string; nodes: string; cost: string | null }): string;
    basisCost(p: { candidates: string }): string;
    basisNodes(p: { candidates: string }): string;
    excluded(p: { infeasible: string; misses_targets: string; no_price: string }): string;
    runnerUp(p: { id: string; option: string; differences: string }): string;
    readonly difference: { readonly [K in RunnerUpDifference['kind']]: (p: DifferenceParams[K]) => string };
    readonly noRunnerUp: string;
    none(p: { infeasible: string; misses_targets: string }): string;
  };
  readonly executive: { readonly heading: string; readonly intro: string };
}
