/** Exit codes, documented in --help and the README. */
export const EXIT = {
  /** Sized; every scenario feasible. */
  ok: 0,
  /** Unexpected failure (a bug): shown in full. */
  unexpected: 1,
  /** Invalid input: nothing produced. */
  invalidInput: 2,
  /** Sized, but some scenario is infeasible (not even one session fits a node). */
  infeasible: 3,
} as const;
