/**
 * The nesting depth of JSON text, counted without parsing it: the most arrays and objects open at
 * once, brackets inside strings not counted. JSON.parse itself copes with deep nesting, but what
 * walks its result (validation, JSON.stringify, …) recurses and runs out of stack at a few thousand
 * levels; the API checks the depth first and refuses deeper text with 400 (MAX_JSON_DEPTH).
 * One linear pass; on text that is not JSON the count means nothing, and JSON.parse refuses it.
 *
 * @example jsonDepth('{"a": [1, {"b": "[[["}]}') // 3
 * @example jsonDepth('"{"') // 0
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
