// Seeded f64 inputs for the elementary-function tests (TS definition, WASM port, WGSL soft-f64
// port): a mix of uniform ranges, any bit pattern, log-uniform magnitudes, tiny values, the
// branch cut-offs of the fdlibm algorithms and points next to the k·ln2/2 reduction boundaries.

/** A seeded PRNG (mulberry32) returning uint32s. */
export function rng32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const dv = new DataView(new ArrayBuffer(8));

/** The double with these words. */
export function fromBits(hi: number, lo: number): number {
  dv.setUint32(0, hi >>> 0);
  dv.setUint32(4, lo >>> 0);
  return dv.getFloat64(0);
}

/** [high, low] words of x. */
export function toBits(x: number): [number, number] {
  dv.setFloat64(0, x);
  return [dv.getUint32(0), dv.getUint32(4)];
}

/** Distance in ulps (steps of the ordered bit patterns); 0 for two NaNs, Infinity for NaN vs number. */
export function ulpDistance(a: number, b: number): number {
  if (a !== a || b !== b) return a !== a && b !== b ? 0 : Infinity;
  const ord = (x: number): bigint => {
    dv.setFloat64(0, x);
    const v = dv.getBigInt64(0);
    return v < 0n ? -(v & 0x7fffffffffffffffn) : v;
  };
  const d = ord(a) - ord(b);
  return Number(d < 0n ? -d : d);
}

/** Arguments where the algorithms switch branches, over/underflow or become exact. */
export const SPECIAL_INPUTS: readonly number[] = [
  0, -0, NaN, Infinity, -Infinity, 1, -1, 2, -2, 0.5, -0.5, 0.25, -0.25, 22, -22, 21.999999999999996,
  Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 2.2250738585072014e-308,
  2.225073858507201e-308, 7.09782712893383973096e2, 7.097827128933841e2, -7.45133219101941108420e2,
  -7.451332191019412e2, -708.3964185322641, -708.4, -709.1, -744.4400719213812, 709.7, -1022 * Math.LN2,
  fromBits(0x3fd62e42, 0), fromBits(0x3fd62e43, 0), fromBits(0x3ff0a2b2, 0), fromBits(0x3ff0a2b1, 0xffffffff),
  fromBits(0x3e300000, 0), fromBits(0x3e2fffff, 0xffffffff), fromBits(0x3c900000, 0), fromBits(0x3c800000, 0),
  fromBits(0x4043687a, 0), -fromBits(0x4043687a, 0), 56 * Math.LN2, -56 * Math.LN2, 1e-300, -1e-300,
  1 + 2 ** -52, 1 - 2 ** -53, Math.SQRT2, Math.SQRT1_2, 1e300, -1e300, 5.6e102, -5.6e102, 1.2e103, -1.2e103,
];

/**
 * n inputs: specials first, then equal shares of uniform [-range, range], any bit pattern,
 * log-uniform magnitudes over the whole double range, |x| < 1 down to 2^-80, and k·ln2/2 ± a few ulps.
 */
export function elementaryInputs(seed: number, n: number, range: number): Float64Array {
  const next = rng32(seed);
  const unit = (): number => (next() * 2 ** 21 + (next() >>> 11)) / 2 ** 53;
  const sign = (): number => (next() & 1 ? -1 : 1);
  const out = new Float64Array(n);
  let i = 0;
  for (const x of SPECIAL_INPUTS) if (i < n) out[i++] = x;
  for (; i < n; i++) {
    switch (next() % 5) {
      case 0:
        out[i] = (unit() * 2 - 1) * range;
        break;
      case 1:
        out[i] = fromBits(next(), next());
        break;
      case 2:
        out[i] = sign() * (1 + unit()) * 2 ** ((next() % 2098) - 1074);
        break;
      case 3:
        out[i] = sign() * unit() * 2 ** -(next() % 80);
        break;
      default: {
        const k = (next() % 2200) - 1100;
        const step = next() % 9;
        out[i] = k * Math.LN2 * 0.5 + (step - 4) * Number.EPSILON * Math.max(1, Math.abs(k));
      }
    }
  }
  return out;
}
