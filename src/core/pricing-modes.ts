/**
 * How a fleet is paid for (issue 11): bought and run (owned), or rented by the GPU-hour at the
 * on-demand or the reserved (committed) price. Its own module: the request table (on the CLI's
 * start-up path) and the catalog schema (zod) both read it.
 */
export const PRICING_MODES = ['owned', 'on_demand', 'reserved'] as const;
export type PricingMode = (typeof PRICING_MODES)[number];
