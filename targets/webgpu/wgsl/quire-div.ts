// Quire32 divided by a small integer, rounded once: the Mean kernel's `round(Σ_b x[b] / B)`.
// The exact quotient is never formed; like the reference (runtime/interpreter/exact-dot.ts
// roundQuotient) the magnitude gets 64 zero bits below its LSB, is divided by d by long division
// in 16-bit steps, and the remainder joins the sticky bit. Needs POSIT32_WGSL and QUIRE32_WGSL.

/** WGSL source of `q_to_p32_div(&q, d)`, for 1 <= d < 2^16. */
export const QUIRE_DIV_WGSL = /* wgsl */ `
// ---- quire32 / d, rounded once (1 <= d < 65536) ------------------------------------------------
fn q_to_p32_div(q: ptr<function, Quire>, d: u32) -> u32 {
  if (q_is_nar(q)) {
    return P32_NAR;
  }
  let neg = ((*q).limbs[15] & 0x80000000u) != 0u;
  // Magnitude in limbs 2..17 of an 18-limb number; limbs 0 and 1 are the 64 extra zero bits.
  var m: array<u32, 18>;
  var carry = select(0u, 1u, neg);
  for (var i = 0u; i < 16u; i++) {
    let w = select((*q).limbs[i], ~(*q).limbs[i], neg) + carry;
    carry = select(0u, 1u, carry == 1u && w == 0u);
    m[i + 2u] = w;
  }
  // Long division from the top limb down; each step divides a value below d * 2^16 < 2^32.
  var r = 0u;
  var top = 18u;
  for (var k = 0u; k < 18u; k++) {
    let i = 17u - k;
    let hi = (r << 16u) | (m[i] >> 16u);
    let qh = hi / d;
    r = hi - qh * d;
    let lo = (r << 16u) | (m[i] & 0xffffu);
    let ql = lo / d;
    r = lo - ql * d;
    m[i] = (qh << 16u) | ql;
    if (m[i] != 0u && top == 18u) {
      top = i;
    }
  }
  if (top == 18u) {
    return 0u;
  }
  let lz = countLeadingZeros(m[top]);
  let below = select(0u, m[max(top, 1u) - 1u], top > 0u);
  let sig = (m[top] << lz) | shr_u32(below, 32u - lz);
  var sticky = r != 0u || shl_u32(below, lz) != 0u;
  for (var i = 0u; i + 1u < top; i++) {
    sticky = sticky || m[i] != 0u;
  }
  // The leading one is bit 32 * top + 31 - lz, worth 2^(that - 64 - 240).
  let scale = i32(32u * top + 31u - lz) - 304;
  return p32_encode(neg, scale, sig, sticky);
}
`;
