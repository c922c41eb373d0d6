/**
 * Two shapes. `Phrases` is what a locale file provides: strings, and small templates that put typed
 * parameters into a sentence (number formatting comes in with `f`; no template decides anything
 * beyond a plural). Every table is a `Record` over a union of codes (alert codes, rule codes, parameter
 * keys, …), so a locale that misses a message fails `tsc`. `Messages` is what renderers use: built
 * once per locale by the shared module (`render.ts`), which holds every choice of which sentence applies.
 */
import type { CostPhrases } from './cost.ts';
import type { PerfPhrases } from './perf.ts';
import type { Alert, AlertCode, AlertParams, Severity } from '../../core/alerts.ts';
import type { ParameterKey, ParameterOrigin } from '../../core/parameters.ts';
import type { HaMode, ScenarioKey } from '../../core/scenarios.ts';
import type { FormulaWords, RationaleKey } from '../../core/rationale.ts';
import type { ScenarioResult, SizingResult } from '../../core/sizing.ts';
import type { MemoryModel, RuleFigures, SettingField, SettingRule } from '../../engines/settings.ts';
import type { BytesPerTokenSource, CalibrationNoteCode, CalibrationNoteDetails, FactKey } from '../../engines/calibrate.ts';
import type { BenchFormat, BenchTool, ComparedMetric, LatencyMetric } from '../../engines/bench-results.ts';
import type { LayerGroupSpec } from '../../schema/catalog.ts';
import type { DerivationCode, DerivationDetails, DerivedFieldLabel, StoredDerivation } from '../../schema/derivations.ts';
import type { RequestField } from '../../schema/request.ts';
import type { Accepted, FileReason, Problem, RuleCode, RuleDetails, UnsupportedDesign } from '../../schema/problems.ts';
import type { Fmt, Locale } from '../format.ts';
import type { FlagCommand as Command, OwnFlag, Placeholder, WordDefaultFlag } from '../../cli/flags.ts';
import type { EN_LABELS } from './en.ts';
import type { ComparePhrases } from './compare-phrases.ts';

export interface ParameterText {
  readonly description: string;
  readonly source: string;
  readonly importance: string;
  readonly common_errors: string;
}

export type Labels = { readonly [K in keyof typeof EN_LABELS]: string };

/** A sentence with numbers: `f` formats them in the locale's way. */
type Template<P> = (p: P, f: Fmt) => string;

/**
 * How a surface names the request fields its alerts speak of; the renderer decides, not the phrase.
 * The CLI and its reports (`CLI_FIELD_NAMES`): flags to change, values stated as version 2.0's reports
 * state them (`runtime_overhead_gib=120`); the web page: its form labels.
 */
export interface FieldNames {
  /** A field the reader may change: `--runtime-overhead-gib`, or the page's “Runtime overhead (GiB)”. */
  fieldName(field: RequestField): string;
  /** A field with its value: `runtime_overhead_gib=120`, or “Runtime overhead (GiB)” = 120. */
  fieldValue(field: RequestField, value: string): string;
}

/** An alert's sentence: `n` names the fields it mentions. */
type AlertTemplate<P> = (p: P, f: Fmt, n: FieldNames) => string;

/** The numbers of one engine's accounting, as the explanations speak of them. */
export interface EngineFigures {
  readonly memory_model: MemoryModel;
  readonly context_tokens: number;
  readonly bytes_per_session_per_rank: number;
  readonly gpus_per_replica: number;
  readonly gpus_used: number;
  readonly replicas_per_node: number;
  readonly kv_tokens: number;
  readonly max_concurrency: number;
  readonly sessions_per_replica: number;
  readonly kv_cache_gib: number;
  readonly gpu_memory_gib: number;
  readonly weights_gib: number;
  readonly activation_gib: number;
  readonly non_torch_gib: number;
  readonly reserved_gib: number;
}

