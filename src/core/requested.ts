/** Which optional sections a request turns on: a section (workload, cost, storage) is on when any of its fields is given. Pure. */

/**
 * True when the request gives any of `fields` (a value other than undefined).
 *
 * It reads the listed names, which are few. A validated request holds every field, in one hidden class
 * for all requests (src/schema/request.ts `blankRequest`): walking its ~50 keys instead, each looked up
 * in a set of the list, was a tenth of a whole sizing's time (three to four calls per sizing).
 *
 * @example anyGiven({ pue: 1.2 }, ['pricing', 'pue']) // true
 * @example anyGiven({ pricing: undefined }, ['pricing', 'pue']) // false
 */
export function anyGiven<K extends string>(request: { readonly [F in K]?: unknown }, fields: readonly K[]): boolean {
  for (let i = 0; i < fields.length; i++) if (request[fields[i]!] !== undefined) return true;
  return false;
}
