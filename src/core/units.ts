/**
 * Units and conversion constants. Every quantity in this code base carries its unit in its name
 * (`…Gib`, `…Gb`, `…Bytes`, `…Tokens`).
 */

/** 1 GiB = 2^30 bytes (binary gibibyte, what GPU memory allocators report). */
export const BYTES_PER_GIB = 2 ** 30;

/** 1 GB = 10^9 bytes (decimal gigabyte, what GPU data sheets state: "288 GB HBM3e"). */
export const BYTES_PER_GB = 1e9;

/** 1 TiB = 1024 GiB. */
export const GIB_PER_TIB = 1024;

/**
 * Decimal GB to binary GiB, computed exactly as version 2.0 did (`gb × 10^9 / 2^30`), so results match
 * it to the last bit.
 *
 * @example gbToGib(2304) //=> 2145.7672119140625
 */
export function gbToGib(gb: number): number {
  return (gb * BYTES_PER_GB) / BYTES_PER_GIB;
}

/** KV cache element precisions and their size in bytes per element. The single table of them. */
export const KV_PRECISION_BYTES = {
  fp8: 1,
  int8: 1,
  fp16: 2,
  bf16: 2,
} as const;

export type KvPrecision = keyof typeof KV_PRECISION_BYTES;

export const KV_PRECISIONS = Object.keys(KV_PRECISION_BYTES) as KvPrecision[];

export function isKvPrecision(value: unknown): value is KvPrecision {
  return typeof value === 'string' && Object.hasOwn(KV_PRECISION_BYTES, value);
}