/** The words of the plain-language interpretation of each result (`explanation`). */
export interface ExplanationPhrases {
  kvPerSessionEngine: Template<{ e: EngineFigures; kv_per_session_gib: number }>;
  /** `groups`: the layer kinds in words, already joined. */
  kvPerSessionLayers: Template<{ groups: string; bytes_per_context_token: number; context: number; constant_bytes: number; kv_per_session_gib: number }>;
  fullLayersPart: Template<{ layers: number; tokens: number }>;
  slidingLayersPart: Template<{ layers: number; tokens: number }>;
  /** Joins the two parts above. */
  readonly and: string;
  kvPerSessionClassic: Template<{
    kv_heads: number;
    head_dim: number;
    bytes_per_element: number;
    per_position_bytes: number;
    attention_pattern: string;
    parts: string;
    kv_per_session_gib: number;
  }>;
  kvTotal: Template<{ concurrency: number; kv_per_session_gib: number; kv_total_tib: number }>;
  hbmTotal: Template<{ server: string; gpus: number; hbm_per_gpu_gb: number; total_hbm_gb: number; hbm_total_gib: number }>;
  kvBudgetEngine: Template<{ e: EngineFigures; kv_budget_gib: number }>;
  kvBudgetNone: Template<{ hbm_total_gib: number; runtime_overhead_gib: number }>;
  kvBudget: Template<{ hbm_total_gib: number; runtime_overhead_gib: number; available_gib: number; kv_budget_ratio: number; kv_budget_gib: number; buffer_ratio: number }>;
  sessionsEngine: Template<{ e: EngineFigures; sessions_per_node: number }>;
  /** A replica over several nodes: its sessions, and their share per node. */
  sessionsEngineSpanning: Template<{ e: EngineFigures; sessions_per_node: number; nodes_per_replica: number }>;
  /** Data-parallel attention: a session on the GPUs of one attention group only. */
  kvPerSessionEngineDp: Template<{ e: EngineFigures; kv_per_session_gib: number; data_parallel_attention: number; group_gpus: number }>;
  sessionsInfeasible: Template<{ kv_per_session_gib: number; kv_budget_gib: number }>;
  sessions: Template<{ kv_budget_gib: number; kv_per_session_gib: number; sessions_per_node: number }>;
  /** The latency targets bind: fewer sessions per node than memory holds. */
  sessionsSlo: Template<{ memory_sessions_per_node: number; slo_sessions_per_replica: number; replicas_per_node: number; sessions_per_node: number }>;
  /** Nodes that cannot be computed (not even one session fits a node). */
  readonly notComputable: string;
  nodesCapacity: Template<{ concurrency: number; sessions_per_node: number; nodes: number }>;
  /** Whole replicas of several nodes each. */
  nodesCapacitySpanning: Template<{ concurrency: number; sessions_per_replica: number; replicas: number; nodes_per_replica: number; nodes: number }>;
  nodesWithHeadroom: Template<{ peak_headroom_ratio: number; concurrency_with_headroom: number; nodes: number }>;
  nodesFinalInfeasible: Template<{ ha_nodes: number }>;
  nodesFinal: Template<{ ha_nodes: number; nodes: number; ha_sentence: string }>;
  /** HA in whole replicas of several nodes each. */
  nodesFinalSpanning: Template<{ ha_nodes: number; ha_replicas: number; nodes_per_replica: number; nodes: number; ha_sentence: string }>;
  readonly haSentence: Readonly<Record<HaMode, string>>;
}

/** The words of one kind of layer (`layerGroup`). */
export interface LayerGroupPhrases {
  /** "8 KV heads": the only plural the locales decide. */
  kvHeads(n: number): string;
  /** `dims`: "128" or "192 (K) + 128 (V)". */
  geometry(p: { kv_heads: string; dims: string }): string;
  full: Template<{ count: number; geometry: string }>;
  sliding: Template<{ count: number; geometry: string; window: number }>;
  chunked: Template<{ count: number; geometry: string; chunk: number }>;
  mla: Template<{ count: number; kv_lora_rank: number; qk_rope_head_dim: number; indexer: string }>;
  mlaIndexer(p: { dims: number }): string;
  linearAttention: Template<{ count: number; state: string }>;
  mamba: Template<{ count: number; state: string }>;
  readonly stateUnsized: string;
  stateSized: Template<{ bytes: number }>;
  none(p: { count: number }): string;
}

