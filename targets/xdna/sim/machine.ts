// SimMachine: the discrete-event, cycle-approximate tile-grid machine. Threads run their flat
// code until they block on a FIFO lock or start timed work; a binary heap orders wake-ups and
// FIFO transfer completions, so the cost is O(events log events) and idle spans cost nothing.
// Functional kernels run at compute start on the real FIFO buffer bytes.
import type { Diagnostic } from '../../../ir/diagnostics.ts';
import { tileLabel, type SimTile } from './program.ts';
import type { GridDesc } from '../grid.ts';
import type { Instr, LinkedProgram } from './link.ts';
import type { SimKernel } from './kernel.ts';
import { EventHeap } from './heap.ts';
import { FifoState } from './fifo-state.ts';
import { ThreadContext } from './thread-context.ts';
import { explainStall, type BlockedOn } from './deadlock.ts';
import { Recorder } from './recorder.ts';
import type { SimResult } from './result.ts';
import { summarize } from './summary.ts';
import { SnapshotBook } from './snapshots.ts';

/** Run options. */
export interface SimOptions {
  /** Record the timeline (spans, instants, FIFO occupancy) for traces. */
  readonly trace?: boolean;
  /** Stop with E3311 after this many events (a guard for runaway programs). */
  readonly maxEvents?: number;
}

/** The machine; one instance runs one linked program once. */
export class SimMachine {
  private readonly heap = new EventHeap();
  private now = 0;
  private events = 0;
  private readonly nThreads: number;
  private readonly codes: (readonly Instr[])[];
  private readonly threadTile: Int32Array;
  private readonly pc: Int32Array;
  private readonly sp: Int32Array;
  private readonly counters: Int32Array[];
  private readonly done: Uint8Array;
  private readonly blockedSince: Float64Array;
  /** While a thread is blocked: the FIFO, side (-1 producer, else consumer index) and count it waits for. */
  private readonly blockedFifo: Int32Array;
  private readonly blockedSide: Int32Array;
  private readonly blockedCount: Int32Array;
  private readonly stall: Float64Array;
  private readonly pendingPublish: Int32Array;
  private readonly ctx: ThreadContext[];
  private readonly coreFreeAt: Float64Array;
  private readonly computeCycles: Float64Array;
  /** Snapshot version each thread computes with: adopted, or inherited from buffers it acquired. */
  private readonly version: Int32Array;
  /** Per thread, the FIFO consumer sides it uses (for the version-mix check). */
  private readonly consumes: { readonly fifo: number; readonly consumer: number }[][];
  private readonly fifos: FifoState[];
  private readonly streamCount: Float64Array;
  private readonly streamFirst: Float64Array;
  private readonly streamLast: Float64Array;
  private readonly snapshots: SnapshotBook;
  private readonly rec: Recorder;
  private versionMixes = 0;
  private failure: Diagnostic | undefined;

  constructor(
    private readonly lp: LinkedProgram,
    private readonly grid: GridDesc,
    private readonly options: SimOptions = {},
  ) {
    const nt = (this.nThreads = lp.threads.length);
    const tiles = lp.program.tiles;
    this.codes = lp.threads.map((t) => t.code);
    this.threadTile = Int32Array.from(lp.threads, (t) => t.tile);
    this.pc = new Int32Array(nt);
    this.sp = new Int32Array(nt);
    this.counters = lp.threads.map((t) => new Int32Array(Math.max(1, t.depth)));
    this.done = new Uint8Array(nt);
    this.blockedSince = new Float64Array(nt).fill(-1);
    this.blockedFifo = new Int32Array(nt).fill(-1);
    this.blockedSide = new Int32Array(nt);
    this.blockedCount = new Int32Array(nt);
    this.stall = new Float64Array(nt);
    this.pendingPublish = new Int32Array(nt).fill(-1);
    this.coreFreeAt = new Float64Array(tiles.length);
    this.computeCycles = new Float64Array(tiles.length);
    this.version = new Int32Array(nt).fill(-1);
    this.consumes = lp.threads.map((t) => consumedFifos(t.code));
    this.rec = new Recorder(lp, options.trace === true);
    this.fifos = lp.fifos.map((f, i) => new FifoState(f, i, this.rec));
    this.ctx = lp.threads.map((t, i) => new ThreadContext(lp, t, i, this.fifos, this.counters[i] as Int32Array));
    const ns = lp.streams.length;
    this.streamCount = new Float64Array(ns);
    this.streamFirst = new Float64Array(ns).fill(-1);
    this.streamLast = new Float64Array(ns).fill(-1);
    this.snapshots = new SnapshotBook(lp.snapshots);
  }

