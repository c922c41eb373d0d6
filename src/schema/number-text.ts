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

const LITERAL = Symbol.for('llm-sizing.NumberLiteral');

/**
 * A number a JSON text wrote beyond a double's range (`1e400`, `-1e999`): JSON.parse reads it as
 * ±Infinity, which is not what was given. A problem about such a number holds this instead of
 * Infinity (`withNumberLiterals`), so that its message shows the text given (`got 1e400`) and its
 * JSON the text (`"value": "1e400"`: JSON holds no Infinity, and JSON.stringify writes null for it).
 */
export class NumberLiteral {
  /** Marks a NumberLiteral for `isNumberLiteral`, whichever copy of this module made it. */
  readonly [LITERAL] = true;
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

/**
 * Whether `value` is a NumberLiteral. Not `instanceof`: the built command's bundles loaded on demand
 * (dist/hf-config.cjs, …) each hold a copy of this module, so a problem made in one is rendered by
 * another's class.
 */
export function isNumberLiteral(value: unknown): value is NumberLiteral {
  return typeof value === 'object' && value !== null && (value as { [LITERAL]?: unknown })[LITERAL] === true;
}

/**
 * `problems` with each value JSON.parse read as ±Infinity from `text` (a batch line, an API body)
 * replaced by the number as `text` wrote it (`NumberLiteral`), found by the problem's field: a key
 * (`concurrency`), a path of keys (`hf_config.num_hidden_layers`), an item (`tensor_parallel[1]`), a
 * catalog entry's field (`models[0] (dense-70b).num_layers`), or a key's name alone when one number
 * beyond a double is under that name (`compare`'s body names `options.tensor_parallel[1]`
 * `tensor_parallel`). Else the infinity stays. The same array when no problem holds an infinity
 * (then `text` is not read; pass a function to make it only then).
 *
 * @example withNumberLiterals([{ field: 'concurrency', value: Infinity, … }], '{"concurrency": 1e400}')[0].value //=> NumberLiteral { text: '1e400' }
 */
export function withNumberLiterals<P extends { readonly field: string; readonly value: unknown }>(problems: readonly P[], text: string | (() => string)): readonly P[] {
  if (!problems.some((p) => p.value === Infinity || p.value === -Infinity)) return problems;
  const literals = numberLiterals(typeof text === 'function' ? text() : text);
  return problems.map((p) => {
    const written = p.value === Infinity || p.value === -Infinity ? literalOf(literals, p.field) : undefined;
    return written === undefined ? p : { ...p, value: new NumberLiteral(written) };
  });
}

/**
 * The literal a problem's field names: by its path (`hf_config.num_hidden_layers`); by its path
 * without the entry names catalog problems add (`models[0] (dense-70b).num_layers`); else the one
 * literal under a key of the field's last name, wherever it is (items' indices aside), as `compare`'s
 * body names `options.tensor_parallel[1]` `tensor_parallel`. Undefined when none, or several, are.
 */
function literalOf(literals: ReadonlyMap<string, string>, field: string): string | undefined {
  const exact = literals.get(field) ?? literals.get(field.replace(/\] \([^)]*\)/g, ']'));
  if (exact !== undefined) return exact;
  const name = field.replace(/\[\d+\]/g, '').split('.').at(-1);
  let found: string | undefined;
  for (const [path, written] of literals) {
    const keys = path.replace(/\[\d+\]/g, '');
    if (keys !== name && !keys.endsWith(`.${name}`)) continue;
    if (found !== undefined) return undefined;
    found = written;
  }
  return found;
}

/** A key's text from its quoted token (JSON's escapes read; a token JSON would refuse, as it stands). */
function keyText(token: string): string {
  try {
    return JSON.parse(token) as string;
  } catch {
    return token.slice(1, -1);
  }
}

const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_TOKEN = /"(?:[^"\\]|\\.)*"/y;

/**
 * The numbers of a JSON text that a double does not hold (JSON.parse gives ±Infinity), by their path
 * (`a`, `a.b`, `a[2]`; a key given twice: its last value, as JSON.parse keeps). `text` must be JSON
 * that JSON.parse read; walked with a stack of its own, not by recursion, whatever its depth.
 */
function numberLiterals(text: string): Map<string, string> {
  const found = new Map<string, string>();
  /** The open objects and arrays: the path to each, and the next item's index in an array (-1 in an object). */
  const open: { path: string; index: number }[] = [];
  let key = '';
  let i = 0;
  const blank = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const pathHere = (): string => {
    const top = open.at(-1);
    if (top === undefined) return '';
    if (top.index < 0) return top.path === '' ? key : `${top.path}.${key}`;
    return `${top.path}[${top.index}]`;
  };
  while (i < text.length) {
    blank();
    const c = text[i];
    if (c === undefined) break;
    if (c === '{' || c === '[') {
      open.push({ path: pathHere(), index: c === '[' ? 0 : -1 });
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      open.pop();
      i++;
      continue;
    }
    if (c === ',') {
      const top = open.at(-1);
      if (top !== undefined && top.index >= 0) top.index++;
      i++;
      continue;
    }
    if (c === '"') {
      STRING_TOKEN.lastIndex = i;
      const m = STRING_TOKEN.exec(text);
      if (m === null) break;
      i += m[0].length;
      blank();
      // A key (in an object, followed by a colon), else a string value.
      if (text[i] === ':' && (open.at(-1)?.index ?? 0) < 0) {
        key = keyText(m[0]);
        i++;
      }
      continue;
    }
    NUMBER_TOKEN.lastIndex = i;
    const m = NUMBER_TOKEN.exec(text);
    if (m !== null && m[0].length > 0) {
      if (!Number.isFinite(Number(m[0]))) found.set(pathHere(), m[0]);
      i += m[0].length;
      continue;
    }
    // true, false, null, or a character JSON does not have here (JSON.parse read the text: none).
    i++;
  }
  return found;
}