/** The words of the executive report. */
export interface ExecutivePhrases {
  summaryLoad: Template<{ model: string; concurrency: number; context: number }>;
  summaryMemory: Template<{
    layers: number;
    kv_heads: number;
    attention_pattern: string;
    kv_gib: number;
    kv_total_tib: number;
    server: string;
    gpus: number;
    total_hbm_gb: number;
  }>;
  conclusionInfeasible: Template<{ server: string }>;
  conclusion: Template<{ nodes: number; server: string }>;
  conclusionOverstated: Template<{ nodes: number; server: string }>;
  readonly meaningInfeasible: string;
  readonly meaning: { readonly [K in ScenarioKey]: Template<{ nodes: number; operational: number; ha_nodes: number; peak_headroom_ratio: number; kv_budget_ratio: number; after_one_failure: number; nominal: number }> };
  readonly risk: Readonly<Record<ScenarioKey, string>>;
  readonly faultToleranceNone: string;
  faultTolerance(p: { ha_nodes: number; ha_mode: string }): string;
  recommendationInfeasible: Template<{ server: string; kv_gib: number; kv_budget_gib: number }>;
  readonly recommendationInfeasibleChange: string;
  recommendationWeightsDontFit: Template<{ model: string; server: string; weights_gib: number }>;
  recommendationOverstated: Template<{ nodes: number; server: string }>;
  recommendationAdopt: Template<{ nodes: number; server: string; operational: number; ha_nodes: number }>;
  recommendationWhy: Template<{ peak_headroom_ratio: number; ha_nodes: number }>;
  governanceContext: Template<{ context: number; max_context: number }>;
  governanceConcurrency: Template<{ alert_at: number }>;
  governancePrecision(p: { kv_precision: string }): string;
  governanceBudget: Template<{ kv_budget_ratio: number }>;
  readonly nextStepsInfeasible: string;
  readonly nextStepsOverstated: string;
  nextSteps: Template<{ nodes: number; server: string }>;
}

/** The words of what a field accepts, and of a problem as one sentence. */
export interface AcceptedPhrases {
  fromTo(p: { min: string; max: string }): string;
  both(p: { low: string; high: string }): string;
  greaterThan(x: string): string;
  atLeast(x: string): string;
  lessThan(x: string): string;
  atMost(x: string): string;
  /** After a token count's range: the `k` form is accepted too. */
  readonly tokenCount: string;
  /** A lower bound alone ("of at least 1"). */
  onlyAtLeast(x: string): string;
  onlyAtMost(x: string): string;
  /** " (did you mean "x"?)", with its leading space. */
  didYouMean(suggestion: string): string;
  integer(range: string): string;
  number(range: string): string;
  readonly string: string;
  oneOf(p: { values: string; suggestion: string }): string;
  readonly array: string;
  readonly object: string;
  noField(p: { known: string; suggestion: string }): string;
  readonly required: string;
  /** Required unless `other` is given (the load: concurrency or request_rate). */
  requiredEither(other: string): string;
  /** `detail`: the parser's own message, or where it stopped in words (see `jsonShowsParserMessage`). */
  json(detail: string): string;
  readableFile(reason: string): string;
  writablePath(reason: string): string;
  exclusive(other: string): string;
  flag(p: { command: string; suggestion: string; helpCommand: string }): string;
  command(p: { values: string; suggestion: string }): string;
  noValue(flag: string): string;
  readonly fileReason: Readonly<Record<Exclude<FileReason, 'system' | 'too_large'>, string>>;
  /** A file bigger than its kind's limit (`size`: "16 MiB"). */
  fileTooLarge(size: string): string;
  /** Where JSON.parse stopped, in words. */
  jsonAtPosition(position: number): string;
  readonly jsonUnexpectedEnd: string;
  readonly jsonSyntax: string;
  /** Whether the locale shows the JSON parser's own (English) message or its position in words. */
  readonly jsonShowsParserMessage: boolean;
}