  /** Runs to completion, deadlock or failure; never throws on program errors. */
  run(): { result: SimResult; diagnostics: Diagnostic[] } {
    for (let t = 0; t < this.nThreads; t++) this.heap.push(0, t);
    const maxEvents = this.options.maxEvents ?? Number.POSITIVE_INFINITY;
    while (this.heap.size > 0 && this.failure === undefined) {
      const ev = this.heap.pop();
      this.now = this.heap.poppedTime;
      if (++this.events > maxEvents) {
        this.failure = { code: 'E3311', severity: 'error', message: `simulation of '${this.lp.program.name}' stopped after ${maxEvents} events`, hint: 'raise maxEvents or shorten the loops' };
        break;
      }
      if (ev < 0) this.transferDone(-1 - ev);
      else this.wake(ev);
    }
    const diagnostics: Diagnostic[] = [];
    if (this.failure) diagnostics.push(this.failure);
    else if (this.done.some((d) => d === 0)) {
      const blockedOf = (t: number): BlockedOn | undefined => {
        const fifo = this.blockedFifo[t] as number;
        return fifo < 0 ? undefined : { fifo, consumer: this.blockedSide[t] as number, count: this.blockedCount[t] as number };
      };
      diagnostics.push(...explainStall(this.lp, this.fifos, this.done, blockedOf));
    }
    return { result: this.result(diagnostics.length === 0), diagnostics };
  }

  private wake(th: number): void {
    const pub = this.pendingPublish[th] as number;
    if (pub >= 0) {
      this.pendingPublish[th] = -1;
      if (!this.commitPublish(th, pub)) return;
    }
    this.step(th);
  }

  /** Executes zero-time instructions until the thread blocks, sleeps or ends. */
  private step(th: number): void {
    const code = this.codes[th] as readonly Instr[];
    let pc = this.pc[th] as number;
    for (;;) {
      const ins = code[pc];
      if (ins === undefined) {
        this.done[th] = 1;
        this.pc[th] = pc;
        return;
      }
      switch (ins.kind) {
        case 'compute':
          this.pc[th] = pc + 1;
          this.compute(th, ins);
          return;
        case 'dma':
          this.pc[th] = pc + 1;
          this.dma(th, ins);
          return;
        case 'fill':
          if (!this.runKernel(th, ins.kernel, ins.label, this.now)) return;
          pc++;
          break;
        case 'copy':
          if (!this.copy(th, ins)) return;
          pc++;
          break;
        case 'acquire':
          if (!this.acquire(th, ins.fifo, ins.consumer, ins.count)) {
            this.pc[th] = pc;
            return;
          }
          pc++;
          break;
        case 'release':
          if (!this.release(th, ins.fifo, ins.consumer, ins.count)) return;
          pc++;
          break;
        case 'loop':
          if (ins.repeat === 0) pc = ins.end + 1;
          else {
            const depth = this.sp[th] as number;
            (this.counters[th] as Int32Array)[depth] = 0;
            this.sp[th] = depth + 1;
            pc++;
          }
          break;
        case 'end': {
          const ctr = this.counters[th] as Int32Array;
          const top = (this.sp[th] as number) - 1;
          const next = (ctr[top] as number) + 1;
          if (next < ins.repeat) {
            ctr[top] = next;
            pc = ins.begin + 1;
          } else {
            this.sp[th] = top;
            pc++;
          }
          break;
        }
        case 'mark':
          this.mark(th, ins.stream);
          pc++;
          break;
        case 'publish':
          this.pc[th] = pc + 1;
          this.publish(th, ins);
          return;
        case 'adopt':
          this.adopt(th, ins.snapshot);
          pc++;
          break;
      }
    }
  }

  private compute(th: number, ins: Instr & { kind: 'compute' }): void {
    const tile = this.threadTile[th] as number;
    const start = Math.max(this.now, this.coreFreeAt[tile] as number);
    const end = start + ins.cycles;
    this.coreFreeAt[tile] = end;
    this.computeCycles[tile] = (this.computeCycles[tile] as number) + ins.cycles;
    if (ins.kernel && !this.runKernel(th, ins.kernel, ins.label, start)) return;
    this.rec.span(th, ins.label, 'compute', start, end);
    this.heap.push(end, th);
  }

