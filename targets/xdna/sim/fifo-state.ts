// Run-time state of one object FIFO in the SimMachine: monotone counters of buffers acquired,
// released and transferred on each side (AIE lock semantics: in-order ring of `depth` buffers),
// the waiting threads, the real buffer bytes (made on first use) and their snapshot versions.
import { SimBuffer } from './kernel.ts';
import type { LinkedFifo } from './link.ts';
import type { SimFifo } from './program.ts';
import type { Recorder } from './recorder.ts';
import type { SimFifoStats } from './result.ts';

/** One FIFO's counters; buffer k of the stream lives in ring slot k % depth. */
export class FifoState {
  /** Buffers the producer acquired / released so far. */
  produced = 0;
  released = 0;
  /** Buffers that reached the consumers (transfer done). */
  transferred = 0;
  /** Per consumer: buffers acquired / released. */
  readonly taken: number[];
  readonly freed: number[];
  /** When the FIFO's DMA channel is free for the next buffer. */
  channelFreeAt = 0;
  readonly producerWaiters: number[] = [];
  readonly consumerWaiters: number[][];
  private readonly slots: (SimBuffer | undefined)[];
  private readonly slotVersion: Int32Array;
  private maxOccupancy = 0;

  constructor(
    readonly linked: LinkedFifo,
    readonly index: number,
    private readonly rec: Recorder,
  ) {
    const n = linked.consumers.length;
    this.taken = new Array<number>(n).fill(0);
    this.freed = new Array<number>(n).fill(0);
    this.consumerWaiters = Array.from({ length: n }, () => []);
    this.slots = new Array<SimBuffer | undefined>(linked.def.depth).fill(undefined);
    this.slotVersion = new Int32Array(linked.def.depth).fill(-1);
  }

  /** The FIFO's definition. */
  get def(): SimFifo {
    return this.linked.def;
  }

  /** Buffers every consumer has given back: the producer may run `depth` ahead of this. */
  minFreed(): number {
    let m = Number.POSITIVE_INFINITY;
    for (const f of this.freed) if (f < m) m = f;
    return m;
  }

  /** Buffers not free for the producer (held, in flight, full or being read). */
  occupancy(): number {
    return this.released - this.minFreed();
  }

  /** True when the producer can take `n` empty buffers now. */
  canProduce(n: number): boolean {
    return this.produced + n - this.minFreed() <= this.def.depth;
  }

  /** True when consumer `c` can take `n` full buffers now. */
  canConsume(c: number, n: number): boolean {
    return (this.taken[c] as number) + n <= this.transferred;
  }

  /** The producer takes `n` empty buffers. */
  produceAcquire(n: number): void {
    this.produced += n;
  }

  /** Consumer `c` takes `n` full buffers; returns the snapshot version of the newest one. */
  consumeAcquire(c: number, n: number): number {
    const first = this.taken[c] as number;
    this.taken[c] = first + n;
    return n > 0 ? (this.slotVersion[(first + n - 1) % this.def.depth] as number) : -1;
  }

  /** The producer hands `n` filled buffers on, tagged with `version`; false if it holds fewer. */
  produceRelease(n: number, version: number): boolean {
    if (this.released + n > this.produced) return false;
    for (let k = 0; k < n; k++) this.slotVersion[(this.released + k) % this.def.depth] = version;
    this.released += n;
    const occ = this.occupancy();
    if (occ > this.maxOccupancy) this.maxOccupancy = occ;
    return true;
  }

  /** Consumer `c` gives back `n` drained buffers; false if it holds fewer. */
  consumeRelease(c: number, n: number): boolean {
    const freed = this.freed[c] as number;
    if (freed + n > (this.taken[c] as number)) return false;
    this.freed[c] = freed + n;
    return true;
  }

  /** Snapshot versions of the buffers consumer `c` holds. */
  heldVersions(c: number): number[] {
    const out: number[] = [];
    for (let k = this.freed[c] as number; k < (this.taken[c] as number); k++) out.push(this.slotVersion[k % this.def.depth] as number);
    return out;
  }

  /** The bytes of stream buffer number `k` (allocated on first use). */
  buffer(k: number): SimBuffer {
    const slot = k % this.def.depth;
    let b = this.slots[slot];
    if (b === undefined) {
      b = new SimBuffer(new ArrayBuffer(this.def.bufferBytes));
      this.slots[slot] = b;
    }
    return b;
  }

  /** Books one buffer's DMA transfer over [start, end], issued at `now`. */
  recordTransfer(now: number, start: number, end: number): void {
    this.rec.fifoTransfer(this.linked, this.index, now, start, end);
  }

  /** Counters for the result. */
  stats(): SimFifoStats {
    return { id: this.def.id, buffers: this.released, bytes: this.released * this.def.bufferBytes, maxOccupancy: this.maxOccupancy };
  }
}
