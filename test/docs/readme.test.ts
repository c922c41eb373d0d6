/**
 * The commands the README and every page of docs/ show keep working, and what they are shown to print
 * stays what they print. Every line of a ```sh / ```bash / ```shell block that starts with
 * `llm-sizing` or `npx llm-sizing` is run with the CLI (in process), in a scratch folder per document (files
 * they write land there; docs/examples is copied in so their relative paths work), and must exit 0 or
 * 3, or the code a comment `# exit N: …` right above it gives. `llm-sizing serve` lines run until
 * stopped: test/server/readme.test.ts starts them. A shell line that names llm-sizing in any other way
 * (a pipe, a placeholder such as `…`) fails the test, so a document cannot show a command that is not
 * checked; patterns belong in ```text blocks, code of the library in ```ts blocks (checked elsewhere).
 *
 * What a command is shown to print is checked too:
 * - a comment `# LABEL: a / b / c nodes` above a command: its MINIMUM / RECOMMENDED / IDEAL nodes, and
 *   those of a table row of the same document whose first cell is LABEL;
 * - a ```json block right after a shell block (blank lines only between them): it is contained in the output of the block's last
 *   command (an object's keys with contained values; an array's first elements), in the document or
 *   in one of its JSON lines;
 * - a ```text block that starts with `$ llm-sizing …` is a transcript: the command's output (standard
 *   output, then standard error) must be the rest of the block. A transcript with lines that are just
 *   `…` is an excerpt: the runs of lines between them must appear in the output, whole lines, in that
 *   order (`…` stands for any lines).
 * docs/cli.md's flag table must list every flag of the CLI with its commands and default.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FLAGS, flagDefault } from '../../src/cli/flags.ts';
import { en } from '../../src/report/i18n/en.ts';
import { helpEn } from '../../src/report/i18n/help-en.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import {
  type Block,
  cliArgsOf,
  codeBlocks,
  hasPlaceholder,
  notContained,
  ROOT,
  runDocumented,
  scratchDir,
  type ShellCommand,
  shellCommands,
} from './cli.ts';
import { DOC_FILES } from './files.ts';

const EXPECTATION = /^(.+?):\s*(\d+|infeasible) \/ (\d+|infeasible) \/ (\d+|infeasible) nodes\.?$/;
const EXIT_COMMENT = /^exit (\d+)\b/;
const SHELL = new Set(['sh', 'bash', 'shell']);

interface Documented extends ShellCommand {
  readonly words: string[];
  /** The exit code a `# exit N: …` comment gives; otherwise 0 or 3. */
  readonly exit?: number;
  readonly expected?: { label: string; nodes: [string, string, string] };
  /** The ```json block that follows the command's block, when it is the block's last command. */
  readonly example?: { value: unknown; line: number };
}

/** The lines of a block's shell commands: from its opening fence to its closing one. */
function within(c: ShellCommand, b: Block): boolean {
  return c.line > b.line && c.line <= b.line + b.lines.length;
}

function documentedCommands(markdown: string): { commands: Documented[]; unchecked: ShellCommand[] } {
  const blocks = codeBlocks(markdown);
  const all = shellCommands(markdown);
  const examples = new Map<ShellCommand, { value: unknown; line: number }>();
  const lines = markdown.split('\n');
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if (!SHELL.has(b.lang) || next?.lang !== 'json') return;
    // Directly after: nothing but blank lines between the shell block's closing fence and the JSON block.
    if (lines.slice(b.line + b.lines.length + 1, next.line - 1).some((l) => l.trim() !== '')) return;
    const last = all.filter((c) => within(c, b)).at(-1);
    if (last) examples.set(last, { value: JSON.parse(next.lines.join('\n')) as unknown, line: next.line });
  });
  const commands: Documented[] = [];
  const unchecked: ShellCommand[] = [];
  for (const c of all) {
    const words = cliArgsOf(c.text);
    if (words === undefined || hasPlaceholder(c.text)) {
      if (/\bllm-sizing\b|dist\/cli\.cjs/.test(c.text)) unchecked.push(c);
      continue;
    }
    if (words[0] === 'serve') continue;
    const m = c.comment === undefined ? null : EXPECTATION.exec(c.comment);
    const exit = c.comment === undefined ? null : EXIT_COMMENT.exec(c.comment);
    const example = examples.get(c);
    commands.push({
      ...c,
      words,
      ...(m ? { expected: { label: m[1]!, nodes: [m[2]!, m[3]!, m[4]!] as [string, string, string] } } : {}),
      ...(exit ? { exit: Number(exit[1]) } : {}),
      ...(example ? { example } : {}),
    });
  }
  return { commands, unchecked };
}

