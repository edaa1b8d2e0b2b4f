// Functional kernels of the simulator: a compute task names a kernel, and the machine calls it
// when the task starts with a context that exposes the FIFO buffers the tile holds (real bytes
// that flow producer -> consumer), the loop counters and the snapshot version in use.
import type { SimTile } from './program.ts';

/** One FIFO buffer's bytes, with typed views made once and reused. */
export class SimBuffer {
  private f64v: Float64Array | undefined;
  private f32v: Float32Array | undefined;
  private u32v: Uint32Array | undefined;
  private u16v: Uint16Array | undefined;
  private u8v: Uint8Array | undefined;

  constructor(readonly bytes: ArrayBuffer) {}

  /** The buffer as f64 values (floor(bytes / 8) of them). */
  get f64(): Float64Array {
    return (this.f64v ??= new Float64Array(this.bytes, 0, this.bytes.byteLength >>> 3));
  }
  /** The buffer as f32 values. */
  get f32(): Float32Array {
    return (this.f32v ??= new Float32Array(this.bytes, 0, this.bytes.byteLength >>> 2));
  }
  /** The buffer as 32-bit patterns (posit32 / bposit32 words). */
  get u32(): Uint32Array {
    return (this.u32v ??= new Uint32Array(this.bytes, 0, this.bytes.byteLength >>> 2));
  }
  /** The buffer as 16-bit patterns (posit16 / bposit16 words). */
  get u16(): Uint16Array {
    return (this.u16v ??= new Uint16Array(this.bytes, 0, this.bytes.byteLength >>> 1));
  }
  /** The buffer as bytes (posit8 words). */
  get u8(): Uint8Array {
    return (this.u8v ??= new Uint8Array(this.bytes));
  }
}

/** What a kernel sees while its compute task starts. */
export interface KernelContext {
  readonly tile: SimTile;
  readonly thread: string;
  /** Current cycle (the task's start). */
  readonly cycle: number;
  /** Snapshot version this thread computes with: adopted, or inherited from the last buffer it acquired; -1 if none. */
  readonly version: number;
  /** Loop counter at nesting `level` (0 = outermost); by default the innermost. */
  iteration(level?: number): number;
  /** The `index`-th oldest full buffer this tile holds as a consumer of `fifo`. */
  input(fifo: string, index?: number): SimBuffer;
  /** The `index`-th oldest empty buffer this tile holds as the producer of `fifo`. */
  output(fifo: string, index?: number): SimBuffer;
}

/** A functional kernel: computes real values into the output buffers it holds. */
export type SimKernel = (ctx: KernelContext) => void;

/** Thrown by a context accessor when a kernel asks for a buffer its tile does not hold. */
export class KernelAccessError extends Error {}
