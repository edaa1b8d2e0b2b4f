// Links a SimProgram for the machine: resolves tile and FIFO names to indices, flattens loops
// into begin/end jumps, prices every compute and DMA task once with the cost model, and binds
// kernels. Reference and value errors become E3303/E3309/E3310 diagnostics, unroutable routes
// E3304; nothing throws.
import type { Diagnostic } from '../../../ir/diagnostics.ts';
import type { DiagCode } from '../../../ir/diagnostic-codes.ts';
import { ARITH_FORMATS, type GridDesc } from '../grid.ts';
import { computeCycles, transferCycles } from './cost.ts';
import { DDR, tileLabel, type SimFifo, type SimProgram, type SimTask, type SimTile } from './program.ts';
import type { SimKernel } from './kernel.ts';
import { endName, hopRate, ROUTE_HINT, sharedProblem } from './route-rules.ts';

/** Formats the grid prices. */
const KNOWN_FORMATS: readonly string[] = [...ARITH_FORMATS, 'int8', 'bf16'];

/** One flattened instruction of a linked thread. */
export type Instr =
  | { readonly kind: 'compute'; readonly cycles: number; readonly kernel: SimKernel | undefined; readonly label: string }
  | { readonly kind: 'dma'; readonly cycles: number; readonly legs: readonly LinkedTransfer[]; readonly label: string }
  | { readonly kind: 'fill'; readonly kernel: SimKernel; readonly label: string }
  | { readonly kind: 'copy'; readonly from: number; readonly consumer: number; readonly to: number; readonly bytes: number; readonly fromOffset: number; readonly toOffset: number }
  | { readonly kind: 'acquire'; readonly fifo: number; readonly consumer: number; readonly count: number }
  | { readonly kind: 'release'; readonly fifo: number; readonly consumer: number; readonly count: number }
  | { readonly kind: 'loop'; readonly repeat: number; end: number }
  | { readonly kind: 'end'; readonly begin: number; readonly repeat: number }
  | { readonly kind: 'mark'; readonly stream: number }
  | { readonly kind: 'publish'; readonly snapshot: number; readonly cycles: number; readonly transfers: readonly LinkedTransfer[]; readonly kernel: SimKernel | undefined }
  | { readonly kind: 'adopt'; readonly snapshot: number };

/**
 * A DMA leg for byte accounting: `bytes` leave tile `src` and land in tile `dst` (-1 = DDR).
 * A route from DDR is two legs, DDR -> shim and shim -> destination: the shim's DMA does both.
 */
export interface LinkedTransfer {
  readonly bytes: number;
  readonly src: number;
  readonly dst: number;
}

/** A thread ready to run: its tile index, name and flat code. */
export interface LinkedThread {
  readonly tile: number;
  readonly name: string;
  readonly code: readonly Instr[];
  /** Deepest loop nesting, to size the counter stack. */
  readonly depth: number;
}

/** A FIFO with resolved endpoints and its per-buffer transfer time. */
export interface LinkedFifo {
  readonly def: SimFifo;
  readonly producer: number;
  readonly consumers: readonly number[];
  readonly transferCycles: number;
}

/** The linked program: everything by index. */
export interface LinkedProgram {
  readonly program: SimProgram;
  readonly threads: readonly LinkedThread[];
  readonly fifos: readonly LinkedFifo[];
  readonly streams: readonly string[];
  readonly snapshots: readonly string[];
  readonly tileIndex: ReadonlyMap<string, number>;
  readonly fifoIndex: ReadonlyMap<string, number>;
}

class Linker {
  readonly diags: Diagnostic[] = [];
  readonly tileIndex = new Map<string, number>();
  readonly fifoIndex = new Map<string, number>();
  readonly streams: string[] = [];
  readonly snapshots: string[] = [];

  constructor(
    readonly program: SimProgram,
    readonly grid: GridDesc,
    /** null: timing only (no kernels, fills or copies run). */
    readonly kernels: ReadonlyMap<string, SimKernel> | null,
  ) {}

  err(code: DiagCode, message: string, where: { readonly span?: SimTile['span'] } | undefined, hint?: string): void {
    const span = where?.span;
    this.diags.push({ code, severity: 'error', message, ...(span ? { span } : {}), ...(hint ? { hint } : {}) });
  }

  kernel(name: string | undefined): SimKernel | undefined {
    return name === undefined || !this.kernels ? undefined : this.kernels.get(name);
  }

  intern(list: string[], name: string): number {
    const i = list.indexOf(name);
    if (i >= 0) return i;
    list.push(name);
    return list.length - 1;
  }

