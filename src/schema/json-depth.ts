/**
 * The nesting depth of JSON text, counted without parsing it, and the one bound every JSON input
 * shares (API bodies, catalog files, config.json files, batch lines). JSON.parse itself copes with
 * deep nesting, but what walks its result (validation, JSON.stringify, …) recurses and runs out of
 * stack at a few thousand levels: deeper text is refused before it is parsed. Pure, no imports.
 */

/** Deepest nesting of arrays and objects accepted in any JSON input (a config.json nests 4 or 5 deep; 5,000 deep exhausts the stack). */
export const MAX_JSON_DEPTH = 64;

/**
 * The most arrays and objects open at once, brackets inside strings not counted. One linear pass; on
 * text that is not JSON the count means nothing, and JSON.parse refuses it.
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

/** Whether JSON text nests deeper than MAX_JSON_DEPTH (stops counting as soon as it does). */
export function tooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** A leading UTF-8 byte order mark (U+FEFF), which editors on Windows write: removed, never refused. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
