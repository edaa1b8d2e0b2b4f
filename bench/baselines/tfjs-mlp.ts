// The MLP as a TensorFlow.js program, shared by the tfjs-wasm and tfjs-webgpu baselines so both
// run the same ops: per layer one fused matMul + bias + relu, weights kept [in, out] the way
// tf.layers.dense keeps its kernel. Uploading happens once; each forward is input -> output.

import * as tf from '@tensorflow/tfjs-core';
import { inputDim } from './mlp.ts';
import type { MlpWorkload } from './mlp.ts';

/** One layer's parameters on the active tfjs backend. */
export interface TfLayerParams {
  readonly w: tf.Tensor2D;
  readonly b: tf.Tensor1D;
}

/**
 * Uploads the workload's parameters to the active backend. The [out, in] weights are
 * transposed once here rather than passed with transposeB: true, because tfjs-backend-wasm
 * 4.22's fused matMul with transposeB adds the bias to the first batch row only (rows 2.. come
 * out without bias), which gives wrong results for batch > 1.
 */
export function uploadParams(workload: MlpWorkload): TfLayerParams[] {
  return workload.layers.map((layer) => ({
    w: tf.tidy(() => tf.transpose(tf.tensor2d(layer.weight, [layer.outDim, layer.inDim]))),
    b: tf.tensor1d(layer.bias),
  }));
}

/** Releases uploaded parameters. */
export function disposeParams(params: readonly TfLayerParams[]): void {
  for (const p of params) {
    p.w.dispose();
    p.b.dispose();
  }
}

/** One forward pass on the active backend; the caller disposes the returned tensor. */
export function forwardTf(
  workload: MlpWorkload,
  params: readonly TfLayerParams[],
  input: Float32Array,
  batch: number,
): tf.Tensor {
  return tf.tidy(() => {
    let x: tf.Tensor = tf.tensor2d(input, [batch, inputDim(workload)]);
    params.forEach((p, l) => {
      const last = l === params.length - 1;
      x = tf.fused.matMul({ a: x, b: p.w, bias: p.b, activation: last ? 'linear' : 'relu' });
    });
    return x;
  });
}
