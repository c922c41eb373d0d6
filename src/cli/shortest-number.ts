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
 * gives up (-1) and the caller writes `JSON.stringify(x)`: the rule is then the runtime's own. A test
 * holds it to JSON.stringify on millions of doubles.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
f64[0] = 1;
/** The index of the high (sign, exponent) word of a double in `u32`. */
const HI = u32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** 10^q for q in [Q_MIN, Q_MAX] as hi + lo (|lo| ≤ ulp(hi)/2), and hi split for Dekker's product. */
const Q_MIN = -40;
const Q_MAX = 50;
const POW_HI = new Float64Array(Q_MAX - Q_MIN + 1);
const POW_LO = new Float64Array(Q_MAX - Q_MIN + 1);
const POW_HH = new Float64Array(Q_MAX - Q_MIN + 1);
const POW_HL = new Float64Array(Q_MAX - Q_MIN + 1);
const SPLIT = 134217729; // 2^27 + 1
/** 2^(e − 1075), the ulp of a double with exponent field e (e ≥ 53). */
const ULP = new Float64Array(2047);
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
    const i = q - Q_MIN;
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
    POW_HI[i] = hi;
    POW_LO[i] = lo;
    POW_HH[i] = hh;
    POW_HL[i] = hi - hh;
  }
  for (let e = 53; e < 2047; e++) ULP[e] = 2 ** (e - 1075);
  tables = true;
}

/** Powers of ten up to 10^9 (exact). */
const TEN = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];
/** How far from a boundary (in units of the 17th digit) a decision must be: the arithmetic errs by < 10^-7. */
const EPS = 1e-6;
/** "00" … "99" as character codes. */
const PAIRS = new Uint8Array(200);
for (let d = 0; d < 100; d++) {
  PAIRS[2 * d] = 48 + ((d / 10) | 0);
  PAIRS[2 * d + 1] = 48 + (d % 10);
}
/** The 17 digits of the result. */
const digits = new Uint8Array(18);

/**
 * Write x's JSON text at `buf[pos]` (at least 32 bytes of room) and return the position after it,
 * or -1 when it cannot tell (see above): nothing usable is then written.
 */
