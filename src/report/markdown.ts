/** The Markdown report: the layout of version 2.0's report-example.md. */
import { MARKDOWN_REPORT_PARAMETERS } from '../core/parameters.ts';
import { SCENARIO_KEYS, type ScenarioKey } from '../core/scenarios.ts';
import { scenarioRationale } from '../core/rationale.ts';
import type { SizingResult } from '../core/sizing.ts';
import { type RenderContext, type RenderOptions, renderContext } from './context.ts';
import { configurationFacts, engineLines, inputBlocks, nodes, seedCell } from './facts.ts';
import { performanceSection } from './performance.ts';
import { offloadSection } from './offload.ts';
import { costSection } from './cost.ts';
import { storageSection } from './storage-section.ts';

const EMOJI: Readonly<Record<ScenarioKey, string>> = { minimum: '🔴', recommended: '🟢', ideal: '🔵' };

/** One figure's rationale: its heading in bold, the formula as a code block, the inputs on one line (null ones left out), the explanation. */
function rationaleEntry(heading: string, formula: string, inputs: Readonly<Record<string, number | string | null>>, explanation: string, ctx: RenderContext): string[] {
  const { f } = ctx;
  const given = Object.entries(inputs).filter(([, v]) => v !== null).map(([k, v]) => `${k} = ${typeof v === 'number' ? (Number.isInteger(v) ? f.int(v) : f.num(v, 4)) : v}`);
  return [`**${heading}**`, '', '```', formula, '```', '', `${ctx.m.labels.inputs}: ${given.join('; ')}`, '', explanation, ''];
}

