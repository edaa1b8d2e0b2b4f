// f32_dense (SIMD128, register-blocked) against a plain JS f64 loop over the same f32 inputs, for
// batch 1, 3, 4, 64 and input/output sizes that are and are not multiples of the tile shape,
// with and without the fused ReLU. Tolerance: the kernel accumulates in f32 with its own
// association, so |got - ref| <= 1e-5 * sum_i |W_ji x_bi| + 1e-6 * |b_j| per output.
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmKernels } from '../../targets/wasm/instantiate.ts';
import { loadKernels } from './harness.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  readonly batch: number;
  readonly inD: number;
  readonly outD: number;
  readonly relu: boolean;
}

/** Runs one case; returns the worst |error| / tolerance ratio (must be <= 1). */
function run(k: WasmKernels, c: Case, seed: number): number {
  const r = rng(seed);
  const w = Float32Array.from({ length: c.outD * c.inD }, () => 2 * r() - 1);
  const bias = Float32Array.from({ length: c.outD }, () => 2 * r() - 1);
  const x = Float32Array.from({ length: c.batch * c.inD }, () => 2 * r() - 1);
  k.reset();
  const pw = k.alloc(4 * w.length);
  const pb = k.alloc(4 * bias.length);
  const px = k.alloc(4 * x.length);
  const py = k.alloc(4 * c.batch * c.outD);
  // Poison the output and the words after it, so an unwritten output or a stray write shows.
  const after = k.alloc(64);
  k.f32().fill(Number.NaN, py / 4, py / 4 + c.batch * c.outD);
  k.f32().fill(7, after / 4, after / 4 + 16);
  k.f32().set(w, pw / 4);
  k.f32().set(bias, pb / 4);
  k.f32().set(x, px / 4);
  k.fn('f32_dense')(pw, pb, px, py, c.batch, c.inD, c.outD, c.relu ? 1 : 0);
  const y = k.f32().slice(py / 4, py / 4 + c.batch * c.outD);
  if (k.f32().subarray(after / 4, after / 4 + 16).some((v) => v !== 7)) return Infinity;
  let worst = 0;
  for (let b = 0; b < c.batch; b++) {
    for (let j = 0; j < c.outD; j++) {
      let acc = bias[j]!;
      let mag = 0;
      for (let i = 0; i < c.inD; i++) {
        const p = w[j * c.inD + i]! * x[b * c.inD + i]!;
        acc += p;
        mag += Math.abs(p);
      }
      const want = c.relu ? Math.max(0, acc) : acc;
      const tol = 1e-5 * mag + 1e-6 * Math.abs(bias[j]!) + 1e-30;
      const err = Math.abs(y[b * c.outD + j]! - want);
      worst = Math.max(worst, Number.isNaN(err) ? Infinity : err / tol);
    }
  }
  return worst;
}

describe('f32_dense vs an f64 loop', () => {
  let k: WasmKernels;
  beforeAll(async () => {
    k = await loadKernels({ formats: [], optimize: { level: 3 } });
  });

  const shapes: readonly (readonly [number, number])[] = [
    [784, 512],
    [16, 8],
    [13, 7],
    [3, 5],
    [1, 1],
    [4, 4],
    [33, 10],
    [100, 65],
  ];
  for (const batch of [1, 3, 4, 64]) {
    it(`batch ${batch}: every shape, with and without relu, within tolerance`, () => {
      let seed = batch;
      for (const [inD, outD] of shapes) {
        for (const relu of [false, true]) {
          const worst = run(k, { batch, inD, outD, relu }, seed++);
          expect({ inD, outD, relu, ok: worst <= 1 }).toEqual({ inD, outD, relu, ok: true });
        }
      }
    });
  }

  it('relu zeroes negative outputs exactly and keeps positive ones', () => {
    k.reset();
    const pw = k.alloc(16);
    const pb = k.alloc(16);
    const px = k.alloc(16);
    const py = k.alloc(16);
    k.f32().set([1, -1], pw / 4);
    k.f32().set([0.5, 0.5], pb / 4);
    k.f32().set([2], px / 4);
    k.fn('f32_dense')(pw, pb, px, py, 1, 1, 2, 1);
    expect(Array.from(k.f32().slice(py / 4, py / 4 + 2))).toEqual([2.5, 0]);
  });
});