/** One problem as one sentence; `field` is how the caller names the field. */
export interface ProblemPhrases {
  /** How a missing value reads ("nothing"). */
  readonly nothing: string;
  flagOfOtherCommand(field: string, belongsTo: string, command: string): string;
  unknownFlag(field: string, accepted: string): string;
  notJson(where: string, detail: string): string;
  unknownCommand(value: string, accepted: string): string;
  exclusive(field: string, other: string): string;
  noValue(field: string, flag: string): string;
  unknownField(field: string, accepted: string): string;
  required(field: string): string;
  requiredEither(field: string, other: string): string;
  unknownName(field: string, value: string, accepted: string): string;
  invalid(field: string, value: string, accepted: string): string;
  /** A text where a number is expected (`--concurrency -Infinity`). */
  notANumber(field: string, value: string, accepted: string): string;
}

/** Rule details as the rule messages receive them: a few derived values added by the shared module. */
export type RuleParams = { [R in RuleCode]: RuleDetails[R] } & {
  layout_exceeds_gpus: RuleDetails['layout_exceeds_gpus'] & { gpus_needed: number };
  unique_name: RuleDetails['unique_name'] & { quoted: string };
  knob_needs_engine: RuleDetails['knob_needs_engine'] & { models_text: string };
  hf_unsupported: RuleDetails['hf_unsupported'] & { what_text: string };
};

/** Which derivations have a value in words (the others show the value as read). */
export type WordValueDerivation = 'full_attention_interval' | 'chunked_no_rope' | 'chunked_every_4th' | 'sliding_window_pattern' | 'model_type_pattern';

/** Calibration notes as their sentences receive them: lists already joined by the shared module. */
export type NoteParams = { [C in CalibrationNoteCode]: CalibrationNoteDetails[C] } & {
  several_engines: { list: string; assumed: string };
  several_values: { list: string };
  repeated_values: { list: string };
  /** The problem the flag would meet, as the CLI says it. */
  flag_left_out: { text: string };
  /** Figures in the locale's way; `difference` signed with its unit. */
  bytes_per_token_mismatch: {
    implied: string;
    model: string;
    bytes: string;
    tp: number;
    pp: number;
    precision: string;
    difference: string;
    fit: { precision: string; tp: number; bytes: string } | null;
  };
  kv_too_small: { max_model_len: string; needed: string; available: string; estimated: string | null };
};

/** Labels of `llm-sizing calibrate`: per locale in ./calibrate-en.ts and ./calibrate-pt-BR.ts (CALIBRATE_PHRASES, ./calibrate.ts), apart from `Phrases`. */
export interface CalibratePhrases {
  readonly engine: string;
  readonly unknown: string;
  readonly facts: string;
  readonly none: string;
  readonly notes: string;
  readonly reproduce: string;
  readonly fact: Readonly<Record<FactKey, string>>;
  readonly note: { readonly [C in CalibrationNoteCode]: (p: NoteParams[C]) => string };
  /** "vllm on 3 line(s)". */
  engineLines(p: { engine: string; lines: number }): string;
  /** "kv_cache_memory_gib 3.81 (2×)". */
  repeatedFact(p: { key: string; shown: string; times: number }): string;
  /** "(5 values)", after a shortened list of values. */
  valueCount(count: number): string;
  /** The heading of one run when a file holds several: "run 2 of 3 (lines 12–20)". */
  run(p: { n: number; of: number; first: number; last: number }): string;
  /** The KV bytes per token and GPU the run implies, per where they come from (figures already formatted). */
  readonly bytesPerToken: { readonly [S in BytesPerTokenSource]: (p: { bytes: string; gib: string; tokens: string }) => string };
  /** The model's bytes per token at the log's layout and precision, and the log's difference from it. */
  modelBytes(p: { model: string; tp: number; pp: number; precision: string; bytes: string; difference: string }): string;
  /** A serving benchmark's result (src/engines/bench-results.ts): its words. */
  readonly bench: BenchPhrases;
}

