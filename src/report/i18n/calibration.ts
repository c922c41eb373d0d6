/**
 * `llm-sizing calibrate` in words: one line per fact a log states, and the parser's notes. Apart from
 * `render.ts` only so that the report's start-up does not load the log parser.
 */
import { type CalibrationNote, type EngineLogFacts, FACT_KEYS, FACT_UNITS } from '../../engines/calibrate.ts';
import { formatNumber, type Locale } from '../format.ts';
import { PHRASES } from './index.ts';
import type { NoteParams, Phrases } from './types.ts';

/**
 * One line per fact, in a fixed order.
 * @example calibrationFacts({ kv_cache_memory_gib: 6.51 }, 'en') //=> ['available KV cache memory: 6.51 GiB']
 */
export function calibrationFacts(facts: EngineLogFacts, locale: Locale): string[] {
  const words = PHRASES[locale].calibrate.fact;
  const out: string[] = [];
  for (const key of FACT_KEYS) {
    const value = facts[key];
    if (value === undefined) continue;
    let shown: string;
    if (typeof value === 'string') shown = value;
    else {
      switch (FACT_UNITS[key]) {
        case 'gib':
          shown = `${formatNumber(value, locale, 2, 4)} GiB`;
          break;
        case 'tokens':
          shown = `${formatNumber(value, locale, 0, 0)} tokens`;
          break;
        case 'bytes':
          shown = `${formatNumber(value, locale, 0, 0)} bytes`;
          break;
        case 'times':
          shown = `${formatNumber(value, locale, 2, 2)}x`;
          break;
        case 'fraction':
          shown = formatNumber(value, locale, 0, 6);
          break;
        default:
          shown = formatNumber(value, locale, 0, 0);
      }
    }
    out.push(`${words[key]}: ${shown}`);
  }
  return out;
}

/** Notes whose lists are joined here, with the locale's words for the parts that have words. */
function noteParams(n: CalibrationNote, t: Phrases['calibrate']): NoteParams[typeof n.code] {
  switch (n.code) {
    case 'several_engines':
      return { list: n.params.engines.map((e) => t.engineLines(e)).join(', '), assumed: n.params.assumed };
    case 'several_values':
      return {
        list: n.params.facts
          .map(({ key, shown }) => `${key} ${shown.length <= 3 ? shown.join(' → ') : `${shown[0]} → … → ${shown[shown.length - 1]} ${t.valueCount(shown.length)}`}`)
          .join('; '),
      };
    case 'repeated_values':
      return { list: n.params.facts.map((x) => t.repeatedFact(x)).join(', ') };
    default:
      return n.params;
  }
}

/**
 * One note of the log parser as a sentence.
 * @example calibrationNote({ code: 'no_engine_marker', params: {} }, 'en') //=> 'no engine marker in the log: --memory-model is not given'
 */
export function calibrationNote(n: CalibrationNote, locale: Locale): string {
  const t = PHRASES[locale].calibrate;
  return (t.note[n.code] as (p: NoteParams[typeof n.code]) => string)(noteParams(n, t));
}
