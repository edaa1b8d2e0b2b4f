// The f64 formulas behind every transcendental op and tangent factor. In every format these are
// evaluated in f64 on the exactly converted inputs and the result is rounded once (DESIGN
// section 4). They are built on runtime/numerics' deterministic elementary functions (spec/
// numerics.md 8), never on Math.exp and friends, so the WASM, WebGPU and simulator ports that
// replay the same operations get the same bits. spec/interpreter.md and spec/jvp.md quote them.
import type { ActivationFn, AnnealSchedule } from '../../ir/nodes.ts';
import { ELEMENTARY_CONSTANTS, exp, gelu, log, logSumExp, sigmoid, softmaxRow, tanh } from '../numerics/index.ts';

const C = ELEMENTARY_CONSTANTS.GELU_C;
const K = ELEMENTARY_CONSTANTS.GELU_K;

export { sigmoid, softmaxRow };

/** An activation function in f64 (relu included, though posit kernels never need f64 for it). */
export function activation(fn: ActivationFn, x: number): number {
  switch (fn) {
    case 'relu':
      return x > 0 ? x : x === x ? 0 : x;
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return tanh(x);
    case 'gelu':
      return gelu(x);
  }
}

/** Derivative of an activation at x (relu: 1 for x > 0, else 0), as spec/jvp.md 3 writes it. */
export function activationDerivative(fn: ActivationFn, x: number): number {
  switch (fn) {
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'sigmoid': {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = tanh(x);
      return 1 - t * t;
    }
    case 'gelu': {
      const t = tanh(C * (x + K * (x * x * x)));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * K * (x * x));
    }
  }
}

/** Temperature of an annealed gate at learning step k (< steps): from · exp(log(to/from) · k/steps). */
export function annealTemperature(s: AnnealSchedule, k: number): number {
  return s.from * exp(log(s.to / s.from) * (k / s.steps));
}

/** The annealed mask value `sigmoid((z - log(t / (1 - t))) / T)`. */
export function annealMask(z: number, threshold: number, temperature: number): number {
  return sigmoid((z - log(threshold / (1 - threshold))) / temperature);
}

/** Cross-entropy of one row in f64: `logSumExp(z) - z_t`. */
export function crossEntropyRow(z: ArrayLike<number>, t: number): number {
  return logSumExp(z) - z[t]!;
}
