/** Which optional sections a request turns on: a section (workload, cost, storage) is on when any of its fields is given. Pure. */

/** Each field list as a set, made once per list (the lists are module constants). */
const fieldSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * True when the request gives any of `fields` (a value other than undefined).
 *
 * It walks the request's own keys, which are few, rather than the list: reading absent names from
 * requests of many different key sets was a tenth of a whole sizing's time.
 *
 * @example anyGiven({ pue: 1.2 }, ['pricing', 'pue']) // true
 * @example anyGiven({ pricing: undefined }, ['pricing', 'pue']) // false
 */
export function anyGiven<K extends string>(request: { readonly [F in K]?: unknown }, fields: readonly K[]): boolean {
  let set = fieldSets.get(fields);
  if (set === undefined) fieldSets.set(fields, (set = new Set(fields)));
  const r = request as Readonly<Record<string, unknown>>;
  for (const k in r) if (set.has(k) && r[k] !== undefined) return true;
  return false;
}
