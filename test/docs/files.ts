/** The documents the documentation tests read: the README and every page of docs/. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.ts';

/** README.md first, then docs/*.md in name order, as paths from the repository's root. */
export const DOC_FILES: readonly string[] = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
