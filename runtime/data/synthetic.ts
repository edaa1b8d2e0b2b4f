// A deterministic synthetic digit-like stream for `tilegate adapt` (there is no network, so no
// MNIST): 10 classes of 28x28 images, each class a few stroke-like quadratic Bezier curves
// drawn with a Gaussian pen, with per-sample jitter (small rotation, scale, shift, stroke
// width, control-point wobble) and pixel noise. A class can have a second "style" (different
// strokes) that only the new-class-mixture drift draws from. Seeded; no global state.
import { mulberry32, hashSeed } from './prng.ts';

/** Side of the square synthetic image; 784 features row-major. */
export const IMAGE_SIDE = 28;
/** Features per synthetic sample (28 x 28). */
export const SYNTH_FEATURES = IMAGE_SIDE * IMAGE_SIDE;
/** Classes of the synthetic stream. */
export const SYNTH_CLASSES = 10;

/** One stroke: a quadratic Bezier curve through p0, with control c, ending at p1 (pixels). */
interface Stroke {
  readonly p0: readonly [number, number];
  readonly c: readonly [number, number];
  readonly p1: readonly [number, number];
}

/** The strokes of every class in one style. */
export type Prototypes = readonly (readonly Stroke[])[];

/** Points sampled along each stroke when rendering. */
const CURVE_POINTS = 24;
/** Pen radius in pixels beyond which the Gaussian splat is cut off. */
const SPLAT_RADIUS = 3;

/** Class prototypes of a style (0: the clean distribution, 1: the style mixture drift adds). */
export function makePrototypes(seed: number, style: number): Prototypes {
  const out: Stroke[][] = [];
  for (let c = 0; c < SYNTH_CLASSES; c++) {
    const rnd = mulberry32(hashSeed(seed, 0x70a0, style, c));
    const strokes: Stroke[] = [];
    const n = 2 + Math.floor(rnd() * 3);
    const pt = (): [number, number] => [5 + rnd() * 18, 4 + rnd() * 20];
    // Strokes chain loosely (the next starts near the previous end), as pen strokes of digits do.
    let start = pt();
    for (let s = 0; s < n; s++) {
      const end = pt();
      const ctl: [number, number] = [(start[0] + end[0]) / 2 + (rnd() - 0.5) * 14, (start[1] + end[1]) / 2 + (rnd() - 0.5) * 14];
      strokes.push({ p0: start, c: ctl, p1: end });
      start = rnd() < 0.6 ? [end[0] + (rnd() - 0.5) * 4, end[1] + (rnd() - 0.5) * 4] : pt();
    }
    out.push(strokes);
  }
  return out;
}

/** Jitter of one rendered sample, drawn from its own generator. */
interface Jitter {
  readonly cos: number;
  readonly sin: number;
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
  readonly sigma: number;
  readonly ink: number;
}

function drawJitter(rnd: () => number): Jitter {
  const angle = ((rnd() - 0.5) * 16 * Math.PI) / 180;
  return {
    cos: Math.cos(angle),
    sin: Math.sin(angle),
    scale: 0.9 + rnd() * 0.2,
    dx: (rnd() - 0.5) * 3,
    dy: (rnd() - 0.5) * 3,
    sigma: 0.9 + rnd() * 0.4,
    ink: 0.8 + rnd() * 0.2,
  };
}

/** A standard normal from two uniforms (Box-Muller). */
function normal(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/**
 * Renders one sample of class `cls` from `protos` into `out` (784 values in [0, 1]), using the
 * generator `rnd` for jitter, control-point wobble and pixel noise of standard deviation `noise`.
 */
export function renderSample(protos: Prototypes, cls: number, rnd: () => number, out: Float64Array, noise = 0.08): void {
  out.fill(0);
  const j = drawJitter(rnd);
  const mid = (IMAGE_SIDE - 1) / 2;
  const place = (p: readonly [number, number], wobble: number): [number, number] => {
    const x = p[0] - mid + normal(rnd) * wobble;
    const y = p[1] - mid + normal(rnd) * wobble;
    return [mid + j.dx + j.scale * (j.cos * x - j.sin * y), mid + j.dy + j.scale * (j.sin * x + j.cos * y)];
  };
  const inv2s2 = 1 / (2 * j.sigma * j.sigma);
  for (const s of protos[cls] ?? []) {
    const p0 = place(s.p0, 0.7);
    const c = place(s.c, 1.0);
    const p1 = place(s.p1, 0.7);
    for (let k = 0; k <= CURVE_POINTS; k++) {
      const u = k / CURVE_POINTS;
      const a = (1 - u) * (1 - u);
      const b = 2 * u * (1 - u);
      const d = u * u;
      splat(out, a * p0[0] + b * c[0] + d * p1[0], a * p0[1] + b * c[1] + d * p1[1], j.ink, inv2s2);
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, out[i]! + noise * normal(rnd)));
}

/** Max-blends a Gaussian pen dot centred at (x, y) into the image. */
function splat(img: Float64Array, x: number, y: number, ink: number, inv2s2: number): void {
  const x0 = Math.max(0, Math.floor(x - SPLAT_RADIUS));
  const x1 = Math.min(IMAGE_SIDE - 1, Math.ceil(x + SPLAT_RADIUS));
  const y0 = Math.max(0, Math.floor(y - SPLAT_RADIUS));
  const y1 = Math.min(IMAGE_SIDE - 1, Math.ceil(y + SPLAT_RADIUS));
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) {
      const d2 = (px - x) * (px - x) + (py - y) * (py - y);
      const v = ink * Math.exp(-d2 * inv2s2);
      const i = py * IMAGE_SIDE + px;
      if (v > img[i]!) img[i] = v;
    }
  }
}
