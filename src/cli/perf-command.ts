/**
 * `llm-sizing perf`: one deployment at one load, through the performance model (src/app/perf.ts). The
 * text report with its rationale, or with `--json-only` the JSON document (src/report/perf.ts; the same
 * as `POST /api/v1/perf`). Bad input: every problem in one round, exit 2, nothing on stdout.
 */
import { evaluatePerf, planPerf } from '../app/perf.ts';
import type { CatalogIndex } from '../catalog/lookup.ts';
import { renderPerfJson, renderPerfText } from '../report/perf.ts';
import { InputError, isInputError, type Problem } from '../schema/problems.ts';
import { type ParsedArgs, requestFromFlags } from './args.ts';
import { EXIT } from './exit.ts';
import { flagForField } from './flags.ts';
import type { Io } from './main.ts';

export async function runPerf(args: ParsedArgs, io: Pick<Io, 'stdout'>, catalog: CatalogIndex): Promise<number> {
  const v = args.values;
  const problems: Problem[] = [];
  const request = requestFromFlags(v);
  const hfConfig = typeof v['hf-config'] === 'string' ? v['hf-config'] : undefined;
  if (typeof v.name === 'string' && hfConfig === undefined) {
    problems.push({ field: '--name', value: v.name, accepted: { kind: 'rule', rule: 'name_needs_config', detail: {} } });
  }
  let index = catalog;
  let configFailed = false;
  if (hfConfig !== undefined) {
    if (typeof v.model === 'string') problems.push({ field: '--hf-config', value: hfConfig, accepted: { kind: 'exclusive', with: '--model' } });
    else {
      const { loadHfConfig } = await import('./hf-config.ts');
      try {
        const model = loadHfConfig(hfConfig, typeof v.name === 'string' ? v.name : undefined);
        request.model = model.name;
        index = catalog.withModel(model);
      } catch (e) {
        if (!isInputError(e)) throw e;
        problems.push(...e.problems);
        configFailed = true;
      }
    }
  }
  const planned = planPerf(request, index);
  // A config.json that could not be read is its own problem, not also a missing --model.
  const requestProblems = planned.ok ? [] : planned.problems.filter((p) => !(configFailed && p.field === 'model' && p.accepted.kind === 'required'));
  problems.unshift(
    ...requestProblems.map((p): Problem => ({ ...p, field: flagForField(p.field), ...(p.accepted.kind === 'exclusive' ? { accepted: { ...p.accepted, with: flagForField(p.accepted.with) } } : {}) })),
  );
  if (problems.length > 0 || !planned.ok) throw new InputError(problems);
  const evaluation = evaluatePerf(planned.value);
  io.stdout(v['json-only'] === true ? renderPerfJson(evaluation) : renderPerfText(evaluation, args.locale));
  return EXIT.ok;
}
