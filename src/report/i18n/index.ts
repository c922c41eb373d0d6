/** Locale → messages. The locale is always a parameter; there is no current-locale state. */
import type { Locale } from '../format.ts';
import { en } from './en.ts';
import { ptBR } from './pt-BR.ts';
import { messages } from './render.ts';
import type { Messages, Phrases } from './types.ts';

/**
 * Every locale's words, reached through a function: the CLI's build (scripts/build.mjs) turns
 * `() => ptBR` into an on-first-use initialisation, so a report in one language neither builds nor
 * compiles the other's tables. A locale missing here fails `tsc`.
 */
const LOAD: { readonly [L in Locale]: () => Phrases } = { en: () => en, 'pt-BR': () => ptBR };

/** Every locale's words (each read on first use); a locale missing here fails `tsc`. */
export const PHRASES: Readonly<Record<Locale, Phrases>> = {
  get en() {
    return LOAD.en();
  },
  get 'pt-BR'() {
    return LOAD['pt-BR']();
  },
};

const MESSAGES: Partial<Record<Locale, Messages>> = {};

/** The messages of a locale, made on first use. */
export function messagesFor(locale: Locale): Messages {
  return (MESSAGES[locale] ??= messages(LOAD[locale]()));
}

export type { Messages, Phrases };