  /** Resolves a route's tile ids (-1 = DDR) and prices `bytes` on it; undefined after reporting. */
  route(ids: readonly string[], bytes: number, owner: { readonly span?: SimTile['span'] }, what: string): { ix: number[]; cycles: number } | undefined {
    if (ids.length < 2) {
      this.err('E3303', `${what} has a route of ${ids.length} tile(s)`, owner, 'a route lists the source first and the destination last');
      return undefined;
    }
    const ix: number[] = [];
    for (const id of ids) {
      const i = id === DDR ? -1 : this.tileIndex.get(id);
      if (i === undefined) {
        this.err('E3303', `${what} routes through unknown tile '${id}'`, owner);
        return undefined;
      }
      ix.push(i);
    }
    let slowest = Number.POSITIVE_INFINITY;
    for (let k = 1; k < ix.length; k++) {
      const rate = hopRate(this.grid, this.program.tiles, ix[k - 1] as number, ix[k] as number);
      if (typeof rate === 'string') {
        this.err('E3304', `${what}: no link ${endName(this.program.tiles, ix[k - 1] as number)} -> ${endName(this.program.tiles, ix[k] as number)}: ${rate}`, owner, ROUTE_HINT);
        return undefined;
      }
      slowest = Math.min(slowest, rate);
    }
    const cycles = transferCycles(this.grid, bytes, ix.length - 1, slowest);
    return { ix, cycles };
  }

  nonNegInt(v: number, what: string, owner: SimTile): boolean {
    if (Number.isInteger(v) && v >= 0) return true;
    this.err('E3303', `${what} on tile ${tileLabel(owner)} must be a non-negative integer, got ${v}`, owner);
    return false;
  }

  fifoRef(name: string, side: 'produce' | 'consume', count: number, tileIx: number, tile: SimTile): { fifo: number; consumer: number } | undefined {
    const f = this.fifoIndex.get(name);
    const def = f === undefined ? undefined : this.program.fifos[f];
    if (f === undefined || def === undefined) {
      this.err('E3303', `tile ${tileLabel(tile)} uses unknown fifo '${name}'`, tile);
      return undefined;
    }
    if (count > def.depth) {
      this.err('E3303', `tile ${tileLabel(tile)} acquires ${count} buffers of fifo '${name}' of depth ${def.depth}`, tile, 'an acquire can never take more buffers than the fifo has');
      return undefined;
    }
    if (side === 'produce') {
      if (this.tileIndex.get(def.producer) === tileIx) return { fifo: f, consumer: -1 };
      this.err('E3303', `tile ${tileLabel(tile)} produces into fifo '${name}' whose producer is '${def.producer}'`, tile);
      return undefined;
    }
    const c = def.consumers.indexOf(tile.id);
    if (c >= 0) return { fifo: f, consumer: c };
    this.err('E3303', `tile ${tileLabel(tile)} consumes from fifo '${name}' but is not one of its consumers`, tile);
    return undefined;
  }

  tasks(tasks: readonly SimTask[], tileIx: number, tile: SimTile, out: Instr[], depth: number): number {
    let deepest = depth;
    for (const t of tasks) deepest = Math.max(deepest, this.task(t, tileIx, tile, out, depth));
    return deepest;
  }

  task(t: SimTask, tileIx: number, tile: SimTile, out: Instr[], depth: number): number {
    switch (t.kind) {
      case 'compute':
        this.compute(t, tile, out);
        return depth;
      case 'dma': {
        if (!this.nonNegInt(t.bytes, 'dma bytes', tile)) return depth;
        const r = this.route(t.route, t.bytes, tile, `dma on tile ${tileLabel(tile)}`);
        if (!r) return depth;
        const { ix, cycles } = r;
        out.push(instr({ kind: 'dma', cycles, legs: legsOf(ix, t.bytes), label: t.label ?? `dma ${t.bytes} B` }));
        return depth;
      }
      case 'copy':
        this.copy(t, tileIx, tile, out);
        return depth;
      case 'fill': {
        const kernel = this.kernel(t.kernel);
        if (tile.kind === 'compute') this.err('E3303', `fill on compute tile ${tileLabel(tile)}: compute tiles produce data with compute tasks`, tile);
        else if (!this.kernels) return depth;
        else if (kernel === undefined) this.err('E3309', `no functional kernel named '${t.kernel}' is registered (fill on tile ${tileLabel(tile)})`, tile);
        else out.push(instr({ kind: 'fill', kernel, label: t.kernel }));
        return depth;
      }
      case 'acquire':
      case 'release': {
        const count = t.count ?? 1;
        if (!this.nonNegInt(count, `${t.kind} count`, tile)) return depth;
        const ref = this.fifoRef(t.fifo, t.side, count, tileIx, tile);
        if (!ref) return depth;
        out.push(instr({ kind: t.kind, fifo: ref.fifo, consumer: ref.consumer, count }));
        return depth;
      }
      case 'loop': {
        if (!this.nonNegInt(t.repeat, 'loop repeat', tile)) return depth;
        const begin = out.length;
        const loop = instr({ kind: 'loop', repeat: t.repeat, end: -1 });
        out.push(loop);
        const deepest = this.tasks(t.body, tileIx, tile, out, depth + 1);
        loop.end = out.length;
        out.push(instr({ kind: 'end', begin, repeat: t.repeat }));
        return deepest;
      }
      case 'mark':
        out.push(instr({ kind: 'mark', stream: this.intern(this.streams, t.stream) }));
        return depth;
      case 'publish':
        this.publish(t, tile, out);
        return depth;
      case 'adopt':
        out.push(instr({ kind: 'adopt', snapshot: this.intern(this.snapshots, t.snapshot) }));
        return depth;
    }
  }

