// tilegate's deterministic f64 elementary functions: the definition behind the transcendental rule
// (spec/numerics.md §8). They use only IEEE-754 basic operations (+ − × ÷, comparisons, exact bit
// moves), each correctly rounded, so every backend that replays the same operation sequence gets
// the same bits: the WASM port (targets/wasm/elementary.ts) and the WGSL soft-f64 port
// (targets/webgpu/wgsl/soft-f64.ts) do. The algorithms are Sun's fdlibm 5.3 (e_exp.c, s_expm1.c,
// e_log.c, s_tanh.c: argument reduction plus Remez approximations, documented error < 1 ulp).

/**
 * Every constant of the algorithms, shared with the WASM and WGSL ports so all three read the
 * same doubles. Hex words (high, low) are fdlibm's and are checked by test/unit/elementary.test.ts.
 */
export const ELEMENTARY_CONSTANTS = {
  LN2_HI: 6.93147180369123816490e-1, // 3fe62e42 fee00000: ln2 with 21 trailing zero bits, so k*LN2_HI is exact
  LN2_LO: 1.90821492927058770002e-10, // 3dea39ef 35793c76: ln2 - LN2_HI
  INV_LN2: 1.44269504088896338700e0, // 3ff71547 652b82fe
  EXP_OVERFLOW: 7.09782712893383973096e2, // 40862e42 fefa39ef: above it exp(x) > DBL_MAX
  EXP_UNDERFLOW: -7.45133219101941108420e2, // c0874910 d52d3051: below it exp(x) < 2^-1075
  E: 2.718281828459045, // 4005bf0a 8b145769: exp(1), which the general path misses by one ulp
  TWO_1023: 8.98846567431157953865e307, // 7fe00000 00000000
  TWO_M1000: 9.33263618503218878990e-302, // 01700000 00000000
  TWO_54: 1.8014398509481984e16, // 43500000 00000000
  // exp: R(z) ~ 2 + P1 z + ... + P5 z^5 approximates r (e^r + 1)/(e^r - 1) on |r| <= 0.347, error < 2^-59.
  P1: 1.66666666666666019037e-1, // 3fc55555 5555553e
  P2: -2.77777777770155933842e-3, // bf66c16c 16bebd93
  P3: 6.61375632143793436117e-5, // 3f11566a af25de2c
  P4: -1.65339022054652515390e-6, // bebbbd41 c5d26bf1
  P5: 4.13813679705723846039e-8, // 3e663769 72bea4d0
  // expm1: 1 + Q1 h + ... + Q5 h^5 (h = r^2/2) approximates 6/r ((e^r + 1)/(e^r - 1) - 2/r), error < 2^-61.
  Q1: -3.33333333333331316428e-2, // bfa11111 111110f4
  Q2: 1.58730158725481460165e-3, // 3f5a01a0 19fe5585
  Q3: -7.93650757867487942473e-5, // bf14ce19 9eaadbb7
  Q4: 4.00821782732936239552e-6, // 3ed0cfca 86e65239
  Q5: -2.01099218183624371326e-7, // be8afdb7 6e09c32d
  // log: Lg1 s^2 + ... + Lg7 s^14 approximates log((1+s)/(1-s)) - 2s over s^2 <= 0.0295, error < 2^-58.45.
  LG1: 6.666666666666735130e-1, // 3fe55555 55555593
  LG2: 3.999999999940941908e-1, // 3fd99999 9997fa04
  LG3: 2.857142874366239149e-1, // 3fd24924 94229359
  LG4: 2.222219843214978396e-1, // 3fcc71c5 1d8e78af
  LG5: 1.818357216161805012e-1, // 3fc74664 96cb03de
  LG6: 1.531383769920937332e-1, // 3fc39a09 d078c69f
  LG7: 1.479819860511658591e-1, // 3fc2f112 df3e5244
  THIRD: 0.33333333333333333, // 3fd55555 55555555
  // gelu (tanh form): sqrt(2/pi) rounded to nearest, and 0.044715 as a double literal.
  GELU_C: 0.7978845608028654, // 3fe98845 33d43651
  GELU_K: 0.044715, // 3fa6e4e2 6d4801f7
} as const;

const K = ELEMENTARY_CONSTANTS;

// Exact bit moves through one scratch word, viewed as a double and as two int32 words; HI is the
// index of the high word (sign, exponent, top 20 fraction bits) in the host's byte order.
const scratchF64 = new Float64Array(1);
const scratchI32 = new Int32Array(scratchF64.buffer);
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The high 32 bits of x as a signed int32 (sign bit = bit 31). */
function highWord(x: number): number {
  scratchF64[0] = x;
  return scratchI32[HI]!;
}

/** The low 32 bits of x as an unsigned int32. */
function lowWord(x: number): number {
  scratchF64[0] = x;
  return scratchI32[LO]! >>> 0;
}

