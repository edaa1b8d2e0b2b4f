// quire32 in WGSL: the Posit Standard's 512-bit exact accumulator for posit32, held as sixteen
// u32 limbs (little-endian) of a two's-complement fixed-point number whose LSB is 2^-240
// (minpos^2). Products and posits add in exactly; q_to_p32 rounds once. Needs POSIT32_WGSL.
// NaR is the standard's pattern 1000...0; with fewer than 2^31 accumulations the 31 carry-guard
// bits never overflow, so a top limb of 0x80000000 can only mean NaR.

/** WGSL source of the quire32 accumulator: q_clear, q_fma, q_fms, q_add_posit, q_is_nar, q_to_p32. */
export const QUIRE32_WGSL = /* wgsl */ `
// ---- quire32: 512-bit exact accumulator, LSB = 2^-240 ------------------------------------------
struct Quire {
  limbs: array<u32, 16>,
}

const Q_NAR_TOP: u32 = 0x80000000u;

fn q_clear(q: ptr<function, Quire>) {
  for (var i = 0u; i < 16u; i++) {
    (*q).limbs[i] = 0u;
  }
}

fn q_set_nar(q: ptr<function, Quire>) {
  q_clear(q);
  (*q).limbs[15] = Q_NAR_TOP;
}

fn q_is_nar(q: ptr<function, Quire>) -> bool {
  return (*q).limbs[15] == Q_NAR_TOP;
}

// Adds (or subtracts, when neg) the 64-bit value v (v.x:v.y) times 2^pos into the quire, carrying
// or borrowing as far as needed. pos + 64 <= 482, so the value fits below the guard bits.
fn q_add_shifted(q: ptr<function, Quire>, v: vec2<u32>, pos: u32, neg: bool) {
  let first = pos >> 5u;
  let off = pos & 31u;
  let w0 = v.y << off;
  let w1 = (v.x << off) | shr_u32(v.y, 32u - off);
  let w2 = shr_u32(v.x, 32u - off);
  var carry = 0u;
  for (var i = first; i < 16u; i++) {
    let j = i - first;
    let w = select(select(select(0u, w2, j == 2u), w1, j == 1u), w0, j == 0u);
    let cur = (*q).limbs[i];
    if (neg) {
      let d = cur - w;
      (*q).limbs[i] = d - carry;
      carry = select(0u, 1u, cur < w || d < carry);
    } else {
      let s = cur + w;
      (*q).limbs[i] = s + carry;
      carry = select(0u, 1u, s < cur || s + carry < s);
    }
    // Past the three product words only a carry or borrow can change the quire.
    if (j >= 2u && carry == 0u) {
      break;
    }
  }
}

// q += a * b exactly. NaR in either operand makes the quire NaR, and NaR stays (sticky).
fn q_fma(q: ptr<function, Quire>, a: u32, b: u32) {
  if (q_is_nar(q)) {
    return;
  }
  if (a == P32_NAR || b == P32_NAR) {
    q_set_nar(q);
    return;
  }
  if (a == 0u || b == 0u) {
    return;
  }
  let x = p32_decode(a);
  let y = p32_decode(b);
  var p = mul_u32_wide(x.sig, y.sig); // a*b = p * 2^(sx + sy - 62)
  // In quire units (2^-240) the product is p * 2^(sx + sy + 178), sx + sy in [-240, 240].
  let pos = x.scale + y.scale + 178;
  if (pos < 0) {
    // A product of posits is a multiple of minpos^2, so the bits shifted out here are all zero.
    p = shr_u64_sticky(p, u32(-pos)).xy;
    q_add_shifted(q, p, 0u, x.neg != y.neg);
  } else {
    q_add_shifted(q, p, u32(pos), x.neg != y.neg);
  }
}

// q -= a * b exactly.
fn q_fms(q: ptr<function, Quire>, a: u32, b: u32) {
  q_fma(q, p32_neg(a), b);
}

// q += a exactly.
fn q_add_posit(q: ptr<function, Quire>, a: u32) {
  q_fma(q, a, P32_ONE);
}

// Rounds the quire once to posit32 (saturating at maxpos/minpos).
fn q_to_p32(q: ptr<function, Quire>) -> u32 {
  if (q_is_nar(q)) {
    return P32_NAR;
  }
  let neg = ((*q).limbs[15] & 0x80000000u) != 0u;
  // Magnitude: two's-complement negation (invert, add one) when negative.
  var m: array<u32, 16>;
  var carry = select(0u, 1u, neg);
  var top = 16u; // index of the highest nonzero limb; 16 while none found
  for (var i = 0u; i < 16u; i++) {
    let w = select((*q).limbs[i], ~(*q).limbs[i], neg) + carry;
    carry = select(0u, 1u, carry == 1u && w == 0u);
    m[i] = w;
    if (w != 0u) {
      top = i;
    }
  }
  if (top == 16u) {
    return 0u;
  }
  let lz = countLeadingZeros(m[top]);
  let below = select(0u, m[max(top, 1u) - 1u], top > 0u);
  let sig = (m[top] << lz) | shr_u32(below, 32u - lz);
  var sticky = shl_u32(below, lz) != 0u;
  for (var i = 0u; i + 1u < top; i++) {
    sticky = sticky || m[i] != 0u;
  }
  // The leading one is bit 32 * top + 31 - lz of the quire, worth 2^(that - 240).
  let scale = i32(32u * top + 31u - lz) - 240;
  return p32_encode(neg, scale, sig, sticky);
}
`;
