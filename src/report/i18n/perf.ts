/**
 * The words of the "Latency and throughput" section (issue 10), one table per locale (perf-en.ts,
 * perf-pt-BR.ts): a key missing in a locale fails `tsc`. Figures arrive as numbers and are formatted
 * with the locale's `Fmt`.
 */
import type { PerfRationaleKey } from '../../core/perf-rationale.ts';
import type { PerfBound } from '../../engines/perf/index.ts';
import type { SessionLimit } from '../../core/workload.ts';
import type { Fmt } from '../format.ts';

/** What an explanation of one performance figure receives. */
export interface PerfExplanationParams {
  /** Sessions per replica the node counts use. */
  readonly sessions_per_replica: number;
  /** Sessions in flight per replica at the design load (fractional: the load shared evenly). */
  readonly load_sessions_per_replica: number | null;
  readonly memory_sessions_per_replica: number;
  readonly slo_sessions_per_replica: number | null;
  readonly limit: SessionLimit;
  readonly ttft_p99_ms: number | null;
  readonly tpot_p99_ms: number | null;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly request_rate: number | null;
  readonly concurrency: number;
  readonly time_in_system_s: number | null;
  readonly step_ms: number | null;
  readonly prefill_ms: number | null;
  readonly queue_wait_ms: number | null;
  readonly tpot: { readonly p50: number; readonly p99: number } | null;
  readonly ttft: { readonly p50: number; readonly p99: number } | null;
  readonly output_tokens_per_s: number | null;
  readonly replicas: number;
  readonly bound: PerfBound | null;
  readonly nodes_final: number | null;
  readonly nodes_final_memory: number | null;
  readonly range: { readonly low: number; readonly high: number | null } | null;
  readonly ha_extra_nodes: number;
}

export interface PerfPhrases {
  /** The section's title. */
  readonly title: string;
  readonly workloadTitle: string;
  /** Labels of the facts and figures. */
  readonly label: {
    readonly inputTokens: string;
    readonly outputTokens: string;
    readonly load: string;
    readonly targets: string;
    readonly designLoad: string;
    readonly sessionsPerReplica: string;
    readonly ttft: string;
    readonly tpot: string;
    readonly tokensPerS: string;
    readonly tokensPerSPerNode: string;
    readonly requestsPerS: string;
    readonly bound: string;
    readonly nodes: string;
    readonly meetsTargets: string;
    readonly calibration: string;
  };
  /** "(default)" after a token count the request did not give. */
  readonly byDefault: string;
  readonly noTarget: string;
  readonly yes: string;
  readonly no: string;
  readonly infeasible: string;
  readonly bound: Readonly<Record<PerfBound, string>>;
  readonly limit: Readonly<Record<SessionLimit, string>>;
  /** The load as given: sessions in flight, or requests/s (with Little's sessions). */
  loadConcurrency(p: { concurrency: number }, f: Fmt): string;
  loadRate(p: { rate: number; concurrency: number }, f: Fmt): string;
  /** The design load of a scenario: its peak over the replicas left with the HA spares down. */
  designLoad(p: { concurrency: number | null; rate: number | null; replicas: number; ha_extra_nodes: number }, f: Fmt): string;
  /** p50 and p99 with the p99's 80 % interval. */
  latency(p: { p50: number; p99: number; low: number; high: number }, f: Fmt): string;
  /** A rate with its 80 % interval. */
  rate(p: { value: number; low: number; high: number }, f: Fmt): string;
  /** "9 nodes, 8–11 at 80 %" (high null: the pessimistic end may not meet the targets). */
  nodesRange(p: { nodes: number; low: number; high: number | null; memory: number | null }, f: Fmt): string;
  /** Which calibration set; `extrapolated` when none was fitted for this GPU family and engine. */
  calibration(p: { id: string; extrapolated: boolean }): string;
  /** The plain-words interpretation of one figure. */
  readonly explanation: { readonly [K in PerfRationaleKey]: (p: PerfExplanationParams, f: Fmt) => string };
}
