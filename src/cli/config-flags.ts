/**
 * `--hf-config` and `--name` (the sizing and `perf` commands): the model a config.json describes, in
 * place of `--model`, and the request's problems named as the command line names them. The config
 * reader (src/cli/hf-config.ts) is loaded only when `--hf-config` is given.
 */
import type { ModelEntry } from '../schema/catalog.ts';
import { isInputError, type Problem } from '../schema/problems.ts';
import type { ParsedArgs } from './args.ts';
import { flagForField } from './flags.ts';

/** The model of `--hf-config` (undefined without it); `failed` when the file could not be read or interpreted. */
export interface ConfigModel {
  readonly model: ModelEntry | undefined;
  readonly failed: boolean;
}

/**
 * Read `--hf-config` (named `--name` when given). Its problems, `--name` without `--hf-config`, and
 * `--hf-config` beside `--model` are pushed onto `problems` (one round with the request's).
 */
export async function modelFromConfigFlags(v: ParsedArgs['values'], problems: Problem[]): Promise<ConfigModel> {
  const hfConfig = typeof v['hf-config'] === 'string' ? v['hf-config'] : undefined;
  if (typeof v.name === 'string' && hfConfig === undefined) {
    problems.push({ field: '--name', value: v.name, accepted: { kind: 'rule', rule: 'name_needs_config', detail: {} } });
  }
  if (hfConfig === undefined) return { model: undefined, failed: false };
  if (typeof v.model === 'string') {
    problems.push({ field: '--hf-config', value: hfConfig, accepted: { kind: 'exclusive', with: '--model' } });
    return { model: undefined, failed: false };
  }
  const { loadHfConfig } = await import('./hf-config.ts');
  try {
    return { model: loadHfConfig(hfConfig, typeof v.name === 'string' ? v.name : undefined), failed: false };
  } catch (e) {
    if (!isInputError(e)) throw e;
    problems.push(...e.problems);
    return { model: undefined, failed: true };
  }
}

/**
 * The request's problems named as flags (`--server`, not `server`; the other field of a pair too). A
 * config.json that could not be read is its own problem, not also a missing `--model`.
 */
export function requestProblemsAsFlags(problems: readonly Problem[], config: ConfigModel): Problem[] {
  return problems
    .filter((p) => !(config.failed && p.field === 'model' && p.accepted.kind === 'required'))
    .map((p) => problemAsFlags(p));
}

/** One problem named as flags: its field, and the other field of a pair (`exclusive`, `required_either`). */
export function problemAsFlags(p: Problem, flag: (field: string) => string = flagForField): Problem {
  const a = p.accepted;
  return {
    ...p,
    field: flag(p.field),
    accepted: a.kind === 'exclusive' ? { ...a, with: flag(a.with) } : a.kind === 'required_either' ? { ...a, other: flag(a.other) } : a,
  };
}
