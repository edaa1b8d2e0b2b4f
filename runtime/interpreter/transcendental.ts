// The f64 formulas behind every transcendental op and tangent factor. In every format these are
// evaluated in f64 on the exactly converted inputs and the result is rounded once (DESIGN
// section 4); they are written out here, in one place, so the WASM, WebGPU-host and simulator
// paths can call the same expressions (spec/interpreter.md and spec/jvp.md quote them).
import type { ActivationFn, AnnealSchedule } from '../../ir/nodes.ts';

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_K = 0.044715;

/** Logistic sigmoid, `1 / (1 + exp(-z))`. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** An activation function in f64 (relu included, though posit kernels never need f64 for it). */
export function activation(fn: ActivationFn, x: number): number {
  switch (fn) {
    case 'relu':
      return x > 0 ? x : x === x ? 0 : x;
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return Math.tanh(x);
    case 'gelu':
      return 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x)));
  }
}

/** Derivative of an activation at x (relu: 1 for x > 0, else 0). */
export function activationDerivative(fn: ActivationFn, x: number): number {
  switch (fn) {
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'sigmoid': {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = Math.tanh(x);
      return 1 - t * t;
    }
    case 'gelu': {
      const t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
    }
  }
}

/** Temperature of an annealed gate at learning step k (< steps): geometric from `from` to `to`. */
export function annealTemperature(s: AnnealSchedule, k: number): number {
  return s.from * Math.pow(s.to / s.from, k / s.steps);
}

/** The annealed mask value `sigmoid((z - logit(t)) / T)`. */
export function annealMask(z: number, threshold: number, temperature: number): number {
  return sigmoid((z - Math.log(threshold / (1 - threshold))) / temperature);
}

/**
 * Row softmax in f64: p_k = exp(x_k - m) / S with m the row max and S the sum of the
 * exponentials in index order. Writes into `p`; NaN anywhere gives NaN everywhere.
 */
export function softmaxRow(x: ArrayLike<number>, p: Float64Array): void {
  let m = -Infinity;
  for (let k = 0; k < x.length; k++) m = Math.max(m, x[k]!);
  let s = 0;
  for (let k = 0; k < x.length; k++) {
    const e = Math.exp(x[k]! - m);
    p[k] = e;
    s += e;
  }
  for (let k = 0; k < x.length; k++) p[k] = p[k]! / s;
}

/** Cross-entropy of one row in f64: `m + log(Σ exp(z_k - m)) - z_t`, sums in index order. */
export function crossEntropyRow(z: ArrayLike<number>, t: number): number {
  let m = -Infinity;
  for (let k = 0; k < z.length; k++) m = Math.max(m, z[k]!);
  let s = 0;
  for (let k = 0; k < z.length; k++) s += Math.exp(z[k]! - m);
  return m + Math.log(s) - z[t]!;
}