  /** Calls a functional kernel; a throw becomes the run's failure diagnostic. */
  private runKernel(th: number, kernel: SimKernel, label: string, cycle: number): boolean {
    const tile = this.threadTile[th] as number;
    const ctx = this.ctx[th] as ThreadContext;
    ctx.begin(cycle, this.sp[th] as number, this.version[th] as number);
    try {
      kernel(ctx);
      return true;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.failure = { code: 'E5001', severity: 'error', message: `kernel '${label}' failed on tile ${tileLabel(this.tile(tile))}: ${msg}` };
      return false;
    }
  }

  private dma(th: number, ins: Instr & { kind: 'dma' }): void {
    const end = this.now + ins.cycles;
    for (const x of ins.legs) this.rec.traffic(x.src, x.dst, x.bytes, this.now, end);
    this.rec.span(th, ins.label, 'dma', this.now, end);
    this.heap.push(end, th);
  }

  private copy(th: number, ins: Instr & { kind: 'copy' }): boolean {
    const src = this.fifos[ins.from] as FifoState;
    const dst = this.fifos[ins.to] as FifoState;
    const freed = src.freed[ins.consumer] as number;
    if (freed >= (src.taken[ins.consumer] as number) || dst.released >= dst.produced) {
      const tile = this.tile(this.threadTile[th] as number);
      this.failure = {
        code: 'E3308',
        severity: 'error',
        message: `tile ${tileLabel(tile)} copies from '${src.def.id}' to '${dst.def.id}' without holding a full and an empty buffer`,
        hint: 'acquire the source as consumer and the destination as producer before the copy',
      };
      return false;
    }
    const from = src.buffer(freed).u8;
    dst.buffer(dst.released).u8.set(ins.fromOffset === 0 && ins.bytes === from.length ? from : from.subarray(ins.fromOffset, ins.fromOffset + ins.bytes), ins.toOffset);
    return true;
  }

  private acquire(th: number, f: number, consumer: number, count: number): boolean {
    const fifo = this.fifos[f] as FifoState;
    const ok = consumer < 0 ? fifo.canProduce(count) : fifo.canConsume(consumer, count);
    if (!ok) {
      if (this.blockedSince[th]! < 0) this.blockedSince[th] = this.now;
      this.blockedFifo[th] = f;
      this.blockedSide[th] = consumer;
      this.blockedCount[th] = count;
      if (consumer < 0) fifo.producerWaiters.push(th);
      else fifo.consumerWaiters[consumer]?.push(th);
      return false;
    }
    const since = this.blockedSince[th] as number;
    if (since >= 0) {
      this.stall[th] = (this.stall[th] as number) + this.now - since;
      this.blockedSince[th] = -1;
      this.blockedFifo[th] = -1;
      if (this.now > since) this.rec.span(th, `wait ${consumer < 0 ? 'empty' : 'full'} ${fifo.def.id}`, 'stall', since, this.now);
    }
    if (consumer < 0) fifo.produceAcquire(count);
    else this.inheritVersion(th, fifo.consumeAcquire(consumer, count));
    return true;
  }

  private release(th: number, f: number, consumer: number, count: number): boolean {
    const fifo = this.fifos[f] as FifoState;
    const tile = this.threadTile[th] as number;
    const ok = consumer < 0 ? fifo.produceRelease(count, this.version[th] as number) : fifo.consumeRelease(consumer, count);
    if (!ok) {
      const held = consumer < 0 ? 'filled' : 'drained';
      this.failure = {
        code: 'E3308',
        severity: 'error',
        message: `tile ${tileLabel(this.tile(tile))} releases ${count} ${held} buffer(s) of fifo '${fifo.def.id}' it does not hold`,
        hint: 'every release must follow an acquire of at least as many buffers on the same side',
      };
      return false;
    }
    if (consumer < 0) this.startTransfers(fifo, count);
    else this.wakeProducers(fifo);
    this.rec.occupancy(fifo, this.now);
    return true;
  }

  private startTransfers(fifo: FifoState, count: number): void {
    if (fifo.def.transfer === 'shared') {
      fifo.transferred += count;
      this.wakeConsumers(fifo);
      return;
    }
    for (let k = 0; k < count; k++) {
      const start = Math.max(this.now, fifo.channelFreeAt);
      const end = start + fifo.linked.transferCycles;
      fifo.channelFreeAt = end;
      fifo.recordTransfer(this.now, start, end);
      this.heap.push(end, -1 - fifo.index);
    }
  }

