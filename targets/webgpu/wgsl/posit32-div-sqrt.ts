// posit32 division and square root in WGSL, exact to one rounding: both run a bit-by-bit integer
// algorithm (restoring division, digit-by-digit square root) over u32 words, produce more than
// the 28 significant bits a posit32 can keep, and pass the remainder on as the sticky bit.
// Needs POSIT32_WGSL (decode/encode and the shift helpers).

/** WGSL source of p32_div and p32_sqrt. */
export const POSIT32_DIV_SQRT_WGSL = /* wgsl */ `
// ---- posit32 division and square root --------------------------------------------------------
// a / b. NaR for a NaR operand or b = 0 (0/0 too).
fn p32_div(a: u32, b: u32) -> u32 {
  if (a == P32_NAR || b == P32_NAR || b == 0u) {
    return P32_NAR;
  }
  if (a == 0u) {
    return 0u;
  }
  let x = p32_decode(a);
  let y = p32_decode(b);
  // Significands without their low zero bits: at most 28 bits, so 2 * remainder fits a u32.
  let n = x.sig >> 4u;
  let d = y.sig >> 4u;
  // 32 quotient bits of n / d, from 2^0 down to 2^-31; n / d lies in (1/2, 2).
  var r = n;
  var q = 0u;
  for (var i = 0u; i < 32u; i++) {
    q = q << 1u;
    if (r >= d) {
      r = r - d;
      q = q | 1u;
    }
    r = r << 1u;
  }
  var scale = x.scale - y.scale;
  var sig = q;
  if ((q & 0x80000000u) == 0u) {
    sig = q << 1u; // quotient below 1: 31 bits still exceed a posit32's 28
    scale = scale - 1;
  }
  return p32_encode(x.neg != y.neg, scale, sig, r != 0u);
}

// 64-bit helpers on (hi, lo) pairs for the square root's remainder.
fn u64_ge(a: vec2<u32>, b: vec2<u32>) -> bool {
  return a.x > b.x || (a.x == b.x && a.y >= b.y);
}

fn u64_sub(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  return vec2<u32>(a.x - b.x - select(0u, 1u, a.y < b.y), a.y - b.y);
}

// Square root. NaR for NaR or a negative operand; sqrt(0) = 0. Never saturates: the scale halves.
fn p32_sqrt(a: u32) -> u32 {
  if (a == 0u) {
    return 0u;
  }
  if ((a & 0x80000000u) != 0u) {
    return P32_NAR; // NaR itself, and every negative value
  }
  let x = p32_decode(a);
  // a = N * 2^(2t) with N a 64-bit integer in [2^62, 2^64): shift sig so the exponent is even.
  var hi = x.sig;
  var lo = 0u;
  if ((x.scale & 1) == 0) {
    hi = x.sig >> 1u;
    lo = x.sig << 31u;
  }
  // Digit-by-digit square root: two bits of N per step, 32 result bits; rem < 2 * res + 1 < 2^33.
  var res = 0u;
  var rem = vec2<u32>(0u, 0u);
  for (var i = 0u; i < 32u; i++) {
    let two = hi >> 30u;
    hi = (hi << 2u) | (lo >> 30u);
    lo = lo << 2u;
    rem = vec2<u32>((rem.x << 2u) | (rem.y >> 30u), (rem.y << 2u) | two);
    // trial = 4 * res + 1, which needs 34 bits once res has 32.
    let trial = vec2<u32>(res >> 30u, (res << 2u) | 1u);
    res = res << 1u;
    if (u64_ge(rem, trial)) {
      rem = u64_sub(rem, trial);
      res = res | 1u;
    }
  }
  // res has its top bit set: sqrt(N) is in [2^31, 2^32); the result scale is floor(scale / 2).
  return p32_encode(false, x.scale >> 1u, res, (rem.x | rem.y) != 0u);
}
`;
