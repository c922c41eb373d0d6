/**
 * `--help` in the user's language, in process (`main(argv, io)`): `--lang` is honoured before or after
 * `--help`, in both spellings, for every command; an invalid `--lang` alone prints the English help
 * (exit 0) instead of a problem; the pt-BR text lists the same flags as the English one, each with its
 * Portuguese help and default. The English text itself is checked by test/cli/e2e.test.ts, the flag
 * table of docs/cli.md by test/docs/readme.test.ts, and pt-BR's lack of English words by
 * test/report/pt-br-no-english.test.ts.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type Command } from '../../src/cli/args.ts';
import { FLAGS, flagDefault, flagHelp } from '../../src/cli/flags.ts';
import { helpText } from '../../src/cli/help.ts';
import { main } from '../../src/cli/main.ts';
import { en as enPhrases } from '../../src/report/i18n/en.ts';
import { helpEn } from '../../src/report/i18n/help-en.ts';
import { helpPtBR } from '../../src/report/i18n/help-pt-BR.ts';
import { ptBR as ptBRPhrases } from '../../src/report/i18n/pt-BR.ts';

/** Each locale's words with its `--help` words (src/report/i18n/help-*.ts, apart from `Phrases`). */
const en = { ...enPhrases, help: helpEn };
const ptBR = { ...ptBRPhrases, help: helpPtBR };

async function run(argv: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: Readable.from([]), now: () => new Date(0), env: {} });
  return { status, stdout, stderr };
}

/** The command's words on the command line: none for `size`, the default command. */
const head = (command: Command): string[] => (command === 'size' ? [] : [command]);

/** The lines of the list of flags, under the locale's heading. */
function flagLines(help: string, heading: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no "${heading}" heading`);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

describe('--help in pt-BR', () => {
  it.each(COMMANDS)('%s: --lang before or after --help, -h, --lang=pt-BR: the same Portuguese text', async (command) => {
    const pt = helpText(command, 'pt-BR');
    expect(pt).not.toBe(helpText(command, 'en'));
    for (const argv of [
      [...head(command), '--help', '--lang', 'pt-BR'],
      [...head(command), '--lang', 'pt-BR', '--help'],
      [...head(command), '-h', '--lang=pt-BR'],
    ]) {
      const r = await run(argv);
      expect(r, argv.join(' ')).toEqual({ status: 0, stdout: pt, stderr: '' });
    }
  });

  it.each(COMMANDS)('%s: English with --lang en or without --lang', async (command) => {
    const text = helpText(command, 'en');
    expect(await run([...head(command), '--help'])).toEqual({ status: 0, stdout: text, stderr: '' });
    expect(await run([...head(command), '--lang', 'en', '--help'])).toEqual({ status: 0, stdout: text, stderr: '' });
  });

  it.each(COMMANDS)('%s: every flag of the command, with its Portuguese help, values and default', (command) => {
    const lines = flagLines(helpText(command, 'pt-BR'), ptBR.help.options);
    const flags = FLAGS.filter((f) => f.commands.includes(command));
    expect(lines).toHaveLength(flags.length);
    for (const [i, f] of flags.entries()) {
      const line = lines[i]!;
      expect(line).toContain(`--${f.name}${f.placeholder ? ` ${ptBR.help.placeholder[f.placeholder]} ` : ' '}`);
      expect(line).toContain(flagHelp(f, ptBR));
      if (f.values) expect(line).toContain(`(${f.values.join(' | ')})`);
      const d = flagDefault(f, ptBR);
      if (d !== undefined) expect(line.endsWith(ptBR.help.default(d))).toBe(true);
      else expect(line).not.toContain('padrão');
    }
  });

  it('says the defaults in words and the names of values in Portuguese', () => {
    const lines = flagLines(helpText('size', 'pt-BR'), 'Opções:');
    expect(lines.find((l) => l.includes('--kv-precision'))).toMatch(/; padrão o default_kv_precision do modelo$/);
    expect(lines.find((l) => l.includes('--output-json-file'))).toContain('--output-json-file ARQUIVO');
    expect(lines.find((l) => l.includes('--replicas-per-node'))).toMatch(/; padrão GPUs do servidor \/ \(TP × PP\)$/);
  });

  it('puts the figures of this build into the Portuguese text: version, batch fields, serve limits', () => {
    expect(helpText('size', 'pt-BR')).toMatch(/^llm-sizing \d+\.\d+\.\d+\S* — quantos nós de GPU/);
    expect(helpText('batch', 'pt-BR')).toContain('  model, server, storage, concurrency, effective_context,');
    expect(helpText('batch', 'pt-BR')).toContain(ptBR.help.batchIdField);
    expect(helpText('serve', 'pt-BR')).toContain('(padrão http://127.0.0.1:8787/)');
    expect(helpText('serve', 'pt-BR')).toContain('Limites: 128 conexões ao mesmo tempo');
  });
});

describe('--help with an invalid --lang', () => {
  it.each([
    [['--help', '--lang', 'xx'], 'size'],
    [['--lang', 'xx', '--help'], 'size'],
    [['-h', '--lang=fr'], 'size'],
    [['--help', '--lang'], 'size'],
    [['--lang', '--help'], 'size'],
    [['batch', '--help', '--lang', 'pt'], 'batch'],
    [['serve', '--lang=', '--help'], 'serve'],
    [['calibrate', '--lang', 'pt_BR', '-h'], 'calibrate'],
    [['catalog', '--help', '--lang', 'xx', '--lang', 'yy'], 'catalog'],
  ] as const)('%j: the English help of %s, exit 0', async (argv, command) => {
    expect(await run(argv)).toEqual({ status: 0, stdout: helpText(command, 'en'), stderr: '' });
  });

  it('is still refused without --help, or with another fault beside it', async () => {
    for (const argv of [['--lang', 'xx'], ['--help', '--lang', 'xx', '--frobnicate'], ['batch', '--help', '--lang', 'xx', '--port', '1']]) {
      const r = await run(argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^llm-sizing: /);
    }
  });
});

describe('the help phrases', () => {
  it('pt-BR translates every flag help and every command text (technical terms aside)', () => {
    for (const [name, text] of Object.entries(ptBR.help.flag)) {
      expect(text, `--${name}`).not.toBe(en.help.flag[name as keyof typeof en.help.flag]);
    }
    const p = { version: '0', fields: [], host: 'h', port: 0, max_connections: 0, headers_timeout_s: 0, request_timeout_s: 0, keep_alive_timeout_s: 0, idle_timeout_s: 0, max_body_mib: 0, max_json_depth: 0, input_tokens: 0, output_tokens: 0, flags: '--server', max_values: 0, max_options: 0 };
    for (const c of COMMANDS) {
      expect(ptBR.help.command[c].intro(p), c).not.toEqual(en.help.command[c].intro(p));
      expect(ptBR.help.command[c].outro(p), c).not.toEqual(en.help.command[c].outro(p));
    }
  });
});
