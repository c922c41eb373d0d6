/**
 * `compareIndexed()` (the web page's compare view calls it, so that the page's bundle leaves out the
 * catalog-file checks and zod) is `compare()` over an indexed catalog: the same document, and the
 * same SizingInputError (problems and message, in the language asked) on bad input.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG, CatalogIndex, compare, compareIndexed, type CompareLists, type CompareRequest, type CompareRunOptions, SizingInputError } from '../../src/index.ts';

const catalog = new CatalogIndex(BUILTIN_CATALOG);
const REQUEST: CompareRequest = { model: 'Meta-Llama-3.1-70B', storage: 'profile_default', concurrency: 1000, effective_context: 8192, memory_model: 'vllm' };
const LISTS: CompareLists = { server: ['dgx-h100', 'dgx-h200', 'dgx-b200'], tensor_parallel: [4, 8, 16] };

type Case = { name: string; request: CompareRequest; lists: CompareLists; settings: Omit<CompareRunOptions, 'catalog'>; bad: boolean };
const CASES: Case[] = [
  { name: 'the docs example', request: REQUEST, lists: LISTS, settings: {}, bad: false },
  { name: 'pt-BR, sorted by nodes, top 4', request: REQUEST, lists: LISTS, settings: { lang: 'pt-BR', sort: 'nodes', top: 4 }, bad: false },
  { name: 'a workload and a TPOT target', request: { ...REQUEST, input_tokens: 2048, output_tokens: 512, tpot_p99_ms: 50 }, lists: LISTS, settings: { sort: 'tpot' }, bad: false },
  { name: 'a bad sort', request: REQUEST, lists: LISTS, settings: { sort: 'price' as never }, bad: true },
  { name: 'a bad top, in pt-BR', request: REQUEST, lists: LISTS, settings: { lang: 'pt-BR', top: 0 }, bad: true },
  { name: 'an unknown server', request: REQUEST, lists: { server: ['dgx-h100', 'no-such-server'] }, settings: {}, bad: true },
  { name: 'a bad request field', request: { ...REQUEST, concurrency: -1 }, lists: LISTS, settings: {}, bad: true },
  { name: 'a bad lang', request: REQUEST, lists: LISTS, settings: { lang: 'fr' as never }, bad: true },
];

/** The document, or the error's name, problems and message. */
function outcome(run: () => unknown): unknown {
  try {
    return { doc: run() };
  } catch (e) {
    if (!(e instanceof SizingInputError)) throw e;
    return { error: { problems: e.problems, message: e.message, lang: e.lang } };
  }
}

describe('compareIndexed() is compare() over an indexed catalog', () => {
  it.each(CASES)('$name', ({ request, lists, settings, bad }) => {
    const expected = outcome(() => compare(request, lists, { ...settings, catalog }));
    expect(expected).toHaveProperty(bad ? 'error' : 'doc');
    expect(outcome(() => compareIndexed(request, lists, catalog, settings))).toEqual(expected);
    // Without a catalog, compare() uses the built-in one: the same as indexing it.
    expect(outcome(() => compare(request, lists, settings))).toEqual(expected);
  });
});