export function writeShortest(buf: Uint8Array, pos: number, x: number): number {
  let neg = false;
  if (x < 0) {
    x = -x;
    neg = true;
  }
  if (!(x >= 1e-30 && x < 1e38)) return -1; // and NaN
  if (!tables) makeTables();
  f64[0] = x;
  const hiWord = u32[HI]!;
  const be = hiWord >>> 20;
  const powerOfTwo = (hiWord & 0xfffff) === 0 && u32[LO] === 0;
  const ulp = ULP[be]!;

  // z = x · 10^q ∈ [10^8, 10^9) as zh + zl.
  const cx = SPLIT * x;
  const xh = cx - (cx - x);
  const xl = x - xh;
  // floor(log10 x) is floor((be − 1023) · log10 2) or one more (x < 2^(be − 1022)).
  let e10 = ((be - 1023) * 78913) >> 18; // floor((be − 1023) · log10 2) (Ryu's log10Pow2)
  if (x >= POW_HI[e10 + 1 - Q_MIN]!) e10++;
  let q = 8 - e10;
  let zh = 0;
  let zl = 0;
  for (let tries = 0; ; tries++) {
    if (tries > 2 || q < Q_MIN || q + 8 > Q_MAX) return -1;
    const i = q - Q_MIN;
    const th = POW_HI[i]!;
    const thh = POW_HH[i]!;
    const thl = POW_HL[i]!;
    const p = x * th;
    const err = xh * thh - p + xh * thl + xl * thh + xl * thl;
    const lo = err + x * POW_LO[i]!;
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
  const b = Math.floor(F) | 0;
  const r = F - b;
  // Half the gaps to the neighbouring doubles, in units of the 17th digit (y = a · 10^8 + b + r).
  const halfHi = (ulp * POW_HI[q + 8 - Q_MIN]!) / 2;
  const halfLo = powerOfTwo ? halfHi / 2 : halfHi;

  // The largest j such that a multiple of 10^j lies strictly inside (y − halfLo, y + halfHi).
  let j = 0;
  let dd = r; // y − the multiple below
  let du = 1 - r; // the multiple above − y
  for (let t = 1; t <= 17; t++) {
    let down: number;
    let up: number;
    if (t === 1) {
      const m = b % 10;
      down = m + r;
      up = 10 - m - r;
    } else if (t <= 8) {
      const p10 = TEN[t]!;
      const m = b % p10;
      down = m + r;
      up = p10 - m - r;
    } else {
      const p10 = TEN[t - 8]!;
      const m = a % p10;
      down = m === 0 ? b + r : Infinity;
      up = m === p10 - 1 ? 1e8 - b - r : Infinity;
    }
    const dn = down - halfLo;
    const un = up - halfHi;
    if ((dn > -EPS && dn < EPS) || (un > -EPS && un < EPS)) return -1;
    if (dn >= 0 && un >= 0) break;
    j = t;
    dd = down;
    du = up;
  }
  // At j, the multiple below and/or above is inside: the nearer (both only when j ≤ 1).
  let goUp: boolean;
  if (j === 0) {
    const d = r - 0.5;
    if (d > -EPS && d < EPS) return -1;
    goUp = d > 0;
  } else {
    const downIn = dd < halfLo;
    const upIn = du < halfHi;
    if (downIn && upIn) {
      const d = dd - du;
      if (d > -EPS && d < EPS) return -1;
      goUp = d > 0;
    } else goUp = upIn;
  }
  // The candidate's 17 digits: c = a · 10^8 + b rounded to a multiple of 10^j.
  let ca = a;
  let cb = b;
  if (j <= 8) {
    const p10 = TEN[j]!;
    cb -= b % p10;
    if (goUp) cb += p10;
    if (cb >= 1e8) {
      cb -= 1e8;
      ca += 1;
    }
  } else {
    const p10 = TEN[j - 8]!;
    cb = 0;
    ca -= a % p10;
    if (goUp) ca += p10;
  }
  let n = 9 - q; // x = 0.d1d2… · 10^n
  let k: number;
  if (ca >= 1e9) {
    // 10^17: one digit.
    digits[0] = 49;
    k = 1;
    n += 1;
  } else {
    // Two digits at a time: a's 9 from the right (digits 0–8), then b's 8 (digits 9–16).
    for (let i = 7; i >= 1; i -= 2) {
      const t = (ca / 100) | 0;
      const d = ca - t * 100;
      digits[i] = PAIRS[2 * d]!;
      digits[i + 1] = PAIRS[2 * d + 1]!;
      ca = t;
    }
    digits[0] = 48 + ca;
    for (let i = 15; i >= 9; i -= 2) {
      const t = (cb / 100) | 0;
      const d = cb - t * 100;
      digits[i] = PAIRS[2 * d]!;
      digits[i + 1] = PAIRS[2 * d + 1]!;
      cb = t;
    }
    k = 17;
    while (k > 1 && digits[k - 1] === 48) k--;
  }

  if (neg) buf[pos++] = 45;
  if (k <= n && n <= 21) {
    for (let i = 0; i < k; i++) buf[pos++] = digits[i]!;
    for (let i = k; i < n; i++) buf[pos++] = 48;
  } else if (0 < n && n <= 21) {
    for (let i = 0; i < n; i++) buf[pos++] = digits[i]!;
    buf[pos++] = 46;
    for (let i = n; i < k; i++) buf[pos++] = digits[i]!;
  } else if (-6 < n && n <= 0) {
    buf[pos++] = 48;
    buf[pos++] = 46;
    for (let i = n; i < 0; i++) buf[pos++] = 48;
    for (let i = 0; i < k; i++) buf[pos++] = digits[i]!;
  } else {
    buf[pos++] = digits[0]!;
    if (k > 1) {
      buf[pos++] = 46;
      for (let i = 1; i < k; i++) buf[pos++] = digits[i]!;
    }
    buf[pos++] = 101;
    let e = n - 1;
    if (e < 0) {
      buf[pos++] = 45;
      e = -e;
    } else buf[pos++] = 43;
    if (e >= 10) {
      buf[pos++] = 48 + ((e / 10) | 0);
      e %= 10;
    }
    buf[pos++] = 48 + e;
  }
  return pos;
}
