/**
 * What a comparison (./compare.ts) takes besides the request: the fields it crosses, the orders of its
 * table, and its guards. Data only, so that the CLI's flag table can name them without loading the
 * comparison itself.
 */

/** The request fields a comparison crosses, in the order of the cross (and of the table's columns). */
export const COMPARE_FIELDS = ['server', 'memory_model', 'tensor_parallel', 'pipeline_parallel', 'replicas_per_node', 'kv_precision', 'weights_precision'] as const;
export type CompareField = (typeof COMPARE_FIELDS)[number];

/** The lists of options: each field's values (a field left out keeps the request's value). */
export type CompareLists = { readonly [F in CompareField]?: readonly (string | number)[] };

/** Guards: values per list, and options in the whole cross (each one is a sizing). */
export const COMPARE_LIMITS = { values: 64, options: 5_000 } as const;

/** The orders the table may take (`--sort`): the first key; ties go to cost, nodes, TPOT p99, then the cross order. */
export const COMPARE_SORTS = ['cost', 'nodes', 'cost-per-token', 'tpot', 'ttft', 'sessions', 'power'] as const;
export type CompareSort = (typeof COMPARE_SORTS)[number];
