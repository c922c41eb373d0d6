/**
 * A double's JSON text (what `JSON.stringify(x)` writes: ECMAScript's Number::toString, the shortest
 * digits that read back as x, the closest of them to x) written as bytes, without a string: V8
 * converts a float in its runtime, ~100 ns each however it is called (alone or inside an array), and a
 * `batch` workload line carries ~100 unrounded floats.
 *
 * How: x × 10^q in double-double arithmetic (Dekker's exact product, 10^q kept as two doubles) gives
 * x's first 17 significant digits as A (9 digits) · 10^8 + B (8 digits) + r (a fraction), to ~2·10^-8
 * of a unit of the 17th digit. x's rounding interval there is ± half an ulp of x (a quarter below a
 * power of two), 0.55 to 11 units: the shortest digits are the multiple of the largest power of ten
 * inside it (the nearer of two), the 17-digit rounding when none. Whenever a decision lies within
 * 10^-6 of a unit of its boundary (a tie, a bound nearly met), or x is outside 10^-30 … 10^38, it
 * gives up (-1) and the caller writes `JSON.stringify(x)`: the rule is then the runtime's own. Tests
 * hold it to JSON.stringify on millions of doubles.
 *
 * Most doubles a sizing computes need 16 or 17 digits: those are told from B's last two digits and
 * written two digits at a time straight into the output; shorter ones scan their digits for the
 * largest power of ten (`shortDigits`).
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
/** The index of the high (sign, exponent) word of a double in `u32`. */
const HI = u32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/**
 * 10^q for q in [Q_MIN, Q_MAX] as hi + lo (|lo| ≤ ulp(hi)/2), and hi split in two halves for Dekker's
 * product: POW[4i … 4i + 3] = hi, lo, hi's high half, hi's low half (one table: one check per call).
 */
const Q_MIN = -40;
const Q_MAX = 50;
const POW = new Float64Array(4 * (Q_MAX - Q_MIN + 1));
const SPLIT = 134217729; // 2^27 + 1
/** 2^(e − 1075), the ulp of a double with exponent field e (e ≥ 53). */
const ULP = new Float64Array(2047);
/** The four ASCII digits of 0 … 9999 as one little-endian 32-bit word each ("0123" → 0x33323130; made with the tables). */
const DIGITS4 = new Uint32Array(10000);
let tables = false;

/** The exact value m · 2^e of a finite positive double. */
function exact(x: number): { m: bigint; e: number } {
  f64[0] = x;
  const hi = u32[HI]!;
  const be = (hi >>> 20) & 0x7ff;
  const m = (BigInt(hi & 0xfffff) << 32n) | BigInt(u32[LO]!);
  return be === 0 ? { m, e: -1074 } : { m: m | (1n << 52n), e: be - 1075 };
}

function makeTables(): void {
  for (let q = Q_MIN; q <= Q_MAX; q++) {
    const i = 4 * (q - Q_MIN);
    let hi: number;
    let lo: number;
    if (q >= 0) {
      const p = 10n ** BigInt(q);
      hi = Number(p); // round to nearest
      lo = Number(p - BigInt(hi));
    } else {
      // 10^q = 1 / 10^-q; hi the nearest double (the parser rounds correctly), lo = 10^q − hi.
      const d = 10n ** BigInt(-q);
      hi = Number(`1e${q}`);
      const { m, e } = exact(hi); // hi = m · 2^e, e < 0
      const two = 1n << BigInt(-e);
      // 10^q − hi = (2^-e − m · d) / (2^-e · d): a small numerator, each conversion rounding once.
      lo = Number(two - m * d) / Number(two) / Number(d);
    }
    const c = SPLIT * hi;
    const hh = c - (c - hi);
    POW[i] = hi;
    POW[i + 1] = lo;
    POW[i + 2] = hh;
    POW[i + 3] = hi - hh;
  }
  for (let e = 53; e < 2047; e++) ULP[e] = 2 ** (e - 1075);
  for (let i = 0; i < 10000; i++) {
    const d3 = i % 10;
    const d2 = ((i / 10) | 0) % 10;
    const d1 = ((i / 100) | 0) % 10;
    const d0 = (i / 1000) | 0;
    DIGITS4[i] = ((48 + d0) | ((48 + d1) << 8) | ((48 + d2) << 16) | ((48 + d3) << 24)) >>> 0;
  }
  tables = true;
}

