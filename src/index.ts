/**
 * `llm-sizing` as a library: `import { sizing } from 'llm-sizing'`. See docs/library.md.
 *
 * The public surface, curated: the sizing functions and their error, the request and result types,
 * the renderers, the built-in catalog and its helpers, and the constants a form or a report needs.
 * The last group are the lower-level pieces the web page (web/src) builds on; everything else is
 * internal and may change.
 */

// Sizing: a request in, the `--json-only` document (or the typed result) out; bad input throws.
export {
  type CatalogEntries,
  type CatalogInput,
  createCatalog,
  problemMessages,
  sizing,
  SizingInputError,
  type SizingOptions,
  type SizingRequest,
  sizingResult,
  type FieldsOptions,
  perf,
  type PerfRequest,
} from './library/sizing.ts';
// Options side by side (`llm-sizing compare`): one request crossed with lists of options, ranked, with the recommendation.
export { compare, type CompareRequest, type CompareRunOptions } from './library/compare.ts';
export { COMPARE_FIELDS, COMPARE_LIMITS, COMPARE_SORTS, type CompareField, type CompareLists, type CompareSort } from './app/compare-options.ts';
export type { CompareOutput, CompareRowOutput } from './schema/compare-output.ts';
// The performance model (`llm-sizing perf`): one deployment at one load.
export type { PerfOutput } from './schema/perf-output.ts';
export type { Interval, Performance, PerfBound, Workload } from './engines/perf/types.ts';
export type { Accepted, Problem } from './schema/problems.ts';

// Results: the JSON document (docs/schema/sizing-output.schema.json) and the typed result.
export type { AlertJson, SizingOutput } from './schema/output.ts';
export type { ResolvedNfr, ScenarioResult, SizingResult } from './core/sizing.ts';
export type { Alert, AlertCode, Severity } from './core/alerts.ts';
export type { ScenarioConfiguration, ScenarioNumbers } from './core/scenarios.ts';

// Renderers: the CLI's text report, the Markdown and executive reports, the JSON document.
export type { RenderOptions } from './report/context.ts';
export { renderExecutive } from './report/executive.ts';
export { renderJson, toJsonDocument } from './report/json.ts';
export { renderMarkdown } from './report/markdown.ts';
export { renderText } from './report/text.ts';
export { reportDateOf } from './app/report-date.ts';

// The catalog.
export { BUILTIN_CATALOG } from './catalog/builtin.ts';
export { CatalogIndex } from './catalog/lookup.ts';
export { importHfConfig, parseConfigText } from './catalog/hf-import.ts';
// A problem's number that a JSON text wrote beyond a double, as written (`got 1e400`, not Infinity).
export { NumberLiteral, withNumberLiterals } from './schema/number-text.ts';
export type { Catalog, CatalogKind, LayerGroupSpec, ModelEntry, ServerEntry, StorageEntry } from './schema/catalog.ts';

// Constants.
export { SCENARIO_KEYS, type ScenarioKey, HA_MODES, type HaMode } from './core/scenarios.ts';
export { KV_PRECISIONS, type KvPrecision } from './core/units.ts';
export { WEIGHTS_PRECISIONS, type WeightsPrecision, type RuntimeReserve } from './core/weights.ts';
export { ENGINE_SETTINGS, MEMORY_MODELS, type MemoryModel, SETTING_FIELDS, type SettingField, type SettingRow } from './engines/settings.ts';
export { DEFAULTS } from './core/defaults.ts';
export { isLocale, LOCALES, type Locale } from './report/format.ts';
export { REQUEST_FIELDS, type RequestField } from './schema/request.ts';
export { VERSION } from './version.ts';

// Lower level: what the web page builds on (validation and sizing without exceptions, the chart
// sweeps, the rationale and the report texts).
export { HF_CONFIG_FIELD, sizeBody } from './server/sizing.ts';
export { validateRequest } from './schema/request.ts';
export { size } from './core/sizing.ts';
export { plan, planEntries } from './app/plan.ts';
export type { SizingPlan } from './core/plan.ts';
export { fieldAppliesTo } from './engines/settings.ts';
// The page's latency-vs-load chart (issue 10): the performance model over a planned deployment.
export { WORKLOAD_FIELDS } from './core/workload.ts';
export { WORKLOAD_DEFAULTS } from './core/defaults.ts';
export { performanceOf, prepareDeployment } from './engines/perf/index.ts';
export { type NodeMemoryUse, nodeMemoryUse } from './core/node-memory.ts';
// The page's compare view (issue 11): which options are on the Pareto front of its scatter plots.
export { paretoFront } from './app/pareto.ts';
export { compareIndexed } from './library/compare.ts';
export { RATIONALE_KEYS, scenarioRationale } from './core/rationale.ts';
export { type RenderContext, renderContext } from './report/context.ts';
export { nodes } from './report/facts.ts';
export { resultLabel } from './report/text.ts';
export type { FieldNames, Labels, Messages } from './report/i18n/types.ts';
export type { Result } from './schema/problems.ts';
// The page's storage and recovery block and chart (issue 12): the request fields, and the report's section as rows.
export { STORAGE_DEFAULTS, STORAGE_FIELDS, STORAGE_PLACEMENTS } from './core/storage.ts';
export { storagePhrases, storageSection } from './report/storage-section.ts';
