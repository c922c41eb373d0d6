/** Locale → messages. The locale is always a parameter; there is no current-locale state. */
import type { Locale } from '../format.ts';
import { en } from './en.ts';
import { ptBR } from './pt-BR.ts';
import type { Messages } from './types.ts';

const MESSAGES: Readonly<Record<Locale, Messages>> = { en, 'pt-BR': ptBR };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

export type { Messages };
