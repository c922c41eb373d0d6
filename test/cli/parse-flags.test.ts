/** The CLI's own flag parser must read every command line exactly as `util.parseArgs` would. */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/cli/flags.ts';
import { type FlagOption, parseFlags } from '../../src/cli/parse-flags.ts';
import { equal } from '../helpers/check.ts';

const options: Record<string, FlagOption> = {};
for (const f of FLAGS) options[f.name] = f.short ? { type: f.kind === 'boolean' ? 'boolean' : 'string', short: f.short } : { type: f.kind === 'boolean' ? 'boolean' : 'string' };

function outcome(run: () => { values: unknown; positionals: unknown }): unknown {
  try {
    const r = run();
    return { values: { ...(r.values as object) }, positionals: r.positionals };
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message };
  }
}

const word = fc.oneof(
  fc.constantFrom(...FLAGS.map((f) => `--${f.name}`)),
  fc.constantFrom(...FLAGS.map((f) => `--${f.name}=x`)),
  fc.constantFrom('-h', '-V', '-hV', '-Vh', '-x', '-hx', '-', '--', '--bogus', '--bogus=1', '--=1', '--=', '-5', '--model=-5', 'file.jsonl', '1000', '-abc', 'opt-oss-120b', '--help=yes', ''),
  fc.string({ maxLength: 6 }),
);

describe('parseFlags', () => {
  it('gives the values, positionals and errors of util.parseArgs', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (args) => {
        const mine = outcome(() => parseFlags(args, options));
        const node = outcome(() => parseArgs({ args, options, strict: true, allowPositionals: true }));
        equal(mine, node, () => JSON.stringify(args));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [['--model', 'x', 'a', '--', '--lang']],
    [['--model']],
    [['--model', '--server', 's']],
    [['-hV', 'pos']],
    [['--json-only=1']],
    [['--unknown', 'v']],
  ])('%j', (args) => {
    expect(outcome(() => parseFlags(args, options))).toEqual(outcome(() => parseArgs({ args, options, strict: true, allowPositionals: true })));
  });
});
