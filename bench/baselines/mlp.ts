// Shared MLP workload for the baseline harnesses: layer sizes, seeded weights in PyTorch layout
// (W is [out, in], row-major), seeded input batches, and an f64 reference forward pass.
// Every baseline (tfjs-wasm, onnxruntime-web, tfjs-webgpu, plain JS) runs exactly this
// workload so that tilegate's benchmarks can print ratios against the same numbers.

/** One dense layer: y = W x + b, W is [outDim, inDim] row-major. */
export interface DenseLayer {
  readonly inDim: number;
  readonly outDim: number;
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/** A fully connected network; every layer but the last is followed by relu. */
export interface MlpWorkload {
  readonly name: string;
  readonly sizes: readonly number[];
  readonly layers: readonly DenseLayer[];
  readonly seed: number;
}

/** The two network shapes the benchmarks compare on. */
export const MLP_SHAPES = {
  'mlp-784-512-10': [784, 512, 10],
  'mlp-784-2048-10': [784, 2048, 10],
} as const satisfies Record<string, readonly number[]>;

/** The batch sizes the benchmarks compare on. */
export const MLP_BATCHES = [1, 64] as const;

/** Deterministic 32-bit PRNG (mulberry32): same seed, same weights, on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform values in [-bound, bound), rounded to f32 once. */
function uniform(rand: () => number, n: number, bound: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 2 - 1) * bound;
  return out;
}

/** Builds a seeded MLP; weights use PyTorch's default Linear init range 1/sqrt(in). */
export function makeMlp(name: string, sizes: readonly number[], seed = 1234): MlpWorkload {
  if (sizes.length < 2) throw new Error(`makeMlp: need at least 2 sizes, got ${sizes.length}`);
  const rand = mulberry32(seed);
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inDim = sizes[l]!;
    const outDim = sizes[l + 1]!;
    const bound = 1 / Math.sqrt(inDim);
    layers.push({ inDim, outDim, weight: uniform(rand, inDim * outDim, bound), bias: uniform(rand, outDim, bound) });
  }
  return { name, sizes: [...sizes], layers, seed };
}

/** Builds one of the named benchmark shapes. */
export function namedMlp(name: keyof typeof MLP_SHAPES, seed = 1234): MlpWorkload {
  return makeMlp(name, MLP_SHAPES[name], seed);
}

/** A seeded input batch [batch, sizes[0]] in [0, 1), like normalised pixels. */
export function makeInput(workload: MlpWorkload, batch: number, seed = 99): Float32Array {
  const rand = mulberry32(seed + batch);
  const out = new Float32Array(batch * workload.sizes[0]!);
  for (let i = 0; i < out.length; i++) out[i] = rand();
  return out;
}

/** Input width of the network. */
export function inputDim(workload: MlpWorkload): number {
  return workload.sizes[0]!;
}

/** Output width of the network. */
export function outputDim(workload: MlpWorkload): number {
  return workload.sizes[workload.sizes.length - 1]!;
}

/** Floating-point operations of one forward pass (2 per multiply-add; bias and relu ignored). */
export function forwardFlops(workload: MlpWorkload, batch: number): number {
  let macs = 0;
  for (const layer of workload.layers) macs += layer.inDim * layer.outDim;
  return 2 * macs * batch;
}

/** Reference forward pass in f64 from the f32 parameters; returns [batch, out] as f64. */
export function referenceForward(workload: MlpWorkload, input: Float32Array, batch: number): Float64Array {
  let act = Float64Array.from(input);
  workload.layers.forEach((layer, l) => {
    const last = l === workload.layers.length - 1;
    const next = new Float64Array(batch * layer.outDim);
    for (let b = 0; b < batch; b++) {
      const xo = b * layer.inDim;
      for (let o = 0; o < layer.outDim; o++) {
        const wo = o * layer.inDim;
        let acc = layer.bias[o]!;
        for (let i = 0; i < layer.inDim; i++) acc += layer.weight[wo + i]! * act[xo + i]!;
        next[b * layer.outDim + o] = !last && acc < 0 ? 0 : acc;
      }
    }
    act = next;
  });
  return act;
}

/** Result of comparing a baseline's output with the f64 reference. */
export interface CheckResult {
  readonly ok: boolean;
  /** Normwise relative error: max |got - ref| / max |ref|. */
  readonly relErr: number;
  /** Index of the element with the largest absolute error. */
  readonly worstIndex: number;
}

/**
 * Compares against the reference with a normwise relative error. An elementwise ratio would
 * blow up on logits near zero, where f32 rounding of a 784-term dot product leaves harmless
 * absolute noise of a few ulps of the row's scale.
 */
export function checkAgainstReference(got: Float32Array, ref: Float64Array, relTol = 1e-4): CheckResult {
  if (got.length !== ref.length) return { ok: false, relErr: Infinity, worstIndex: -1 };
  let scale = 0;
  for (const v of ref) scale = Math.max(scale, Math.abs(v));
  let maxAbs = 0;
  let worstIndex = 0;
  for (let i = 0; i < ref.length; i++) {
    const g = got[i]!;
    const err = Number.isFinite(g) ? Math.abs(g - ref[i]!) : Infinity;
    if (err > maxAbs) {
      maxAbs = err;
      worstIndex = i;
    }
  }
  const relErr = scale > 0 ? maxAbs / scale : maxAbs;
  return { ok: relErr <= relTol, relErr, worstIndex };
}

/** Median and minimum of a list of per-forward times, in milliseconds. */
export interface Timing {
  readonly median: number;
  readonly min: number;
}

/** Summarises samples (ms) as median and min. */
export function summarise(samples: readonly number[]): Timing {
  if (samples.length === 0) throw new Error('summarise: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]! };
}

/** Times `iters` synchronous calls after one warm-up call. */
export function timeSync(iters: number, fn: () => unknown): Timing {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < iters; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

/** Times `iters` awaited calls after one warm-up call. */
export async function timeAsync(iters: number, fn: () => Promise<unknown>): Promise<Timing> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < iters; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

/** The common interface of every baseline harness: one compiled model at one batch size. */
export interface BaselineRunner {
  /** Baseline name as printed in benchmark tables. */
  readonly name: string;
  /** Configuration that matters for fairness (threads, SIMD, adapter). */
  readonly config: string;
  /** Runs one forward pass on the workload's seeded input and returns [batch, out]. */
  forward(): Float32Array | Promise<Float32Array>;
  /** Median/min ms per forward pass over `iters` runs (after warm-up). */
  timeMs(iters: number): Timing | Promise<Timing>;
  /** Releases the backend's buffers. */
  dispose(): void | Promise<void>;
}