  compute(t: SimTask & { kind: 'compute' }, tile: SimTile, out: Instr[]): void {
    const ops = t.ops ?? 0;
    const dots = t.dots ?? 0;
    const okCounts = this.nonNegInt(t.macs, 'compute macs', tile) && this.nonNegInt(ops, 'compute ops', tile) && this.nonNegInt(dots, 'compute dots', tile);
    if (!okCounts) return;
    if (!KNOWN_FORMATS.includes(t.format)) {
      this.err('E3310', `the cost model has no rate for format '${String(t.format)}' (compute on tile ${tileLabel(tile)})`, tile, `formats: ${KNOWN_FORMATS.join(', ')}`);
      return;
    }
    const kernel = this.kernel(t.kernel);
    if (t.kernel !== undefined && kernel === undefined && this.kernels) {
      this.err('E3309', `no functional kernel named '${t.kernel}' is registered (compute on tile ${tileLabel(tile)})`, tile);
      return;
    }
    const cycles = computeCycles(this.grid, t.format, t.macs, ops, dots);
    out.push(instr({ kind: 'compute', cycles, kernel, label: t.label ?? t.kernel ?? `${t.format} x${t.macs}` }));
  }

  publish(t: SimTask & { kind: 'publish' }, tile: SimTile, out: Instr[]): void {
    const transfers: LinkedTransfer[] = [];
    let cycles = 0;
    for (const x of t.transfers) {
      if (!this.nonNegInt(x.bytes, 'publish bytes', tile)) return;
      const r = this.route(x.route, x.bytes, tile, `publish on tile ${tileLabel(tile)}`);
      if (!r) return;
      transfers.push(...legsOf(r.ix, x.bytes));
      cycles = Math.max(cycles, r.cycles);
    }
    const kernel = this.kernel(t.kernel);
    if (t.kernel !== undefined && kernel === undefined && this.kernels) {
      this.err('E3309', `no functional kernel named '${t.kernel}' is registered (publish on tile ${tileLabel(tile)})`, tile);
      return;
    }
    out.push(instr({ kind: 'publish', snapshot: this.intern(this.snapshots, t.snapshot), cycles, transfers, kernel }));
  }

  copy(t: SimTask & { kind: 'copy' }, tileIx: number, tile: SimTile, out: Instr[]): void {
    const src = this.fifoRef(t.from, 'consume', 1, tileIx, tile);
    const dst = this.fifoRef(t.to, 'produce', 1, tileIx, tile);
    if (!src || !dst) return;
    const srcBytes = this.program.fifos[src.fifo]?.bufferBytes ?? 0;
    const dstBytes = this.program.fifos[dst.fifo]?.bufferBytes ?? 0;
    const fromOffset = t.fromOffset ?? 0;
    const toOffset = t.toOffset ?? 0;
    const bytes = t.bytes ?? srcBytes - fromOffset;
    if (![fromOffset, toOffset, bytes].every((v) => this.nonNegInt(v, 'copy offset/bytes', tile))) return;
    if (fromOffset + bytes > srcBytes || toOffset + bytes > dstBytes) {
      this.err('E3303', `copy on tile ${tileLabel(tile)} of ${bytes} B from '${t.from}'+${fromOffset} to '${t.to}'+${toOffset} overruns a buffer (${srcBytes} B, ${dstBytes} B)`, tile);
      return;
    }
    if (this.kernels) out.push(instr({ kind: 'copy', from: src.fifo, consumer: src.consumer, to: dst.fifo, bytes, fromOffset, toOffset }));
  }

