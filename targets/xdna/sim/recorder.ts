// Bookkeeping beside the SimMachine's control flow: DMA bytes in and out per tile, the union of
// each tile's DMA activity (for memory- and shim-tile utilization), and, when tracing, the
// timeline of spans, instants and FIFO occupancy samples that targets/xdna/trace.ts renders.
import type { FifoState } from './fifo-state.ts';
import type { LinkedFifo, LinkedProgram } from './link.ts';
import type { SimSpan, SimTimeline } from './result.ts';

/** Interval union of one tile's DMA activity, merged as intervals arrive. */
class Intervals {
  private readonly pairs: number[] = [];
  private sorted = true;

  add(start: number, end: number): void {
    const n = this.pairs.length;
    if (end <= start) return;
    if (n === 0 || start > (this.pairs[n - 1] as number)) this.pairs.push(start, end);
    else if (start >= (this.pairs[n - 2] as number)) this.pairs[n - 1] = Math.max(this.pairs[n - 1] as number, end);
    else {
      this.pairs.push(start, end);
      this.sorted = false;
    }
  }

  total(): number {
    const idx: number[] = [];
    for (let i = 0; i < this.pairs.length; i += 2) idx.push(i);
    if (!this.sorted) idx.sort((a, b) => (this.pairs[a] as number) - (this.pairs[b] as number));
    let sum = 0;
    let curS = Number.NEGATIVE_INFINITY;
    let curE = Number.NEGATIVE_INFINITY;
    for (const i of idx) {
      const s = this.pairs[i] as number;
      const e = this.pairs[i + 1] as number;
      if (s > curE) {
        if (curE > curS) sum += curE - curS;
        curS = s;
        curE = e;
      } else if (e > curE) curE = e;
    }
    if (curE > curS) sum += curE - curS;
    return sum;
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
      this.dma[src]?.add(start, end);
    }
    if (dst >= 0) {
      this.bytesIn[dst] = (this.bytesIn[dst] as number) + bytes;
      this.dma[dst]?.add(start, end);
    }
  }

  /** One FIFO buffer moving from the producer to every consumer (a broadcast leaves once). */
  fifoTransfer(f: LinkedFifo, index: number, start: number, end: number): void {
    const bytes = f.def.bufferBytes;
    this.bytesOut[f.producer] = (this.bytesOut[f.producer] as number) + bytes;
    this.dma[f.producer]?.add(start, end);
    for (const c of f.consumers) {
      this.bytesIn[c] = (this.bytesIn[c] as number) + bytes;
      this.dma[c]?.add(start, end);
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
