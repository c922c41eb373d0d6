/**
 * vitest globalSetup: the tests that start the built command (test/cli/shipped.test.ts, the `serve`
 * and browser tests) run a private copy of dist/, taken once under the dist/ lock
 * (scripts/dist-lock.mjs), so that another `npm test` or `npm run build` rebuilding dist/ meanwhile
 * cannot pull the files from under them. Without a built dist/ there is nothing to copy, and those
 * tests say to build first.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { lockDist } from '../../scripts/dist-lock.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The private copy of dist/ for this run ('' when dist/ was not built). */
    llmSizingDist: string;
  }
}

export default function setup(project: TestProject): (() => void) | undefined {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const release = lockDist(root);
  let copy = '';
  try {
    if (existsSync(join(root, 'dist', 'cli.cjs'))) {
      copy = mkdtempSync(join(tmpdir(), 'llm-sizing-dist-'));
      cpSync(join(root, 'dist'), copy, { recursive: true });
    }
  } finally {
    release();
  }
  project.provide('llmSizingDist', copy);
  return copy === '' ? undefined : () => rmSync(copy, { recursive: true, force: true });
}
