/**
 * The executive report: one page for decision makers. The scenario table comes first, then capacity,
 * risk and one clear recommendation.
 */
import { severityAtLeast } from '../core/alerts.ts';
import { EXECUTIVE_PARAMETERS, PARAMETER_ORIGINS } from '../core/parameters.ts';
import { SCENARIO_KEYS } from '../core/scenarios.ts';
import { procurementBlock, type SizingResult } from '../core/sizing.ts';
import { type RenderOptions, renderContext } from './context.ts';
import { nodes, relativeCapex } from './facts.ts';
import { performanceSection } from './performance.ts';
import { costSection, pricingBlock } from './cost.ts';

const firstSentence = (text: string) => text.split(/(?<=\.)\s/)[0] ?? text;

export function renderExecutive(r: SizingResult, options: RenderOptions): string {
  const ctx = renderContext(options);
  const { m, f } = ctx;
  const L = m.labels;
  const { model, server, nfr } = r.inputs;
  const sc = r.scenarios;
  const out: string[] = [`# ${L.execTitle}`, `## ${L.execSubtitle}`, ''];
  if (ctx.generatedAt) out.push(`**${L.date}:** ${ctx.generatedAt}  `);
  out.push(
    `**${L.execModel}:** ${model.name}  `,
    `**${L.execServer}:** ${server.name} (${server.gpus} GPUs, ${f.num(r.node_memory.total_hbm_gb)} GB HBM)  `,
    `**${L.execLoad}:** ${f.int(nfr.concurrency)} ${L.concurrentSessions} × ${f.int(nfr.effective_context_used)} ${L.tokens}`,
    '',
    '---',
    '',
    `## ${L.execDecision}`,
    '',
    `| ${L.execScenario} | ${L.execNodes} | ${L.execSessionsPerNode} | ${L.execFaultTolerance} | ${L.execPeakCapacity} | ${L.execRisk} | ${L.execCapex} |`,
    '|---|---|---|---|---|---|---|',
  );
  const baseline = sc.minimum.results.nodes_final;
  for (const key of SCENARIO_KEYS) {
    const s = sc[key];
    const capex = key === 'minimum' ? L.execBaseline : relativeCapex(s.results.nodes_final, baseline);
    const capexText = typeof capex === 'string' ? capex : capex === null ? L.notComputable : `+${capex}%`;
    const name = key === 'recommended' ? `**${m.scenario[key]}** ✅` : m.scenario[key];
    out.push(
      `| ${name} | **${nodes(s.results.nodes_final, ctx)}** | ${f.int(s.results.sessions_per_node)} | ${m.exec.faultTolerance(s)} | ${f.pct(s.configuration.peak_headroom_ratio)} | ${m.exec.risk(key)} | ${capexText} |`,
    );
  }
  out.push('');
  for (const key of SCENARIO_KEYS) out.push(`- **${m.scenario[key]}:** ${m.exec.scenarioMeaning(sc[key], r, f)}`);
  out.push('', `## ${L.execSummary}`, '');
  for (const p of m.exec.summary(r, f)) out.push(p, '');

  const rec = sc.recommended.results;
  out.push(
    `## ${L.execCapacity}`,
    '',
    `| | |`,
    '|---|---|',
    `| ${L.execKvPerSession} | ${f.fixed(rec.kv_per_session_gib, 2)} GiB |`,
    `| ${L.execKvTotal} | ${f.fixed(rec.kv_total_tib, 2)} TiB (${f.fixed(rec.kv_total_gib, 1)} GiB) |`,
    `| ${L.execBudgetPerNode} | ${f.fixed(rec.kv_budget_gib, 1)} GiB (${L.execOfTotal.replace('{total}', f.fixed(rec.hbm_total_gib, 1))}) |`,
    `| ${L.sessionsPerNode} | ${f.int(rec.sessions_per_node)} |`,
    '',
  );
  // Issue 10: latency and throughput per scenario, only when the request gives a workload field.
  if (r.workload) {
    const P = m.perf;
    out.push(`## ${P.title}`, '', `| ${L.execScenario} | ${P.label.nodes} | ${P.label.ttft} | ${P.label.tpot} | ${P.label.tokensPerS} | ${P.label.bound} |`, '|---|---|---|---|---|---|');
    for (const key of SCENARIO_KEYS) {
      const section = performanceSection(r, key, ctx);
      const cell = (label: string) => section?.facts.find((c) => c.label === label)?.value ?? '—';
      out.push(`| ${m.scenario[key]} | ${cell(P.label.nodes)} | ${cell(P.label.ttft)} | ${cell(P.label.tpot)} | ${cell(P.label.tokensPerS)} | ${cell(P.label.bound)} |`);
    }
    const recSection = performanceSection(r, 'recommended', ctx);
    out.push('');
    for (const e of recSection?.rationale ?? []) if (e.key === 'sessions_per_replica' || e.key === 'nodes_final') out.push(e.explanation, '');
  }
  // Issue 11: what each scenario costs, only when the request gives a cost field.
  if (r.cost) {
    const C = m.cost;
    out.push(`## ${C.title}`, '', `| ${L.execScenario} | ${C.label.usdPerMonth} | ${C.label.usdPerMTok} | ${C.label.usdPerSessionMonth} | ${C.label.powerKw} |`, '|---|---|---|---|---|');
    for (const key of SCENARIO_KEYS) {
      const section = costSection(r, key, ctx);
      const cell = (label: string) => section?.facts.find((c) => c.label === label)?.value ?? '—';
      out.push(`| ${m.scenario[key]} | ${cell(C.label.usdPerMonth)} | ${cell(C.label.usdPerMTok)} | ${cell(C.label.usdPerSessionMonth)} | ${cell(C.label.powerKw)} |`);
    }
    out.push('');
    const pricing = pricingBlock(r, ctx);
    for (const c of pricing?.facts ?? []) out.push(`- ${c.label}: ${c.value}`);
    const missing = costSection(r, 'recommended', ctx)?.missing;
    if (missing) out.push('', missing);
    out.push('');
  }
  out.push(`## ${L.execRisks}`, '');
  const risks = r.alerts.filter((a) => severityAtLeast(a.severity, 'warning'));
  if (risks.length === 0) out.push(L.execNoRisks);
  for (const a of risks) out.push(`- **${m.severity[a.severity]}:** ${m.alert(a, f)}`);
  out.push('', `## ${L.execRecommendation}`, '');
  for (const p of m.exec.recommendation(r, f)) out.push(p, '');
  if (procurementBlock(r) === null) {
    out.push(`**${L.execGovernance}**`, '');
    m.exec.governance(r, f).forEach((g, i) => out.push(`${i + 1}. ${g}`));
    out.push('');
  }
  out.push(`**${L.execNextSteps}:** ${m.exec.nextSteps(r, f)}`, '', '---', '', `## ${L.execParameters}`, '');
  out.push(`| ${L.execParameter} | ${L.execOrigin} | ${L.execDescription} | ${L.execImportance} |`, '|---|---|---|---|');
  for (const key of EXECUTIVE_PARAMETERS) {
    const p = m.parameters[key];
    out.push(`| **${key}** | ${m.origin[PARAMETER_ORIGINS[key]]} | ${firstSentence(p.description)} | ${firstSentence(p.importance)} |`);
  }
  out.push('', '---', '', `*${L.execMethod}. ${L.execReview}*`, '');
  return out.join('\n');
}
