/**
 * The library's entry points: `sizing()` gives the JSON document `llm-sizing --json-only` prints,
 * `sizingResult()` the typed result the renderers take. Both go through the same path as the CLI,
 * batch lines and the HTTP API (`sizeRequest`, reached through the API body's `sizeBody`), and throw
 * `SizingInputError` on bad input. Pure: no I/O, no clock, no process state; the locale is a
 * parameter.
 */
import { BUILTIN_CATALOG } from '../catalog/builtin.ts';
import { withEntries } from '../catalog/extend.ts';
import { checkCatalogData } from '../catalog/load.ts';
import { CatalogIndex } from '../catalog/lookup.ts';
import type { SizingResult } from '../core/sizing.ts';
import { fmt, LOCALES, type Locale, localeOf } from '../report/format.ts';
import { messagesFor } from '../report/i18n/index.ts';
import { toJsonDocument } from '../report/json.ts';
import type { Catalog, CatalogKind, ModelEntry, ServerEntry, StorageEntry } from '../schema/catalog.ts';
import type { SizingOutput } from '../schema/output.ts';
import { closest, type Problem } from '../schema/problems.ts';
import type { SizingRequestInput } from '../schema/request.ts';
import { sizeBody } from '../server/sizing.ts';
import { type FieldValues, sizingFields } from '../app/fields.ts';
import { type RenderContext, renderContext } from '../report/context.ts';
import { perfRequest } from '../app/perf.ts';
import { perfDocument } from '../report/perf.ts';
import type { PerfOutput } from '../schema/perf-output.ts';
import type { PerfRequestInput } from '../schema/perf-request.ts';

/**
 * A request: the fields of a batch line or of the HTTP API's body (docs/schema/request.schema.json).
 * Instead of `model`, `hf_config` may carry a Hugging Face `config.json` object (with an optional
 * `name`), as in the API. A batch line's `id` is accepted and ignored.
 */
export type SizingRequest =
  | (SizingRequestInput & { readonly id?: string | number })
  | (Omit<SizingRequestInput, 'model'> & {
      readonly model?: undefined;
      readonly hf_config: Readonly<Record<string, unknown>>;
      readonly name?: string;
      readonly id?: string | number;
    });

/** Catalog entries of one kind: an array, or the object of a catalog file (`{ "models": [...] }`). */
export type CatalogEntries<E, K extends string> = readonly E[] | { readonly [key in K]: readonly E[] };

/**
 * Catalog entries given as objects, checked like `--models-file`, `--servers-file` and
 * `--storage-file`. A kind that is given replaces the built-in entries of that kind (as those flags
 * do with `--replace-catalog`); with `extend: true` its entries are added to the built-in ones
 * instead, an entry replacing a built-in one of the same name (as those flags do by default).
 */
export interface CatalogInput {
  readonly models?: CatalogEntries<ModelEntry, 'models'>;
  readonly servers?: CatalogEntries<ServerEntry, 'servers'>;
  readonly storage?: CatalogEntries<StorageEntry, 'profiles'>;
  readonly extend?: boolean;
}

export interface SizingOptions {
  /** The language of every sentence of the result and of the error message: `en` (default) or `pt-BR`. */
  readonly lang?: Locale;
  /** Catalog entries besides or instead of the built-in ones; a `CatalogIndex` from `createCatalog` is checked once and reused. */
  readonly catalog?: CatalogInput | CatalogIndex;
}

/**
 * Bad input: the request, the options or the catalog entries. `problems` holds each problem as data
 * (the field, the value given, what is accepted); `message` is their sentences in `lang`.
 */
export class SizingInputError extends Error {
  readonly problems: readonly Problem[];
  readonly lang: Locale;
  constructor(problems: readonly Problem[], lang: Locale = 'en') {
    super(problemMessages(problems, lang).join(' '));
    this.name = 'SizingInputError';
    this.problems = problems;
    this.lang = lang;
  }
}

/** One sentence per problem, in `lang` (the CLI's and the API's sentences). */
export function problemMessages(problems: readonly Problem[], lang: Locale = 'en'): string[] {
  const m = messagesFor(lang);
  const f = fmt(lang);
  return problems.map((p) => m.problem(p, p.field, f));
}

/** The locale of the options (bad: SizingInputError). */
export function langOf(options: SizingOptions): Locale {
  const lang = options.lang ?? 'en';
  // The exact spellings first (no case folding on every call).
  if (lang === 'en' || lang === 'pt-BR') return lang;
  const locale = localeOf(lang);
  if (locale !== undefined) return locale;
  throw new SizingInputError([{ field: 'lang', value: lang, accepted: { kind: 'one_of', values: LOCALES, suggestion: typeof lang === 'string' ? closest(lang, LOCALES) : undefined } }]);
}

const KINDS = ['models', 'servers', 'storage'] as const satisfies readonly CatalogKind[];

/**
 * Check catalog entries and index them for `sizing(…, { catalog })`; throws `SizingInputError` with
 * every problem found: each names the entry and field (`[2] (my-model).num_layers`, or
 * `models[2] (my-model).num_layers` for a file object) and its `source` the kind (`catalog.models`).
 */
