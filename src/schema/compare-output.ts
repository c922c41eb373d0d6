/**
 * The JSON contract of `llm-sizing compare --json-only`, `POST /api/v1/compare` and the library's
 * `compare()`: the single source of its TypeScript type and of the OpenAPI document's `CompareOutput`.
 */
import * as z from 'zod/mini';
import { COMPARE_FIELDS, COMPARE_SORTS } from '../app/compare.ts';

const count = () => z.int().check(z.minimum(0));
const figure = (what: string) => z.nullable(z.number()).check(z.describe(`${what}; null when not known (infeasible, no workload, or no price).`));
const value = z.union([z.string(), z.number()]);
const OptionSchema = z.partialRecord(z.enum(COMPARE_FIELDS), value).check(z.describe("The option: each crossed field's value."));
const nodes = () => z.nullable(z.int());

const DifferenceSchema = z.union([
  z.strictObject({ kind: z.literal('costs_more'), usd_per_month: z.number(), ratio: z.number() }),
  z.strictObject({ kind: z.literal('same_cost') }),
  z.strictObject({ kind: z.literal('more_nodes'), nodes: z.int() }),
  z.strictObject({ kind: z.literal('fewer_nodes'), nodes: z.int() }),
  z.strictObject({ kind: z.literal('same_nodes') }),
  z.strictObject({ kind: z.literal('higher_tpot'), ms: z.number() }),
  z.strictObject({ kind: z.literal('lower_tpot'), ms: z.number() }),
]);

const ReasonSchema = z.union([
  z.strictObject({ kind: z.literal('problem'), field: z.string(), value: z.unknown(), accepted: z.record(z.string(), z.unknown()), message: z.string() }),
  z.strictObject({ kind: z.literal('alert'), code: z.string(), message: z.string() }),
]);

export const CompareRowSchema = z.strictObject({
  id: z.int().check(z.describe('1-based, in the order of the cross (the first list varies slowest).')),
  rank: z.nullable(z.int()).check(z.describe('Place among the feasible options in the chosen order; null when infeasible.')),
  option: OptionSchema,
  feasible: z.boolean().check(z.describe('The RECOMMENDED scenario can be sized.')),
  eligible: z.boolean().check(z.describe('Feasible, and meeting every latency target given.')),
  recommended: z.boolean(),
  dominated_by: z.nullable(z.int()).check(z.describe('The id of an option that dominates it (the cheapest such), or null.')),
  nodes: z.strictObject({ minimum: nodes(), recommended: nodes(), ideal: nodes() }),
  sessions_per_node: figure('Sessions per node of the RECOMMENDED scenario'),
  limit: z.nullable(z.enum(['memory', 'slo'])).check(z.describe('What caps the sessions per node: memory, or a latency target.')),
  bound: z.nullable(z.enum(['memory', 'compute', 'bandwidth', 'queueing'])).check(z.describe("What sets the step time at the design load (the performance model's binding limit).")),
  ttft_p99_ms: figure('TTFT p99 at the design load, ms'),
  tpot_p99_ms: figure('TPOT p99 at the design load, ms'),
  output_tokens_per_s: figure('Output tokens/s of the deployment at the design load'),
  meets_targets: z.nullable(z.boolean()),
  usd_per_month: figure('Fleet cost, $/month (730 h), spares included'),
  usd_per_million_output_tokens: figure('$ per million output tokens at the design load'),
  power_kw: figure('Nameplate power of the fleet, kW'),
  reasons: z.array(ReasonSchema).check(z.describe("Why it is infeasible: the planner's problems or the scenario's error alerts, each with its sentence.")),
});

export const CompareOutputSchema = z.strictObject({
  request: z.record(z.string(), z.unknown()).check(z.describe('The request every option shares, as given.')),
  lists: z.partialRecord(z.enum(COMPARE_FIELDS), z.array(value)),
  sort: z.enum(COMPARE_SORTS),
  counts: z.strictObject({ options: count(), feasible: count(), eligible: count(), infeasible: count(), shown: count() }),
  rows: z.array(CompareRowSchema).check(z.describe('The feasible options ranked, then the infeasible ones (at most `top` in all when it is given).')),
  recommendation: z.nullable(
    z.strictObject({
      id: z.int(),
      option: OptionSchema,
      basis: z.enum(['cost', 'nodes']).check(z.describe('cost: the cheapest eligible option; nodes: no eligible option has a price, the fewest nodes.')),
      candidates: count(),
      excluded: z.strictObject({ infeasible: count(), misses_targets: count(), no_price: count() }),
      runner_up: z.nullable(z.strictObject({ id: z.int(), option: OptionSchema, differences: z.array(DifferenceSchema) })),
      text: z.array(z.string()).check(z.describe('The recommendation and why, as sentences in the requested language.')),
    }),
  ),
});

export type CompareOutput = z.infer<typeof CompareOutputSchema>;
export type CompareRowOutput = z.infer<typeof CompareRowSchema>;