/** How far from a boundary (in units of the 17th digit) a decision must be: the arithmetic errs by < 10^-7. */
const EPS = 1e-6;

/** The last buffer written to, seen as a DataView (a batch run writes into one buffer). */
let viewOf: Uint8Array | undefined;
let view: DataView = new DataView(new ArrayBuffer(8));

/**
 * The 17 digits of a · 10^8 + b (10^8 ≤ a < 10^9, 0 ≤ b < 10^8) as characters at buf[at … at + 16]:
 * a's first digit, then four groups of four, each one 32-bit store of its four characters (DIGITS4).
 */
function write17(buf: Uint8Array, at: number, a: number, b: number): void {
  if (buf !== viewOf) {
    viewOf = buf;
    view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const a1 = (a / 10000) | 0; // a's first five digits
  const a0 = a - a1 * 10000;
  const a2 = (a1 / 10000) | 0; // a's first digit
  const b1 = (b / 10000) | 0;
  buf[at] = 48 + a2;
  view.setUint32(at + 1, DIGITS4[a1 - a2 * 10000]!, true);
  view.setUint32(at + 5, DIGITS4[a0]!, true);
  view.setUint32(at + 9, DIGITS4[b1]!, true);
  view.setUint32(at + 13, DIGITS4[b - b1 * 10000]!, true);
}

/**
 * For a double whose shortest form has 15 digits or fewer, given N = a · 10^8 + b's 17 digits at
 * buf[at …]: y = N + r rounded to the largest power of ten 10^j (j ≥ 2) one of whose multiples lies
 * strictly inside (y − halfLo, y + halfHi), in place; returns its number of digits without trailing
 * zeros, 18 for 10^17 (its "1" at buf[at]), or -1 when a decision is within EPS of its bound.
 * At t, y lies m + r above the multiple of 10^t below (m = N mod 10^t) and u − r under the one above
 * (u = 10^t − m): both grow with t, and are exact while small (sums of digit · 10^i), so the scan
 * stops at the first t where neither multiple is inside.
 */
function shortDigits(buf: Uint8Array, at: number): number {
  const r = ARGS[0]!;
  const halfLo = ARGS[1]!;
  const halfHi = ARGS[2]!;
  let j = 0;
  let dd = r; // y − the multiple below
  let du = 1 - r; // the multiple above − y
  let m = 0;
  let u = 1;
  let p10 = 1;
  for (let t = 1; t <= 17; t++) {
    const dg = buf[at + 17 - t]! - 48;
    m += dg * p10;
    u += (9 - dg) * p10;
    p10 *= 10;
    const down = m + r;
    const up = u - r;
    const dn = down - halfLo;
    const un = up - halfHi;
    if ((dn > -EPS && dn < EPS) || (un > -EPS && un < EPS)) return -1;
    if (dn >= 0 && un >= 0) break;
    j = t;
    dd = down;
    du = up;
  }
  const downIn = dd < halfLo;
  const upIn = du < halfHi;
  let goUp: boolean;
  if (downIn && upIn) {
    const d = dd - du;
    if (d > -EPS && d < EPS) return -1;
    goUp = d > 0;
  } else goUp = upIn;
  // N rounded to a multiple of 10^j: its first 17 − j digits, the last one raised by one going up, nines carried.
  let k = 17 - j;
  if (goUp) {
    let i = k - 1;
    while (i >= 0 && buf[at + i] === 57) i--;
    if (i < 0) {
      buf[at] = 49;
      return 18;
    }
    buf[at + i]!++;
    k = i + 1;
  }
  while (k > 1 && buf[at + k - 1] === 48) k--;
  return k;
}

/**
 * Doubles handed to the functions below through this array, not as arguments: V8 passes a double
 * argument to a function it does not inline (these are too large) as a heap number, a 12-byte
 * allocation per call (on a `batch` run of workload lines, ~120 MB of the young generation's garbage).
 */
const ARGS = new Float64Array(3);

/**
 * Write x's JSON text at `buf[pos]` (at least 32 bytes of room) and return the position after it,
 * or -1 when it cannot tell (see above): nothing usable is then written. (Small enough to be inlined
 * where it is called: x goes on through `ARGS`.)
 */
export function writeShortest(buf: Uint8Array, pos: number, x: number): number {
  ARGS[0] = x;
  return writeArg(buf, pos);
}

/** `writeShortest` of ARGS[0]. */
function writeArg(buf: Uint8Array, pos: number): number {
  let x = ARGS[0]!;
  if (x < 0) {
    x = -x;
    buf[pos++] = 45;
  }
  if (!(x >= 1e-30 && x < 1e38)) return -1; // and NaN
  if (!tables) makeTables();
  f64[0] = x;
  const hiWord = u32[HI]!;
  const be = hiWord >>> 20;
  const powerOfTwo = (hiWord & 0xfffff) === 0 && u32[LO] === 0;

  // z = x · 10^q ∈ [10^8, 10^9) as zh + zl.
  const cx = SPLIT * x;
  const xh = cx - (cx - x);
  const xl = x - xh;
  // floor(log10 x) is floor((be − 1023) · log10 2) or one more (x < 2^(be − 1022)).
  let e10 = ((be - 1023) * 78913) >> 18; // floor((be − 1023) · log10 2) (Ryu's log10Pow2)
  if (x >= POW[4 * (e10 + 1 - Q_MIN)]!) e10++;
  let q = 8 - e10;
  let zh = 0;
  let zl = 0;
  for (let tries = 0; ; tries++) {
    if (tries > 2 || q < Q_MIN || q + 8 > Q_MAX) return -1;
    const i = 4 * (q - Q_MIN);
    const th = POW[i]!;
    const thh = POW[i + 2]!;
    const thl = POW[i + 3]!;
    const p = x * th;
    const err = xh * thh - p + xh * thl + xl * thh + xl * thl;
    const lo = err + x * POW[i + 1]!;
    zh = p + lo;
    zl = lo - (zh - p);
    if (zh < 1e8) q++;
    else if (zh >= 1e9) q--;
    else break;
  }
  let a = Math.floor(zh) | 0;
  let f = zh - a + zl;
  if (f < 0) {
    a -= 1;
    f += 1;
  } else if (f >= 1) {
    a += 1;
    f -= 1;
  }
  if (a < 1e8 || a >= 1e9) return -1;
  const F = f * 1e8;
  if (F >= 1e8) return -1;
  let b = Math.floor(F) | 0;
  const r = F - b;
  // Half the gaps to the neighbouring doubles, in units of the 17th digit (y = a · 10^8 + b + r).
  const halfHi = (ULP[be]! * POW[4 * (q + 8 - Q_MIN)]!) / 2;
  const halfLo = powerOfTwo ? halfHi / 2 : halfHi;

  // The digits go to buf[pos + 1 …], one place to the right, and are moved into place below.
  let n = 9 - q; // x = 0.d1d2… · 10^n
  // Where the digits go: one place right of `pos` (moved into place below), or, for 0.000ddd, at
  // their own place after "0." and the zeros, so they need no moving.
  const at = -6 < n && n <= 0 ? pos + 2 - n : pos + 1;
  let k: number;
  // At t = 1, y lies m1 + r above the multiple of 10 below and 10 − m1 − r under the one above (m1
  // its last digit); at t = 2, m2 + r and 100 − m2 − r (m2 its last two).
  const m2 = b - ((b / 100) | 0) * 100;
  const m1 = m2 - ((m2 * 205) >> 11) * 10;
  const down1 = m1 + r;
  const up1 = 10 - m1 - r;
  const dn1 = down1 - halfLo;
  const un1 = up1 - halfHi;
  if ((dn1 > -EPS && dn1 < EPS) || (un1 > -EPS && un1 < EPS)) return -1;
  if (dn1 >= 0 && un1 >= 0) {
    // No multiple of 10 inside: 17 digits, y rounded to the nearer integer (which is inside).
    const d = r - 0.5;
    if (d > -EPS && d < EPS) return -1;
    if (d > 0) b++;
    k = 17;
  } else {
    const dn2 = m2 + r - halfLo;
    const un2 = 100 - m2 - r - halfHi;
    if ((dn2 > -EPS && dn2 < EPS) || (un2 > -EPS && un2 < EPS)) return -1;
    if (dn2 >= 0 && un2 >= 0) {
      // A multiple of 10 inside and none of 100: 16 digits, the nearer multiple when both are inside.
      let goUp: boolean;
      if (dn1 < 0 && un1 < 0) {
        const d = down1 - up1;
        if (d > -EPS && d < EPS) return -1;
        goUp = d > 0;
      } else goUp = un1 < 0;
      b += goUp ? 10 - m1 : -m1;
      k = 16;
    } else k = -1;
  }
  if (k > 0) {
    if (b >= 1e8) {
      b -= 1e8;
      a += 1;
      if (a >= 1e9) return -1; // 10^17 (left to JSON.stringify: never met in practice)
    }
    write17(buf, at, a, b);
    // Not a multiple of 10 (resp. 100) by construction; trailing zeros checked all the same.
    while (k > 1 && buf[at + k - 1] === 48) k--;
  } else {
    write17(buf, at, a, b);
    ARGS[0] = r;
    ARGS[1] = halfLo;
    ARGS[2] = halfHi;
    k = shortDigits(buf, at);
    if (k < 0) return -1;
    if (k > 17) {
      k = 1;
      n += 1;
    }
  }

  // Lay the k digits at buf[at …] out as Number::toString does. (at = pos + 1 unless n ≤ 0 at first:
  // then only 0.000ddd and, for a rounding up to 10^(n + 1) with n = 0, a single "1" (ddd000) meet
  // at ≠ pos + 1; their copies run forwards from at > pos.)
  if (0 < n && n < k) {
    // ddd.ddd: the n integer digits one place to the left, the point after them.
    for (let i = 0; i < n; i++) buf[pos + i] = buf[at + i]!;
    buf[pos + n] = 46;
    return at + k;
  }
  if (k <= n && n <= 21) {
    // ddd000
    for (let i = 0; i < k; i++) buf[pos + i] = buf[at + i]!;
    for (let i = k; i < n; i++) buf[pos + i] = 48;
    return pos + n;
  }
  if (-6 < n && n <= 0) {
    // 0.000ddd: "0.", the zeros, the digits at pos + 2 − n: written there, unless rounding up to a
    // power of ten raised n by one (then one place to the left).
    const to = pos + 2 - n;
    if (at !== to) for (let i = 0; i < k; i++) buf[to + i] = buf[at + i]!;
    buf[pos] = 48;
    buf[pos + 1] = 46;
    for (let i = 2; i < 2 - n; i++) buf[pos + i] = 48;
    return to + k;
  }
  // d.ddde±x
  buf[pos] = buf[at]!;
  let end = pos + 1;
  if (k > 1) {
    buf[at] = 46;
    end = at + k;
  }
  buf[end++] = 101;
  let e = n - 1;
  if (e < 0) {
    buf[end++] = 45;
    e = -e;
  } else buf[end++] = 43;
  if (e >= 10) {
    buf[end++] = 48 + ((e / 10) | 0);
    e %= 10;
  }
  buf[end++] = 48 + e;
  return end;
}