export function createCatalog(input: CatalogInput, options: { readonly lang?: Locale } = {}): CatalogIndex {
  const lang = langOf(options);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new SizingInputError([{ field: 'catalog', value: input, accepted: { kind: 'object' } }], lang);
  const problems: Problem[] = [];
  const known = [...KINDS, 'extend'];
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) problems.push({ field: `catalog.${key}`, value: (input as Record<string, unknown>)[key], accepted: { kind: 'no_field', known, suggestion: closest(key, known) } });
  }
  const catalog: { -readonly [K in keyof Catalog]: Catalog[K] } = { ...BUILTIN_CATALOG };
  for (const kind of KINDS) {
    const given: unknown = input[kind];
    if (given === undefined) continue;
    const checked = checkCatalogData(kind, given, `catalog.${kind}`);
    if (!checked.ok) {
      problems.push(...checked.problems);
      continue;
    }
    (catalog as Record<CatalogKind, unknown>)[kind] = withEntries<{ name: string }>(BUILTIN_CATALOG[kind], checked.value, input.extend !== true);
  }
  if (problems.length > 0) throw new SizingInputError(problems, lang);
  return new CatalogIndex(catalog);
}

let builtinIndex: CatalogIndex | undefined;
const contexts: Partial<Record<Locale, RenderContext>> = {};

/**
 * `sizing(request, { fields })`: only the named result paths, as `llm-sizing batch --fields` writes
 * them (`nodes`: the three scenarios' final node counts; any name `batch --help` lists), at batch speed.
 *
 * @example
 * sizing({ model: 'opt-oss-120b', server: 'dgx300', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' }, { fields: ['nodes'] });
 * //=> { nodes: { minimum: 4, recommended: 5, ideal: 7 } }
 */
export interface FieldsOptions extends SizingOptions {
  readonly fields: readonly string[];
}

/** The catalog of the options, indexed (the built-in one once). */
export function indexOf(catalog: SizingOptions['catalog'], lang: Locale): CatalogIndex {
  if (catalog === undefined) return (builtinIndex ??= new CatalogIndex(BUILTIN_CATALOG));
  return catalog instanceof CatalogIndex ? catalog : createCatalog(catalog, { lang });
}

/**
 * Size a request and return the typed result that the renderers (`renderText`, `renderMarkdown`,
 * `renderExecutive`, `renderJson`) take. Throws `SizingInputError` on bad input.
 */
export function sizingResult(request: SizingRequest, options: SizingOptions = {}): SizingResult {
  const lang = langOf(options);
  const index = indexOf(options.catalog, lang);
  let body: unknown = request;
  if (request !== null && typeof request === 'object' && !Array.isArray(request) && Object.hasOwn(request, 'id')) {
    const { id: _id, ...rest } = request;
    body = rest;
  }
  const sized = sizeBody(body, index);
  if (!sized.ok) throw new SizingInputError(sized.problems, lang);
  return sized.value;
}

/**
 * Size a request: the JSON document that `llm-sizing --json-only` prints for the same request (a
 * fresh object; it carries no date, so the same request always gives the same document). Throws
 * `SizingInputError` on bad input.
 *
 * @example
 * const doc = sizing({ model: 'opt-oss-120b', server: 'dgx300', storage: 'profile_default', concurrency: 1000, effective_context: 131072, kv_precision: 'fp16' });
 * doc.scenarios.recommended.results.nodes_final; // 5
 */
export function sizing(request: SizingRequest, options: FieldsOptions): FieldValues;
export function sizing(request: SizingRequest, options?: SizingOptions): SizingOutput;
export function sizing(request: SizingRequest, options: SizingOptions | FieldsOptions = {}): SizingOutput | FieldValues {
  if ('fields' in options && options.fields !== undefined) {
    const lang = langOf(options);
    const answered = sizingFields(request, options.fields, indexOf(options.catalog, lang), (contexts[lang] ??= renderContext({ locale: lang })));
    if (!answered.ok) throw new SizingInputError(answered.problems, lang);
    return answered.value;
  }
  const result = sizingResult(request, options);
  const doc = toJsonDocument(result, { locale: langOf(options) });
  // The document holds the catalog entries themselves: copy them, so that changing the result cannot change the catalog.
  return { ...doc, inputs: copyJson(doc.inputs) };
}

/** A deep copy of JSON data (plain objects, arrays, primitives). */
function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = copyJson(v);
  return out as T;
}

/**
 * A `perf` request: the fields of `llm-sizing perf` in snake_case, as the HTTP API's
 * `POST /api/v1/perf` takes them (model, server, input_tokens, output_tokens, concurrency or
 * request_rate or neither, gpus_used, and the precision and engine settings of a sizing).
 */
export type PerfRequest = PerfRequestInput;

/**
 * One deployment at one load through the performance model: the JSON document `llm-sizing perf
 * --json-only` prints for the same request (TTFT and TPOT p50/p99, output tokens/s and requests/s of
 * the deployment, the binding limit, each figure's 80 % interval, and the terms behind them). Throws
 * `SizingInputError` on bad input, its message in `lang`.
 *
 * @example
 * const doc = perf({ model: 'Meta-Llama-3.1-70B', server: 'dgx-h200', gpus_used: 1, weights_precision: 'fp8', concurrency: 16 });
 * doc.performance.tpot_ms.p99; // ms per output token at the 99th percentile
 */
export function perf(request: PerfRequest, options: SizingOptions = {}): PerfOutput {
  const lang = langOf(options);
  const evaluated = perfRequest(request, indexOf(options.catalog, lang));
  if (!evaluated.ok) throw new SizingInputError(evaluated.problems, lang);
  return perfDocument(evaluated.value);
}
