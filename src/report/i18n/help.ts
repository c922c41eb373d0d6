/**
 * `--help`'s words in every locale (src/cli/help.ts reads them), apart from `Phrases`: only `--help`
 * carries them, not the web page's bundle nor the report's. Reached through a function, like the
 * locales of ./index.ts: the CLI's build (scripts/build.mjs) turns `() => helpPtBR` into a require()
 * of dist/help-pt-BR.cjs, so English help neither reads nor builds the Portuguese. A locale missing
 * here fails `tsc`.
 */
import type { Locale } from '../format.ts';
import { helpEn } from './help-en.ts';
import { helpPtBR } from './help-pt-BR.ts';
import type { HelpPhrases } from './types.ts';

export const HELP_PHRASES: { readonly [L in Locale]: () => HelpPhrases } = { en: () => helpEn, 'pt-BR': () => helpPtBR };
