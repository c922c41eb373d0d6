import { describe, expect, it } from 'vitest';
import { BYTES_PER_GIB, gbToGib, isKvPrecision, KV_PRECISION_BYTES } from '../../src/core/units.ts';

describe('gbToGib', () => {
  it.each([
    [2304, 2145.7672119140625], // DGX B300: 8 × 288 GB (NOTES.md: 2145.77 GiB)
    [1128, 1050.5318641662598], // DGX H200: 8 × 141 GB
    [0, 0],
    [1, 0.9313225746154785],
  ])('converts %d GB to %d GiB exactly as version 2.0 did', (gb, gib) => {
    expect(gbToGib(gb)).toBe(gib);
  });
});

describe('KV precision table', () => {
  it.each([
    ['fp8', 1],
    ['int8', 1],
    ['fp16', 2],
    ['bf16', 2],
  ] as const)('%s takes %d byte(s) per element', (p, bytes) => {
    expect(KV_PRECISION_BYTES[p]).toBe(bytes);
    expect(isKvPrecision(p)).toBe(true);
  });

  it.each(['fp4', 'FP8', '', 'int4', 'toString', 'constructor'])('refuses %j', (p) => {
    expect(isKvPrecision(p)).toBe(false);
  });

  it('uses binary GiB', () => {
    expect(BYTES_PER_GIB).toBe(1073741824);
  });
});
