/**
 * The browser tests: the built page in real Chromium (test/helpers/web-page.ts). Their files are
 * `*.suite.ts`, run here, one after the other, in one file: vitest gives a file to one worker, so the
 * run starts one Chromium, one `llm-sizing serve` and one playwright instead of one per worker. With
 * the five as files of their own both workers took one, and each started all three (measured, three
 * interleaved pairs of the whole `vitest run`, the whole process tree's CPU: 93.6 / 90.9 / 75.2 s →
 * 75.5 / 76.9 / 69.7 s; wall 50.6 / 48.4 / 40.1 s → 40.2 / 41.0 / 36.9 s; the same 3,986 tests).
 * The other worker meanwhile runs the rest of the suite (test/setup/sequencer.ts starts this file first).
 *
 * Each suite is a describe block named after its file, so one can be run alone:
 *   npx vitest run test/web/browser.test.ts -t compare.suite
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SUITES = ['app', 'compare', 'latency', 'reopen', 'recovery'] as const;

for (const name of SUITES) {
  describe(`test/web/${name}.suite.ts`, async () => {
    await import(`./${name}.suite.ts`);
  });
}

it('runs every test/web/*.suite.ts (a suite not listed here would never run)', () => {
  const here = readdirSync(dirname(fileURLToPath(import.meta.url))).filter((f) => f.endsWith('.suite.ts'));
  expect(here.sort()).toEqual(SUITES.map((s) => `${s}.suite.ts`).sort());
});
