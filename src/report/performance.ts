/**
 * The "Latency and throughput" section of a scenario and the workload facts (issue 10), as label/value
 * rows and rationale entries, built once for the text, Markdown and executive layouts. Present only
 * when the request gave a workload field (`SizingResult.workload`).
 */
import { PERF_RATIONALE_KEYS, type PerfRationaleKey, performanceRationale } from '../core/perf-rationale.ts';
import type { ScenarioKey } from '../core/scenarios.ts';
import type { SizingResult } from '../core/sizing.ts';
import type { RenderContext } from './context.ts';
import type { PerfExplanationParams } from './i18n/perf.ts';
import { type Fact, type FactBlock, fact } from './facts.ts';

export interface PerfRationaleEntry {
  readonly key: PerfRationaleKey;
  readonly label: string;
  readonly value: string;
  readonly formula: string;
  readonly inputs: Readonly<Record<string, number | string | null>>;
  readonly explanation: string;
}

export interface PerfSection {
  readonly title: string;
  readonly facts: readonly Fact[];
  readonly rationale: readonly PerfRationaleEntry[];
}

/** The workload block of the inputs: token counts (defaults marked), the load and the targets. */
export function workloadBlock(r: SizingResult, ctx: RenderContext): FactBlock | null {
  const w = r.workload;
  if (!w) return null;
  const { f } = ctx;
  const P = ctx.m.perf;
  const tokens = (n: number, source: 'input' | 'default') => `${f.int(n)}${source === 'default' ? ` ${P.byDefault}` : ''}`;
  const target = (x: number | null, name: string) => `${name} ${x === null ? P.noTarget : `${f.num(x, 2)} ms`}`;
  return {
    title: P.workloadTitle,
    facts: [
      fact(P.label.inputTokens, tokens(w.input_tokens, w.input_tokens_source)),
      fact(P.label.outputTokens, tokens(w.output_tokens, w.output_tokens_source)),
      fact(P.label.load, w.request_rate !== null ? P.loadRate({ rate: w.request_rate, concurrency: w.concurrency }, f) : P.loadConcurrency({ concurrency: w.concurrency }, f)),
      fact(P.label.targets, `${target(w.targets.ttft_p99_ms, 'TTFT')}; ${target(w.targets.tpot_p99_ms, 'TPOT')}`),
    ],
  };
}

/** What the explanations of one scenario receive. */
export function perfExplanationParams(r: SizingResult, key: ScenarioKey): PerfExplanationParams | null {
  const w = r.workload;
  const s = r.scenarios[key];
  const sp = s.performance;
  if (!w || !sp) return null;
  const p = sp.performance;
  return {
    sessions_per_replica: sp.sessions_per_replica,
    load_sessions_per_replica: p ? p.sessions_per_replica : null,
    memory_sessions_per_replica: sp.memory_sessions_per_replica,
    slo_sessions_per_replica: sp.slo_sessions_per_replica,
    limit: sp.limit,
    ttft_p99_ms: w.targets.ttft_p99_ms,
    tpot_p99_ms: w.targets.tpot_p99_ms,
    input_tokens: w.input_tokens,
    output_tokens: w.output_tokens,
    request_rate: w.request_rate,
    concurrency: w.concurrency,
    time_in_system_s: w.little?.time_in_system_s ?? null,
    step_ms: p ? p.terms.step.total_s * 1000 : null,
    prefill_ms: p ? p.terms.prefill.total_s * 1000 : null,
    queue_wait_ms: p ? p.terms.queue_wait_s * 1000 : null,
    tpot: p ? p.tpot_ms : null,
    ttft: p ? p.ttft_ms : null,
    output_tokens_per_s: p ? p.output_tokens_per_s : null,
    replicas: sp.design_load.replicas,
    bound: p ? p.bound : null,
    nodes_final: s.results.nodes_final,
    nodes_final_memory: sp.nodes_final_memory,
    range: sp.nodes_final_range,
    ha_extra_nodes: s.configuration.ha_extra_nodes,
  };
}

