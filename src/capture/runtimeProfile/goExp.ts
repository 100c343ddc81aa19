/**
 * math.Exp as Go computes it on amd64 (math/exp_amd64.s), step for step, so that pprof's
 * heap scaling (1 / (1 - exp(-size/rate))) truncates to the same integers as the program's
 * own profile. JavaScript's Math.exp is a different algorithm and differs in the last bit
 * now and then, which flips a truncated value by one. The assembly has two paths, chosen by
 * the target's math.useFMA; fused multiply-adds are done exactly with BigInt.
 */

const LOG2E = 1.442695040888963407359924681001892;
const LN2U = 0.69314718055966295651160180568695068359375;
const LN2L = 0.28235290563031577122588448175013436025525412068e-12;
const OVERFLOW = 7.09782712893384e+2;
/** exprodata: 1/2, 1, 2 and the Taylor coefficients 1/3! .. 1/8!. */
const C = [1.6666666666666666667e-1, 4.1666666666666666667e-2, 8.3333333333333333333e-3, 1.3888888888888888889e-3, 1.9841269841269841270e-4, 2.4801587301587301587e-5];

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** A finite double as m * 2^e with an integer m. */
function split(d: number): [bigint, number] {
  f64[0] = d;
  const bits = u64[0];
  const exp = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  if (exp !== 0) {
    m |= 1n << 52n;
  }
  return [bits >> 63n ? -m : m, (exp === 0 ? 1 : exp) - 1075];
}

/** a * b + c with one rounding (the FMA instructions), for finite arguments. */
export function fma(a: number, b: number, c: number): number {
  const [ma, ea] = split(a);
  const [mb, eb] = split(b);
  const [mc, ec] = split(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  let m = (ma * mb << BigInt(ep - e)) + (mc << BigInt(ec - e));
  if (m === 0n) {
    return a * b + c;
  }
  // Keep 64 significant bits and a sticky bit for what is cut, so Number() rounds once, correctly.
  const negative = m < 0n;
  m = negative ? -m : m;
  let shift = 0;
  const bits = m.toString(2).length;
  if (bits > 64) {
    shift = bits - 64;
    const cut = m & ((1n << BigInt(shift)) - 1n);
    m = (m >> BigInt(shift)) | (cut ? 1n : 0n);
  }
  const r = Number(m) * 2 ** (e + shift);
  return negative ? -r : r;
}

/** 2^k as the bits the assembly builds (exponent field k + 1023). */
function pow2(biased: number): number {
  u64[0] = BigInt(biased) << 52n;
  return f64[0];
}

/** CVTSD2SL under the default rounding mode: to nearest, ties to even. */
function roundEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function goExpAmd64(x: number, useFMA: boolean): number {
  if (!Number.isFinite(x)) {
    return x === -Infinity ? 0 : x;
  }
  if (x > OVERFLOW) {
    return Infinity;
  }
  const k = roundEven(LOG2E * x);
  let p: number;
  if (useFMA) {
    x = fma(-k, LN2U, x);
    x = fma(-k, LN2L, x);
    x *= 0.0625;
    p = C[5];
    for (const c of [C[4], C[3], C[2], C[1], C[0], 0.5, 1]) {
      p = fma(x, p, c);
    }
    x *= p;
    for (let i = 0; i < 3; i++) {
      x *= 2 + x;
    }
    x = fma(2 + x, x, 1);
  } else {
    x -= k * LN2U;
    x -= k * LN2L;
    x *= 0.0625;
    p = C[5];
    for (const c of [C[4], C[3], C[2], C[1], C[0], 0.5, 1]) {
      p = p * x + c;
    }
    x *= p;
    for (let i = 0; i < 4; i++) {
      x *= 2 + x;
    }
    x += 1;
  }
  let biased = k + 0x3ff;
  if (biased >= 0x7ff) {
    return Infinity;
  }
  if (biased <= 0) {
    if (biased < -52) {
      return 0;
    }
    x *= pow2(biased + 0x3fe);
    biased = 1;
  }
  return x * pow2(biased);
}