export function renderMarkdown(r: SizingResult, options: RenderOptions): string {
  const ctx = renderContext(options);
  const { m, f } = ctx;
  const L = m.labels;
  const out: string[] = [`# ${L.markdownTitle}`, '', `**${L.subtitle}**`, ''];
  if (ctx.generatedAt) out.push(`**${L.date}:** ${ctx.generatedAt}`, '');
  out.push('---', '', `## 📋 ${L.mdSection1}`, '');
  for (const block of inputBlocks(r, ctx)) {
    out.push(`### ${block.title}`, '');
    for (const fact of block.facts) {
      const text = fact.label === '' ? fact.value : fact.value === '' ? `**${fact.label}:**` : fact.depth === 0 ? `**${fact.label}:** ${fact.value}` : `${fact.label}: ${fact.value}`;
      out.push(fact.depth === 0 ? `- ${text}` : `  - ${text}`);
    }
    out.push('');
  }
  out.push('---', '', `## 📚 ${L.mdSection2}`, '', L.mdParametersIntro, '');
  for (const key of MARKDOWN_REPORT_PARAMETERS) {
    const p = m.parameters[key];
    out.push(`### \`${key}\``, '', `**${L.whatItIs}:** ${p.description}`, '', `**${L.importance}:** ${p.importance}`, '', `**${L.commonError}:** ${p.common_errors}`, '');
  }
  out.push(`> ℹ️ ${L.mdSeeJson}`, '', '---', '', `## 🎯 ${L.mdSection3}`, '', `### ${L.quickComparison}`, '');
  const sc = r.scenarios;
  const row = (label: string, cells: string[]) => `| **${label}** | ${cells.join(' | ')} |`;
  out.push(
    `| ${L.metric} | ${SCENARIO_KEYS.map((k) => m.scenario[k]).join(' | ')} |`,
    `|${'---------|'.repeat(4)}`,
    row(L.headroom, SCENARIO_KEYS.map((k) => f.pct(sc[k].configuration.peak_headroom_ratio))),
    row(L.ha, SCENARIO_KEYS.map((k) => sc[k].configuration.ha_mode)),
    row(L.budgetKv, SCENARIO_KEYS.map((k) => seedCell(f.pct(sc[k].configuration.kv_budget_ratio), sc[k]))),
    row(L.kvPerSessionShort, SCENARIO_KEYS.map((k) => `${f.fixed(sc[k].results.kv_per_session_gib, 2)} GiB`)),
    row(L.sessionsPerNodeShort, SCENARIO_KEYS.map((k) => f.int(sc[k].results.sessions_per_node))),
    row(L.nodesFinalShort, SCENARIO_KEYS.map((k) => `**${nodes(sc[k].results.nodes_final, ctx)}**${k === 'recommended' ? ' ✅' : ''}`)),
    '',
    `> ✅ ${L.recommendedNote}`,
    '',
  );
  for (const key of SCENARIO_KEYS) {
    const s = sc[key];
    const n = s.results;
    out.push(`### ${EMOJI[key]} ${L.mdScenarioHeader}: ${m.scenario[key]}`, '', `**${L.configuration}:**`, '');
    for (const c of configurationFacts(s, ctx)) out.push(`- ${c.label}: ${c.value}`);
    const engine = engineLines(s, r, ctx);
    if (engine) {
      out.push('', `**${engine.title}:**`, '');
      for (const line of engine.lines) out.push(`- ${line}`);
      const [head, ...rows] = engine.table;
      out.push('', `| ${head?.[0]} | GiB |`, '|---|---:|', ...rows.map(([k, v]) => `| ${k} | ${v} |`));
    }
    out.push(
      '',
      `**${L.results}:**`,
      '',
      `- ${L.kvPerSession}: ${f.fixed(n.kv_per_session_gib, 2)} GiB`,
      `- ${L.kvTotal}: ${f.fixed(n.kv_total_tib, 2)} TiB`,
      `- ${L.hbmTotal}: ${f.fixed(n.hbm_total_gib, 1)} GiB`,
      `- ${L.kvBudget}: ${f.fixed(n.kv_budget_gib, 1)} GiB`,
      `- ${L.sessionsPerNode}: ${f.int(n.sessions_per_node)}`,
      `- ${L.nodesCapacity}: ${nodes(n.nodes_capacity, ctx)}`,
      `- ${L.nodesWithHeadroom}: ${nodes(n.nodes_with_headroom, ctx)}`,
      `- **${L.nodesFinal}**: **${nodes(n.nodes_final, ctx)}**`,
      '',
      '<details>',
      `<summary><b>📊 ${L.rationaleFinalNodes}</b></summary>`,
      '',
      `**${L.formula}:**`,
      '',
      '```',
      scenarioRationale(r, key, ctx.m.formulaWords).nodes_final.formula,
      '```',
      '',
      `**${L.interpretation}:**`,
      '',
      m.explanation('nodes_final', s, r, f),
      '',
      '</details>',
      '',
    );
    const perf = performanceSection(r, key, ctx);
    if (perf) {
      out.push(`**${perf.title}:**`, '');
      for (const c of perf.facts) out.push(`- ${c.label}: ${c.value}`);
      out.push('', '<details>', `<summary><b>📊 ${perf.title}: ${L.rationale}</b></summary>`, '');
      for (const e of perf.rationale) out.push(...rationaleEntry(`${e.label}: ${e.value}`, e.formula, e.inputs, e.explanation, ctx));
      out.push('</details>', '');
    }
    const cost = costSection(r, key, ctx);
    if (cost) {
      out.push(`**${cost.title}:**`, '');
      for (const c of cost.facts) out.push(`- ${c.label}: ${c.value}`);
      if (cost.missing) out.push('', cost.missing);
      if (cost.rationale.length > 0) {
        out.push('', '<details>', `<summary><b>💲 ${cost.title}: ${L.rationale}</b></summary>`, '');
        for (const e of cost.rationale) out.push(...rationaleEntry(`${e.label}: ${e.value}`, e.formula, e.inputs, e.explanation, ctx));
        out.push('</details>');
      }
      out.push('');
    }
    if (s.warnings.length > 0) {
      out.push(`**⚠️ ${L.mdWarnings}:**`, '');
      s.warnings.forEach((a, i) => out.push(`${i + 1}. ${m.severity[a.severity]}: ${m.alert(a, f)}`));
      out.push('');
    }
    out.push('---', '');
  }
  // Issue 12: only when the request gives a storage field.
  const storage = storageSection(r, ctx);
  if (storage) {
    out.push(`## 💾 ${storage.title}`, '');
    if (storage.unknown !== null) out.push(storage.unknown, '');
    for (const c of storage.facts) out.push(`- ${c.label}: ${c.value}`);
    if (storage.facts.length > 0) out.push('');
    const entry = (e: (typeof storage.rationale)[number]) => out.push(...rationaleEntry(e.label, e.formula, e.inputs, e.explanation, ctx));
    if (storage.rationale.length > 0) {
      out.push('<details>', `<summary><b>💾 ${storage.title}: ${L.rationale}</b></summary>`, '');
      storage.rationale.forEach(entry);
      out.push('</details>', '');
    }
    for (const sc of storage.scenarios) {
      out.push(`### ${m.scenario[sc.key]}`, '');
      for (const c of sc.facts) out.push(`- ${c.label}: ${c.value}`);
      out.push('');
      if (sc.rationale.length > 0) {
        out.push('<details>', `<summary><b>💾 ${m.scenario[sc.key]}: ${L.rationale}</b></summary>`, '');
        sc.rationale.forEach(entry);
        out.push('</details>', '');
      }
    }
    out.push('---', '');
  }
  // Issue 12: the KV offload tier, only when the request asks for one.
  const offload = offloadSection(r, ctx);
  if (offload) {
    out.push(`## ${offload.title}`, '', ...offload.facts.map((l) => `- ${l}`), '', ...offload.scenarios.map((l) => `- ${l}`), '');
    for (const e of offload.rationale) out.push(...rationaleEntry(`${e.label}: ${e.value}`, e.formula, e.inputs, e.meaning, ctx));
    out.push('---', '');
  }
  out.push(`## ⚠️ ${L.mdSection4}`, '');
  if (r.alerts.length === 0) out.push(`✅ ${L.noAlerts}`);
  r.alerts.forEach((a, i) => out.push(`${i + 1}. ${m.severity[a.severity]}: ${m.alert(a, f)}`));
  out.push('', '---', '', `## 📝 ${L.observations}`, '', `- ${L.observation1}`, `- ${L.observation2}`, `- ${L.observation3}`, '', '---', '', `*${L.generatedBy}*`, '');
  return out.join('\n');
}
