// Bookkeeping beside the SimMachine's control flow: DMA bytes in and out per tile, the union of
// each tile's DMA activity (for memory- and shim-tile utilization), and, when tracing, the
// timeline of spans, instants and FIFO occupancy samples that targets/xdna/trace.ts renders.
import type { FifoState } from './fifo-state.ts';
import type { LinkedFifo, LinkedProgram } from './link.ts';
import type { SimSpan, SimTimeline } from './result.ts';

/**
 * Exact interval union of one tile's DMA activity, computed online. Every interval is added at
 * the current event time `now` with start >= now, and `now` never decreases; so an interval that
 * ended by `now` can be retired in start order, and only a few stay pending.
 */
class Intervals {
  /** Pending intervals in [head, tail), sorted by start; typed arrays keep the hot path allocation-free. */
  private starts = new Float64Array(16);
  private ends = new Float64Array(16);
  private head = 0;
  private tail = 0;
  private covered = Number.NEGATIVE_INFINITY;
  private sum = 0;

  add(now: number, start: number, end: number): void {
    if (end <= start) return;
    this.retire(now);
    if (this.tail === this.starts.length) this.makeRoom();
    // Insertion keeps the pending part sorted by start; it holds a handful of entries.
    const { starts, ends } = this;
    let i = this.tail++;
    while (i > this.head && (starts[i - 1] as number) > start) {
      starts[i] = starts[i - 1] as number;
      ends[i] = ends[i - 1] as number;
      i--;
    }
    starts[i] = start;
    ends[i] = end;
  }

  /** Retires, in start order, the pending intervals that ended by `upTo`. */
  retire(upTo: number): void {
    const { starts, ends } = this;
    let k = this.head;
    while (k < this.tail && (ends[k] as number) <= upTo) {
      const e = ends[k] as number;
      if (e > this.covered) {
        this.sum += e - Math.max(starts[k] as number, this.covered);
        this.covered = e;
      }
      k++;
    }
    this.head = k;
    if (k === this.tail) this.head = this.tail = 0;
  }

  total(): number {
    this.retire(Number.POSITIVE_INFINITY);
    return this.sum;
  }

  private makeRoom(): void {
    const n = this.tail - this.head;
    if (this.head > 0 && n < this.starts.length / 2) {
      this.starts.copyWithin(0, this.head, this.tail);
      this.ends.copyWithin(0, this.head, this.tail);
    } else {
      const s = new Float64Array(this.starts.length * 2);
      const e = new Float64Array(this.starts.length * 2);
      s.set(this.starts.subarray(this.head, this.tail));
      e.set(this.ends.subarray(this.head, this.tail));
      this.starts = s;
      this.ends = e;
    }
    this.head = 0;
    this.tail = n;
  }
}

/** Traffic counters and the optional timeline of one run. */
export class Recorder {
  readonly bytesIn: Float64Array;
  readonly bytesOut: Float64Array;
  private readonly dma: Intervals[];
  private readonly spans: SimSpan[] = [];
  private readonly instants: { lane: number; name: string; cycle: number }[] = [];
  private readonly counters: { fifo: string; tile: number; cycle: number; occupancy: number }[] = [];

  constructor(
    private readonly lp: LinkedProgram,
    readonly enabled: boolean,
  ) {
    const n = lp.program.tiles.length;
    this.bytesIn = new Float64Array(n);
    this.bytesOut = new Float64Array(n);
    this.dma = Array.from({ length: n }, () => new Intervals());
  }

  /** A transfer of `bytes` from tile `src` to `dst` (-1 = DDR) over [start, end]. */
  traffic(src: number, dst: number, bytes: number, start: number, end: number): void {
    if (src >= 0) {
      this.bytesOut[src] = (this.bytesOut[src] as number) + bytes;
      this.dma[src]?.add(start, start, end);
    }
    if (dst >= 0) {
      this.bytesIn[dst] = (this.bytesIn[dst] as number) + bytes;
      this.dma[dst]?.add(start, start, end);
    }
  }

  /** One FIFO buffer moving from the producer to every consumer (a broadcast leaves once). */
  fifoTransfer(f: LinkedFifo, index: number, now: number, start: number, end: number): void {
    const bytes = f.def.bufferBytes;
    this.bytesOut[f.producer] = (this.bytesOut[f.producer] as number) + bytes;
    this.dma[f.producer]?.add(now, start, end);
    for (const c of f.consumers) {
      this.bytesIn[c] = (this.bytesIn[c] as number) + bytes;
      this.dma[c]?.add(now, start, end);
    }
    if (this.enabled) this.spans.push({ lane: this.lp.threads.length + index, name: f.def.id, cat: 'transfer', start, end });
  }

  /** A timed activity of a thread lane. */
  span(lane: number, name: string, cat: SimSpan['cat'], start: number, end: number): void {
    if (this.enabled) this.spans.push({ lane, name, cat, start, end });
  }

  /** A point event of a thread lane (stream mark, adoption). */
  instant(lane: number, name: string, cycle: number): void {
    if (this.enabled) this.instants.push({ lane, name, cycle });
  }

  /** Samples a FIFO's occupancy. */
  occupancy(f: FifoState, cycle: number): void {
    if (this.enabled) this.counters.push({ fifo: f.def.id, tile: f.linked.producer, cycle, occupancy: f.occupancy() });
  }

  /** Cycles during which tile `t` had any DMA activity. */
  dmaUnion(t: number): number {
    return this.dma[t]?.total() ?? 0;
  }

  /** The recorded timeline, or undefined when tracing was off. */
  timeline(): SimTimeline | undefined {
    if (!this.enabled) return undefined;
    const lanes = [
      ...this.lp.threads.map((t) => ({ tile: t.tile, name: t.name })),
      ...this.lp.fifos.map((f) => ({ tile: f.producer, name: `dma ${f.def.id}` })),
    ];
    return { lanes, spans: this.spans, instants: this.instants, counters: this.counters };
  }
}
