/**
 * The commands the README (and docs/catalog.md) show keep working: every `llm-sizing …` /
 * `npx llm-sizing …` line of their sh/bash blocks is run with the CLI (in process), in a scratch folder
 * (files they write land there; docs/examples is copied in so their relative paths work), and must
 * exit 0 or 3. A comment `# LABEL: a / b / c nodes` above a command is checked against the command's
 * MINIMUM / RECOMMENDED / IDEAL nodes, and so is a table row whose first cell is LABEL. The flag table
 * must list every flag of src/cli/flags.ts with its default. A ```text block that starts with
 * `$ llm-sizing …` is a transcript: the command's output (standard output, then standard error) must
 * be the rest of the block. A transcript with lines that are just `…` is an excerpt: the runs of lines
 * between them must appear in the output, whole lines, in that order (`…` stands for any lines).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/cli/flags.ts';
import { SCENARIO_KEYS } from '../../src/core/scenarios.ts';
import { cliArgsOf, codeBlocks, hasPlaceholder, ROOT, runDocumented, scratchDir, type ShellCommand, shellCommands } from './cli.ts';

const EXPECTATION = /^(.+?):\s*(\d+|infeasible) \/ (\d+|infeasible) \/ (\d+|infeasible) nodes\.?$/;

interface Documented extends ShellCommand {
  readonly words: string[];
  readonly expected?: { label: string; nodes: [string, string, string] };
}

function documentedCommands(markdown: string): Documented[] {
  const out: Documented[] = [];
  for (const c of shellCommands(markdown)) {
    const words = cliArgsOf(c.text);
    // `serve` runs until stopped: test/server/readme.test.ts starts those and runs the curl examples.
    if (words === undefined || hasPlaceholder(c.text) || words[0] === 'serve') continue;
    const m = c.comment === undefined ? null : EXPECTATION.exec(c.comment);
    out.push(m ? { ...c, words, expected: { label: m[1]!, nodes: [m[2]!, m[3]!, m[4]!] } } : { ...c, words });
  }
  return out;
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

const DOCS = [
  { file: 'README.md', minCommands: 25, minChecked: 12 },
  { file: 'docs/catalog.md', minCommands: 6, minChecked: 2 },
] as const;

describe.each(DOCS.map((d) => [d.file, d] as const))('%s', (_file, { file, minCommands, minChecked }) => {
  const markdown = readFileSync(join(ROOT, file), 'utf8');
  const commands = documentedCommands(markdown);
  const dir = scratchDir('llm-sizing-readme-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows commands', () => {
    expect(commands.length).toBeGreaterThanOrEqual(minCommands);
    expect(commands.filter((c) => c.expected).length).toBeGreaterThanOrEqual(minChecked);
  });

  // In document order, in one folder: a command may read what an earlier one wrote.
  it.each(commands.map((c) => [`line ${c.line}: ${c.text}`, c] as const))('%s', async (_name, c) => {
    const run = await runDocumented(c.words, dir);
    expect([0, 3], `exit ${run.status}\n${run.stderr}`).toContain(run.status);
    expect(run.stdout.length).toBeGreaterThan(0);
    if (!c.expected) return;
    const json = run.args.includes('--json-only') ? run : await runDocumented([...c.words.filter((w) => w !== '--markdown-only'), '--json-only'], dir);
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
    const run = await runDocumented(words, dir);
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

describe('README.md flag table', () => {
  const rows = tableRows(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  it.each(FLAGS.map((f) => [`--${f.name}`, f] as const))('lists %s', (_name, f) => {
    const row = rows.find((r) => r[0] !== undefined && new RegExp(`(^|, )--${f.name}( |,|$)`).test(r[0]));
    expect(row, `no row for --${f.name}`).toBeDefined();
    if (!row) return;
    expect(row[1]?.split(/,\s*/).sort(), `commands of --${f.name}`).toEqual([...f.commands].sort());
    if (f.defaultText !== undefined) expect(row[2], `default of --${f.name}`).toBe(f.defaultText);
    if (f.short) expect(row[0]).toContain(`-${f.short}`);
  });
});
