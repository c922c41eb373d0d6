import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import LongFirstSequencer from './test/setup/sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Forks, not threads: the in-process CLI runs of test/helpers/cli.ts change the working folder
    // (process.chdir), which worker threads refuse.
    pool: 'forks',
    // One process runs many test files instead of a fresh process per file (measured: the suite took
    // about twice as long isolated). Safe here: no test mocks modules or changes globals, and every
    // in-process CLI run is checked for touching process state (test/helpers/cli.ts).
    isolate: false,
    // vitest's default is one worker per CPU but one: a single worker on a 2-CPU machine. Two there
    // measured faster (the main process is mostly idle, Chromium runs in processes of its own).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    // Hooks start Chromium and servers, and pack and install the package: vitest's 10 s default was
    // exceeded by the pack test's beforeAll with two suites running at once on 2 CPUs.
    hookTimeout: 60_000,
    // A private copy of dist/ for the tests that spawn the built command (test/setup/dist.ts).
    globalSetup: ['test/setup/dist.ts'],
    // Transformed modules kept on disk between runs (node_modules/.experimental-vitest-cache), keyed by
    // each file's content: a second run does not transform the sources again (measured on test/core,
    // test/report and test/engine: transform 2.9 s → 0.5 s, about 2 s of CPU less).
    experimental: { fsModuleCache: true },
    // The longest files first, whatever vitest knows of earlier runs (test/setup/sequencer.ts).
    sequence: { sequencer: LongFirstSequencer },
  },
});