/**
 * `calibrate` on a benchmark result: one block per result. Figures come in formatted in the locale's
 * way; `null` where the result does not state a figure.
 */
export interface BenchPhrases {
  /** The benchmark that wrote it ("vllm bench serve"). */
  readonly tool: Readonly<Record<BenchTool, string>>;
  /** "saved JSON", "printed summary". */
  readonly format: Readonly<Record<BenchFormat, string>>;
  /** The block's first line: "benchmark result: vllm bench serve, saved JSON". */
  heading(p: { tool: string; format: string }): string;
  /** When a file holds several: "result 2 of 5 (line 2)". */
  record(p: { n: number; of: number; line: number }): string;
  readonly model: string;
  /** The backend and the engine it names (null: any OpenAI-compatible server). */
  backend(p: { backend: string; engine: string | null }): string;
  /** "100 completed of 100 prompts, 0 failed". */
  requests(p: { completed: string; prompts: string | null; failed: string | null }): string;
  /** The load: request rate ('inf' when all were sent at once) and the client's concurrency cap. */
  load(p: { rate: string | 'inf' | null; cap: string | null }): string;
  /** Mean tokens per request. */
  tokens(p: { input: string; output: string }): string;
  duration(p: { seconds: string }): string;
  throughput(p: { requests: string; tokens: string }): string;
  /** Mean requests in flight: stated (SGLang) or by Little's law. */
  concurrency(p: { value: string; from: 'stated' | 'littles_law' }): string;
  /** A latency's name ("TTFT (time to first token)"). */
  readonly metric: Readonly<Record<LatencyMetric, string>>;
  /** "mean 64.51, median 60.2, p99 120.3 ms"; a null figure is left out; all null: `notStated`. */
  stats(p: { mean: string | null; median: string | null; p99: string | null }): string;
  readonly notStated: string;
  /** Figures computed from others because their key is absent. */
  derived(p: { keys: string }): string;
  /** Keys looked for and absent. */
  absent(p: { keys: string }): string;
  /** The comparison with the performance model: its heading, and one line per figure. */
  readonly compared: string;
  readonly comparedMetric: Readonly<Record<ComparedMetric, string>>;
  comparisonRow(p: { metric: string; measured: string; predicted: string; ratio: string }): string;
  /** The flags that make the model reproduce the measurement. */
  readonly reproduce: string;
  /** The heading of the calibration patch: the set, the efficiency scale and the figure it was fitted on. */
  patch(p: { set: string; scale: string; metric: string }): string;
  /** The heading of the comparison with the patched model. */
  readonly after: string;
}

/** What a locale file provides. */
export interface Phrases {
  readonly locale: Locale;
  readonly labels: Labels;
  readonly scenario: Readonly<Record<ScenarioKey, string>>;
  readonly severity: Readonly<Record<Severity, string>>;
  readonly origin: Readonly<Record<ParameterOrigin, string>>;
  /** Which engine version's accounting each memory model follows. */
  readonly engineBehaviour: Readonly<Record<MemoryModel, string>>;
  /** The engine settings, keyed by their field (the settings table's description key). */
  readonly settings: Readonly<Record<SettingField, SettingText>>;
  /** A setting's default rule in words, with the table's figures. */
  readonly settingRule: { readonly [R in SettingRule]: (figures: RuleFigures<R>) => string };
  readonly parameters: Readonly<Record<ParameterKey, ParameterText>>;
  readonly alerts: { readonly [C in AlertCode]: AlertTemplate<AlertParams<C>> };
  readonly rules: { readonly [R in RuleCode]: (d: RuleParams[R]) => string };
  readonly unsupportedDesign: Readonly<Record<UnsupportedDesign, string>>;
  /** Joins alternatives ("vllm or sglang"). */
  readonly or: string;
  readonly layerGroup: LayerGroupPhrases;
  readonly explanation: ExplanationPhrases;
  readonly accepted: AcceptedPhrases;
  readonly problem: ProblemPhrases;
  readonly exec: ExecutivePhrases;
  readonly apiError: Readonly<Record<'not_found' | 'method_not_allowed' | 'unsupported_media_type' | 'misdirected_request' | 'internal_error', string>>;
  apiBodyTooLarge: Template<number>;
  /** Names of derived fields that are not config keys ("layer kinds"). */
  readonly derivedField: Readonly<Record<DerivedFieldLabel, string>>;
  /** Where each derived value of an imported config comes from. */
  readonly derivation: { readonly [C in DerivationCode]: (p: DerivationDetails[C]) => string };
  readonly derivedValue: { readonly [C in WordValueDerivation]: (p: DerivationDetails[C]) => string };
  /** `llm-sizing compare`'s outputs (src/report/compare.ts). */
  readonly compare: ComparePhrases;
  /** The words inside the KV formula lines ("× 18 layers"). */
  readonly formulaWords: FormulaWords;
  readonly cli: CliPhrases;
  /** The "Latency and throughput" section (issue 10). */
  readonly perf: PerfPhrases;
  /** The "Cost" section (issue 11). */
  readonly cost: CostPhrases;
}