  private transferDone(f: number): void {
    const fifo = this.fifos[f] as FifoState;
    fifo.transferred++;
    this.wakeConsumers(fifo);
  }

  /** Wakes the producer-side waiters once the buffers they asked for are free (no spurious retries). */
  private wakeProducers(fifo: FifoState): void {
    const ws = fifo.producerWaiters;
    if (ws.length === 0) return;
    let keep = 0;
    for (const w of ws) {
      if (fifo.canProduce(this.blockedCount[w] as number)) this.heap.push(this.now, w);
      else ws[keep++] = w;
    }
    while (ws.length > keep) ws.pop();
  }

  private wakeConsumers(fifo: FifoState): void {
    fifo.consumerWaiters.forEach((ws, c) => {
      if (ws.length === 0) return;
      let keep = 0;
      for (const w of ws) {
        if (fifo.canConsume(c, this.blockedCount[w] as number)) this.heap.push(this.now, w);
        else ws[keep++] = w;
      }
      while (ws.length > keep) ws.pop();
    });
  }

  private inheritVersion(th: number, version: number): void {
    if (version < 0 || version === this.version[th]) return;
    const tile = this.threadTile[th] as number;
    if (this.tile(tile).role === 'inference' && this.holdsOtherVersion(th, version)) this.versionMixes++;
    this.version[th] = version;
  }

  /** True when thread `th` holds a consumed buffer of a version other than `version`. */
  private holdsOtherVersion(th: number, version: number): boolean {
    for (const { fifo, consumer } of this.consumes[th] ?? []) {
      if (this.fifos[fifo]?.heldVersions(consumer).some((v) => v >= 0 && v !== version)) return true;
    }
    return false;
  }

  private mark(th: number, stream: number): void {
    this.streamCount[stream] = (this.streamCount[stream] as number) + 1;
    if (this.streamFirst[stream]! < 0) this.streamFirst[stream] = this.now;
    this.streamLast[stream] = this.now;
    this.rec.instant(th, this.lp.streams[stream] ?? '', this.now);
  }

  private publish(th: number, ins: Instr & { kind: 'publish' }): void {
    const end = this.now + ins.cycles;
    const name = this.lp.snapshots[ins.snapshot] ?? '';
    this.pendingPublish[th] = this.snapshots.begin(ins.snapshot, this.now);
    for (const x of ins.transfers) this.rec.traffic(x.src, x.dst, x.bytes, this.now, end);
    this.rec.span(th, `publish ${name}`, 'publish', this.now, end);
    this.heap.push(end, th);
  }

  private commitPublish(th: number, p: number): boolean {
    const version = this.snapshots.commit(p, this.now);
    const ins = this.codes[th]?.[(this.pc[th] as number) - 1];
    if (ins?.kind !== 'publish' || !ins.kernel) return true;
    const saved = this.version[th] as number;
    this.version[th] = version;
    const ok = this.runKernel(th, ins.kernel, `publish ${this.lp.snapshots[ins.snapshot] ?? ''}`, this.now);
    this.version[th] = saved;
    return ok;
  }

  private adopt(th: number, s: number): void {
    const { version, firstUse } = this.snapshots.adopt(s, this.now);
    this.version[th] = version;
    if (firstUse) this.rec.instant(th, `adopt ${this.lp.snapshots[s]} v${version}`, this.now);
  }

  private tile(i: number): SimTile {
    return this.lp.program.tiles[i] as SimTile;
  }

  private result(completed: boolean): SimResult {
    return summarize({
      lp: this.lp, grid: this.grid, completed, totalCycles: this.now, events: this.events,
      computeCycles: this.computeCycles, stall: this.stall, rec: this.rec, fifos: this.fifos,
      streamCount: this.streamCount, streamFirst: this.streamFirst, streamLast: this.streamLast,
      publications: this.snapshots.publications(), versionMixes: this.versionMixes,
    });
  }
}

/** The distinct (fifo, consumer) pairs a thread's code acquires as a consumer. */
function consumedFifos(code: readonly Instr[]): { fifo: number; consumer: number }[] {
  const out: { fifo: number; consumer: number }[] = [];
  for (const ins of code) {
    if (ins.kind === 'acquire' && ins.consumer >= 0 && !out.some((x) => x.fifo === ins.fifo)) out.push({ fifo: ins.fifo, consumer: ins.consumer });
  }
  return out;
}
