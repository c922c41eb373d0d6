/**
 * `llm-sizing compare`: the sizing flags, where the flags of COMPARE_FIELDS take comma-separated lists;
 * every combination is sized in process (src/app/compare.ts) and ranked. The text table (default),
 * `--markdown-only`, `--json-only` (the document of `POST /api/v1/compare`), or `--executive-report`
 * (the recommended option's executive report with an "options considered" page). Bad input: every
 * problem in one round, each naming its flag, exit 2, nothing on stdout.
 */
import { compareRequest } from '../app/compare.ts';
import { COMPARE_FIELDS, type CompareSort } from '../app/compare-options.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import { renderCompareExecutive, renderCompareJson, renderCompareMarkdown, renderCompareText } from '../report/compare.ts';
import { InputError, type Problem } from '../schema/problems.ts';
import { numberOrText, type ParsedArgs, requestFromFlags } from './args.ts';
import { EXIT } from './exit.ts';
import { problemAsFlags } from './config-flags.ts';
import { FLAGS, flagForField } from './flags.ts';
import type { Io } from './main.ts';
import { reportDate } from './size.ts';
import { rankingProblems } from '../schema/compare-request.ts';

/** A problem of the comparison, named as the command line names it (`--server`, not `server`). */
function asFlags(p: Problem): Problem {
  // The comparison names a list `options.<field>` as the other side of a pair, and all the lists `options`.
  const a0 = p.accepted;
  const unprefixed = a0.kind === 'exclusive' && a0.with.startsWith('options.') ? { ...p, accepted: { ...a0, with: a0.with.slice('options.'.length) } } : p;
  const named = problemAsFlags(unprefixed, (field) => (field === 'options' ? COMPARE_FIELDS.map(flagForField).join(', ') : flagForField(field)));
  const a = named.accepted;
  return a.kind === 'rule' && a.rule === 'compare_options' ? { ...named, accepted: { ...a, detail: { ...a.detail, fields: a.detail.fields.map(flagForField) } } } : named;
}

export async function runCompare(args: ParsedArgs, io: Io, catalog: CatalogIndex): Promise<number> {
  const v = args.values;
  const problems: Problem[] = [];
  const output = (['json-only', 'markdown-only', 'executive-report'] as const).filter((f) => v[f] === true);
  if (output.length > 1) problems.push({ field: `--${output[0]}`, value: true, accepted: { kind: 'exclusive', with: `--${output[1]}` } });
  // --sort in any case and spacing; both checked as the API checks `sort` and `top` (rankingProblems).
  const givenSort = typeof v.sort === 'string' ? v.sort.trim().toLowerCase() : undefined;
  const givenTop = typeof v.top === 'string' ? numberOrText(v.top) : undefined;
  const ranking = rankingProblems(givenSort, givenTop);
  for (const p of ranking) problems.push(p.field === 'sort' ? { ...p, field: '--sort', value: v.sort } : { ...p, field: '--top' });
  const sort = ranking.some((p) => p.field === 'sort') ? 'cost' : ((givenSort as CompareSort | undefined) ?? 'cost');
  const top = ranking.some((p) => p.field === 'top') ? undefined : (givenTop as number | undefined);
  // The list flags given several comma-separated values become the lists; one value stays in the request.
  const request = requestFromFlags(v);
  const lists: Record<string, (string | number)[]> = {};
  for (const field of COMPARE_FIELDS) {
    const spec = FLAGS.find((f) => f.field === field)!;
    const text = v[spec.name];
    if (typeof text !== 'string' || !text.includes(',')) continue;
    delete request[field];
    const numeric = spec.kind === 'integer' || spec.kind === 'number';
    lists[field] = text.split(',').map((x) => (numeric ? numberOrText(x) : x.trim()));
  }
  const compared = compareRequest(request, lists, catalog, { sort });
  if (!compared.ok) problems.unshift(...compared.problems.map(asFlags));
  if (problems.length > 0 || !compared.ok) throw new InputError(problems);

  const c = compared.value;
  const options = { locale: args.locale, top, fieldName: flagForField, recommend: v.recommend === true };
  if (v['json-only'] === true) io.stdout(renderCompareJson(c, options));
  else if (v['markdown-only'] === true) io.stdout(renderCompareMarkdown(c, options));
  else if (v['executive-report'] === true) io.stdout(renderCompareExecutive(c, { ...options, generatedAt: reportDate(io) }));
  else io.stdout(renderCompareText(c, options));
  return c.recommendation === null ? EXIT.infeasible : EXIT.ok;
}
