// The KernelContext a thread hands to functional kernels: one reusable object per thread that
// maps FIFO names to the buffers the thread's tile holds right now, and exposes loop counters
// and the snapshot version. A request for a buffer the tile does not hold throws
// KernelAccessError, which the machine turns into a diagnostic.
import { KernelAccessError, type KernelContext, type SimBuffer } from './kernel.ts';
import type { FifoState } from './fifo-state.ts';
import type { LinkedProgram, LinkedThread } from './link.ts';
import type { SimTile } from './program.ts';

/** Per-thread kernel context; `begin` refreshes it before each kernel call. */
export class ThreadContext implements KernelContext {
  readonly tile: SimTile;
  readonly thread: string;
  cycle = 0;
  version = -1;
  private depth = 0;

  constructor(
    private readonly lp: LinkedProgram,
    private readonly lt: LinkedThread,
    readonly index: number,
    private readonly fifos: readonly FifoState[],
    private readonly counters: Int32Array,
  ) {
    this.tile = lp.program.tiles[lt.tile] as SimTile;
    this.thread = lt.name;
  }

  /** Sets the call's cycle, loop depth and version. */
  begin(cycle: number, depth: number, version: number): void {
    this.cycle = cycle;
    this.depth = depth;
    this.version = version;
  }

  /** Loop counter at `level` (0 = outermost), default innermost; 0 outside loops. */
  iteration(level?: number): number {
    const l = level ?? this.depth - 1;
    return l >= 0 && l < this.depth ? (this.counters[l] as number) : 0;
  }

  /** The `index`-th oldest full buffer held as consumer of `fifo`. */
  input(fifo: string, index = 0): SimBuffer {
    const f = this.find(fifo);
    const c = f.linked.consumers.indexOf(this.lt.tile);
    if (c < 0) throw new KernelAccessError(`tile '${this.tile.id}' does not consume fifo '${fifo}'`);
    const first = f.freed[c] as number;
    if (index < 0 || first + index >= (f.taken[c] as number)) throw new KernelAccessError(`tile '${this.tile.id}' holds no full buffer #${index} of fifo '${fifo}'`);
    return f.buffer(first + index);
  }

  /** The `index`-th oldest empty buffer held as producer of `fifo`. */
  output(fifo: string, index = 0): SimBuffer {
    const f = this.find(fifo);
    if (f.linked.producer !== this.lt.tile) throw new KernelAccessError(`tile '${this.tile.id}' does not produce fifo '${fifo}'`);
    if (index < 0 || f.released + index >= f.produced) throw new KernelAccessError(`tile '${this.tile.id}' holds no empty buffer #${index} of fifo '${fifo}'`);
    return f.buffer(f.released + index);
  }

  private find(name: string): FifoState {
    const i = this.lp.fifoIndex.get(name);
    const f = i === undefined ? undefined : this.fifos[i];
    if (f === undefined) throw new KernelAccessError(`unknown fifo '${name}'`);
    return f;
  }
}