/** Cells of the Markdown table rows (`| a | b |` → ['a', 'b']), with emphasis and code marks removed. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.replace(/\*\*|`/g, '').trim()));
}

/** A line of an excerpt transcript that stands for any number of output lines. */
const ELISION = '…';

/**
 * Where an excerpt (transcript lines with `…` lines between runs of shown lines) is not in `output`:
 * the first run that is not found, whole lines, after the previous one; undefined when all are.
 */
function excerptMiss(output: string, shown: readonly string[]): string | undefined {
  const runs: string[][] = [[]];
  for (const line of shown) {
    if (line.trim() === ELISION) runs.push([]);
    else runs[runs.length - 1]!.push(line);
  }
  const lines = output.split('\n');
  let from = 0;
  for (const run of runs.filter((r) => r.length > 0)) {
    let at = -1;
    for (let i = from; i + run.length <= lines.length && at < 0; i++) {
      if (run.every((l, j) => lines[i + j] === l)) at = i;
    }
    if (at < 0) return run.join('\n');
    from = at + run.length;
  }
  return undefined;
}

function nodesOf(stdout: string): string[] {
  const doc = JSON.parse(stdout) as { scenarios: Record<string, { results: { nodes_final: number | null } }> };
  return SCENARIO_KEYS.map((k) => {
    const n = doc.scenarios[k]?.results.nodes_final;
    return n === null || n === undefined ? 'infeasible' : String(n);
  });
}

/**
 * At least this many commands, node-count comments and JSON examples per document, so that a parsing
 * slip cannot silently check nothing (documents not listed: no minimum).
 */
const MINIMUM: Readonly<Record<string, { commands: number; checked: number; examples?: number }>> = {
  'README.md': { commands: 4, checked: 3 },
  'docs/architectures.md': { commands: 5, checked: 2 },
  'docs/catalog.md': { commands: 12, checked: 6 },
  'docs/cli.md': { commands: 12, checked: 0 },
  'docs/engines.md': { commands: 8, checked: 8 },
  'docs/json-contract.md': { commands: 9, checked: 0, examples: 8 },
  'docs/library.md': { commands: 1, checked: 1 },
  'docs/original.md': { commands: 12, checked: 12 },
  'docs/pt-BR.md': { commands: 4, checked: 0 },
};

it('reads the README and every page of docs/, and the documents with minimums exist', () => {
  expect(DOC_FILES[0]).toBe('README.md');
  expect(DOC_FILES.length).toBeGreaterThanOrEqual(10);
  for (const file of Object.keys(MINIMUM)) expect(DOC_FILES).toContain(file);
});

