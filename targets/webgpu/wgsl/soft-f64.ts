// Software binary64 for WGSL, which has no f64: a double is a vec2<u32> (x = high word: sign,
// exponent, top 20 fraction bits; y = low word). add, sub, mul, div are correctly rounded to
// nearest-even with subnormals, infinities, signed zeros and NaN; comparisons follow IEEE; posit32
// converts in exactly and out with one rounding (the transcendental rule). On top of it,
// soft-f64-elementary.ts ports tilegate's deterministic elementary functions bit for bit.
// Needs POSIT32_WGSL (shift helpers, mul_u32_wide, shr_u64_sticky, p32_decode, p32_encode).
import { POSIT32_LIBRARY_WGSL } from './library.ts';
import { SOFT_F64_ELEMENTARY_WGSL } from './soft-f64-elementary.ts';

/** WGSL of the soft-f64 scalar core: predicates, 64-bit helpers, rounding, + − × ÷, order, conversions. */
export const SOFT_F64_CORE_WGSL = /* wgsl */ `
// ---- soft f64: vec2<u32>(high word, low word) ------------------------------------------------
const SF64_ZERO: vec2<u32> = vec2<u32>(0u, 0u);
const SF64_NAN: vec2<u32> = vec2<u32>(0x7ff80000u, 0u);
const SF64_INF: vec2<u32> = vec2<u32>(0x7ff00000u, 0u);
const SF64_SIGN: u32 = 0x80000000u;

// A finite nonzero double: value = (-1)^neg * sig * 2^(e - 63), sig with bit 63 set.
struct SF64Parts {
  neg: bool,
  e: i32,
  sig: vec2<u32>,
}

fn sf64_is_nan(a: vec2<u32>) -> bool {
  let ax = a.x & 0x7fffffffu;
  return ax > 0x7ff00000u || (ax == 0x7ff00000u && a.y != 0u);
}

fn sf64_is_inf(a: vec2<u32>) -> bool {
  return (a.x & 0x7fffffffu) == 0x7ff00000u && a.y == 0u;
}

fn sf64_is_zero(a: vec2<u32>) -> bool {
  return ((a.x & 0x7fffffffu) | a.y) == 0u;
}

fn sf64_neg(a: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(a.x ^ SF64_SIGN, a.y);
}

fn sf64_abs(a: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(a.x & 0x7fffffffu, a.y);
}

// 64-bit unsigned helpers on (high, low) pairs.
fn sf64_clz64(v: vec2<u32>) -> u32 {
  return select(32u + countLeadingZeros(v.y), countLeadingZeros(v.x), v.x != 0u);
}

fn sf64_shl64(v: vec2<u32>, n: u32) -> vec2<u32> {
  if (n >= 32u) {
    return vec2<u32>(shl_u32(v.y, n - 32u), 0u);
  }
  return vec2<u32>(shl_u32(v.x, n) | shr_u32(v.y, 32u - n), shl_u32(v.y, n));
}

fn sf64_add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.y + b.y;
  return vec2<u32>(a.x + b.x + select(0u, 1u, lo < a.y), lo);
}

fn sf64_sub64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(a.x - b.x - select(0u, 1u, a.y < b.y), a.y - b.y);
}

fn sf64_ge64(a: vec2<u32>, b: vec2<u32>) -> bool {
  return a.x > b.x || (a.x == b.x && a.y >= b.y);
}

// Splits a finite nonzero double; subnormals are normalized (their e goes below -1022).
fn sf64_unpack(a: vec2<u32>) -> SF64Parts {
  let neg = (a.x & SF64_SIGN) != 0u;
  let be = i32((a.x >> 20u) & 0x7ffu);
  let m = vec2<u32>(a.x & 0xfffffu, a.y);
  if (be == 0) {
    let lz = sf64_clz64(m);
    return SF64Parts(neg, -1011 - i32(lz), sf64_shl64(m, lz));
  }
  return SF64Parts(neg, be - 1023, sf64_shl64(vec2<u32>(m.x | 0x100000u, m.y), 11u));
}

// Rounds (-1)^neg * (sig + sticky) * 2^(e - 63) to a double, nearest-even. sig has bit 63 set;
// bits 10..0 and sticky decide the rounding. Adding the 53-bit significand to (exponent - 1) << 52
// lets a rounding carry (or a subnormal rounding up to 2^-1022) move into the exponent field,
// and a carry out of the largest binade lands exactly on infinity.
fn sf64_round_pack(neg: bool, e: i32, sig: vec2<u32>, sticky: bool) -> vec2<u32> {
  let sgn = select(0u, SF64_SIGN, neg);
  var be = e + 1023;
  if (be >= 2047) {
    return vec2<u32>(sgn | 0x7ff00000u, 0u);
  }
  var s = sig;
  var st = sticky;
  if (be < 1) {
    let r = shr_u64_sticky(s, u32(1 - be)); // subnormal: fewer significand bits, same unit 2^-1074
    s = r.xy;
    st = st || r.z != 0u;
    be = 1;
  }
  var m = vec2<u32>(s.x >> 11u, (s.y >> 11u) | (s.x << 21u));
  let round_bit = (s.y & 0x400u) != 0u;
  let rest = (s.y & 0x3ffu) != 0u || st;
  if (round_bit && (rest || (m.y & 1u) != 0u)) {
    m = sf64_add64(m, vec2<u32>(0u, 1u));
  }
  return vec2<u32>(sgn | ((u32(be - 1) << 20u) + m.x), m.y);
}

fn sf64_add(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (sf64_is_nan(a) || sf64_is_nan(b)) {
    return SF64_NAN;
  }
  if (sf64_is_inf(a)) {
    return select(a, SF64_NAN, sf64_is_inf(b) && a.x != b.x);
  }
  if (sf64_is_inf(b)) {
    return b;
  }
  if (sf64_is_zero(b)) {
    return select(a, vec2<u32>(a.x & b.x, 0u), sf64_is_zero(a)); // -0 only for (-0) + (-0)
  }
  if (sf64_is_zero(a)) {
    return b;
  }
  // x is the operand of larger magnitude: the result takes its sign and binade.
  let swap = !sf64_ge64(sf64_abs(a), sf64_abs(b));
  let x = sf64_unpack(select(a, b, swap));
  let y = sf64_unpack(select(b, a, swap));
  // Both significands one bit down (bit 62 leading) to leave room for the carry; their low bits
  // are zero, so nothing is lost.
  let xs = vec2<u32>(x.sig.x >> 1u, (x.sig.y >> 1u) | (x.sig.x << 31u));
  let ys = shr_u64_sticky(vec2<u32>(y.sig.x >> 1u, (y.sig.y >> 1u) | (y.sig.x << 31u)), u32(x.e - y.e));
  let sticky = ys.z != 0u;
  var z: vec2<u32>;
  if (x.neg == y.neg) {
    z = sf64_add64(xs, ys.xy);
  } else {
    // With bits of y lost the exact difference lies in (X - Y - 1, X - Y): take X - Y - 1 and
    // keep sticky set (the same device as p32_add).
    z = sf64_sub64(sf64_sub64(xs, ys.xy), vec2<u32>(0u, select(0u, 1u, sticky)));
  }
  if ((z.x | z.y) == 0u) {
    return SF64_ZERO; // exact cancellation is +0 when rounding to nearest
  }
  let n = sf64_clz64(z);
  return sf64_round_pack(x.neg, x.e + 1 - i32(n), sf64_shl64(z, n), sticky);
}

fn sf64_sub(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  return sf64_add(a, sf64_neg(b));
}

// Full 64 x 64 -> 128-bit product, words from the top: (w3, w2, w1, w0).
fn sf64_mul64(a: vec2<u32>, b: vec2<u32>) -> vec4<u32> {
  let p00 = mul_u32_wide(a.y, b.y);
  let p01 = mul_u32_wide(a.y, b.x);
  let p10 = mul_u32_wide(a.x, b.y);
  let p11 = mul_u32_wide(a.x, b.x);
  let s1 = p00.x + p01.y;
  let w1 = s1 + p10.y;
  let c1 = select(0u, 1u, s1 < p00.x) + select(0u, 1u, w1 < s1);
  let s2 = p11.y + p01.x;
  let s3 = s2 + p10.x;
  let w2 = s3 + c1;
  let c2 = select(0u, 1u, s2 < p11.y) + select(0u, 1u, s3 < s2) + select(0u, 1u, w2 < s3);
  return vec4<u32>(p11.x + c2, w2, w1, p00.y);
}

fn sf64_mul(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let sgn = (a.x ^ b.x) & SF64_SIGN;
  if (sf64_is_nan(a) || sf64_is_nan(b)) {
    return SF64_NAN;
  }
  if (sf64_is_inf(a) || sf64_is_inf(b)) {
    return select(vec2<u32>(sgn | 0x7ff00000u, 0u), SF64_NAN, sf64_is_zero(a) || sf64_is_zero(b));
  }
  if (sf64_is_zero(a) || sf64_is_zero(b)) {
    return vec2<u32>(sgn, 0u);
  }
  let x = sf64_unpack(a);
  let y = sf64_unpack(b);
  let p = sf64_mul64(x.sig, y.sig); // in [2^126, 2^128)
  if ((p.x & SF64_SIGN) != 0u) {
    return sf64_round_pack(sgn != 0u, x.e + y.e + 1, p.xy, (p.z | p.w) != 0u);
  }
  let sig = vec2<u32>((p.x << 1u) | (p.y >> 31u), (p.y << 1u) | (p.z >> 31u));
  return sf64_round_pack(sgn != 0u, x.e + y.e, sig, (p.z << 1u) != 0u || p.w != 0u);
}

fn sf64_div(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let sgn = (a.x ^ b.x) & SF64_SIGN;
  if (sf64_is_nan(a) || sf64_is_nan(b) || (sf64_is_inf(a) && sf64_is_inf(b)) || (sf64_is_zero(a) && sf64_is_zero(b))) {
    return SF64_NAN;
  }
  if (sf64_is_inf(a) || sf64_is_zero(b)) {
    return vec2<u32>(sgn | 0x7ff00000u, 0u);
  }
  if (sf64_is_inf(b) || sf64_is_zero(a)) {
    return vec2<u32>(sgn, 0u);
  }
  let x = sf64_unpack(a);
  let y = sf64_unpack(b);
  // 53-bit significands; the dividend is doubled when smaller, so the quotient lies in [1, 2).
  let d = vec2<u32>(y.sig.x >> 11u, (y.sig.y >> 11u) | (y.sig.x << 21u));
  var r = vec2<u32>(x.sig.x >> 11u, (x.sig.y >> 11u) | (x.sig.x << 21u));
  var e = x.e - y.e;
  if (!sf64_ge64(r, d)) {
    r = sf64_shl64(r, 1u);
    e = e - 1;
  }
  // Restoring division: 55 quotient bits (53 kept, a round bit, one more); the remainder is sticky.
  var q = SF64_ZERO;
  for (var i = 0u; i < 55u; i++) {
    q = sf64_shl64(q, 1u);
    if (sf64_ge64(r, d)) {
      r = sf64_sub64(r, d);
      q.y = q.y | 1u;
    }
    r = sf64_shl64(r, 1u);
  }
  return sf64_round_pack(sgn != 0u, e, sf64_shl64(q, 9u), (r.x | r.y) != 0u);
}

// IEEE order: false when either side is NaN; +0 and -0 are equal.
fn sf64_lt(a: vec2<u32>, b: vec2<u32>) -> bool {
  if (sf64_is_nan(a) || sf64_is_nan(b) || (sf64_is_zero(a) && sf64_is_zero(b))) {
    return false;
  }
  let an = (a.x & SF64_SIGN) != 0u;
  if (an != ((b.x & SF64_SIGN) != 0u)) {
    return an;
  }
  let ge = sf64_ge64(sf64_abs(a), sf64_abs(b));
  return select(!ge, ge && !all(a == b), an);
}

fn sf64_gt(a: vec2<u32>, b: vec2<u32>) -> bool {
  return sf64_lt(b, a);
}

fn sf64_eq(a: vec2<u32>, b: vec2<u32>) -> bool {
  if (sf64_is_nan(a) || sf64_is_nan(b)) {
    return false;
  }
  return all(a == b) || (sf64_is_zero(a) && sf64_is_zero(b));
}

// Exact i32 -> double: |k| < 2^32 fits the significand, so the bits are laid out directly.
fn sf64_from_i32(k: i32) -> vec2<u32> {
  if (k == 0) {
    return SF64_ZERO;
  }
  let m = select(bitcast<u32>(k), 0u - bitcast<u32>(k), k < 0);
  let lz = countLeadingZeros(m);
  let frac = shl_u32(m, lz + 1u); // the fraction below the leading one, left-aligned
  let hi = (u32(1023 + 31 - i32(lz)) << 20u) | (frac >> 12u) | select(0u, SF64_SIGN, k < 0);
  return vec2<u32>(hi, frac << 20u);
}

// Truncation toward zero of a finite double with |a| < 2^31.
fn sf64_trunc_i32(a: vec2<u32>) -> i32 {
  let e = i32((a.x >> 20u) & 0x7ffu) - 1023;
  if (e < 0) {
    return 0;
  }
  let m = vec2<u32>((a.x & 0xfffffu) | 0x100000u, a.y); // value = m * 2^(e - 52)
  let s = u32(52 - e);
  let v = select(shr_u32(m.y, s) | shl_u32(m.x, 32u - s), shr_u32(m.x, s - 32u), s >= 32u);
  return select(i32(v), -i32(v), (a.x & SF64_SIGN) != 0u);
}

// 2^k for -1022 <= k <= 1023.
fn sf64_pow2(k: i32) -> vec2<u32> {
  return vec2<u32>(u32(k + 1023) << 20u, 0u);
}

// posit32 -> double, exact (a posit32 has at most 27 fraction bits and |scale| <= 120); NaR -> NaN.
fn p32_to_sf64(p: u32) -> vec2<u32> {
  if (p == 0u) {
    return SF64_ZERO;
  }
  if (p == P32_NAR) {
    return SF64_NAN;
  }
  let d = p32_decode(p);
  let frac = d.sig << 1u; // the fraction, left-aligned
  let hi = (u32(d.scale + 1023) << 20u) | (frac >> 12u);
  return vec2<u32>(hi | select(0u, SF64_SIGN, d.neg), frac << 20u);
}

// double -> posit32 by the transcendental rule (viaF64): one rounding; NaN -> NaR, +-0 -> 0,
// +-infinity (an f64 overflow) -> +-maxpos; subnormals saturate to +-minpos like any tiny value.
fn sf64_to_p32(a: vec2<u32>) -> u32 {
  if (sf64_is_nan(a)) {
    return P32_NAR;
  }
  if (sf64_is_zero(a)) {
    return 0u;
  }
  if (sf64_is_inf(a)) {
    return select(P32_MAXPOS, 0u - P32_MAXPOS, (a.x & SF64_SIGN) != 0u);
  }
  let x = sf64_unpack(a);
  return p32_encode(x.neg, x.e, x.sig.x, x.sig.y != 0u);
}
`;

/** Soft-f64 core plus the deterministic elementary functions (needs POSIT32_WGSL before it). */
export const SOFT_F64_WGSL: string = SOFT_F64_CORE_WGSL + SOFT_F64_ELEMENTARY_WGSL;

/** The posit32 library followed by SOFT_F64_WGSL: everything a posit32 transcendental kernel needs. */
export const SOFT_F64_LIBRARY_WGSL: string = POSIT32_LIBRARY_WGSL + SOFT_F64_WGSL;
