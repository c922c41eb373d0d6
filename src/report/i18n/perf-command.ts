/**
 * `llm-sizing perf`'s words in every locale (src/report/perf.ts reads them), apart from `Phrases`: only
 * what renders the perf report carries them, not the web page's bundle nor the CLI's default path.
 * A locale missing here fails `tsc`.
 */
import type { Locale } from '../format.ts';
import { perfCommandEn } from './perf-command-en.ts';
import type { PerfCommandPhrases } from './perf-command-phrases.ts';
import { perfCommandPtBR } from './perf-command-pt-BR.ts';

export const PERF_COMMAND_PHRASES: { readonly [L in Locale]: PerfCommandPhrases } = { en: perfCommandEn, 'pt-BR': perfCommandPtBR };
