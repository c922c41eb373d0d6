/** `llm-sizing [size]`: one sizing, reports to stdout and files. */
import { resolve } from 'node:path';
import { reportDateOf } from '../app/report-date.ts';
import { sizeRequest } from '../app/size-request.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import { renderExecutive } from '../report/executive.ts';
import { renderJson } from '../report/json.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { renderText } from '../report/text.ts';
import { InputError, type Problem } from '../schema/problems.ts';
import { requestFromFlags, type ParsedArgs } from './args.ts';
import { EXIT } from './exit.ts';
import { flagForField } from './flags.ts';
import { checkWritable, writeFilesAtomically } from './io.ts';
import type { Io } from './main.ts';

/** The report date: SOURCE_DATE_EPOCH when set (reproducible reports), else now; always UTC. */
export function reportDate(io: Io): string {
  return reportDateOf(io.env, io.now);
}

export async function runSize(args: ParsedArgs, io: Io, catalogIndex: CatalogIndex): Promise<number> {
  let catalog = catalogIndex;
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
  if (hfConfig !== undefined) {
    if (typeof v.model === 'string') problems.push({ field: '--hf-config', value: hfConfig, accepted: { kind: 'exclusive', with: '--model' } });
    else {
      const { loadHfConfig } = await import('./hf-config.ts');
      const model = loadHfConfig(hfConfig, typeof v.name === 'string' ? v.name : undefined);
      request.model = model.name;
      catalog = catalog.withModel(model);
    }
  }
  const sized = sizeRequest(request, catalog);
  if (!sized.ok) problems.unshift(...sized.problems.map((p) => ({ ...p, field: flagForField(p.field) })));
  if (problems.length > 0 || !sized.ok) throw new InputError(problems);

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
