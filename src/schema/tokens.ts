/** Token counts written in thousands of tokens (`32k`), for the CLI, batch lines, API bodies and messages. */

const TOKEN_COUNT = /^\s*(\d+(?:\.\d+)?)\s*[kK]\s*$/;

/** `TOKEN_COUNT` for the JSON Schema (an ECMA-262 pattern, without flags). */
export const TOKEN_COUNT_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*[kK]\\s*$';

/**
 * A token count written with a `k` suffix, in units of 1,024 tokens (`32k` = 32,768, `128K` =
 * 131,072, `1.5k` = 1,536), or undefined when the text is not one. Whether the result is a whole
 * number within the field's limits is the validator's to check.
 *
 * @example tokenCount('32k') //=> 32768
 * @example tokenCount('128K') //=> 131072
 * @example tokenCount('32') //=> undefined
 */
export function tokenCount(text: string): number | undefined {
  const m = TOKEN_COUNT.exec(text);
  return m ? Number(m[1]) * 1024 : undefined;
}
