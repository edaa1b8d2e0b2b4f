// f32 dense part of the WASM kernel benchmark: the SIMD128 kernel f32_dense against a plain JS
// triple loop (Float32Array storage, f64 accumulation) on 784->512 and 784->2048 at batch 1
// and 64, in GFLOP/s (2 per multiply-add; bias not counted). Results are checked against an f64
// reference (normwise relative error <= 1e-4) before timing.
import Table from 'cli-table3';
import { instantiateKernels } from '../../targets/wasm/instantiate.ts';
import { emitKernelLibrary } from '../../targets/wasm/kernel-library.ts';
import { measure, rng } from './timing.ts';

const SHAPES = [
  [784, 512],
  [784, 2048],
] as const;
const BATCHES = [1, 64] as const;

function jsDense(w: Float32Array, bias: Float32Array, x: Float32Array, y: Float32Array, batch: number, inD: number, outD: number): void {
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < outD; o++) {
      let acc = bias[o]!;
      const wo = o * inD;
      const xo = b * inD;
      for (let i = 0; i < inD; i++) acc += w[wo + i]! * x[xo + i]!;
      y[b * outD + o] = acc;
    }
  }
}

function relError(got: Float32Array, ref: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    num = Math.max(num, Math.abs(got[i]! - ref[i]!));
    den = Math.max(den, Math.abs(ref[i]!));
  }
  return num / den;
}

/** Runs the dense benchmark; prints a table and returns the number of failed checks. */
export async function benchDense(budget: number): Promise<number> {
  const lib = emitKernelLibrary({ formats: [], optimize: { level: 3 } });
  const k = await instantiateKernels(lib.bytes, lib.heapBase);
  const dense = k.fn('f32_dense');
  const table = new Table({
    head: ['f32 dense', 'batch', 'WASM GFLOP/s fastest (median)', 'JS loop GFLOP/s fastest (median)', 'WASM / JS', 'rel err'],
    style: { head: [] },
  });
  let failures = 0;
  for (const [inD, outD] of SHAPES) {
    for (const batch of BATCHES) {
      k.reset();
      const r = rng(inD * 7 + outD + batch);
      const lim = 1 / Math.sqrt(inD);
      const w = Float32Array.from({ length: outD * inD }, () => (2 * r() - 1) * lim);
      const bias = Float32Array.from({ length: outD }, () => (2 * r() - 1) * lim);
      const x = Float32Array.from({ length: batch * inD }, () => r());
      const [pw, pb, px, py] = [k.alloc(4 * w.length), k.alloc(4 * outD), k.alloc(4 * x.length), k.alloc(4 * batch * outD)];
      k.f32().set(w, pw / 4);
      k.f32().set(bias, pb / 4);
      k.f32().set(x, px / 4);
      const ref = new Float64Array(batch * outD);
      for (let b = 0; b < batch; b++)
        for (let o = 0; o < outD; o++) {
          let acc = bias[o]!;
          for (let i = 0; i < inD; i++) acc += w[o * inD + i]! * x[b * inD + i]!;
          ref[b * outD + o] = acc;
        }
      dense(pw, pb, px, py, batch, inD, outD, 0);
      const err = relError(k.f32().slice(py / 4, py / 4 + batch * outD), ref);
      if (!(err <= 1e-4)) {
        failures++;
        console.error(`CHECK FAILED: f32_dense ${inD}->${outD} batch ${batch}: relative error ${err}`);
      }
      const flops = 2 * inD * outD * batch;
      const calls = (c: number): number => {
        for (let i = 0; i < c; i++) dense(pw, pb, px, py, batch, inD, outD, 0);
        return c;
      };
      const wasm = measure(calls, budget, 5, 1);
      const y = new Float32Array(batch * outD);
      const js = measure((c) => {
        for (let i = 0; i < c; i++) jsDense(w, bias, x, y, batch, inD, outD);
        return y[0]!;
      }, budget, 20, 1);
      const g = (r: number): number => (r * flops) / 1e3;
      table.push([
        `${inD}->${outD}`,
        batch,
        `${g(wasm.best).toFixed(1)} (${g(wasm.median).toFixed(1)})`,
        `${g(js.best).toFixed(2)} (${g(js.median).toFixed(2)})`,
        (wasm.best / js.best).toFixed(1),
        err.toExponential(1),
      ]);
    }
  }
  console.log('f32 dense kernel (f32_dense, SIMD128, 4 outputs x 2 rows register tiles), 1 thread');
  console.log(table.toString());
  console.log('reference points (not measured here): tfjs-wasm SIMD ~24 GFLOP/s on this CPU class; SIMD128 ceiling ~37');
  return failures;
}
