/**
 * `llm-sizing calibrate LOGFILE`: read an inference engine's start-up log and print what it states about
 * KV-cache memory, and the llm-sizing flags that reproduce it.
 */
import { type Engine, parseEngineLog } from '../engines/calibrate.ts';
import type { Locale } from '../report/format.ts';
import { calibrationFacts, calibrationNote } from '../report/i18n/calibration.ts';
import { messagesFor } from '../report/i18n/index.ts';
import { InputError } from '../schema/problems.ts';
import { EXIT } from './exit.ts';
import { readTextFile } from './io.ts';

const ENGINE_NAMES: Readonly<Record<Exclude<Engine, 'unknown'>, string>> = { vllm: 'vLLM', sglang: 'SGLang', trtllm: 'TensorRT-LLM' };

/** What a log cannot tell: the user fills these in. */
const PLACEHOLDERS = '--model … --server … --storage … --concurrency …';

export async function runCalibrate(
  args: { readonly positionals: readonly string[]; readonly locale: Locale },
  io: { stdout(t: string): void; stderr(t: string): void },
): Promise<number> {
  const path = args.positionals[0];
  if (path === undefined) throw new InputError([{ field: 'LOGFILE', value: undefined, accepted: { kind: 'required' } }]);
  const read = readTextFile(path, 'LOGFILE', 'log');
  if (!read.ok) throw new InputError([read.problem]);
  const result = parseEngineLog(read.text);
  const m = messagesFor(args.locale);
  const facts = calibrationFacts(result.facts, args.locale);
  if (result.engine === 'unknown' && facts.length === 0) {
    throw new InputError([{ field: 'LOGFILE', value: path, accepted: { kind: 'rule', rule: 'calibrate_nothing_found', detail: {} } }]);
  }
  const L = m.calibrate;
  const lines = [`${L.engine}: ${result.engine === 'unknown' ? L.unknown : ENGINE_NAMES[result.engine]}`];
  if (facts.length === 0) lines.push(`${L.facts}: ${L.none}`);
  else lines.push(`${L.facts}:`, ...facts.map((f) => `  ${f}`));
  if (result.notes.length > 0) lines.push(`${L.notes}:`, ...result.notes.map((n) => `  - ${calibrationNote(n, args.locale)}`));
  lines.push(`${L.reproduce}:`, `  ${['llm-sizing', PLACEHOLDERS, ...result.flags].join(' ')}`);
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