describe.each(DOC_FILES.map((f) => [f] as const))('%s', (file) => {
  const markdown = readFileSync(join(ROOT, file), 'utf8');
  const { commands, unchecked } = documentedCommands(markdown);
  const min = MINIMUM[file] ?? { commands: 0, checked: 0 };
  // Made when the document's first command runs: most documents show none (a copy and its removal
  // cost ~40 ms of file-system calls each).
  let scratch: string | undefined;
  const folder = () => (scratch ??= scratchDir('llm-sizing-docs-'));
  afterAll(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  it('shows commands, each of which this test runs', () => {
    expect(commands.length).toBeGreaterThanOrEqual(min.commands);
    expect(commands.filter((c) => c.expected).length).toBeGreaterThanOrEqual(min.checked);
    expect(commands.filter((c) => c.example).length).toBeGreaterThanOrEqual(min.examples ?? 0);
    expect(
      unchecked.map((c) => `line ${c.line}: ${c.text}`),
      'shell lines naming llm-sizing that are not a runnable `llm-sizing …` command (use a ```text block for a pattern)',
    ).toEqual([]);
  });

  // In document order, in one folder: a command may read what an earlier one wrote.
  it.each(commands.map((c) => [`line ${c.line}: ${c.text}`, c] as const))('%s', async (_name, c) => {
    const run = await runDocumented(c.words, folder());
    if (c.exit === undefined) expect([0, 3], `exit ${run.status}\n${run.stderr}`).toContain(run.status);
    else expect(run.status, `"# exit ${c.exit}" above it\n${run.stderr}`).toBe(c.exit);
    expect(run.stdout.length).toBeGreaterThan(0);
    if (c.example) {
      const trimmed = run.stdout.trim();
      // One document, or JSON lines (batch): the example must be contained in the document or in one line.
      const outputs: unknown[] = trimmed.includes('\n{') ? trimmed.split('\n').map((l) => JSON.parse(l) as unknown) : [JSON.parse(trimmed) as unknown];
      const misses = outputs.map((o) => notContained(c.example?.value, o));
      expect(misses.some((m) => m === undefined), `the JSON at line ${c.example.line}:\n${misses.join('\n')}`).toBe(true);
    }
    if (!c.expected) return;
    const json = run.args.includes('--json-only') ? run : await runDocumented([...c.words.filter((w) => w !== '--markdown-only'), '--json-only'], folder());
    const nodes = nodesOf(json.stdout);
    expect(nodes, `"${c.expected.label}" (line ${c.line - 1}) says ${c.expected.nodes.join(' / ')} nodes`).toEqual(c.expected.nodes);
    for (const row of tableRows(markdown).filter((r) => r[0] === c.expected?.label)) {
      expect(row.slice(1, 4), `table row "${c.expected.label}"`).toEqual(nodes);
    }
  });

  const transcripts = codeBlocks(markdown).filter((b) => b.lang === 'text' && /^\$ (npx )?llm-sizing /.test(b.lines[0] ?? ''));
  it.each(transcripts.map((b) => [`transcript at line ${b.line}: ${b.lines[0]}`, b] as const))('%s', async (_name, b) => {
    const words = cliArgsOf((b.lines[0] ?? '').slice(2));
    if (!words) throw new Error(`not an llm-sizing command: ${b.lines[0]}`);
    const run = await runDocumented(words, folder());
    const output = `${run.stdout}${run.stderr}`.trimEnd();
    const shown = b.lines.slice(1);
    if (!shown.some((l) => l.trim() === ELISION)) {
      expect(output).toBe(shown.join('\n').trimEnd());
      return;
    }
    const missing = excerptMiss(output, shown);
    expect(missing, `not in the output of ${b.lines[0]}, in this order:\n${missing}\n--- output ---\n${output}`).toBeUndefined();
  });

  it('has no table row for a case without its command', () => {
    const labels = new Set(commands.flatMap((c) => (c.expected ? [c.expected.label] : [])));
    const caseRows = tableRows(markdown).filter((r) => /^(Case \d|QUICKREF|Report example)/.test(r[0] ?? ''));
    for (const row of caseRows) expect(labels, `table row "${row[0]}" has no command`).toContain(row[0]);
  });
});

describe('docs/cli.md flag table', () => {
  const rows = tableRows(readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8'));
  it.each(FLAGS.map((f) => [`--${f.name}`, f] as const))('lists %s', (_name, f) => {
    const row = rows.find((r) => r[0] !== undefined && new RegExp(`(^|, )--${f.name}( |,|$)`).test(r[0]));
    expect(row, `no row for --${f.name}`).toBeDefined();
    if (!row) return;
    expect(row[1]?.split(/,\s*/).sort(), `commands of --${f.name}`).toEqual([...f.commands].sort());
    const d = flagDefault(f, { ...en, help: helpEn });
    if (d !== undefined) expect(row[2], `default of --${f.name}`).toBe(d);
    if (f.short) expect(row[0]).toContain(`-${f.short}`);
  });
});
