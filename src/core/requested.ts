/** Which optional sections a request turns on: a section (workload, cost, storage) is on when any of its fields is given. Pure. */

/**
 * True when the request gives any of `fields` (a value other than undefined).
 *
 * @example anyGiven({ pue: 1.2 }, ['pricing', 'pue']) // true
 * @example anyGiven({ pricing: undefined }, ['pricing', 'pue']) // false
 */
export function anyGiven<K extends string>(request: { readonly [F in K]?: unknown }, fields: readonly K[]): boolean {
  for (const k of fields) if (request[k] !== undefined) return true;
  return false;
}
