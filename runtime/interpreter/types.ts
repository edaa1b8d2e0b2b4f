// Host-side data types of the reference interpreter: f64 tensors going in and out, the
// parameter set, and the internal buffers values live in while a graph runs (f64/f32 values
// as Float64Array, posit/b-posit values as raw bit patterns in a Uint32Array).
// Shared by runtime/params.ts, runtime/learn and the run targets (runtime/targets-registry.ts).
import type { NumericFormat } from '../../ir/meta.ts';

/** A row-major tensor of f64 values (exact decodings of whatever format produced them). */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Trainable parameters by name (`<layer>.weight` `[out, in]`, `<layer>.bias` `[out]`), in f64. */
export type ParamSet = ReadonlyMap<string, Tensor>;

/** Graph inputs by Input/Label name. Labels hold class indices as f64 integers, shape `[B]`. */
export type InputSet = Readonly<Record<string, Tensor>>;

/** Storage of one value inside a run: decoded numbers (f64, f32) or raw patterns (posits). */
export type Buf = Float64Array | Uint32Array;

/** The formats the interpreter executes (every format a model may declare). */
export type { NumericFormat };