/** The figures each command's `--help` puts into its text (computed by src/cli/help.ts). */
export interface HelpFigures {
  readonly size: { readonly version: string };
  /** `fields`: the request fields a batch line takes, already wrapped into indented lines. */
  readonly batch: { readonly fields: readonly string[] };
  readonly catalog: Readonly<Record<never, never>>;
  readonly calibrate: Readonly<Record<never, never>>;
  readonly validate: Readonly<Record<never, never>>;
  /** The workload's defaults (src/schema/perf-request.ts). */
  readonly perf: { readonly input_tokens: number; readonly output_tokens: number };
  /** The lists compare crosses (their flags, comma-separated) and its guards (src/app/compare-options.ts). */
  readonly compare: { readonly flags: string; readonly max_values: number; readonly max_options: number };
  /** The serve limits (src/server/limits.ts), in the units the text speaks of. */
  readonly serve: {
    readonly host: string;
    readonly port: number;
    readonly max_connections: number;
    readonly headers_timeout_s: number;
    readonly request_timeout_s: number;
    readonly keep_alive_timeout_s: number;
    readonly idle_timeout_s: number;
    readonly max_body_mib: number;
    readonly max_json_depth: number;
  };
}

/** One command's `--help`, around its list of flags (src/cli/help.ts writes that list, under `options`). */
export interface CommandHelp<C extends Command> {
  /** The lines before the flags: usage, what the command does, and a blank line. */
  intro(p: HelpFigures[C]): readonly string[];
  /** The lines after the flags and a blank line: examples, exit codes, and a last empty line. */
  outro(p: HelpFigures[C]): readonly string[];
}

/** The file and flag rules `--help` states (src/schema/limits.ts, src/schema/json-depth.ts). */
export interface HelpLimits {
  readonly catalog_mib: number;
  readonly batch_line_mib: number;
  readonly log_mib: number;
  readonly max_json_depth: number;
  readonly max_layers: number;
}

/** The notes printed after the flags: what every command shares, and each command's files. */
export interface HelpNotes {
  /** A flag given twice takes its last value. */
  readonly lastFlagWins: string;
  /** Files read: regular files only, their sizes and nesting. */
  filesRead(p: HelpLimits, f: Fmt): readonly string[];
  /** Output files: whole or not at all, through links, no devices. */
  readonly outputFiles: readonly string[];
  /** batch's FILE. */
  batchFile(p: HelpLimits, f: Fmt): readonly string[];
  /** calibrate's LOGFILE. */
  logFile(p: HelpLimits, f: Fmt): string;
  /** Token counts also take `k` (`flags`: the token-count flags, comma-separated). */
  tokenCounts(p: { readonly flags: string }): string;
  /** Values from a list are read in any case. */
  readonly anyCase: string;
  /** Catalog files add to the built-in catalog; --replace-catalog replaces. */
  readonly catalogFiles: readonly string[];
  /** What a batch line's values may be: token counts as text, any case, the default storage. */
  readonly batchValues: readonly string[];
  /** batch --fields: what a field is (`fields`: the field names, wrapped into indented lines). */
  batchFields(p: { readonly fields: readonly string[] }): readonly string[];
}

