// Reference point: the MLP as a plain JavaScript triple loop over Float32Array storage, no
// SIMD, no threads, no library. The JIT accumulates in f64 (JS numbers), and each layer's
// output is rounded to f32 when stored, like a naive hand-written kernel.

import { inputDim, makeInput, outputDim, timeSync } from './mlp.ts';
import type { BaselineRunner, MlpWorkload } from './mlp.ts';

/** Forward pass of the workload as nested loops; returns [batch, out]. */
export function jsLoopForward(workload: MlpWorkload, input: Float32Array, batch: number): Float32Array {
  let act = input;
  const layers = workload.layers;
  for (let l = 0; l < layers.length; l++) {
    const { inDim, outDim, weight, bias } = layers[l]!;
    const relu = l < layers.length - 1;
    const next = new Float32Array(batch * outDim);
    for (let b = 0; b < batch; b++) {
      const xo = b * inDim;
      for (let o = 0; o < outDim; o++) {
        const wo = o * inDim;
        let acc = bias[o]!;
        for (let i = 0; i < inDim; i++) acc += weight[wo + i]! * act[xo + i]!;
        next[b * outDim + o] = relu && acc < 0 ? 0 : acc;
      }
    }
    act = next;
  }
  return act;
}

/** Builds the plain-JS runner for the workload at one batch size. */
export function jsLoopMlp(workload: MlpWorkload, batch: number): BaselineRunner {
  const input = makeInput(workload, batch);
  if (input.length !== batch * inputDim(workload)) throw new Error('js-loop: bad input size');
  const forward = (): Float32Array => {
    const out = jsLoopForward(workload, input, batch);
    if (out.length !== batch * outputDim(workload)) throw new Error('js-loop: bad output size');
    return out;
  };
  return {
    name: 'js-loop',
    config: 'plain JS triple loop, Float32Array storage, f64 accumulation, 1 thread, no SIMD',
    forward,
    timeMs: (iters: number) => timeSync(iters, forward),
    dispose: () => undefined,
  };
}
