/**
 * The library's `compare()`: one sizing request crossed with lists of options, as `llm-sizing compare
 * --json-only` and `POST /api/v1/compare` give it (src/app/compare.ts → src/report/compare.ts). Pure;
 * throws `SizingInputError` on bad input, its message in `lang`.
 */
import { compareRequest } from '../app/compare.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import type { CompareLists, CompareSort } from '../app/compare-options.ts';
import { compareDocument } from '../report/compare.ts';
import type { Locale } from '../report/format.ts';
import type { CompareOutput } from '../schema/compare-output.ts';
import { rankingProblems } from '../schema/compare-request.ts';
import type { SizingRequestInput } from '../schema/request.ts';
import { indexOf, langOf, SizingInputError, type SizingOptions } from './sizing.ts';

/** The request every option shares: a sizing request, where the fields compared may be left out. */
export type CompareRequest = Partial<SizingRequestInput> & Readonly<Record<string, unknown>>;

export interface CompareRunOptions extends SizingOptions {
  /** The order of the rows (default `cost`): the first key; ties go to cost, nodes, TPOT p99, then the cross order. */
  readonly sort?: CompareSort;
  /** At most this many rows (the feasible ones first); default all. */
  readonly top?: number;
}

/**
 * Size `request` once per combination of the `options` lists, rank the options, mark the dominated
 * ones and name the recommended one: the JSON document of `llm-sizing compare --json-only`.
 *
 * @example
 * const doc = compare(
 *   { model: 'Meta-Llama-3.1-70B', memory_model: 'vllm', concurrency: 1000, effective_context: 8192 },
 *   { server: ['dgx-h100', 'dgx-h200'], tensor_parallel: [4, 8] },
 * );
 * doc.rows.map((r) => r.nodes.recommended); // [5, 6, 9, 12]: fewest nodes first while no option has a price
 * doc.recommendation?.option; // { server: 'dgx-h200', tensor_parallel: 8 }
 */
export function compare(request: CompareRequest, options: CompareLists, settings: CompareRunOptions = {}): CompareOutput {
  const lang = rankedLang(settings);
  return compared(request, options, indexOf(settings.catalog, lang), lang, settings);
}

/**
 * `compare()` over a catalog already indexed (`createCatalog`, or `new CatalogIndex(BUILTIN_CATALOG)`):
 * the same document and errors. It does not reach the catalog-file checks (and zod behind them), so
 * a bundle that calls only this one leaves them out: the web page's compare view.
 */
export function compareIndexed(request: CompareRequest, options: CompareLists, catalog: CatalogIndex, settings: Omit<CompareRunOptions, 'catalog'> = {}): CompareOutput {
  return compared(request, options, catalog, rankedLang(settings), settings);
}

/** The locale of `settings`, after checking its sort and top (bad: SizingInputError). */
function rankedLang(settings: Omit<CompareRunOptions, 'catalog'>): Locale {
  const lang = langOf(settings);
  const ranking = rankingProblems(settings.sort, settings.top);
  if (ranking.length > 0) throw new SizingInputError(ranking, lang);
  return lang;
}

function compared(request: CompareRequest, options: CompareLists, index: CatalogIndex, lang: Locale, settings: Omit<CompareRunOptions, 'catalog'>): CompareOutput {
  const compared = compareRequest(request, options, index, { sort: settings.sort ?? 'cost' });
  if (!compared.ok) throw new SizingInputError(compared.problems, lang);
  return compareDocument(compared.value, { locale: lang, top: settings.top });
}
