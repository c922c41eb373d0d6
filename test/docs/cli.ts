/**
 * Shared by the documentation tests: where the repository is, how to run the
 * CLI, how to read the shell and JSON blocks of a Markdown file, and how to run the commands they
 * show. The commands run in process (`runCommand`, what the shipped launcher calls; see
 * test/helpers/cli.ts), in the working folder given; test/cli/shipped.test.ts checks that the built
 * executable prints the same.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli as runInProcess } from '../helpers/cli.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `llm-sizing ARGS` in process (test/helpers/cli.ts), with the report date pinned to 2026-01-01. */
export function runCli(args: readonly string[], options: { cwd?: string; input?: string } = {}): Promise<CliRun> {
  return runInProcess(args, { ...options, env: { SOURCE_DATE_EPOCH: '1767225600' } });
}

/** A scratch folder holding a copy of docs/examples, so that the documents' relative paths work in it. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, 'docs', 'examples'), join(dir, 'docs', 'examples'), { recursive: true });
  return dir;
}

export interface Block {
  readonly lang: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lines: readonly string[];
}

/** The fenced code blocks of a Markdown text. */
export function codeBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split('\n');
  let open: { lang: string; line: number; lines: string[]; fence: string } | undefined;
  lines.forEach((text, i) => {
    const fence = /^(\s*)(`{3,})\s*([\w+-]*)/.exec(text);
    if (open === undefined) {
      if (fence) open = { lang: (fence[3] ?? '').toLowerCase(), line: i + 1, lines: [], fence: fence[2] ?? '```' };
      return;
    }
    if (fence && (fence[2] ?? '').length >= open.fence.length && text.trim() === fence[2]) {
      out.push({ lang: open.lang, line: open.line, lines: open.lines });
      open = undefined;
      return;
    }
    open.lines.push(text);
  });
  return out;
}

/** A command line of a shell block: continuation lines (ending in `\`) joined. */
export interface ShellCommand {
  readonly text: string;
  /** 1-based line in the Markdown file. */
  readonly line: number;
  /** The comment line right above it, if any (without `#`). */
  readonly comment: string | undefined;
}

export function shellCommands(markdown: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const block of codeBlocks(markdown)) {
    if (block.lang !== 'sh' && block.lang !== 'bash' && block.lang !== 'shell') continue;
    let comment: string | undefined;
    for (let i = 0; i < block.lines.length; i++) {
      const first = block.lines[i] ?? '';
      if (first.trim() === '') {
        comment = undefined;
        continue;
      }
      if (first.trim().startsWith('#')) {
        comment = first.trim().replace(/^#+\s*/, '');
        continue;
      }
      const line = block.line + 1 + i;
      let text = first;
      while (text.trimEnd().endsWith('\\') && i + 1 < block.lines.length) {
        text = `${text.trimEnd().slice(0, -1).trimEnd()} ${(block.lines[++i] ?? '').trim()}`;
      }
      out.push({ text: text.trim(), line, comment });
      comment = undefined;
    }
  }
  return out;
}

/** The `llm-sizing` invocation a command line shows, or undefined when it is not one. */
export function cliArgsOf(text: string): string[] | undefined {
  const m = /^(?:npx\s+)?llm-sizing(?:\s+(.*))?$/.exec(text);
  if (!m) return undefined;
  return splitWords(m[1] ?? '');
}

/** Shell-like word splitting: whitespace separates, single and double quotes group, `\` escapes. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unbalanced quote in: ${text}`);
  if (inWord) words.push(word);
  return words;
}

/** Placeholders (`...`, `…`, `<file>`) mean the line is a pattern, not a command to run. */
export function hasPlaceholder(text: string): boolean {
  return /\.\.\.|…|<[A-Za-z][^<>\s]*>/.test(text);
}

/**
 * Run a documented command in `cwd`: `> FILE` writes standard output there, `< FILE` reads standard
 * input from there. Pipes and other shell syntax are refused, so that a document cannot show a
 * command the test silently skips.
 */
export async function runDocumented(words: readonly string[], cwd: string): Promise<CliRun & { args: string[] }> {
  const args: string[] = [];
  let stdoutFile: string | undefined;
  let stdinFile: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '>' || w === '<') {
      const file = words[++i];
      if (file === undefined) throw new Error(`${w} without a file`);
      if (w === '>') stdoutFile = file;
      else stdinFile = file;
    } else if (/^(\||&&?|;|2>|>>)/.test(w)) {
      throw new Error(`unsupported shell syntax "${w}" in a documented llm-sizing command`);
    } else args.push(w);
  }
  const run = await runCli(args, { cwd, ...(stdinFile ? { input: readFileSync(join(cwd, stdinFile), 'utf8') } : {}) });
  if (stdoutFile !== undefined) writeFileSync(join(cwd, stdoutFile), run.stdout);
  return { ...run, args };
}

/**
 * Where `example` is not contained in `actual`, as a path (undefined when it is): every key of an
 * example object must be in the actual object with a contained value; an example array's elements
 * must be contained in the actual array's elements at the same index (so arrays may be cut short);
 * anything else must be equal.
 */
export function notContained(example: unknown, actual: unknown, path = '$'): string | undefined {
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return `${path}: expected an array`;
    if (example.length > actual.length) return `${path}: the example has ${example.length} elements, the output ${actual.length}`;
    for (let i = 0; i < example.length; i++) {
      const p = notContained(example[i], actual[i], `${path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (example !== null && typeof example === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${path}: expected an object`;
    for (const [key, value] of Object.entries(example)) {
      if (!Object.hasOwn(actual, key)) return `${path}.${key}: not in the output`;
      const p = notContained(value, (actual as Record<string, unknown>)[key], `${path}.${key}`);
      if (p) return p;
    }
    return undefined;
  }
  return Object.is(example, actual) ? undefined : `${path}: the example shows ${JSON.stringify(example)}, the output has ${JSON.stringify(actual)}`;
}
