/**
 * docs/json-contract.md keeps up with the code: its examples are contained in what the CLI really
 * prints, and its tables name every alert code (with its severity) and every exit code.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALERT_CODES, ALERT_SEVERITY } from '../../src/core/alerts.ts';
import { EXIT } from '../../src/cli/exit.ts';
import { SizingOutputSchema } from '../../src/schema/output.ts';
import { cliArgsOf, codeBlocks, notContained, ROOT, runDocumented, scratchDir, splitWords } from './cli.ts';

const DOC = readFileSync(join(ROOT, 'docs', 'json-contract.md'), 'utf8');

/** Each `llm-sizing` command of a shell block directly followed by a JSON block: what it shows. */
function examples(): { command: string; words: string[]; example: unknown; line: number }[] {
  const blocks = codeBlocks(DOC);
  const out: { command: string; words: string[]; example: unknown; line: number }[] = [];
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (block.lang !== 'sh' || next?.lang !== 'json') return;
    const command = block.lines.join('\n').replace(/\s*\\\n\s*/g, ' ').trim();
    const words = cliArgsOf(command);
    if (!words) return;
    out.push({ command, words, example: JSON.parse(next.lines.join('\n')) as unknown, line: next.line });
  });
  return out;
}

describe('docs/json-contract.md', () => {
  const dir = scratchDir('llm-sizing-json-contract-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases = examples();

  it('has examples', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases.map((c) => [`${c.command} (example at line ${c.line})`, c] as const))('%s', async (_name, c) => {
    const run = await runDocumented(c.words, dir);
    expect([0, 2, 3], run.stderr).toContain(run.status);
    const trimmed = run.stdout.trim();
    // One document, or JSON lines (batch): the example must be contained in the document or in one line.
    const outputs: unknown[] = trimmed.includes('\n{') ? trimmed.split('\n').map((l) => JSON.parse(l) as unknown) : [JSON.parse(trimmed) as unknown];
    const misses = outputs.map((o) => notContained(c.example, o));
    expect(misses.some((m) => m === undefined), misses.join('\n')).toBe(true);
  });

  it('lists every alert code with its severity', () => {
    for (const code of ALERT_CODES) {
      const row = DOC.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
      expect(row, `no row for ${code}`).toBeDefined();
      expect(row?.split('|')[2]?.trim(), code).toBe(ALERT_SEVERITY[code]);
    }
    const documented = [...DOC.matchAll(/^\| `([a-z0-9_]+)` \| (info|warning|critical|error) \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...ALERT_CODES].sort());
  });

  it('lists every exit code', () => {
    for (const code of Object.values(EXIT)) expect(DOC).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it('describes every top-level field of the document', () => {
    for (const key of Object.keys(SizingOutputSchema.shape)) expect(DOC).toContain(`| \`${key}\` |`);
  });

  it('shows commands the word splitter reads as written', () => {
    expect(splitWords(`batch - --lang 'pt-BR' "a b"`)).toEqual(['batch', '-', '--lang', 'pt-BR', 'a b']);
  });
});
