/**
 * `llm-sizing calibrate LOGFILE`: read an inference engine's start-up log and print, for each engine
 * run in it, what it states about KV-cache memory, the KV bytes per token it implies (against the
 * model's, when the model is known) and the llm-sizing flags that reproduce it.
 *
 * `--json-only` prints `{ "runs": [ … ] }`, one object per run (docs/engines.md, "Calibrating from an
 * engine's log", gives the shape).
 *
 * A serving benchmark's result (`vllm bench serve --save-result`, SGLang's `bench_serving`, saved or
 * printed; src/engines/bench-results.ts) is read instead when the file is one: what it measured, per
 * result; `--json-only` prints `{ "benchmarks": [ … ] }`.
 */
import { BUILTIN_CATALOG } from '../catalog/builtin.ts';
import { type BenchmarkComparison, type BenchmarkMeasurement, parseBenchmarkResult } from '../engines/bench-results.ts';
import { type CalibrationRun, type Engine, parseEngineLog } from '../engines/calibrate.ts';
import type { Locale } from '../report/format.ts';
import { benchmarkLines, calibrationBytesPerToken, calibrationFacts, calibrationNote } from '../report/i18n/calibration.ts';
import { CALIBRATE_PHRASES } from '../report/i18n/calibrate.ts';
import type { Catalog, ModelEntry } from '../schema/catalog.ts';
import { closest, InputError, type Problem } from '../schema/problems.ts';
import { numberOrText } from './args.ts';
import { EXIT } from './exit.ts';
import { readTextFile } from './io.ts';

const ENGINE_NAMES: Readonly<Record<Engine, string>> = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM' };

/** What a log cannot tell: the user fills these in. */
const PLACEHOLDERS = ['--server …', '--storage …', '--concurrency …'];

/** The llm-sizing command that reproduces a run: its model (or a placeholder), the placeholders, its flags. */
export function reproduceCommand(run: Pick<CalibrationRun, 'flags'>): string {
  const model = run.flags.find((f) => f.startsWith('--model '));
  return ['llm-sizing', model ?? '--model …', ...PLACEHOLDERS, ...run.flags.filter((f) => f !== model)].join(' ');
}

/** One run as the JSON output gives it. */
function runJson(run: CalibrationRun, n: number, locale: Locale): Record<string, unknown> {
  return {
    run: n,
    lines: run.lines,
    engine: run.engine,
    facts: run.facts,
    model: run.model,
    kv_bytes_per_token: run.kv_bytes_per_token,
    flags: run.flags,
    command: reproduceCommand(run),
    notes: run.notes.map((note) => ({ code: note.code, params: note.params, message: calibrationNote(note, locale) })),
  };
}

function runText(run: CalibrationRun, locale: Locale): string[] {
  const L = CALIBRATE_PHRASES[locale];
  const facts = calibrationFacts(run.facts, locale);
  const lines = [`${L.engine}: ${ENGINE_NAMES[run.engine]}`];
  if (facts.length === 0) lines.push(`${L.facts}: ${L.none}`);
  else lines.push(`${L.facts}:`, ...facts.map((f) => `  ${f}`));
  const [implied, model] = calibrationBytesPerToken(run, locale);
  if (implied !== undefined) lines.push(implied);
  if (model !== undefined) lines.push(`  ${model}`);
  if (run.notes.length > 0) lines.push(`${L.notes}:`, ...run.notes.map((n) => `  - ${calibrationNote(n, locale)}`));
  lines.push(`${L.reproduce}:`, `  ${reproduceCommand(run)}`);
  return lines;
}

