/**
 * The text report's word wrap (src/report/text.ts): natively split lines, the same as the plain
 * greedy loop over the words (the reference below, what `wrap` did before).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrap } from '../../src/report/text.ts';
import { equal } from '../helpers/check.ts';

/** Greedy wrap, word by word: words are runs of characters above U+0020. */
function reference(text: string, indent: string, width = 96): string[] {
  const out: string[] = [];
  let line = indent;
  for (const word of text.split(/[\u0000-\u0020]+/)) {
    if (word === '') continue;
    if (line.length === indent.length) line += word;
    else if (line.length + 1 + word.length > width) {
      out.push(line);
      line = indent + word;
    } else line += ` ${word}`;
  }
  if (line.length > indent.length) out.push(line);
  return out;
}

describe('wrap', () => {
  it.each([
    ['', '  ', 10, []],
    ['   \n\t ', '', 10, []],
    ['a  b c', '  ', 5, ['  a b', '  c']],
    ['  lead and trail  ', '', 8, ['lead and', 'trail']],
    ['exactly10c next', '', 10, ['exactly10c', 'next']],
    ['short averyveryverylongword x', '', 8, ['short', 'averyveryverylongword', 'x']],
    ['line\nbreaks\u2028and\u00a0nbsp stay words', '', 12, ['line', 'breaks\u2028and\u00a0nbsp', 'stay words']],
    ['one two', '    ', 4, ['    one', '    two']],
    ['a b c', '', 1, ['a', 'b', 'c']],
    ['ab cd', '  ', 1, ['  ab', '  cd']],
  ])('wrap(%j, %j, %i)', (text, indent, width, lines) => {
    expect(wrap(text, indent, width)).toEqual(lines);
    expect(reference(text, indent, width)).toEqual(lines);
  });

  it('equals the greedy loop over the words, for any text, indent and width', () =>
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'é', '模', '🙂', ' ', '  ', '\n', '\t', '\u0000', '\u00a0', '\u2028', '-'), maxLength: 300 }),
        fc.constantFrom('', ' ', '  ', '    ', '      ', '    • '),
        fc.integer({ min: 0, max: 110 }),
        (text, indent, width) => {
          equal(wrap(text, indent, width), reference(text, indent, width));
        },
      ),
      { numRuns: 2000 },
    ));

  it('keeps the default width (96 columns)', () => {
    const text = 'word '.repeat(100);
    expect(wrap(text, '  ')).toEqual(reference(text, '  '));
    expect(Math.max(...wrap(text, '  ').map((l) => l.length))).toBeLessThanOrEqual(96);
  });
});
