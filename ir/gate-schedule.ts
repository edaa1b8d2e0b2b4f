// Host-side scalars of annealed gates (spec/ir.md 2.1), defined once so the interpreter, the
// backends and the simulator agree bit for bit: each computes them on the host in f64 with
// these functions and hands the results to its kernels as runtime scalars.
import type { AnnealSchedule } from './nodes.ts';

/** Temperature at learning step `step`, or undefined once the gate has become hard (step >= steps). */
export function annealTemperature(s: AnnealSchedule, step: number): number | undefined {
  if (step >= s.steps) return undefined;
  const k = Math.max(0, step);
  return s.from * Math.pow(s.to / s.from, k / s.steps);
}

/** `logit(threshold)`: the logit at which an annealed gate is one half. */
export function gateCenter(threshold: number): number {
  return Math.log(threshold / (1 - threshold));
}

/** The annealed mask value in f64 (before the single rounding to the model's format). */
export function annealedMask(z: number, threshold: number, temperature: number): number {
  return 1 / (1 + Math.exp(-(z - gateCenter(threshold)) / temperature));
}
