/** Decimal number texts, as the CLI's flags and the messages about them read them. */

/** A decimal number as a flag may write it: sign, digits, fraction, exponent (no hex, no `Infinity`). */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * True when `text` (surrounding blanks aside) is a decimal number, whether or not a double holds it.
 *
 * @example isNumberText(' 1e3 ') //=> true
 * @example isNumberText('1e400') //=> true (beyond a double: the CLI keeps the text, see numberOrText)
 * @example isNumberText('0x10') //=> false
 */
export function isNumberText(text: string): boolean {
  return NUMBER.test(text.trim());
}
