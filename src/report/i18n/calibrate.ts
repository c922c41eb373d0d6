/**
 * `llm-sizing calibrate`'s words in every locale (./calibration.ts and src/cli/calibrate-command.ts
 * read them), apart from `Phrases`: only the calibrate command carries them, not the web page's bundle
 * nor the CLI's default path. A locale missing here fails `tsc`.
 */
import type { Locale } from '../format.ts';
import { calibrateEn } from './calibrate-en.ts';
import { calibratePtBR } from './calibrate-pt-BR.ts';
import type { CalibratePhrases } from './types.ts';

export const CALIBRATE_PHRASES: { readonly [L in Locale]: CalibratePhrases } = { en: calibrateEn, 'pt-BR': calibratePtBR };
