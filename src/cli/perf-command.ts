/**
 * `llm-sizing perf`: one deployment at one load, through the performance model (src/app/perf.ts). The
 * text report with its rationale, or with `--json-only` the JSON document (src/report/perf.ts; the same
 * as `POST /api/v1/perf`). Bad input: every problem in one round, exit 2, nothing on stdout.
 */
import { evaluatePerf, planPerf } from '../app/perf.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import { renderPerfJson, renderPerfText } from '../report/perf.ts';
import { InputError, type Problem } from '../schema/problems.ts';
import { type ParsedArgs, requestFromFlags } from './args.ts';
import { modelFromConfigFlags, requestProblemsAsFlags } from './config-flags.ts';
import { EXIT } from './exit.ts';
import type { Io } from './main.ts';

export async function runPerf(args: ParsedArgs, io: Pick<Io, 'stdout'>, catalog: CatalogIndex): Promise<number> {
  const v = args.values;
  const problems: Problem[] = [];
  const request = requestFromFlags(v);
  const config = await modelFromConfigFlags(v, problems);
  if (config.model) request.model = config.model.name;
  const planned = planPerf(request, config.model ? catalog.withModel(config.model) : catalog);
  problems.unshift(...requestProblemsAsFlags(planned.ok ? [] : planned.problems, config));
  if (problems.length > 0 || !planned.ok) throw new InputError(problems);
  const evaluation = evaluatePerf(planned.value);
  io.stdout(v['json-only'] === true ? renderPerfJson(evaluation) : renderPerfText(evaluation, args.locale));
  return EXIT.ok;
}
