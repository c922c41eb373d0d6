/** Locale → messages. The locale is always a parameter; there is no current-locale state. */
import type { Locale } from '../format.ts';
import { en } from './en.ts';
import { ptBR } from './pt-BR.ts';
import { messages } from './render.ts';
import type { Messages, Phrases } from './types.ts';

/** Every locale's words; a locale missing here fails `tsc`. */
export const PHRASES: Readonly<Record<Locale, Phrases>> = { en, 'pt-BR': ptBR };

const MESSAGES: Readonly<Record<Locale, Messages>> = { en: messages(en), 'pt-BR': messages(ptBR) };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

export type { Messages, Phrases };
