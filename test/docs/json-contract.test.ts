/**
 * docs/json-contract.md keeps up with the code: its tables name every alert code (with its severity),
 * every exit code and every top-level field. Its examples (a shell block followed by a JSON block) are
 * run, and checked to be contained in what the CLI really prints, with every other documented command
 * by readme.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALERT_CODES, ALERT_SEVERITY } from '../../src/core/alerts.ts';
import { EXIT } from '../../src/cli/exit.ts';
import { SizingOutputSchema } from '../../src/schema/output.ts';
import { ROOT, splitWords } from './cli.ts';

const DOC = readFileSync(join(ROOT, 'docs', 'json-contract.md'), 'utf8');

describe('docs/json-contract.md', () => {
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
