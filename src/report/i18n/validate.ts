/**
 * The words of `llm-sizing validate`'s text output (src/cli/validate-command.ts), one table per
 * locale; a locale missing here, or a phrase missing in one, fails `tsc`. The problems themselves are
 * the shared problem sentences (`Messages.problem`), the rule messages those of `Phrases.rules`.
 */
import type { Fmt, Locale } from '../format.ts';
import type { ValidateKind } from '../../catalog/validate.ts';

export interface ValidatePhrases {
  readonly kind: Readonly<Record<ValidateKind, string>>;
  /** One file's heading: "servers.json: servers, 13 entries, 2 problems". */
  file(p: { file: string; kind: string; entries: number; problems: number }, f: Fmt): string;
  /** The corrected value after a problem (--fix-suggestions), as JSON writes it (to paste into the file). */
  fix(p: { field: string; value: string }): string;
  /** The last line. */
  summary(p: { files: number; problems: number }, f: Fmt): string;
}

const en: ValidatePhrases = {
  kind: { models: 'models', servers: 'servers', storage: 'storage profiles', perf_calibration: 'performance calibration', prices: 'prices' },
  file: (p, f) =>
    `${p.file}: ${p.kind}, ${f.int(p.entries)} ${p.entries === 1 ? 'entry' : 'entries'}, ${p.problems === 0 ? 'no problem' : `${f.int(p.problems)} ${p.problems === 1 ? 'problem' : 'problems'}`}`,
  fix: (p) => `suggested: ${p.field} = ${p.value}`,
  summary: (p, f) =>
    p.problems === 0
      ? `${f.int(p.files)} ${p.files === 1 ? 'file' : 'files'} checked: no problem.`
      : `${f.int(p.files)} ${p.files === 1 ? 'file' : 'files'} checked: ${f.int(p.problems)} ${p.problems === 1 ? 'problem' : 'problems'}.`,
};

const ptBR: ValidatePhrases = {
  kind: { models: 'modelos', servers: 'servidores', storage: 'perfis de storage', perf_calibration: 'calibração de desempenho', prices: 'preços' },
  file: (p, f) =>
    `${p.file}: ${p.kind}, ${f.int(p.entries)} ${p.entries === 1 ? 'entrada' : 'entradas'}, ${p.problems === 0 ? 'nenhum problema' : `${f.int(p.problems)} ${p.problems === 1 ? 'problema' : 'problemas'}`}`,
  fix: (p) => `sugestão: ${p.field} = ${p.value}`,
  summary: (p, f) =>
    p.problems === 0
      ? `${f.int(p.files)} ${p.files === 1 ? 'arquivo verificado' : 'arquivos verificados'}: nenhum problema.`
      : `${f.int(p.files)} ${p.files === 1 ? 'arquivo verificado' : 'arquivos verificados'}: ${f.int(p.problems)} ${p.problems === 1 ? 'problema' : 'problemas'}.`,
};

export const VALIDATE_PHRASES: { readonly [L in Locale]: ValidatePhrases } = { en, 'pt-BR': ptBR };
