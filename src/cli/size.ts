/** `llm-sizing [size]`: one sizing, reports to stdout and files. */
import { resolve } from 'node:path';
import { reportDateOf } from '../app/report-date.ts';
import { sizeRequest } from '../app/size-request.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import { renderExecutive } from '../report/executive.ts';
import { renderJson } from '../report/json.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { renderText } from '../report/text.ts';
import { InputError, isInputError, type Problem } from '../schema/problems.ts';
import { validateRequest } from '../schema/request.ts';
import { requestFromFlags, type ParsedArgs } from './args.ts';
import { EXIT } from './exit.ts';
import { flagForField } from './flags.ts';
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
  const hfConfig = typeof v['hf-config'] === 'string' ? v['hf-config'] : undefined;
  if (typeof v.name === 'string' && hfConfig === undefined) {
    problems.push({ field: '--name', value: v.name, accepted: { kind: 'rule', rule: 'name_needs_config', detail: {} } });
  }
  let configFailed = false;
  if (hfConfig !== undefined) {
    if (typeof v.model === 'string') problems.push({ field: '--hf-config', value: hfConfig, accepted: { kind: 'exclusive', with: '--model' } });
    else {
      const { loadHfConfig } = await import('./hf-config.ts');
      try {
        const model = loadHfConfig(hfConfig, typeof v.name === 'string' ? v.name : undefined);
        request.model = model.name;
        catalog = catalog?.withModel(model);
      } catch (e) {
        if (!isInputError(e)) throw e;
        problems.push(...e.problems);
        configFailed = true;
      }
    }
  }
  // Without a catalog (a bad catalog file) the fields are still checked; the names cannot be.
  const sized = catalog ? sizeRequest(request, catalog) : undefined;
  const checked = sized ?? validateRequest(request);
  // A config.json that could not be read is its own problem, not also a missing --model.
  const requestProblems = checked.ok ? [] : checked.problems.filter((p) => !(configFailed && p.field === 'model' && p.accepted.kind === 'required'));
  problems.unshift(
    ...requestProblems.map((p) => ({
      ...p,
      field: flagForField(p.field),
      // The other field of a pair (concurrency or request_rate) is named as a flag too.
      accepted: p.accepted.kind === 'exclusive' ? { ...p.accepted, with: flagForField(p.accepted.with) } : p.accepted.kind === 'required_either' ? { ...p.accepted, other: flagForField(p.accepted.other) } : p.accepted,
    })),
  );
  problems.push(...catalogProblems);
  if (problems.length > 0 || sized === undefined || !sized.ok) throw new InputError(problems);

  const result = sized.value;
  const options = { locale: args.locale, generatedAt: reportDate(io), verbose: v.verbose === true };
  const executive = v['executive-report'] === true;
  const markdown = () => (executive ? renderExecutive(result, options) : renderMarkdown(result, options));
  const json = () => renderJson(result, options);

  const files: { path: string; content: string; field: string }[] = [];
  if (jsonFile !== undefined) files.push({ path: jsonFile, content: json(), field: '--output-json-file' });
  if (markdownFile !== undefined) files.push({ path: markdownFile, content: markdown(), field: '--output-markdown-file' });
  if (files.length > 0) writeFilesAtomically(files);

  if (v['json-only']) io.stdout(json());
  else if (v['markdown-only'] || executive) io.stdout(markdown());
  else io.stdout(renderText(result, options));
  return result.feasible ? EXIT.ok : EXIT.infeasible;
}