/** The section of one scenario; null without a workload. */
export function performanceSection(r: SizingResult, key: ScenarioKey, ctx: RenderContext): PerfSection | null {
  const sp = r.scenarios[key].performance;
  const params = perfExplanationParams(r, key);
  const rationale = performanceRationale(r, key);
  if (!sp || !params || !rationale) return null;
  const { f } = ctx;
  const P = ctx.m.perf;
  const p = sp.performance;
  const n = r.scenarios[key].results;
  const facts: Fact[] = [];
  facts.push(fact(P.label.sessionsPerReplica, `${f.int(sp.sessions_per_replica)} (${P.limit[sp.limit]})`));
  if (p) {
    facts.push(
      fact(
        P.label.designLoad,
        P.designLoad({ concurrency: sp.design_load.concurrency, rate: sp.design_load.request_rate, replicas: sp.design_load.replicas, ha_extra_nodes: r.scenarios[key].configuration.ha_extra_nodes }, f),
      ),
      fact(P.label.ttft, P.latency({ p50: p.ttft_ms.p50, p99: p.ttft_ms.p99, low: p.interval.ttft_ms.p99.low, high: p.interval.ttft_ms.p99.high }, f)),
      fact(P.label.tpot, P.latency({ p50: p.tpot_ms.p50, p99: p.tpot_ms.p99, low: p.interval.tpot_ms.p99.low, high: p.interval.tpot_ms.p99.high }, f)),
      fact(P.label.tokensPerS, P.rate({ value: p.output_tokens_per_s, low: p.interval.output_tokens_per_s.low, high: p.interval.output_tokens_per_s.high }, f)),
      fact(P.label.tokensPerSPerNode, f.num(p.output_tokens_per_s_per_node, 1)),
      fact(P.label.requestsPerS, P.rate({ value: p.requests_per_s, low: p.interval.requests_per_s.low, high: p.interval.requests_per_s.high }, f)),
      fact(P.label.bound, P.bound[p.bound]),
    );
    if (sp.meets_targets !== null) facts.push(fact(P.label.meetsTargets, sp.meets_targets ? P.yes : P.no));
    facts.push(fact(P.label.calibration, P.calibration(p.calibration)));
  } else facts.push(fact(P.label.designLoad, P.infeasible));
  if (n.nodes_final !== null && sp.nodes_final_range) facts.push(fact(P.label.nodes, P.nodesRange({ nodes: n.nodes_final, low: sp.nodes_final_range.low, high: sp.nodes_final_range.high, memory: sp.nodes_final_memory }, f)));
  const labels: Record<PerfRationaleKey, string> = {
    sessions_per_replica: P.label.sessionsPerReplica,
    concurrency: P.label.load,
    tpot_ms: P.label.tpot,
    ttft_ms: P.label.ttft,
    output_tokens_per_s: P.label.tokensPerS,
    nodes_final: P.label.nodes,
  };
  const value = (k: PerfRationaleKey): string => {
    const ms = (x: number) => `${f.num(x, 2)} ms`;
    switch (k) {
      case 'sessions_per_replica':
        return f.int(sp.sessions_per_replica);
      case 'concurrency':
        return f.int(params.concurrency);
      case 'tpot_ms':
        return p ? `${ms(p.tpot_ms.p50)} / ${ms(p.tpot_ms.p99)}` : '—';
      case 'ttft_ms':
        return p ? `${ms(p.ttft_ms.p50)} / ${ms(p.ttft_ms.p99)}` : '—';
      case 'output_tokens_per_s':
        return p ? f.num(p.output_tokens_per_s, 1) : '—';
      case 'nodes_final':
        return n.nodes_final === null ? '—' : f.int(n.nodes_final);
    }
  };
  const entries: PerfRationaleEntry[] = [];
  for (const k of PERF_RATIONALE_KEYS) {
    const rat = rationale[k];
    if (!rat) continue;
    entries.push({ key: k, label: labels[k], value: value(k), formula: rat.formula, inputs: rat.inputs, explanation: P.explanation[k](params, f) });
  }
  return { title: P.title, facts, rationale: entries };
}
