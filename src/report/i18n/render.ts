/**
 * The one place that decides which sentence applies: feasible or not, engine or seed accounting, which
 * bound a range has, which reason a file failed for… Locale files only hold the words (`Phrases`);
 * `messages(phrases)` turns them into what renderers call (`Messages`). No locale state: the locale is
 * the `Phrases` passed in.
 */
import type { Alert } from '../../core/alerts.ts';
import type { KvLayerGroup } from '../../core/kv.ts';
import { memorySessionsPerNodeOf, type RationaleKey } from '../../core/rationale.ts';
import { procurementBlock, type ScenarioResult, type SizingResult } from '../../core/sizing.ts';
import type { LayerGroupSpec } from '../../schema/catalog.ts';
import type { StoredDerivation } from '../../schema/derivations.ts';
import type { Accepted, FileReason, Problem, RuleAccepted } from '../../schema/problems.ts';
import type { Fmt } from '../format.ts';
import type { RequestField } from '../../schema/request.ts';
import { isNumberLiteral, isNumberText } from '../../schema/number-text.ts';
import { tokenCount } from '../../schema/tokens.ts';
import type { EngineFigures, FieldNames, Messages, Phrases, RuleParams, WordValueDerivation } from './types.ts';

/** Longest value echoed in a message, characters; longer ones are cut and end in "…". */
export const MAX_ECHOED_CHARS = 80;

/**
 * Characters never written raw to a terminal: C0 and C1 controls, DEL, the line and paragraph
 * separators, and the bidirectional overrides (which reorder what follows them on screen).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text safe to show: every control character written as an escape (`\u001b`, `\n`), so a value
 * cannot move the cursor, recolour the terminal or fake another line.
 *
 * @example escapeControls('\u001b[31mred') // '\\u001b[31mred'
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `text` cut to `max` characters, ending in "…" when it was longer (never inside a surrogate pair). */
export function cut(text: string, max = MAX_ECHOED_CHARS): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A value as the user typed it: strings in quotes, everything else as JSON; control characters
 * escaped and long values cut (at most MAX_ECHOED_CHARS characters inside the quotes).
 *
 * @example quote('abc') // '"abc"'
 * @example quote('x'.repeat(100)).length // 82
 */