/** The words of `--help`: each command's text, each flag's help, the names of values. Per locale in ./help-en.ts and ./help-pt-BR.ts (HELP_PHRASES, ./help.ts), apart from `Phrases`. */
export interface HelpPhrases {
  /** The heading of the list of flags ("Options:"). */
  readonly options: string;
  /** After a flag's help: its default ("; default 0.9"). */
  default(text: string): string;
  /** The names of values in the usage (`--model NAME`). */
  readonly placeholder: Readonly<Record<Placeholder, string>>;
  /** Each flag's help, but the engine settings' (`settings[field].help`). */
  readonly flag: Readonly<Record<OwnFlag, string>>;
  /** The defaults said in words. */
  readonly flagDefault: Readonly<Record<WordDefaultFlag, string>>;
  /** The last entry of the list of fields in `batch --help`. */
  readonly batchIdField: string;
  /** Notes after the flags of every command: repeated flags, and the files read and written with their limits. */
  readonly notes: HelpNotes;
  readonly command: { readonly [C in Command]: CommandHelp<C> };
}

/** What the CLI itself says besides reports and problems. */
export interface CliPhrases {
  /** After the problems: where to find the usage. */
  readonly runHelp: string;
  batchProgress(p: { lines: number; invalid: number }): string;
  batchInvalid(p: { invalid: number; lines: number }): string;
  serveListening(p: { url: string; api: string }): string;
  /** Before the stack of an unexpected failure while answering an HTTP request. */
  readonly serveFailure: string;
}

/** One engine setting (src/engines/settings.ts) in words: its form label and its help. */
export interface SettingText {
  readonly label: string;
  readonly help: string;
}

/** Prose of the executive report: functions of the result, since the sentences carry numbers. */
export interface ExecutiveTexts {
  summary(r: SizingResult, f: Fmt): string[];
  scenarioMeaning(s: ScenarioResult, r: SizingResult, f: Fmt): string;
  risk(key: ScenarioKey): string;
  faultTolerance(s: ScenarioResult): string;
  recommendation(r: SizingResult, f: Fmt): string[];
  governance(r: SizingResult, f: Fmt): string[];
  nextSteps(r: SizingResult, f: Fmt): string;
}

/** What renderers use: the locale's tables as they are, and the sentences the shared module builds. */
export interface Messages extends Pick<Phrases, 'locale' | 'labels' | 'scenario' | 'severity' | 'origin' | 'engineBehaviour' | 'settings' | 'settingRule' | 'parameters' | 'perf' | 'cost' | 'compare'> {
  readonly formulaWords: FormulaWords;
  readonly cli: CliPhrases;
  /** One alert as a sentence (without the severity label); `names` names its fields (default: the CLI's flags). */
  alert(a: Alert, f: Fmt, names?: FieldNames): string;
  /** One kind of layer and what it caches, in words. */
  layerGroup(g: LayerGroupSpec, f: Fmt): string;
  /** The plain-words interpretation of one result of one scenario. */
  explanation(key: RationaleKey, s: ScenarioResult, r: SizingResult, f: Fmt): string;
  /** What a field accepts, as a phrase. */
  accepted(a: Accepted, f: Fmt): string;
  /** One problem as one sentence; `field` is how the caller names the field (`--concurrency`, `concurrency`). */
  problem(p: Problem, field: string, f: Fmt): string;
  readonly exec: ExecutiveTexts;
  /** The HTTP API's errors other than invalid input (whose problems are sentences of their own). */
  readonly apiError: Readonly<Record<'not_found' | 'method_not_allowed' | 'unsupported_media_type' | 'misdirected_request' | 'internal_error', string>>;
  apiBodyTooLarge(maxBytes: number, f: Fmt): string;
  /** One value read from a config.json: the field's name, the value and where it came from, in words. */
  derivation(d: StoredDerivation, f: Fmt): { field: string; value: string; from: string };
}
