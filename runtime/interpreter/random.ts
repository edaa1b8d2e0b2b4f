// Deterministic random numbers for tilegate's runtime: Philox4x32-10 (Salmon et al., SC'11; the
// Random123 generator), a counter-based generator, so any element of any stream can be computed
// on its own by any backend with 32-bit integer arithmetic. Uniforms and Box-Muller normals are
// derived in f64 exactly as spec/jvp.md section 4 writes them; parameter initialisation
// (runtime/params.ts) and forward-gradient tangents (runtime/learn) both draw from here.
import { log } from '../numerics/index.ts';

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO32 = 4294967296;

/** High 32 bits of the 64-bit product of two u32 (exact: the pieces stay below 2^53). */
function mulhi(a: number, b: number): number {
  const ah = a >>> 16;
  const al = a & 0xffff;
  return Math.floor((ah * b + Math.floor((al * b) / 65536)) / 65536) >>> 0;
}

/** Philox4x32-10 of a 4-word counter and 2-word key; writes 4 output words into `out`. */
export function philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array): void {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let ka = k0 >>> 0;
  let kb = k1 >>> 0;
  for (let r = 0; r < 10; r++) {
    if (r > 0) {
      ka = (ka + W0) >>> 0;
      kb = (kb + W1) >>> 0;
    }
    const hi0 = mulhi(M0, x0);
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi1 = mulhi(M1, x2);
    const lo1 = Math.imul(M1, x2) >>> 0;
    const y0 = (hi1 ^ x1 ^ ka) >>> 0;
    const y2 = (hi0 ^ x3 ^ kb) >>> 0;
    x0 = y0;
    x1 = lo1;
    x2 = y2;
    x3 = lo0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

/** A u32 word as a uniform in (0, 1): (w + 0.5) / 2^32, never 0 or 1. */
export function uniformOf(w: number): number {
  return (w + 0.5) / TWO32;
}

/** Splits a non-negative integer seed (< 2^53) into the two Philox key words. */
export function seedKey(seed: number): [number, number] {
  return [seed >>> 0, Math.floor(seed / TWO32) >>> 0];
}

const BLOCK = new Uint32Array(4);

/**
 * Fills `out` with standard normals for stream (a, b, c) under `seed`: element i comes from the
 * Philox block with counter [floor(i/4), a, b, c]; its words (w0, w1) give normals 4q and 4q+1
 * and (w2, w3) give 4q+2 and 4q+3 by Box-Muller: r = sqrt(-2 ln u0), z0 = r cos(2π u1),
 * z1 = r sin(2π u1), with runtime/numerics' deterministic log and the host's Math.cos/sin.
 */
export function fillNormals(out: Float64Array, seed: number, a: number, b: number, c: number): void {
  const [k0, k1] = seedKey(seed);
  for (let q = 0; q * 4 < out.length; q++) {
    philox4x32(q, a, b, c, k0, k1, BLOCK);
    for (let h = 0; h < 2; h++) {
      const u0 = uniformOf(BLOCK[2 * h]!);
      const u1 = uniformOf(BLOCK[2 * h + 1]!);
      const r = Math.sqrt(-2 * log(u0));
      const i = 4 * q + 2 * h;
      if (i < out.length) out[i] = r * Math.cos(2 * Math.PI * u1);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * u1);
    }
  }
}

/** Fills `out` with uniforms in (0, 1) for stream (a, b, c): element i is word i mod 4 of block floor(i/4). */
export function fillUniforms(out: Float64Array, seed: number, a: number, b: number, c: number): void {
  const [k0, k1] = seedKey(seed);
  for (let q = 0; q * 4 < out.length; q++) {
    philox4x32(q, a, b, c, k0, k1, BLOCK);
    for (let h = 0; h < 4 && 4 * q + h < out.length; h++) out[4 * q + h] = uniformOf(BLOCK[h]!);
  }
}