export function quote(value: unknown): string {
  if (typeof value === 'string') return `"${cut(escapeControls(value))}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  // A JSON number beyond a double, as it was written (`got 1e400`, not Infinity).
  if (isNumberLiteral(value)) return cut(value.text);
  try {
    const json = JSON.stringify(value);
    return cut(escapeControls(json ?? String(value)));
  } catch {
    return cut(escapeControls(String(value)));
  }
}

/** Bytes as "16 MiB" (or "512 KiB", or "100 bytes"). */
function bytesText(bytes: number, f: Fmt): string {
  if (bytes >= 1024 * 1024) return `${f.num(bytes / 1024 / 1024)} MiB`;
  if (bytes >= 1024) return `${f.num(bytes / 1024)} KiB`;
  return `${f.int(bytes)} bytes`;
}

/**
 * The CLI's names of the fields alerts speak of: its flags (`--runtime-overhead-gib`; each request
 * field's flag is its name in kebab case), and values as version 2.0's reports state them.
 *
 * @example CLI_FIELD_NAMES.fieldName('runtime_overhead_gib') //=> '--runtime-overhead-gib'
 * @example CLI_FIELD_NAMES.fieldValue('kv_precision', 'fp16') //=> 'kv_precision=fp16'
 */
export const CLI_FIELD_NAMES: FieldNames = {
  fieldName: (field: RequestField) => `--${field.replace(/_/g, '-')}`,
  fieldValue: (field: RequestField, value: string) => `${field}=${value}`,
};

/** The numbers the KV explanation speaks of, derived once for every locale. */
export function kvExplanationFacts(r: SizingResult): {
  full: KvLayerGroup | undefined;
  sliding: KvLayerGroup | undefined;
  /** K or V bytes per token and layer: kv_heads × head_dim × bytes per element. */
  perPositionBytes: number;
} {
  const m = r.inputs.model;
  const full = r.kv.groups.find((g) => g.kind === 'full' && g.layers > 0);
  const sliding = r.kv.groups.find((g) => g.kind === 'sliding' && g.layers > 0);
  return { full, sliding, perPositionBytes: m.num_key_value_heads * m.head_dim * r.kv.bytes_per_element };
}

/** Concurrency with the scenario's peak headroom, rounded to whole sessions for prose. */
export function concurrencyWithHeadroom(s: ScenarioResult, r: SizingResult): number {
  return Math.round(r.inputs.nfr.concurrency * (1 + s.configuration.peak_headroom_ratio));
}

/** Share of the target concurrency at which the governance premise asks for an alert. */
const CONCURRENCY_ALERT_SHARE = 0.8;

const CATALOG_NAME_FIELDS = new Set(['--model', 'model', '--server', 'server', '--storage', 'storage']);

function engineFigures(s: ScenarioResult): EngineFigures | undefined {
  const e = s.engine;
  if (!e) return undefined;
  return {
    memory_model: e.memory_model,
    context_tokens: e.context_tokens,
    bytes_per_session_per_rank: e.bytes_per_session_per_rank,
    gpus_per_replica: e.layout.gpus_per_replica,
    gpus_used: e.layout.gpus_used,
    replicas_per_node: e.layout.replicas_per_node,
    kv_tokens: e.kv_tokens,
    max_concurrency: e.max_concurrency,
    sessions_per_replica: e.sessions_per_replica,
    kv_cache_gib: e.per_gpu.kv_cache_gib,
    gpu_memory_gib: e.per_gpu.gpu_memory_gib,
    weights_gib: e.per_gpu.weights_gib,
    activation_gib: e.per_gpu.activation_gib,
    non_torch_gib: e.per_gpu.non_torch_gib,
    reserved_gib: e.per_gpu.reserved_gib,
  };
}

/** The JSON parser's message → where it stopped, in the locale's words. */
function jsonWhere(detail: string, t: Phrases['accepted']): string {
  const at = /\bposition (\d+)/.exec(detail);
  if (at) return t.jsonAtPosition(Number(at[1]));
  if (/end of (JSON )?input|Unterminated/i.test(detail)) return t.jsonUnexpectedEnd;
  return t.jsonSyntax;
}

function ruleParams(a: RuleAccepted, t: Phrases): RuleParams[typeof a.rule] {
  switch (a.rule) {
    case 'layout_exceeds_gpus':
      return { ...a.detail, gpus_needed: a.detail.tp * a.detail.pp };
    case 'unique_name':
      return { ...a.detail, quoted: quote(a.detail.name) };
    case 'knob_needs_engine':
      return { ...a.detail, models_text: a.detail.models.join(t.or) };
    case 'hf_unsupported':
      return { ...a.detail, what_text: t.unsupportedDesign[a.detail.what] };
    default:
      return a.detail;
  }
}

function ruleMessage(a: RuleAccepted, t: Phrases): string {
  return (t.rules[a.rule] as (d: RuleParams[typeof a.rule]) => string)(ruleParams(a, t));
}

/** Which derivations have a value in words. */
const WORD_VALUES: ReadonlySet<string> = new Set<WordValueDerivation>(['full_attention_interval', 'chunked_no_rope', 'chunked_every_4th', 'sliding_window_pattern', 'model_type_pattern']);

/** A locale's words → what renderers call. */
export function messages(t: Phrases): Messages {
  const ex = t.explanation;
  const lg = t.layerGroup;
  const acc = t.accepted;
  const pr = t.problem;
  const x = t.exec;

  const layerGroup = (g: LayerGroupSpec, f: Fmt): string => {
    const geometry = (kv: number, hd: number, vd?: number) => lg.geometry({ kv_heads: lg.kvHeads(kv), dims: vd && vd !== hd ? `${hd} (K) + ${vd} (V)` : `${hd}` });
    const state = (bytes: number | null) => (bytes === null ? lg.stateUnsized : lg.stateSized({ bytes }, f));
    switch (g.kind) {
      case 'full':
        return lg.full({ count: g.count, geometry: geometry(g.kv_heads, g.head_dim, g.v_head_dim) }, f);
      case 'sliding':
        return lg.sliding({ count: g.count, geometry: geometry(g.kv_heads, g.head_dim, g.v_head_dim), window: g.window }, f);
      case 'chunked':
        return lg.chunked({ count: g.count, geometry: geometry(g.kv_heads, g.head_dim, g.v_head_dim), chunk: g.chunk }, f);
      case 'mla':
        return lg.mla({ count: g.count, kv_lora_rank: g.kv_lora_rank, qk_rope_head_dim: g.qk_rope_head_dim, indexer: g.indexer_head_dim ? lg.mlaIndexer({ dims: g.indexer_head_dim }) : '' }, f);
      case 'linear_attention':
        return lg.linearAttention({ count: g.count, state: state(g.state_bytes) }, f);
      case 'mamba':
        return lg.mamba({ count: g.count, state: state(g.state_bytes) }, f);
      case 'none':
        return lg.none({ count: g.count });
    }
  };

  const explanation = (key: RationaleKey, s: ScenarioResult, r: SizingResult, f: Fmt): string => {
    const n = s.results;
    const c = s.configuration;
    const nfr = r.inputs.nfr;
    const m = r.inputs.model;
    const srv = r.inputs.server;
    const e = engineFigures(s);
    switch (key) {
      case 'kv_per_session_gib': {
        if (e && s.engine && s.engine.layout.data_parallel_attention > 1) {
          const dp = s.engine.layout.data_parallel_attention;
          return ex.kvPerSessionEngineDp({ e, kv_per_session_gib: n.kv_per_session_gib, data_parallel_attention: dp, group_gpus: s.engine.layout.gpus_per_replica / dp }, f);
        }
        if (e) return ex.kvPerSessionEngine({ e, kv_per_session_gib: n.kv_per_session_gib }, f);
        if (m.kv_layers) {
          return ex.kvPerSessionLayers(
            {
              groups: m.kv_layers.map((g) => layerGroup(g, f)).join('; '),
              bytes_per_context_token: r.kv.bytes_per_context_token,
              context: r.kv.effective_context_used,
              constant_bytes: r.kv.constant_bytes,
              kv_per_session_gib: n.kv_per_session_gib,
            },
            f,
          );
        }
        const { full, sliding, perPositionBytes } = kvExplanationFacts(r);
        const parts: string[] = [];
        if (full) parts.push(ex.fullLayersPart({ layers: full.layers, tokens: full.tokens }, f));
        if (sliding) parts.push(ex.slidingLayersPart({ layers: sliding.layers, tokens: sliding.tokens }, f));
        return ex.kvPerSessionClassic(
          {
            kv_heads: m.num_key_value_heads,
            head_dim: m.head_dim,
            bytes_per_element: r.kv.bytes_per_element,
            per_position_bytes: perPositionBytes,
            attention_pattern: m.attention_pattern,
            parts: parts.join(ex.and),
            kv_per_session_gib: n.kv_per_session_gib,
          },
          f,
        );
      }
      case 'kv_total_gib':
        return ex.kvTotal({ concurrency: nfr.concurrency, kv_per_session_gib: n.kv_per_session_gib, kv_total_tib: n.kv_total_tib }, f);
      case 'hbm_total_gib':
        return ex.hbmTotal({ server: srv.name, gpus: srv.gpus, hbm_per_gpu_gb: srv.hbm_per_gpu_gb, total_hbm_gb: r.node_memory.total_hbm_gb, hbm_total_gib: n.hbm_total_gib }, f);
      case 'kv_budget_gib':
        if (e) return ex.kvBudgetEngine({ e, kv_budget_gib: n.kv_budget_gib }, f);
        if (n.kv_budget_gib <= 0) return ex.kvBudgetNone({ hbm_total_gib: n.hbm_total_gib, runtime_overhead_gib: nfr.runtime_overhead_gib }, f);
        return ex.kvBudget(
          {
            hbm_total_gib: n.hbm_total_gib,
            runtime_overhead_gib: nfr.runtime_overhead_gib,
            available_gib: n.hbm_total_gib - nfr.runtime_overhead_gib,
            kv_budget_ratio: c.kv_budget_ratio,
            kv_budget_gib: n.kv_budget_gib,
            buffer_ratio: 1 - c.kv_budget_ratio,
          },
          f,
        );
      case 'sessions_per_node': {
        const perf = s.performance;
        if (perf !== undefined && perf.limit === 'slo') {
          return ex.sessionsSlo(
            {
              memory_sessions_per_node: memorySessionsPerNodeOf(s),
              slo_sessions_per_replica: perf.sessions_per_replica,
              replicas_per_node: s.engine?.layout.replicas_per_node ?? 1,
              sessions_per_node: n.sessions_per_node,
            },
            f,
          );
        }
      }
      // falls through
        if (e && s.engine && s.engine.layout.nodes_per_replica > 1) return ex.sessionsEngineSpanning({ e, sessions_per_node: n.sessions_per_node, nodes_per_replica: s.engine.layout.nodes_per_replica }, f);
        if (e) return ex.sessionsEngine({ e, sessions_per_node: n.sessions_per_node }, f);
        if (!s.feasible) return ex.sessionsInfeasible({ kv_per_session_gib: n.kv_per_session_gib, kv_budget_gib: n.kv_budget_gib }, f);
        return ex.sessions({ kv_budget_gib: n.kv_budget_gib, kv_per_session_gib: n.kv_per_session_gib, sessions_per_node: n.sessions_per_node }, f);
      case 'nodes_capacity':
        if (n.nodes_capacity === null) return ex.notComputable;
        if (s.engine && s.engine.layout.nodes_per_replica > 1) {
          const npr = s.engine.layout.nodes_per_replica;
          return ex.nodesCapacitySpanning({ concurrency: nfr.concurrency, sessions_per_replica: s.engine.sessions_per_replica, replicas: n.nodes_capacity / npr, nodes_per_replica: npr, nodes: n.nodes_capacity }, f);
        }
        return ex.nodesCapacity({ concurrency: nfr.concurrency, sessions_per_node: n.sessions_per_node, nodes: n.nodes_capacity }, f);
      case 'nodes_with_headroom':
        if (n.nodes_with_headroom === null) return ex.notComputable;
        return ex.nodesWithHeadroom({ peak_headroom_ratio: c.peak_headroom_ratio, concurrency_with_headroom: concurrencyWithHeadroom(s, r), nodes: n.nodes_with_headroom }, f);
      case 'nodes_final':
        if (n.nodes_final === null) return ex.nodesFinalInfeasible({ ha_nodes: c.ha_extra_nodes }, f);
        if (s.engine && s.engine.layout.nodes_per_replica > 1 && c.ha_extra_nodes > 0) {
          const npr = s.engine.layout.nodes_per_replica;
          return ex.nodesFinalSpanning({ ha_nodes: c.ha_extra_nodes, ha_replicas: c.ha_extra_nodes / npr, nodes_per_replica: npr, nodes: n.nodes_final, ha_sentence: ex.haSentence[c.ha_mode] }, f);
        }
        return ex.nodesFinal({ ha_nodes: c.ha_extra_nodes, nodes: n.nodes_final, ha_sentence: ex.haSentence[c.ha_mode] }, f);
    }
  };

  const alert = (a: Alert, f: Fmt, names: FieldNames = CLI_FIELD_NAMES): string =>
    (t.alerts[a.code] as (p: typeof a.params, f: Fmt, n: FieldNames) => string)(a.params, f, names);

  const accepted = (a: Accepted, f: Fmt): string => {
    const range = (min: number | undefined, max: number | undefined, minExclusive = false, maxExclusive = false): string => {
      const lo = min === undefined ? undefined : f.num(min, 6);
      const hi = max === undefined ? undefined : f.num(max, 6);
      if (lo !== undefined && hi !== undefined) {
        if (!minExclusive && !maxExclusive) return acc.fromTo({ min: lo, max: hi });
        return acc.both({ low: minExclusive ? acc.greaterThan(lo) : acc.atLeast(lo), high: maxExclusive ? acc.lessThan(hi) : acc.atMost(hi) });
      }
      if (lo !== undefined) return minExclusive ? acc.greaterThan(lo) : acc.onlyAtLeast(lo);
      if (hi !== undefined) return maxExclusive ? acc.lessThan(hi) : acc.onlyAtMost(hi);
      return '';
    };
    const suggestion = (s: string | undefined, quoted = true) => (s ? acc.didYouMean(quoted ? quote(s) : s) : '');
    const file = (reason: FileReason, code: string | undefined, maxBytes?: number) =>
      reason === 'system' ? (code ?? '') : reason === 'too_large' ? acc.fileTooLarge(bytesText(maxBytes ?? 0, f)) : acc.fileReason[reason];
    switch (a.kind) {
      case 'integer':
        return acc.integer(range(a.min, a.max)).trimEnd() + (a.tokens ? acc.tokenCount : '');
      case 'number':
        return acc.number(range(a.min, a.max, a.minExclusive, a.maxExclusive)).trimEnd();
      case 'string':
        return acc.string;
      case 'one_of':
        return acc.oneOf({ values: a.values.join(', '), suggestion: suggestion(a.suggestion) });
      case 'array':
        return acc.array;
      case 'object':
        return acc.object;
      case 'no_field':
        return acc.noField({ known: a.known.join(', '), suggestion: suggestion(a.suggestion) });
      case 'required':
        return acc.required;
      case 'required_either':
        return acc.requiredEither(a.other);
      case 'json':
        return acc.json(acc.jsonShowsParserMessage ? a.detail : jsonWhere(a.detail, acc));
      case 'readable_file':
        return acc.readableFile(file(a.reason, a.code, a.maxBytes));
      case 'writable_path':
        return acc.writablePath(file(a.reason, a.code));
      case 'exclusive':
        return acc.exclusive(a.with);
      case 'flag':
        return acc.flag({ command: a.command ?? '', suggestion: suggestion(a.suggestion, false), helpCommand: a.command === 'size' || !a.command ? '' : `${a.command} ` });
      case 'command':
        return acc.command({ values: a.values.join(', '), suggestion: suggestion(a.suggestion) });
      case 'no_value':
        return acc.noValue(a.flag);
      case 'rule':
        return ruleMessage(a, t);
    }
  };

  /** One problem as one sentence: control characters in the field, source or details escaped. */
  const problem = (p: Problem, field: string, f: Fmt): string => escapeControls(problemSentence(p, field, f));

  const problemSentence = (p: Problem, field: string, f: Fmt): string => {
    const a = p.accepted;
    const where = p.source ? `${p.source}: ` : '';
    const value = p.value === undefined ? pr.nothing : quote(p.value);
    switch (a.kind) {
      case 'flag':
        return where + (a.belongsTo ? pr.flagOfOtherCommand(field, a.belongsTo, a.command ?? '') : pr.unknownFlag(field, accepted(a, f)));
      case 'json': {
        const detail = acc.jsonShowsParserMessage ? a.detail : jsonWhere(a.detail, acc);
        return pr.notJson([p.source, field === '(file)' || field === '(line)' ? '' : field].filter(Boolean).join(': '), detail);
      }
      case 'command':
        return where + pr.unknownCommand(value, accepted(a, f));
      case 'exclusive':
        return where + pr.exclusive(field, a.with);
      case 'no_value':
        return where + pr.noValue(field, a.flag);
      case 'no_field':
        return where + pr.unknownField(quote(field), accepted(a, f));
      case 'required':
        return where + pr.required(field);
      case 'required_either':
        return where + pr.requiredEither(field, a.other);
      case 'one_of':
        if (CATALOG_NAME_FIELDS.has(field)) return where + pr.unknownName(field, value, accepted(a, f));
        return where + pr.invalid(field, value, accepted(a, f));
      case 'integer':
      case 'number':
        // A text where a number belongs (`--concurrency -Infinity`, `"concurrency": "10"`): say so.
        // A token count in thousands (`300000k`) is a number, only out of range: `got "300000k"`; so is
        // a flag's number beyond a double (`--concurrency 1e400`: numberOrText keeps the text, every
        // other number text a flag is given becomes a number): `got "1e400"`.
        if (typeof p.value === 'string' && !(a.kind === 'integer' && a.tokens && tokenCount(p.value) !== undefined) && !(field.startsWith('--') && isNumberText(p.value)))
          return where + pr.notANumber(field, value, accepted(a, f));
        return where + pr.invalid(field, value, accepted(a, f));
      default:
        return where + pr.invalid(field, value, accepted(a, f));
    }
  };

  const derivation = (d: StoredDerivation, f: Fmt): { field: string; value: string; from: string } => {
    const field = (t.derivedField as Readonly<Record<string, string>>)[d.field] ?? d.field;
    if (!('code' in d)) return { field, value: typeof d.value === 'number' ? f.int(d.value) : d.value, from: d.from };
    const params = d.params as never;
    const value = WORD_VALUES.has(d.code)
      ? (t.derivedValue[d.code as WordValueDerivation] as (p: never) => string)(params)
      : typeof d.value === 'number'
        ? Number.isInteger(d.value) ? f.int(d.value) : f.num(d.value)
        : d.value;
    return { field, value, from: (t.derivation[d.code] as (p: never) => string)(params) };
  };

  return {
    locale: t.locale,
    labels: t.labels,
    scenario: t.scenario,
    severity: t.severity,
    origin: t.origin,
    engineBehaviour: t.engineBehaviour,
    settings: t.settings,
    settingRule: t.settingRule,
    get parameters() {
      return t.parameters;
    },
    perf: t.perf,
    cost: t.cost,
    compare: t.compare,
    formulaWords: t.formulaWords,
    cli: t.cli,
    alert,
    layerGroup,
    explanation,
    accepted,
    problem,
    apiError: t.apiError,
    apiBodyTooLarge: (maxBytes, f) => t.apiBodyTooLarge(maxBytes, f),
    derivation,
    exec: {
      summary: (r, f) => {
        const nfr = r.inputs.nfr;
        const m = r.inputs.model;
        const srv = r.inputs.server;
        const rec = r.scenarios.recommended;
        return [
          x.summaryLoad({ model: m.name, concurrency: nfr.concurrency, context: nfr.effective_context_used }, f),
          x.summaryMemory(
            {
              layers: m.num_layers,
              kv_heads: m.num_key_value_heads,
              attention_pattern: m.attention_pattern,
              kv_gib: r.kv.gib,
              kv_total_tib: rec.results.kv_total_tib,
              server: srv.name,
              gpus: srv.gpus,
              total_hbm_gb: r.node_memory.total_hbm_gb,
            },
            f,
          ),
          rec.results.nodes_final === null
            ? x.conclusionInfeasible({ server: srv.name }, f)
            : procurementBlock(r) === null
              ? x.conclusion({ nodes: rec.results.nodes_final, server: srv.name }, f)
              : x.conclusionOverstated({ nodes: rec.results.nodes_final, server: srv.name }, f),
        ];
      },
      scenarioMeaning: (s, r, f) => {
        const n = s.results;
        if (n.nodes_final === null) return x.meaningInfeasible;
        return x.meaning[s.key](
          {
            nodes: n.nodes_final,
            operational: n.nodes_with_headroom ?? 0,
            ha_nodes: s.configuration.ha_extra_nodes,
            peak_headroom_ratio: s.configuration.peak_headroom_ratio,
            kv_budget_ratio: s.configuration.kv_budget_ratio,
            after_one_failure: n.sessions_per_node * (n.nodes_final - 1),
            nominal: r.inputs.nfr.concurrency,
          },
          f,
        );
      },
      risk: (key) => x.risk[key],
      faultTolerance: (s) =>
        s.configuration.ha_extra_nodes === 0 ? x.faultToleranceNone : x.faultTolerance({ ha_nodes: s.configuration.ha_extra_nodes, ha_mode: s.configuration.ha_mode.toUpperCase() }),
      recommendation: (r, f) => {
        const rec = r.scenarios.recommended;
        const srv = r.inputs.server;
        const unfit = r.alerts.find((a) => a.code === 'weights_exceed_node');
        if (rec.results.nodes_final === null) {
          if (unfit) return [x.recommendationWeightsDontFit({ model: r.inputs.model.name, server: srv.name, weights_gib: r.reserve.weights_replica_gib ?? 0 }, f), alert(unfit, f)];
          return [x.recommendationInfeasible({ server: srv.name, kv_gib: r.kv.gib, kv_budget_gib: rec.results.kv_budget_gib }, f), x.recommendationInfeasibleChange];
        }
        const block = procurementBlock(r);
        if (block?.kind === 'overstated') return [x.recommendationOverstated({ nodes: rec.results.nodes_final, server: srv.name }, f), ...block.alerts.map((a) => `- ${alert(a, f)}`)];
        return [
          x.recommendationAdopt({ nodes: rec.results.nodes_final, server: srv.name, operational: rec.results.nodes_with_headroom ?? 0, ha_nodes: rec.configuration.ha_extra_nodes }, f),
          x.recommendationWhy({ peak_headroom_ratio: rec.configuration.peak_headroom_ratio, ha_nodes: rec.configuration.ha_extra_nodes }, f),
        ];
      },
      governance: (r, f) => {
        const nfr = r.inputs.nfr;
        const rec = r.scenarios.recommended;
        return [
          x.governanceContext({ context: nfr.effective_context_used, max_context: r.inputs.model.max_position_embeddings }, f),
          x.governanceConcurrency({ alert_at: Math.floor(nfr.concurrency * CONCURRENCY_ALERT_SHARE) }, f),
          x.governancePrecision({ kv_precision: nfr.kv_precision.toUpperCase() }),
          x.governanceBudget({ kv_budget_ratio: rec.configuration.kv_budget_ratio }, f),
        ];
      },
      nextSteps: (r, f) => {
        const rec = r.scenarios.recommended;
        if (rec.results.nodes_final === null) return x.nextStepsInfeasible;
        if (procurementBlock(r) !== null) return x.nextStepsOverstated;
        return x.nextSteps({ nodes: rec.results.nodes_final, server: r.inputs.server.name }, f);
      },
    },
  };
}