/** The double with these high and low words. */
function fromWords(hi: number, lo: number): number {
  scratchI32[HI] = hi;
  scratchI32[LO] = lo;
  return scratchF64[0]!;
}

/** x with its high word replaced (low word kept). */
function withHighWord(x: number, hi: number): number {
  return fromWords(hi, lowWord(x));
}

/** 2^k for -1022 <= k <= 1023, built from its exponent field. */
function pow2(k: number): number {
  return fromWords((0x3ff + k) << 20, 0);
}

/** x = k ln2 + (hi - lo) with |hi - lo| <= ln2/2: k by truncation of x/ln2 ± 1/2, as fdlibm. */
function reduce(x: number, ax: number, neg: boolean): { k: number; hi: number; lo: number } {
  if (ax < 0x3ff0a2b2) {
    // 0.5 ln2 < |x| < 1.5 ln2: k = ±1 without a multiply.
    return neg ? { k: -1, hi: x + K.LN2_HI, lo: -K.LN2_LO } : { k: 1, hi: x - K.LN2_HI, lo: K.LN2_LO };
  }
  const k = (K.INV_LN2 * x + (neg ? -0.5 : 0.5)) | 0;
  // |k| <= 1075 has 11 bits and LN2_HI 32, so k * LN2_HI is exact and so is the subtraction.
  return { k, hi: x - k * K.LN2_HI, lo: k * K.LN2_LO };
}

/** e^x, error < 1 ulp; exp(1) is exactly E; overflow gives +Infinity, underflow +0. */
export function exp(x: number): number {
  const hw = highWord(x);
  const neg = hw < 0;
  const ax = hw & 0x7fffffff;
  if (ax >= 0x40862e42) {
    if (ax >= 0x7ff00000) return x !== x ? NaN : neg ? 0 : x;
    if (x > K.EXP_OVERFLOW) return Infinity;
    if (x < K.EXP_UNDERFLOW) return 0;
  }
  let k = 0;
  let hi = 0;
  let lo = 0;
  let r = x;
  if (ax > 0x3fd62e42) {
    if (x === 1) return K.E;
    ({ k, hi, lo } = reduce(x, ax, neg));
    r = hi - lo;
  } else if (ax < 0x3e300000) {
    return 1 + x; // |x| < 2^-28: e^x = 1 + x to within 2^-57
  }
  // e^r = 1 + 2r/(R(r^2) - r), rewritten as 1 + r + r c/(2 - c) with c = r - (R - 2) for accuracy.
  const t = r * r;
  const c = r - t * (K.P1 + t * (K.P2 + t * (K.P3 + t * (K.P4 + t * K.P5))));
  if (k === 0) return 1 - ((r * c) / (c - 2) - r);
  const y = 1 - ((lo - (r * c) / (2 - c)) - hi);
  // Scale by 2^k: exact for a normal result; a subnormal one is rounded once, by the last multiply.
  if (k >= -1021) return k === 1024 ? y * 2 * K.TWO_1023 : y * pow2(k);
  return y * pow2(k + 1000) * K.TWO_M1000;
}

/** e^x - 1 without cancellation near 0, error < 1 ulp (fdlibm s_expm1.c). */
export function expm1(x: number): number {
  const hw = highWord(x);
  const neg = hw < 0;
  const ax = hw & 0x7fffffff;
  if (ax >= 0x4043687a) {
    // |x| >= 56 ln2
    if (ax >= 0x40862e42) {
      if (ax >= 0x7ff00000) return x !== x ? NaN : neg ? -1 : x;
      if (x > K.EXP_OVERFLOW) return Infinity;
    }
    if (neg) return -1; // e^x < 2^-56: -1 is the rounded result
  }
  let k = 0;
  let r = x;
  let c = 0;
  if (ax > 0x3fd62e42) {
    const red = reduce(x, ax, neg);
    k = red.k;
    r = red.hi - red.lo;
    c = (red.hi - r) - red.lo; // the rounding error of r, fed back below
  } else if (ax < 0x3c900000) {
    return x; // |x| < 2^-54
  }
  const hfx = 0.5 * r;
  const hxs = r * hfx;
  const r1 = 1 + hxs * (K.Q1 + hxs * (K.Q2 + hxs * (K.Q3 + hxs * (K.Q4 + hxs * K.Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - r * t));
  if (k === 0) return r - (r * e - hxs);
  e = r * (e - c) - c;
  e -= hxs;
  return expm1Scale(r, e, k);
}

/** expm1's reconstruction 2^k (1 + (r - e)) - 1, ordered per k so the subtraction of 1 is exact. */
function expm1Scale(r: number, e: number, k: number): number {
  if (k === -1) return 0.5 * (r - e) - 0.5;
  if (k === 1) return r < -0.25 ? -2 * (e - (r + 0.5)) : 1 + 2 * (r - e);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - r);
    return (k === 1024 ? y * 2 * K.TWO_1023 : y * pow2(k)) - 1;
  }
  if (k < 20) return (fromWords(0x3ff00000 - (0x200000 >> k), 0) - (e - r)) * pow2(k); // (1 - 2^-k) - ...
  return (r - (e + pow2(-k)) + 1) * pow2(k);
}

