/** The test-file order of test/setup/sequencer.ts (its list and order: test/setup/long-files.ts): the long files first, in their listed order; each listed file exists. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONG_FILES, longFirst } from '../setup/long-files.ts';
import { ROOT } from '../helpers/cli.ts';

describe('the long-first test sequencer', () => {
  it.each(LONG_FILES)('%s exists (a renamed file would silently lose its place)', (path) => {
    expect(existsSync(join(ROOT, path))).toBe(true);
  });

  const id = (s: string) => s;
  it.each([
    {
      name: 'long files first, in the listed order, the rest in the given order',
      files: ['/r/test/a.test.ts', '/r/test/library/pack.test.ts', '/r/test/b.test.ts', '/r/test/web/browser.test.ts'],
      rest: ['/r/test/b.test.ts', '/r/test/web/browser.test.ts', '/r/test/a.test.ts', '/r/test/library/pack.test.ts'],
      expected: ['/r/test/web/browser.test.ts', '/r/test/library/pack.test.ts', '/r/test/b.test.ts', '/r/test/a.test.ts'],
    },
    {
      name: 'no long file: the given order unchanged',
      files: ['/r/test/a.test.ts', '/r/test/b.test.ts'],
      rest: ['/r/test/b.test.ts', '/r/test/a.test.ts'],
      expected: ['/r/test/b.test.ts', '/r/test/a.test.ts'],
    },
    {
      name: 'Windows separators count',
      files: ['C:\\r\\test\\a.test.ts', 'C:\\r\\test\\library\\pack.test.ts'],
      rest: ['C:\\r\\test\\a.test.ts', 'C:\\r\\test\\library\\pack.test.ts'],
      expected: ['C:\\r\\test\\library\\pack.test.ts', 'C:\\r\\test\\a.test.ts'],
    },
    {
      name: 'a name that only ends like a long file does not count unless the path matches',
      files: ['/r/test/web/mybrowser.test.ts', '/r/test/web/browser.test.ts'],
      rest: ['/r/test/web/mybrowser.test.ts', '/r/test/web/browser.test.ts'],
      expected: ['/r/test/web/browser.test.ts', '/r/test/web/mybrowser.test.ts'],
    },
  ])('$name', ({ files, rest, expected }) => {
    expect(longFirst(files, id, rest)).toEqual(expected);
  });
});
