/**
 * User catalog entries over the built-in ones, one rule for the CLI (`--models-file`, `--servers-file`,
 * `--storage-file`) and the library (`createCatalog`): by default the entries are ADDED, each one
 * replacing a built-in entry of the same name; with `replace` they are the whole kind (the original
 * tool's behaviour: `--replace-catalog`, or `extend: false` in the library).
 */

/**
 * The entries of one kind: the given ones first (in their order), then the built-in ones they do not
 * name; or the given ones alone with `replace`.
 *
 * @example withEntries([{ name: 'a' }, { name: 'b' }], [{ name: 'b' }, { name: 'c' }], false) //=> [b (given), c, a]
 * @example withEntries([{ name: 'a' }], [{ name: 'c' }], true) //=> [c]
 */
export function withEntries<E>(builtIn: readonly E[], given: readonly E[], replace: boolean, key: (e: E) => string = (e) => (e as { readonly name: string }).name): E[] {
  if (replace) return [...given];
  const names = new Set(given.map(key));
  return [...given, ...builtIn.filter((e) => !names.has(key(e)))];
}
