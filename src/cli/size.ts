/** `llm-sizing [size]`: one sizing, reports to stdout and files. */
import { resolve } from 'node:path';
import { reportDateOf } from '../app/report-date.ts';
import { sizeRequest } from '../app/size-request.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import { renderText } from '../report/text.ts';
import { InputError, type Problem } from '../schema/problems.ts';
import { validateRequest } from '../schema/request.ts';
import { requestFromFlags, type ParsedArgs } from './args.ts';
import { modelFromConfigFlags, requestProblemsAsFlags } from './config-flags.ts';
import { EXIT } from './exit.ts';
import { checkWritable, writeFilesAtomically } from './io.ts';
import type { Io } from './main.ts';

/** The report date: SOURCE_DATE_EPOCH when set (reproducible reports), else now; always UTC. */
export function reportDate(io: Io): string {
  return reportDateOf(io.env, io.now);
}

/**
 * Size from the flags. Every input problem is reported in one round: the request's fields and catalog
 * names, the output files, the config.json, and the catalog files (`catalogIndex` holds their
 * problems when one could not be read; the request's fields are then still checked).
 */
export async function runSize(args: ParsedArgs, io: Io, catalogIndex: CatalogIndex | { readonly problems: readonly Problem[] }): Promise<number> {
  let catalog = 'problems' in catalogIndex ? undefined : catalogIndex;
  const catalogProblems = 'problems' in catalogIndex ? catalogIndex.problems : [];
  const v = args.values;
  const problems: Problem[] = [];
  if (v['json-only'] && v['markdown-only']) problems.push({ field: '--json-only', value: true, accepted: { kind: 'exclusive', with: '--markdown-only' } });
  const jsonFile = typeof v['output-json-file'] === 'string' ? v['output-json-file'] : undefined;
  const markdownFile = typeof v['output-markdown-file'] === 'string' ? v['output-markdown-file'] : undefined;
  if (jsonFile !== undefined && markdownFile !== undefined && resolve(jsonFile) === resolve(markdownFile)) {
    problems.push({ field: '--output-json-file', value: jsonFile, accepted: { kind: 'rule', rule: 'different_output_files', detail: { other: '--output-markdown-file' } } });
  }
  if (jsonFile !== undefined) {
    const p = checkWritable(jsonFile, '--output-json-file');
    if (p) problems.push(p);
  }
  if (markdownFile !== undefined) {
    const p = checkWritable(markdownFile, '--output-markdown-file');
    if (p) problems.push(p);
  }
  const request = requestFromFlags(v);
  const config = await modelFromConfigFlags(v, problems);
  if (config.model) {
    request.model = config.model.name;
    catalog = catalog?.withModel(config.model);
  }
  // Without a catalog (a bad catalog file) the fields are still checked; the names cannot be.
  const sized = catalog ? sizeRequest(request, catalog) : undefined;
  const checked = sized ?? validateRequest(request);
  problems.unshift(...requestProblemsAsFlags(checked.ok ? [] : checked.problems, config));
  problems.push(...catalogProblems);
  if (problems.length > 0 || sized === undefined || !sized.ok) throw new InputError(problems);

  const result = sized.value;
  const options = { locale: args.locale, generatedAt: reportDate(io), verbose: v.verbose === true };
  const executive = v['executive-report'] === true;
  // The JSON, Markdown and executive renderers are loaded when asked for: the default text report
  // neither sets them up nor compiles them (the CLI's bundle initialises a module on first import).
  const markdown = async () =>
    executive ? (await import('../report/executive.ts')).renderExecutive(result, options) : (await import('../report/markdown.ts')).renderMarkdown(result, options);
  const json = async () => (await import('../report/json.ts')).renderJson(result, options);

  const files: { path: string; content: string; field: string }[] = [];
  if (jsonFile !== undefined) files.push({ path: jsonFile, content: await json(), field: '--output-json-file' });
  if (markdownFile !== undefined) files.push({ path: markdownFile, content: await markdown(), field: '--output-markdown-file' });
  if (files.length > 0) writeFilesAtomically(files);

  if (v['json-only']) io.stdout(await json());
  else if (v['markdown-only'] || executive) io.stdout(await markdown());
  else io.stdout(renderText(result, options));
  return result.feasible ? EXIT.ok : EXIT.infeasible;
}
