// Correctness of the benchmark baselines (bench/baselines): the seeded workload, the f64
// reference, the hand-written ONNX encoder (accepted and run by onnxruntime-web) and the tfjs
// WASM harness at batch > 1. No timing is asserted here; benchmarks only print times.

import { describe, expect, it } from 'vitest';
import { makeInput, makeMlp, referenceForward, checkAgainstReference, forwardFlops } from '../../bench/baselines/mlp.ts';
import type { MlpWorkload } from '../../bench/baselines/mlp.ts';
import { jsLoopForward } from '../../bench/baselines/js-loop.ts';
import { encodeMlpModel, encodeModel, ONNX_IR_VERSION } from '../../bench/baselines/onnx-proto.ts';
import * as ort from 'onnxruntime-web';
import { createOrtSession, ortWebMlp } from '../../bench/baselines/ort-web.ts';
import { tfjsWasmMlp } from '../../bench/baselines/tfjs-wasm.ts';

/** [2, 2, 1] network small enough to check by hand. */
const tiny: MlpWorkload = {
  name: 'tiny',
  sizes: [2, 2, 1],
  seed: 0,
  layers: [
    { inDim: 2, outDim: 2, weight: Float32Array.of(1, 2, -3, 1), bias: Float32Array.of(0.5, 0) },
    { inDim: 2, outDim: 1, weight: Float32Array.of(2, 10), bias: Float32Array.of(-1) },
  ],
};

describe('MLP workload', () => {
  it('is deterministic in its seed and follows the PyTorch init range', () => {
    const a = makeMlp('a', [16, 8, 4], 5);
    const b = makeMlp('b', [16, 8, 4], 5);
    const c = makeMlp('c', [16, 8, 4], 6);
    expect(a.layers[0]!.weight).toEqual(b.layers[0]!.weight);
    expect(a.layers[0]!.weight).not.toEqual(c.layers[0]!.weight);
    expect(a.layers[0]!.weight.length).toBe(8 * 16);
    expect(Math.max(...a.layers[0]!.weight.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(16));
    expect(forwardFlops(a, 3)).toBe(2 * 3 * (16 * 8 + 8 * 4));
  });

  it('reference forward applies W [out, in], bias and relu on hidden layers only', () => {
    // x = (1, 1): h = relu(1+2+0.5, -3+1) = (3.5, 0); y = 2*3.5 + 10*0 - 1 = 6.
    // x = (0, 2): h = relu(4.5, 2) = (4.5, 2); y = 9 + 20 - 1 = 28.
    const y = referenceForward(tiny, Float32Array.of(1, 1, 0, 2), 2);
    expect([...y]).toEqual([6, 28]);
  });

  it('plain JS loop agrees with the reference', () => {
    const w = makeMlp('m', [32, 16, 5], 3);
    const x = makeInput(w, 4);
    const check = checkAgainstReference(jsLoopForward(w, x, 4), referenceForward(w, x, 4));
    expect(check.ok).toBe(true);
    expect(check.relErr).toBeLessThan(1e-6);
  });

  it('check flags a single wrong element and a length mismatch', () => {
    const ref = Float64Array.of(1, -2, 3);
    expect(checkAgainstReference(Float32Array.of(1, -2, 3), ref).ok).toBe(true);
    const bad = checkAgainstReference(Float32Array.of(1, -2.01, 3), ref);
    expect(bad.ok).toBe(false);
    expect(bad.worstIndex).toBe(1);
    expect(checkAgainstReference(Float32Array.of(1, NaN, 3), ref).ok).toBe(false);
    expect(checkAgainstReference(Float32Array.of(1, -2), ref).ok).toBe(false);
  });
});

describe('ONNX encoder', () => {
  it('starts with ir_version and rejects inconsistent initializers', () => {
    const bytes = encodeMlpModel(tiny, 1);
    expect([bytes[0], bytes[1]]).toEqual([0x08, ONNX_IR_VERSION]);
    const bad = { name: 'w', dims: [2, 3], data: new Float32Array(5) };
    expect(() => encodeModel({ name: 'g', nodes: [], initializers: [bad], inputs: [], outputs: [] })).toThrow(/6 elements/);
  });

  it('onnxruntime-web loads the encoded model and matches the reference', async () => {
    const w = makeMlp('m', [20, 12, 3], 11);
    const runner = await ortWebMlp(w, 4);
    const got = await runner.forward();
    await runner.dispose();
    const check = checkAgainstReference(got, referenceForward(w, makeInput(w, 4), 4));
    expect(check.ok).toBe(true);
  });

  it('onnxruntime-web computes the hand-checked tiny network exactly', async () => {
    const session = await createOrtSession(tiny, 2);
    const input = new ort.Tensor('float32', Float32Array.of(1, 1, 0, 2), [2, 2]);
    const out = (await session.run({ input }))['output'];
    await session.release();
    expect(out?.dims).toEqual([2, 1]);
    expect([...(out?.data as Float32Array)]).toEqual([6, 28]);
  });
});

describe('tfjs-wasm baseline', () => {
  it('matches the reference at batch > 1 (bias on every row)', async () => {
    const w = makeMlp('m', [24, 16, 4], 2);
    const runner = await tfjsWasmMlp(w, 5);
    expect(runner.config).toMatch(/simd\.wasm, threads=1/);
    const got = await runner.forward();
    await runner.dispose();
    expect(checkAgainstReference(got, referenceForward(w, makeInput(w, 5), 5)).ok).toBe(true);
  });

  it('refuses more than one thread under Node instead of silently running one', async () => {
    await expect(tfjsWasmMlp(tiny, 1, { threads: 4 })).rejects.toThrow(/single-threaded under Node/);
  });
});