export async function runCalibrate(
  args: { readonly positionals: readonly string[]; readonly locale: Locale; readonly values?: Readonly<Record<string, string | boolean | undefined>> },
  io: { stdout(t: string): void; stderr(t: string): void },
  catalog: Catalog = BUILTIN_CATALOG,
): Promise<number> {
  const problems: Problem[] = [];
  const path = args.positionals[0];
  if (path === undefined) problems.push({ field: 'LOGFILE', value: undefined, accepted: { kind: 'required' } });
  const modelName = args.values?.model;
  let model: ModelEntry | undefined;
  if (typeof modelName === 'string') {
    model = catalog.models.find((m) => m.name === modelName);
    if (model === undefined) {
      const known = catalog.models.map((m) => m.name);
      problems.push({ field: 'model', value: modelName, accepted: { kind: 'one_of', values: known, suggestion: closest(modelName, known) } });
    }
  }
  let text: string | undefined;
  if (path !== undefined) {
    const read = readTextFile(path, 'LOGFILE', 'log');
    if (read.ok) text = read.text;
    else problems.push(read.problem);
  }
  if (problems.length > 0 || text === undefined) throw new InputError(problems);
  const bench = parseBenchmarkResult(text, path);
  if (bench !== undefined) {
    if (!bench.ok) throw new InputError(bench.problems);
    await printBenchmarks(bench.measurements, args.locale, args.values?.['json-only'] === true, io, args.values ?? {}, catalog);
    return EXIT.ok;
  }
  const { runs } = parseEngineLog(text, { models: catalog.models, ...(model ? { model } : {}) });
  if (runs.length === 0) {
    throw new InputError([{ field: 'LOGFILE', value: path, accepted: { kind: 'rule', rule: 'calibrate_nothing_found', detail: {} } }]);
  }
  if (args.values?.['json-only'] === true) {
    io.stdout(`${JSON.stringify({ runs: runs.map((r, i) => runJson(r, i + 1, args.locale)) }, null, 2)}\n`);
    return EXIT.ok;
  }
  const L = CALIBRATE_PHRASES[args.locale];
  const blocks = runs.map((run, i) => (runs.length === 1 ? runText(run, args.locale) : [L.run({ n: i + 1, of: runs.length, ...run.lines }), ...runText(run, args.locale)]));
  io.stdout(`${blocks.map((b) => b.join('\n')).join('\n\n')}\n`);
  return EXIT.ok;
}

/**
 * The comparison with the performance model (issue 10 point 3): with --server, the deployment the
 * benchmark measured is planned from the model (--model, else the result's model when the catalog has
 * it by name or Hugging Face repository), the server and the layout and precision flags given, and
 * evaluated at the measurement's load (src/app/perf-calibrate.ts). Without --server: null.
 */
async function comparisonFor(m: BenchmarkMeasurement, values: Readonly<Record<string, string | boolean | undefined>>, catalog: Catalog): Promise<BenchmarkComparison | null> {
  if (typeof values.server !== 'string') return null;
  const [{ planPerf }, { benchComparison }, { CatalogIndex }, { FLAGS, flagForField }] = await Promise.all([
    import('../app/perf.ts'),
    import('../app/perf-calibrate.ts'),
    import('../catalog/lookup.ts'),
    import('./flags.ts'),
  ]);
  const given = typeof values.model === 'string' ? values.model : m.model === null ? undefined : catalog.models.find((e) => e.name === m.model || e.hf_repo === m.model)?.name;
  if (given === undefined) throw new InputError([{ field: '--model', value: m.model ?? undefined, accepted: { kind: 'required' } }]);
  // The deployment's flags as given (model first), for the request and for the `perf` command that reproduces the load.
  const flags: string[] = ['--model', given];
  const raw: Record<string, unknown> = { model: given };
  for (const f of FLAGS) {
    const v = values[f.name];
    if (f.field === undefined || f.name === 'model' || typeof v !== 'string' || !f.commands.includes('calibrate')) continue;
    flags.push(`--${f.name}`, v);
    raw[f.field] = f.kind === 'integer' || f.kind === 'number' ? numberOrText(v) : v;
  }
  raw.input_tokens = Math.max(1, Math.round(m.mean_input_tokens));
  raw.output_tokens = Math.max(1, Math.round(m.mean_output_tokens));
  const planned = planPerf(raw, new CatalogIndex(catalog));
  if (!planned.ok) throw new InputError(planned.problems.map((p) => ({ ...p, field: flagForField(p.field) })));
  return benchComparison(planned.value, m, flags);
}

async function printBenchmarks(
  measurements: readonly BenchmarkMeasurement[],
  locale: Locale,
  json: boolean,
  io: { stdout(t: string): void },
  values: Readonly<Record<string, string | boolean | undefined>>,
  catalog: Catalog,
): Promise<void> {
  const compared: { m: BenchmarkMeasurement; comparison: BenchmarkComparison | null }[] = [];
  for (const m of measurements) compared.push({ m, comparison: await comparisonFor(m, values, catalog) });
  if (json) {
    io.stdout(`${JSON.stringify({ benchmarks: compared.map(({ m, comparison }) => ({ ...m, comparison })) }, null, 2)}\n`);
    return;
  }
  const t = CALIBRATE_PHRASES[locale].bench;
  const blocks = compared.map(({ m, comparison }) => {
    const lines = benchmarkLines(m, comparison, locale);
    return measurements.length === 1 ? lines : [t.record({ n: m.record, of: measurements.length, line: m.line }), ...lines];
  });
  io.stdout(`${blocks.map((b) => b.join('\n')).join('\n\n')}\n`);
}
