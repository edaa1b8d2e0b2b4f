// Drift transforms of the adapt datasets: what happens to the input distribution after the drift
// point. Rotation, shift, partial pixel permutation and contrast act on any 28x28 image (so on
// real data too); the new-class-mixture drift draws some samples from a second set of class
// prototypes and so exists only for the synthetic stream (runtime/data/dataset.ts).
import { IMAGE_SIDE } from './synthetic.ts';
import { hashSeed, mulberry32 } from './prng.ts';

/** Kinds of drift, in the order `--data synthetic:<kind>` lists them. */
export const DRIFT_KINDS = ['rotate', 'shift', 'permute', 'contrast', 'mixture'] as const;
/** One kind of drift. */
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** A drift and its strength (meaning per kind: see DRIFT_DEFAULTS). */
export interface DriftSpec {
  readonly kind: DriftKind;
  readonly strength: number;
}

/** Default strength and its unit, per kind; `synthetic:<kind>:<strength>` overrides it. */
export const DRIFT_DEFAULTS: Readonly<Record<DriftKind, { readonly strength: number; readonly unit: string; readonly min: number; readonly max: number }>> = {
  rotate: { strength: 40, unit: 'degrees counter-clockwise', min: -180, max: 180 },
  shift: { strength: 4, unit: 'pixels right (and 0.5x that down)', min: -27, max: 27 },
  permute: { strength: 0.3, unit: 'fraction of pixel positions shuffled', min: 0, max: 1 },
  contrast: { strength: 0.35, unit: 'contrast factor c in x -> c*x + (1-c)*0.5', min: -1, max: 1 },
  mixture: { strength: 0.7, unit: 'fraction of samples drawn from the new class styles', min: 0, max: 1 },
};

/** Whether a drift transforms pixels of a 28x28 image (rotate, shift) and so needs 784 features. */
export function driftNeedsImage(kind: DriftKind): boolean {
  return kind === 'rotate' || kind === 'shift';
}

/** A pixel transform `x -> x'` of one sample (length = features). */
export type PixelTransform = (x: Float64Array) => Float64Array;

/** The pixel transform of a drift (mixture: the identity, it acts when samples are drawn). */
export function pixelTransform(d: DriftSpec, features: number, seed: number): PixelTransform {
  switch (d.kind) {
    case 'rotate':
      return (x) => rotate(x, (d.strength * Math.PI) / 180);
    case 'shift':
      return (x) => shift(x, Math.round(d.strength), Math.round(d.strength / 2));
    case 'permute': {
      const perm = partialPermutation(features, d.strength, seed);
      return (x) => Float64Array.from(perm, (src) => x[src]!);
    }
    case 'contrast':
      return (x) => x.map((v) => d.strength * v + (1 - d.strength) * 0.5);
    case 'mixture':
      return (x) => x;
  }
}

/** Rotates a 28x28 image about its centre by `angle` radians (bilinear, zero outside). */
export function rotate(x: Float64Array, angle: number): Float64Array {
  const out = new Float64Array(x.length);
  const mid = (IMAGE_SIDE - 1) / 2;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  for (let py = 0; py < IMAGE_SIDE; py++) {
    for (let px = 0; px < IMAGE_SIDE; px++) {
      // Inverse map: where in the source does this output pixel come from?
      const sx = mid + c * (px - mid) + s * (py - mid);
      const sy = mid - s * (px - mid) + c * (py - mid);
      out[py * IMAGE_SIDE + px] = bilinear(x, sx, sy);
    }
  }
  return out;
}

function bilinear(x: Float64Array, sx: number, sy: number): number {
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  const at = (px: number, py: number): number => (px < 0 || py < 0 || px >= IMAGE_SIDE || py >= IMAGE_SIDE ? 0 : x[py * IMAGE_SIDE + px]!);
  return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
}

/** Translates a 28x28 image by (dx, dy) whole pixels, filling with 0. */
export function shift(x: Float64Array, dx: number, dy: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let py = 0; py < IMAGE_SIDE; py++) {
    const sy = py - dy;
    if (sy < 0 || sy >= IMAGE_SIDE) continue;
    for (let px = 0; px < IMAGE_SIDE; px++) {
      const sx = px - dx;
      if (sx >= 0 && sx < IMAGE_SIDE) out[py * IMAGE_SIDE + px] = x[sy * IMAGE_SIDE + sx]!;
    }
  }
  return out;
}

/** `perm[i]` = source index of output i: a seeded shuffle of `fraction` of the positions among themselves. */
export function partialPermutation(n: number, fraction: number, seed: number): Int32Array {
  const rnd = mulberry32(hashSeed(seed, 0x9e47));
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const chosen = idx.slice(0, Math.round(fraction * n));
  // A cyclic rotation of the chosen positions moves every one of them (no fixed points).
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < chosen.length; k++) perm[chosen[k]!] = chosen[(k + 1) % chosen.length]!;
  return perm;
}
