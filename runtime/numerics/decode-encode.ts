// Pattern <-> (sign, scale, fraction) for posit-family formats, and the one rounding routine every
// operation ends in: the exact value is laid out as an unbounded posit bit string, cut to n bits
// and rounded to nearest, ties to even on the bit string, then saturated (never 0, never NaR).
// Shared by posit-ops.ts and quire.ts. This is the hot path of the simulator: int32/double
// arithmetic only, no BigInt, and no data-dependent branches where a mask does the job (random
// signs and regimes would mispredict them).
import type { PositSpec } from './formats.ts';

/** Per-format constants of the codec, one plain object shape for every format (monomorphic). */
export interface Layout {
  readonly spec: PositSpec;
  readonly nbits: number;
  readonly es: number;
  readonly esMask: number;
  /** Longest regime run (n-1 for posits, 6 for b-posits). */
  readonly cap: number;
  /** Bits after the sign: n - 1. */
  readonly nb: number;
  readonly nar: number;
  /** 33 - n: shifts a pattern's body (after the sign) up to bit 31. */
  readonly shiftIn: number;
  /** 32 - n: masks an int32 down to n bits via (x << s) >>> s. */
  readonly shiftOut: number;
  readonly maxBody: number;
  /** Fraction bits of the widest significand (n - 3 - es) and its integer form's hidden bit. */
  readonly fb: number;
  readonly hidden: number;
  readonly fracShift: number;
}

/** Builds a format's layout. */
export function makeLayout(spec: PositSpec): Layout {
  const n = spec.nbits;
  return {
    spec,
    nbits: n,
    es: spec.es,
    esMask: (1 << spec.es) - 1,
    cap: spec.maxRegime,
    nb: n - 1,
    nar: spec.nar,
    shiftIn: 33 - n,
    shiftOut: 32 - n,
    maxBody: spec.nar - 1,
    fb: spec.maxFracBits,
    hidden: 2 ** spec.maxFracBits,
    fracShift: 32 - spec.maxFracBits,
  };
}

/**
 * Mutable decode result: value = 2^scale * (1 + (frac >>> 0) / 2^32). `frac` is the fraction,
 * MSB-aligned, held as an int32 (so it stays a small integer for V8); read it with `>>> 0`.
 */
export interface Decoded {
  scale: number;
  frac: number;
}

/** 2^-32, exactly. */
export const TWO_M32 = 2 ** -32;
/** 2^32, exactly. */
export const TWO32 = 2 ** 32;

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

/** Decodes a pattern that is neither 0 nor NaR into `d`; returns 1 when negative, else 0. */
export function decode(L: Layout, p: number, d: Decoded): number {
  const s = (p << L.shiftOut) >> 31; // -1 for a negative pattern
  const x = ((p ^ s) - s) << L.shiftIn; // |p| (two's complement), body aligned to bit 31
  const m = x >> 31; // -1 when the regime is a run of ones
  const cap = L.cap;
  let run = Math.clz32(x ^ m) - cap;
  run = cap + (run & (run >> 31)); // min(run, cap): b-posits stop the run at 6 bits
  const y = x << (run + ((run - cap) >>> 31)); // skip the terminator unless the run is capped
  const es = L.es;
  d.scale = (((-run) ^ m) << es) + (y >>> (32 - es)); // k = m ? run - 1 : -run
  d.frac = y << es;
  return s & 1;
}

/**
 * Rounds (-1)^neg * 2^scale * (1 + (frac >>> 0)/2^32 + tiny) to the format, where `sticky` is
 * nonzero when the tiny positive remainder below frac's last bit is nonzero.
 */
export function encode(L: Layout, neg: number, scale: number, frac: number, sticky: number): number {
  const es = L.es;
  const cap = L.cap;
  const k = scale >> es; // floor(scale / 2^es)
  const m = k >> 31;
  const run = (k ^ m) + 1; // k >= 0: k + 1 ones; k < 0: -k zeros
  let body: number;
  if (run > cap) {
    // Beyond the longest regime: the bit string rounds past maxpos or below minpos; saturate.
    body = m === 0 ? L.maxBody : 1;
  } else {
    const term = (run - cap) >>> 31; // a terminating bit follows unless the run is capped
    const avail = L.nb - run - term;
    const reg = (((0xffffffff >>> (32 - run)) << term) & ~m) | (term & m);
    const w = ((scale & L.esMask) << (32 - es)) | (frac >>> es); // exponent bits, then fraction
    const roundBit = (w >>> (31 - avail)) & 1;
    const rest = (w << (avail + 1)) | (frac & L.esMask) | sticky;
    body = (reg << avail) | ((w >>> 1) >>> (31 - avail));
    body += roundBit & (body | ((rest | -rest) >>> 31)) & 1; // ties to even on the bit string
    if (body > L.maxBody) body = L.maxBody;
    else if (body === 0) body = 1;
  }
  const s = -neg;
  return (((body ^ s) - s) << L.shiftOut) >>> L.shiftOut;
}

// Little-endian view of one double (every platform Node runs on is little-endian).
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** Rounds (-1)^neg * v * 2^scale (plus a tiny remainder when sticky != 0); v a finite double > 0. */
export function encodeDouble(L: Layout, neg: number, v: number, scale: number, sticky: number): number {
  F64[0] = v;
  let hi = U32[1]!;
  if (hi < 0x100000) {
    F64[0] = v * 18446744073709551616; // subnormal: scale by 2^64 to read a normal exponent
    hi = U32[1]!;
    scale -= 64;
  }
  const lo = U32[0]!;
  return encode(L, neg, scale + (hi >>> 20) - 1023, ((hi & 0xfffff) << 12) | (lo >>> 20), sticky | (lo & 0xfffff));
}

/** A format's decode/encode bound to its layout, with boolean signs (for callers outside the hot path). */
export interface Codec {
  readonly spec: PositSpec;
  readonly layout: Layout;
  /** Decodes a pattern that is neither 0 nor NaR into `d`; true when negative. */
  readonly decode: (p: number, d: Decoded) => boolean;
  /** Rounds (-1)^neg * 2^scale * (1 + (frac >>> 0)/2^32 + tiny), tiny > 0 iff sticky. */
  readonly encode: (neg: boolean, scale: number, frac: number, sticky: boolean) => number;
  /** Rounds (-1)^neg * v * 2^scale for a finite double v > 0 (plus tiny iff sticky). */
  readonly encodeDouble: (neg: boolean, v: number, scale: number, sticky: boolean) => number;
}

/** Builds the codec of a format. */
export function makeCodec(spec: PositSpec): Codec {
  const L = makeLayout(spec);
  return {
    spec,
    layout: L,
    decode: (p, d) => decode(L, p, d) !== 0,
    encode: (neg, scale, frac, sticky) => encode(L, neg ? 1 : 0, scale, frac, sticky ? 1 : 0),
    encodeDouble: (neg, v, scale, sticky) => encodeDouble(L, neg ? 1 : 0, v, scale, sticky ? 1 : 0),
  };
}
