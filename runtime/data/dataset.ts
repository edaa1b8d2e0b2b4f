// The datasets `tilegate adapt` runs on: four splits (clean training data for pre-training, a
// clean test set, the drifting stream the model serves and learns from, a drifted test set).
// This file builds them from the synthetic generator (runtime/data/synthetic.ts) with a drift
// (runtime/data/drift.ts); runtime/data/load-dir.ts builds them from .npy files.
import type { Tensor } from '../interpreter/types.ts';
import { pixelTransform, type DriftSpec } from './drift.ts';
import { hashSeed, mulberry32 } from './prng.ts';
import { makePrototypes, renderSample, SYNTH_CLASSES, SYNTH_FEATURES } from './synthetic.ts';

/** Samples of one split: `x` row-major [n, features], `t` class ids as f64 integers. */
export interface Samples {
  readonly n: number;
  readonly features: number;
  readonly x: Float64Array;
  readonly t: Float64Array;
}

/** The four splits of an adapt run, and where they came from. */
export interface AdaptData {
  /** `synthetic:<kind>:<strength>` or the directory read. */
  readonly source: string;
  readonly features: number;
  readonly classes: number;
  /** The drift applied (null when the drifted data came as files). */
  readonly drift: DriftSpec | null;
  /** Clean samples for pre-training. */
  readonly train: Samples;
  readonly cleanTest: Samples;
  /** The stream served and learned from; samples from `driftAt` on are drifted. */
  readonly stream: Samples;
  readonly driftAt: number;
  readonly driftTest: Samples;
}

/** Sizes and seed of a synthetic dataset. */
export interface SyntheticOptions {
  readonly seed: number;
  readonly drift: DriftSpec;
  readonly train: number;
  readonly test: number;
  readonly stream: number;
  /** Stream samples before the drift point (clean); default 0: the stream starts drifted. */
  readonly driftAt?: number;
}

/** Split ids mixed into each sample's seed, so splits never share samples. */
const SPLIT = { train: 1, cleanTest: 2, stream: 3, driftTest: 4 } as const;

/** Builds the synthetic splits. Sample i of a split depends only on (seed, split, i). */
export function syntheticData(o: SyntheticOptions): AdaptData {
  const styles = [makePrototypes(o.seed, 0), makePrototypes(o.seed, 1)];
  const transform = pixelTransform(o.drift, SYNTH_FEATURES, o.seed);
  const driftAt = Math.max(0, Math.min(o.stream, o.driftAt ?? 0));
  const split = (id: number, n: number, drifted: (i: number) => boolean): Samples => {
    const x = new Float64Array(n * SYNTH_FEATURES);
    const t = new Float64Array(n);
    const img = new Float64Array(SYNTH_FEATURES);
    for (let i = 0; i < n; i++) {
      const rnd = mulberry32(hashSeed(o.seed, id, i));
      const cls = Math.floor(rnd() * SYNTH_CLASSES);
      const d = drifted(i);
      const style = d && o.drift.kind === 'mixture' && rnd() < o.drift.strength ? 1 : 0;
      renderSample(styles[style]!, cls, rnd, img);
      x.set(d ? transform(img) : img, i * SYNTH_FEATURES);
      t[i] = cls;
    }
    return { n, features: SYNTH_FEATURES, x, t };
  };
  return {
    source: `synthetic:${o.drift.kind}:${o.drift.strength}`,
    features: SYNTH_FEATURES,
    classes: SYNTH_CLASSES,
    drift: o.drift,
    train: split(SPLIT.train, o.train, () => false),
    cleanTest: split(SPLIT.cleanTest, o.test, () => false),
    stream: split(SPLIT.stream, o.stream, (i) => i >= driftAt),
    driftAt,
    driftTest: split(SPLIT.driftTest, o.test, () => true),
  };
}

/** Samples [start, start + count) of a split, wrapping around its end, as interpreter tensors. */
export function batchOf(s: Samples, start: number, count: number): { x: Tensor; t: Tensor } {
  const x = new Float64Array(count * s.features);
  const t = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const i = (start + k) % s.n;
    x.set(s.x.subarray(i * s.features, (i + 1) * s.features), k * s.features);
    t[k] = s.t[i]!;
  }
  return { x: { shape: [count, s.features], data: x }, t: { shape: [count], data: t } };
}

/** The first `n` samples of a split (or all of them). */
export function headOf(s: Samples, n: number): Samples {
  const m = Math.min(n, s.n);
  return { n: m, features: s.features, x: s.x.subarray(0, m * s.features), t: s.t.subarray(0, m) };
}

/** Applies a pixel transform to every sample of a split from index `from` on. */
export function transformSamples(s: Samples, f: (x: Float64Array) => Float64Array, from = 0): Samples {
  const x = s.x.slice();
  for (let i = from; i < s.n; i++) x.set(f(s.x.subarray(i * s.features, (i + 1) * s.features)), i * s.features);
  return { ...s, x };
}
