/** What every renderer receives besides the result: the locale's messages and formatter. */
import { type Fmt, fmt, type Locale } from './format.ts';
import { type Messages, messagesFor } from './i18n/index.ts';

export interface RenderOptions {
  readonly locale: Locale;
  /** Shown as the report date; the caller decides it (reports are reproducible when it is fixed). */
  readonly generatedAt?: string | undefined;
  /** Text report: every rationale input and the whole parameter dictionary. */
  readonly verbose?: boolean | undefined;
}

export interface RenderContext {
  readonly m: Messages;
  readonly f: Fmt;
  readonly generatedAt: string | undefined;
  readonly verbose: boolean;
}

export function renderContext(options: RenderOptions): RenderContext {
  return { m: messagesFor(options.locale), f: fmt(options.locale), generatedAt: options.generatedAt, verbose: options.verbose ?? false };
}