/** Natural logarithm, error < 1 ulp; log(±0) = -Infinity, log(x < 0) = NaN, log(1) = +0. */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k = -54; // subnormal: scale into the normal range (exact)
    x *= K.TWO_54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // Normalize the significand m into [sqrt(2)/2, sqrt(2)): halve it (and bump k) when m >= sqrt(2).
  const i = (hx + 0x95f64) & 0x100000;
  k += i >> 20;
  const f = withHighWord(x, hx | (i ^ 0x3ff00000)) - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20: log(1+f) = f - f^2/2 + f^3/3 suffices.
    if (f === 0) return k === 0 ? 0 : k * K.LN2_HI + k * K.LN2_LO;
    const R = f * f * (0.5 - K.THIRD * f);
    return k === 0 ? f - R : k * K.LN2_HI - ((R - k * K.LN2_LO) - f);
  }
  // log(1+f) = 2s + s R(s^2) with s = f/(2+f); R is the Lg polynomial split into even/odd halves.
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const R = z * (K.LG1 + w * (K.LG3 + w * (K.LG5 + w * K.LG7))) + w * (K.LG2 + w * (K.LG4 + w * K.LG6));
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    // The significand was in [1.38, 1.42], so |f| is near its maximum: f^2/2 kept apart stays exact enough.
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * K.LN2_HI - ((hfsq - (s * (hfsq + R) + k * K.LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - R) : k * K.LN2_HI - ((s * (f - R) - k * K.LN2_LO) - f);
}

/** Hyperbolic tangent through expm1, error < 1 ulp (fdlibm s_tanh.c); tanh(±Infinity) = ±1. */
export function tanh(x: number): number {
  const hw = highWord(x);
  const ax = hw & 0x7fffffff;
  if (ax >= 0x7ff00000) return x !== x ? NaN : hw < 0 ? -1 : 1;
  let z = 1; // |x| >= 22: tanh rounds to ±1
  if (ax < 0x40360000) {
    // |x| < 2^-28: x^3/3 is below half an ulp of x, so x is the rounded result (FreeBSD's cut-off;
    // fdlibm's 2^-55 leaves tiny arguments to the expm1 path, which is off by an ulp there).
    if (ax < 0x3e300000) return x;
    const a = Math.abs(x);
    if (ax >= 0x3ff00000) {
      const t = expm1(2 * a);
      z = 1 - 2 / (t + 2);
    } else {
      const t = expm1(-2 * a);
      z = -t / (t + 2);
    }
  }
  return hw < 0 ? -z : z;
}

/**
 * Logistic sigmoid 1/(1 + e^-x). For x < 0 it is e^x/(1 + e^x), so the exponential never
 * overflows and a tiny result keeps its relative accuracy.
 */
export function sigmoid(x: number): number {
  if (x < 0) {
    const e = exp(x);
    return e / (1 + e);
  }
  return 1 / (1 + exp(-x));
}

/**
 * GELU, tanh form, evaluated as written: 0.5·x·(1 + tanh(C·(x + K·x³))) with x³ = (x·x)·x and
 * left-to-right products. gelu(-Infinity) = -0, the limit (the formula would give -Infinity·0).
 */
export function gelu(x: number): number {
  if (x === -Infinity) return -0;
  return 0.5 * x * (1 + tanh(K.GELU_C * (x + K.GELU_K * (x * x * x))));
}

/** The row maximum; NaN when any entry is NaN; -Infinity for an empty row. */
function rowMax(xs: ArrayLike<number>): number {
  let m = -Infinity;
  for (let k = 0; k < xs.length; k++) {
    const v = xs[k]!;
    if (v !== v) return NaN;
    if (v > m) m = v;
  }
  return m;
}

/**
 * Row softmax: out_k = e_k / S with e_k = exp(x_k - m), m the row maximum and S the sum of the
 * e_k in index order. A NaN or +Infinity entry makes the whole row NaN.
 */
export function softmaxRow(xs: ArrayLike<number>, out: Float64Array): void {
  const m = rowMax(xs);
  let s = 0;
  for (let k = 0; k < xs.length; k++) {
    const e = exp(xs[k]! - m);
    out[k] = e;
    s += e;
  }
  for (let k = 0; k < xs.length; k++) out[k] = out[k]! / s;
}

/** log Σ exp(x_k) as m + log(Σ exp(x_k - m)), sum in index order; ±Infinity when the max is. */
export function logSumExp(xs: ArrayLike<number>): number {
  const m = rowMax(xs);
  if (m === Infinity || m === -Infinity) return m;
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += exp(xs[k]! - m);
  return m + log(s);
}
