// The transcendental rule of DESIGN §4 for posit formats: sigmoid, tanh, gelu, exp, softmax terms
// are computed in f64 from the exactly converted input and rounded once to the format. One helper
// so every target (reference interpreter, simulator, WASM host functions) applies it identically.
import type { PositOps } from './posit-ops.ts';

/**
 * Rounds fn(toF64(p)) once to the format. NaR in, or a NaN out, gives NaR. An f64 overflow
 * (+-Infinity from a finite input) stands for a real result beyond maxpos and saturates to
 * +-maxpos; an f64 result of exactly +-0 gives 0 (the f64 value is what gets rounded).
 */
export function viaF64(ops: PositOps, p: number, fn: (x: number) => number): number {
  if (ops.isNaR(p)) return p;
  const y = fn(ops.toF64(p));
  if (y === Infinity) return ops.spec.maxpos;
  if (y === -Infinity) return ops.neg(ops.spec.maxpos);
  return ops.fromF64(y);
}
