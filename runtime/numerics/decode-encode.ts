// Pattern <-> (sign, scale, fraction) for posit-family formats, and the one rounding routine every
// operation ends in: the exact value is laid out as an unbounded posit bit string, cut to n bits
// and rounded to nearest, ties to even on the bit string, then saturated (never 0, never NaR).
// Shared by posit-ops.ts and quire.ts; integer/double arithmetic only (no BigInt: this is the hot path).
import type { PositSpec } from './formats.ts';

/** Mutable decode result: value = 2^scale * (1 + frac / 2^32); frac is MSB-aligned. */
export interface Decoded {
  scale: number;
  frac: number;
}

/** Pattern codec for one format: decode, and encode with bit-string rounding. */
export interface Codec {
  readonly spec: PositSpec;
  /** Decodes a pattern that is neither 0 nor NaR into `d`; returns true when it is negative. */
  readonly decode: (p: number, d: Decoded) => boolean;
  /**
   * Rounds 2^scale * (1 + frac/2^32 + tiny) to the format, where `sticky` says whether the
   * tiny positive remainder below frac's last bit is nonzero. Saturates at maxpos / minpos.
   */
  readonly encode: (neg: boolean, scale: number, frac: number, sticky: boolean) => number;
  /** Rounds the finite positive double `m` times 2^scale (plus a tiny remainder when sticky). */
  readonly encodeDouble: (neg: boolean, m: number, scale: number, sticky: boolean) => number;
}

const TWO32 = 4294967296;
const TWO_M32 = 1 / TWO32;

/** 2^i for every i a double can hold exactly (-1074..1023), by table: Math.pow is not promised exact. */
const POW2 = (() => {
  const t = new Float64Array(1074 + 1024);
  let v = 1;
  for (let i = 0; i <= 1023; i++, v *= 2) t[1074 + i] = v;
  v = 1;
  for (let i = 0; i >= -1074; i--, v /= 2) t[1074 + i] = v;
  return t;
})();

/** Exact 2^i as a double (0 or Infinity outside the double range). */
export function pow2(i: number): number {
  if (i > 1023) return Infinity;
  if (i < -1074) return 0;
  return POW2[i + 1074]!;
}

/** Builds the codec of a format; see posit-ops.ts for the cached instances. */
export function makeCodec(spec: PositSpec): Codec {
  const n = spec.nbits;
  const es = spec.es;
  const esMask = (1 << es) - 1;
  const cap = spec.maxRegime;
  const nb = n - 1; // bits after the sign
  const nar = spec.nar;
  const two = 2 ** n;
  const shiftIn = 33 - n; // aligns the body's first bit to bit 31
  const maxBody = nar - 1;

  function decode(p: number, d: Decoded): boolean {
    const neg = p > nar;
    const x = (neg ? two - p : p) << shiftIn;
    let run: number;
    let k: number;
    if (x < 0) {
      run = Math.clz32(~x);
      if (run > cap) run = cap;
      k = run - 1;
    } else {
      run = Math.clz32(x);
      if (run > cap) run = cap;
      k = -run;
    }
    const y = x << (run < cap ? run + 1 : run);
    d.scale = (k << es) + (y >>> (32 - es));
    d.frac = (y << es) >>> 0;
    return neg;
  }

  function encode(neg: boolean, scale: number, frac: number, sticky: boolean): number {
    const k = scale >> es; // floor(scale / 2^es)
    const run = k >= 0 ? k + 1 : -k;
    let body: number;
    if (run > cap) {
      // Beyond the longest regime: the bit string rounds past maxpos or below minpos; saturate.
      body = k >= 0 ? maxBody : 1;
    } else {
      const term = run < cap ? 1 : 0;
      const avail = nb - run - term;
      const reg = k >= 0 ? (0xffffffff >>> (32 - run)) << term : term;
      const e = scale & esMask;
      const w = (e << (32 - es)) | (frac >>> es);
      const kept = avail === 0 ? 0 : w >>> (32 - avail);
      const roundBit = (w >>> (31 - avail)) & 1;
      body = (reg << avail) | kept;
      if (roundBit !== 0 && ((body & 1) !== 0 || sticky || w << (avail + 1) !== 0 || (frac & esMask) !== 0)) body++;
      if (body > maxBody) body = maxBody;
      else if (body === 0) body = 1;
    }
    return neg ? two - body : body;
  }

  function encodeDouble(neg: boolean, m: number, scale: number, sticky: boolean): number {
    // Normalise m into [1, 2) by exact power-of-two steps; the exponent comes from the double's bits.
    F64[0] = m;
    let be = U32[1]! >>> 20;
    if (be === 0) {
      F64[0] = m * 18446744073709551616; // 2^64: subnormal -> normal
      be = (U32[1]! >>> 20) - 64;
    }
    const hi = U32[1]!;
    const lo = U32[0]!;
    const frac = (((hi & 0xfffff) << 12) | (lo >>> 20)) >>> 0;
    return encode(neg, scale + be - 1023, frac, sticky || (lo & 0xfffff) !== 0);
  }

  return { spec, decode, encode, encodeDouble };
}

// Little-endian view of one double (every platform Node runs on is little-endian).
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** 1 + frac/2^32 as a double: exact, since frac has at most 27 significant bits. */
export function significand(frac: number): number {
  return 1 + frac * TWO_M32;
}

export { TWO32, TWO_M32 };