  fifo(def: SimFifo): LinkedFifo | undefined {
    const where = `fifo '${def.id}'`;
    const producer = this.tileIndex.get(def.producer);
    const consumers = def.consumers.map((c) => this.tileIndex.get(c));
    if (producer === undefined || consumers.some((c) => c === undefined) || consumers.length === 0) {
      this.err('E3303', `${where} names an unknown producer or consumer tile, or has no consumer`, def);
      return undefined;
    }
    if (!Number.isInteger(def.depth) || def.depth < 1 || !Number.isInteger(def.bufferBytes) || def.bufferBytes < 0) {
      this.err('E3303', `${where} needs an integer depth >= 1 and bufferBytes >= 0 (got ${def.depth}, ${def.bufferBytes})`, def);
      return undefined;
    }
    if (def.routes !== undefined && def.routes.length !== def.consumers.length) {
      this.err('E3303', `${where} has ${def.routes.length} routes for ${def.consumers.length} consumers`, def);
      return undefined;
    }
    let transferCycles = 0;
    for (let c = 0; c < def.consumers.length; c++) {
      const cons = def.consumers[c] ?? '';
      if (def.transfer === 'shared') {
        const why = producer === consumers[c] ? undefined : sharedProblem(this.grid, this.program.tiles, producer, consumers[c] as number);
        if (why !== undefined) {
          this.err('E3304', `${where}: '${def.producer}' and '${cons}' cannot share memory: ${why}`, def, 'use transfer "dma" or place the tiles next to each other');
          return undefined;
        }
        continue;
      }
      const ids = def.routes?.[c] ?? [def.producer, cons];
      if (ids[0] !== def.producer || ids[ids.length - 1] !== cons) {
        this.err('E3303', `${where}: route ${c} must run from '${def.producer}' to '${cons}'`, def);
        return undefined;
      }
      const r = this.route(ids, def.bufferBytes, def, where);
      if (!r) return undefined;
      transferCycles = Math.max(transferCycles, r.cycles);
    }
    return { def, producer, consumers: consumers as number[], transferCycles };
  }
}

/** Links a program (kernels null: timing only); on any error returns the diagnostics instead. */
export function linkProgram(
  program: SimProgram,
  grid: GridDesc,
  kernels: ReadonlyMap<string, SimKernel> | null = new Map(),
): { ok: true; linked: LinkedProgram } | { ok: false; diagnostics: Diagnostic[] } {
  const lk = new Linker(program, grid, kernels);
  const seenPos = new Map<string, string>();
  program.tiles.forEach((t, i) => {
    const pos = `${t.col},${t.row}`;
    if (lk.tileIndex.has(t.id)) lk.err('E3303', `duplicate tile id '${t.id}'`, t);
    else if (seenPos.has(pos)) lk.err('E3303', `tiles '${seenPos.get(pos)}' and '${t.id}' both sit at ${tileLabel(t)}`, t);
    lk.tileIndex.set(t.id, i);
    seenPos.set(pos, t.id);
  });
  program.fifos.forEach((f, i) => {
    if (lk.fifoIndex.has(f.id)) lk.err('E3303', `duplicate fifo id '${f.id}'`, f);
    lk.fifoIndex.set(f.id, i);
  });
  const fifos = program.fifos.map((f) => lk.fifo(f));
  const threads: LinkedThread[] = [];
  program.tiles.forEach((tile, ti) => {
    for (const th of tile.threads) {
      const code: Instr[] = [];
      const depth = lk.tasks(th.tasks, ti, tile, code, 0);
      threads.push({ tile: ti, name: th.name, code, depth });
    }
  });
  if (lk.diags.length > 0) return { ok: false, diagnostics: lk.diags };
  const linked: LinkedProgram = {
    program,
    threads,
    fifos: fifos as LinkedFifo[],
    streams: lk.streams,
    snapshots: lk.snapshots,
    tileIndex: lk.tileIndex,
    fifoIndex: lk.fifoIndex,
  };
  return { ok: true, linked };
}

const NO_LEGS: readonly LinkedTransfer[] = [];

/**
 * Makes an instruction with every field of every kind present, in one fixed order, so that all
 * instructions share one hidden class and the machine's dispatch stays monomorphic (fast).
 */
function instr<T extends Instr>(x: T): T {
  const base = {
    kind: x.kind, cycles: 0, kernel: undefined, label: '', legs: NO_LEGS, fifo: -1, consumer: -1, count: 0,
    repeat: 0, end: 0, begin: 0, stream: 0, snapshot: 0, transfers: NO_LEGS, from: -1, to: -1, bytes: 0, fromOffset: 0, toOffset: 0,
  };
  return Object.assign(base, x) as unknown as T;
}

/** Byte-accounting legs of a route of tile indices (-1 = DDR at either end). */
function legsOf(ix: readonly number[], bytes: number): LinkedTransfer[] {
  const n = ix.length;
  const first = ix[0] as number;
  const last = ix[n - 1] as number;
  const legs: LinkedTransfer[] = [];
  const a = first < 0 ? (ix[1] as number) : first;
  const b = last < 0 ? (ix[n - 2] as number) : last;
  if (first < 0) legs.push({ bytes, src: -1, dst: a });
  if (a !== b) legs.push({ bytes, src: a, dst: b });
  if (last < 0) legs.push({ bytes, src: b, dst: -1 });
  return legs;
}
