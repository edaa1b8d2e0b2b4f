// posit32 (Posit Standard 2022, es = 2) arithmetic in WGSL, using only u32/i32 because WGSL has
// no 64-bit integers. Every result is rounded once, to nearest with ties to even on the bit
// string, and saturates at maxpos/minpos (never to 0 or NaR). The WebGPU kernels prepend this
// source (see wgsl/library.ts); quire32.ts builds the exact accumulator on top of it.

/** WGSL source of the posit32 scalar library: decode, encode, mul, add, sub, neg, f32 conversions, order. */
export const POSIT32_WGSL = /* wgsl */ `
// ---- posit32 (es = 2): 1 sign bit, regime, 2 exponent bits, fraction --------------------------
const P32_ZERO: u32 = 0u;
const P32_NAR: u32 = 0x80000000u;
const P32_ONE: u32 = 0x40000000u;
const P32_MAXPOS: u32 = 0x7fffffffu;
const P32_MINPOS: u32 = 0x00000001u;

// A nonzero, non-NaR posit: value = (-1)^neg * sig * 2^(scale - 31), sig has its top bit set.
struct P32Parts {
  neg: bool,
  scale: i32,
  sig: u32,
}

// WGSL masks a variable shift amount to its low 5 bits, so a shift by 32 would be a no-op;
// these give the mathematical result (0) for any amount >= 32.
fn shl_u32(x: u32, n: u32) -> u32 {
  return select(0u, x << (n & 31u), n < 32u);
}

fn shr_u32(x: u32, n: u32) -> u32 {
  return select(0u, x >> (n & 31u), n < 32u);
}

// Full 32x32 -> 64-bit product as (hi, lo), built from 16-bit halves so no partial sum overflows.
fn mul_u32_wide(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let p00 = a0 * b0;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let p11 = a1 * b1;
  // mid < 3 * 2^16: the three 16-bit middle columns cannot overflow a u32.
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  let lo = (mid << 16u) | (p00 & 0xffffu);
  let hi = p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);
  return vec2<u32>(hi, lo);
}

// Magnitude of a posit pattern: posits are ordered like two's-complement integers, so comparing
// these compares |value|.
fn p32_abs_bits(p: u32) -> u32 {
  return select(p, 0u - p, (p & 0x80000000u) != 0u);
}

// Splits a posit that is neither 0 nor NaR into sign, scale and significand.
fn p32_decode(p: u32) -> P32Parts {
  let neg = (p & 0x80000000u) != 0u;
  let x = p32_abs_bits(p) << 1u; // the regime now starts at bit 31
  var run: u32;
  var k: i32;
  if ((x & 0x80000000u) != 0u) {
    run = countLeadingZeros(~x); // run of ones: k = run - 1
    k = i32(run) - 1;
  } else {
    run = countLeadingZeros(x); // run of zeros: k = -run
    k = -i32(run);
  }
  // Skip the run and its terminating bit (maxpos has none: the shift is then 32 and gives 0).
  let rest = shl_u32(x, run + 1u);
  let e = rest >> 30u;
  let sig = 0x80000000u | ((rest << 2u) >> 1u);
  return P32Parts(neg, 4 * k + i32(e), sig);
}

// Rounds (-1)^neg * (sig + sticky) * 2^(scale - 31) to a posit. sig has its top bit set and
// sticky says some nonzero bits lie below it. The exponent and fraction are laid out after the
// regime as one 64-bit string (hi:lo); the posit keeps the top 31 bits, the next bit rounds.
fn p32_encode(neg: bool, scale: i32, sig: u32, sticky: bool) -> u32 {
  var body: u32;
  if (scale >= 120) {
    body = P32_MAXPOS; // at or beyond maxpos = 2^120: the dropped terminator bit is 0
  } else if (scale <= -120) {
    body = P32_MINPOS; // minpos = 2^-120; anything smaller still never rounds to 0
  } else {
    let k = scale >> 2u; // floor(scale / 4): arithmetic shift of an i32
    let e = u32(scale & 3);
    let frac = sig << 1u; // hidden bit dropped, 31 fraction bits left-aligned
    let thi = (e << 30u) | (frac >> 2u);
    let tlo = frac << 30u;
    var len: u32; // regime length including its terminator: 2..31 here
    var regime: u32;
    if (k >= 0) {
      len = u32(k) + 2u;
      regime = ~(0xffffffffu >> (u32(k) + 1u));
    } else {
      len = u32(-k) + 1u;
      regime = 0x80000000u >> u32(-k);
    }
    let hi = regime | (thi >> len);
    let lo = (tlo >> len) | (thi << (32u - len));
    let lost = (tlo << (32u - len)) != 0u;
    body = hi >> 1u;
    let round_bit = (hi & 1u) != 0u;
    let rest = lo != 0u || lost || sticky;
    // Ties go to the even bit string; body < maxpos here, so the increment cannot reach NaR.
    if (round_bit && (rest || (body & 1u) != 0u)) {
      body = body + 1u;
    }
  }
  return select(body, 0u - body, neg);
}

fn p32_neg(a: u32) -> u32 {
  return 0u - a; // two's complement; 0 and NaR map to themselves
}

fn p32_mul(a: u32, b: u32) -> u32 {
  if (a == P32_NAR || b == P32_NAR) {
    return P32_NAR;
  }
  if (a == 0u || b == 0u) {
    return 0u;
  }
  let x = p32_decode(a);
  let y = p32_decode(b);
  let p = mul_u32_wide(x.sig, y.sig); // in [2^62, 2^64)
  var scale = x.scale + y.scale;
  var sig: u32;
  var sticky: bool;
  if ((p.x & 0x80000000u) != 0u) {
    sig = p.x;
    sticky = p.y != 0u;
    scale = scale + 1;
  } else {
    sig = (p.x << 1u) | (p.y >> 31u);
    sticky = (p.y << 1u) != 0u;
  }
  return p32_encode(x.neg != y.neg, scale, sig, sticky);
}

// Right shift of the 64-bit value (v.x:v.y) by d >= 0; .z is 1 when a nonzero bit fell off.
fn shr_u64_sticky(v: vec2<u32>, d: u32) -> vec3<u32> {
  if (d >= 64u) {
    return vec3<u32>(0u, 0u, select(0u, 1u, (v.x | v.y) != 0u));
  }
  if (d >= 32u) {
    let lost = v.y != 0u || shl_u32(v.x, 64u - d) != 0u;
    return vec3<u32>(0u, shr_u32(v.x, d - 32u), select(0u, 1u, lost));
  }
  let lost = shl_u32(v.y, 32u - d) != 0u;
  let lo = shr_u32(v.y, d) | shl_u32(v.x, 32u - d);
  return vec3<u32>(shr_u32(v.x, d), lo, select(0u, 1u, lost));
}

fn p32_add(a: u32, b: u32) -> u32 {
  if (a == P32_NAR || b == P32_NAR) {
    return P32_NAR;
  }
  if (a == 0u) {
    return b;
  }
  if (b == 0u) {
    return a;
  }
  // x is the operand of larger magnitude, so the result takes its sign and scale.
  let swap = p32_abs_bits(b) > p32_abs_bits(a);
  let x = p32_decode(select(a, b, swap));
  let y = p32_decode(select(b, a, swap));
  // 64-bit significands with the leading one at bit 62, leaving bit 63 for the carry.
  let xs = vec2<u32>(x.sig >> 1u, x.sig << 31u);
  let ys = shr_u64_sticky(vec2<u32>(y.sig >> 1u, y.sig << 31u), u32(x.scale - y.scale));
  let sticky = ys.z != 0u;
  var hi: u32;
  var lo: u32;
  if (x.neg == y.neg) {
    lo = xs.y + ys.y;
    hi = xs.x + ys.x + select(0u, 1u, lo < xs.y);
  } else {
    // The exact difference lies strictly between X - Y - 1 and X - Y when bits of y fell off:
    // subtracting the sticky unit gives its integer part, and sticky keeps it marked inexact.
    let s = select(0u, 1u, sticky);
    let l1 = xs.y - ys.y;
    let l2 = l1 - s;
    lo = l2;
    hi = xs.x - ys.x - select(0u, 1u, xs.y < ys.y) - select(0u, 1u, l1 < s);
  }
  if (hi == 0u && lo == 0u) {
    return 0u; // exact cancellation (sticky is then impossible: |y| <= |x|)
  }
  // Normalize the leading one to bit 63.
  let n = select(32u + countLeadingZeros(lo), countLeadingZeros(hi), hi != 0u);
  var sig: u32;
  var rest: bool;
  if (n >= 32u) {
    sig = shl_u32(lo, n - 32u);
    rest = false;
  } else {
    sig = shl_u32(hi, n) | shr_u32(lo, 32u - n);
    rest = shl_u32(lo, n) != 0u;
  }
  return p32_encode(x.neg, x.scale + 1 - i32(n), sig, rest || sticky);
}

fn p32_sub(a: u32, b: u32) -> u32 {
  return p32_add(a, p32_neg(b));
}

// Posit order is two's-complement integer order, with NaR below every real value.
fn p32_lt(a: u32, b: u32) -> bool {
  return bitcast<i32>(a) < bitcast<i32>(b);
}

fn p32_le(a: u32, b: u32) -> bool {
  return bitcast<i32>(a) <= bitcast<i32>(b);
}

// IEEE binary32 bits -> posit32, one rounding. NaN and infinities give NaR; +-0 give 0.
fn p32_from_f32_bits(f: u32) -> u32 {
  let neg = (f & 0x80000000u) != 0u;
  let ex = (f >> 23u) & 0xffu;
  let man = f & 0x7fffffu;
  if (ex == 0xffu) {
    return P32_NAR;
  }
  if (ex == 0u) {
    if (man == 0u) {
      return 0u;
    }
    let lz = countLeadingZeros(man); // subnormal: man * 2^-149
    return p32_encode(neg, -118 - i32(lz), man << lz, false);
  }
  return p32_encode(neg, i32(ex) - 127, 0x80000000u | (man << 8u), false);
}

// posit32 -> IEEE binary32 bits, rounded to nearest even (posit32's range fits f32's normal range).
fn p32_to_f32_bits(p: u32) -> u32 {
  if (p == 0u) {
    return 0u;
  }
  if (p == P32_NAR) {
    return 0x7fc00000u; // quiet NaN
  }
  let x = p32_decode(p);
  var m = x.sig >> 8u; // hidden bit + 23 fraction bits
  let dropped = x.sig & 0xffu;
  if (dropped > 0x80u || (dropped == 0x80u && (m & 1u) != 0u)) {
    m = m + 1u;
  }
  // Adding m (hidden bit included) to (biased exponent - 1) lets a rounding carry bump the exponent.
  let bits = (u32(x.scale + 126) << 23u) + m;
  return bits | select(0u, 0x80000000u, x.neg);
}

// f32 values: a shader should load raw u32 bits where subnormal inputs matter, since arithmetic on
// f32 may flush them; bitcast itself keeps every bit.
fn p32_from_f32(v: f32) -> u32 {
  return p32_from_f32_bits(bitcast<u32>(v));
}

fn p32_to_f32(p: u32) -> f32 {
  return bitcast<f32>(p32_to_f32_bits(p));
}
`;
