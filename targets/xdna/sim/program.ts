// The simulator program: plain data that the tile allocator and the xdna lowering emit and the
// SimMachine runs. Tiles with positions and roles, bounded object FIFOs between them (AIE lock
// semantics), and per-tile threads of tasks (compute, dma, acquire/release, loops, stream
// marks, snapshot hooks). spec/simulate.md documents every field.
import type { Span } from '../../../ir/diagnostics.ts';
import type { CostFormat } from '../grid.ts';

/** A tile's id inside one program (the allocator picks them, e.g. `c2r3`). */
export type TileId = string;

/** The reserved route endpoint for off-chip memory; only a shim tile may sit next to it. */
export const DDR = 'ddr';

/** Physical kind of a tile: a row of the grid. */
export type SimTileKind = 'compute' | 'memory' | 'shim';

/** What a tile is used for; `idle` tiles are placed but run nothing. */
export type SimTileRole = 'inference' | 'forward-gradient' | 'host-optimizer' | 'memory' | 'io' | 'idle';

/** Numeric format of a compute task: the .dg `numeric` formats plus native int8 and bf16. */
export type SimFormat = CostFormat;

/** One tile of the program. */
export interface SimTile {
  readonly id: TileId;
  readonly col: number;
  readonly row: number;
  readonly kind: SimTileKind;
  readonly role: SimTileRole;
  /** Bytes of L1 the tile uses beside its FIFO buffers: weight slice, tangents, quire, stack. */
  readonly localBytes?: number;
  /** Threads run concurrently; compute tasks of one tile share its single core. */
  readonly threads: readonly SimThread[];
  readonly span?: Span;
}

/** One sequential task list of a tile (the core program, or a DMA channel's BD chain). */
export interface SimThread {
  readonly name: string;
  readonly tasks: readonly SimTask[];
}

/**
 * A bounded object FIFO: `depth` buffers of `bufferBytes` each. The producer acquires an empty
 * buffer, fills it and releases it; the buffer then travels to the consumers (DMA over `routes`,
 * or nothing for `shared`, where adjacent tiles share L1); each consumer acquires it full, reads
 * it and releases it; it is empty again once every consumer released it (broadcast).
 */
export interface SimFifo {
  readonly id: string;
  readonly producer: TileId;
  /** One or more consumers; more than one is a broadcast. */
  readonly consumers: readonly TileId[];
  readonly depth: number;
  readonly bufferBytes: number;
  readonly transfer: 'dma' | 'shared';
  /** Per consumer, the tiles the data passes, producer first and consumer last; default direct. */
  readonly routes?: readonly (readonly TileId[])[];
  readonly span?: Span;
}

/** A producer or consumer side of a FIFO. */
export type FifoSide = 'produce' | 'consume';

/** One task of a thread. */
export type SimTask =
  | ComputeTask
  | DmaTask
  | CopyTask
  | FillTask
  | AcquireTask
  | ReleaseTask
  | LoopTask
  | MarkTask
  | PublishTask
  | AdoptTask;

/** Work on the tile's core: cycles from MACs and element ops via the cost model. */
export interface ComputeTask {
  readonly kind: 'compute';
  readonly macs: number;
  /** Element-wise vector ops (activation, gate compare, mask multiply). */
  readonly ops?: number;
  /** Dot products rounded out of the quire (quire formats pay a rounding each). */
  readonly dots?: number;
  readonly format: SimFormat;
  /** Name of a functional kernel in the registry passed to the machine; runs when the task starts. */
  readonly kernel?: string;
  readonly label?: string;
}

/** A blocking DMA of `bytes` along `route` (tile ids; `ddr` allowed at either end next to a shim). */
export interface DmaTask {
  readonly kind: 'dma';
  readonly bytes: number;
  readonly route: readonly TileId[];
  readonly label?: string;
}

/**
 * Zero-core-cycle byte copy between held buffers, as a memory tile's DMA does when it relays,
 * splits or gathers (the FIFO transfers carry the time): `bytes` (default: the whole source
 * buffer) from offset `fromOffset` of the oldest full buffer held of `from` to offset
 * `toOffset` of the oldest empty buffer held of `to`.
 */
export interface CopyTask {
  readonly kind: 'copy';
  readonly from: string;
  readonly to: string;
  readonly bytes?: number;
  readonly fromOffset?: number;
  readonly toOffset?: number;
}

/**
 * Zero-cycle functional fill on a memory or shim tile: the kernel writes the buffers the tile
 * holds from data resident there (weights in a memory tile, host data behind a shim). Pair it
 * with a `dma` task when the bytes come from DDR, so the time is charged.
 */
export interface FillTask {
  readonly kind: 'fill';
  readonly kernel: string;
}

/** Takes `count` buffers (default 1) of a FIFO: empty ones as producer, full ones as consumer. */
export interface AcquireTask {
  readonly kind: 'acquire';
  readonly fifo: string;
  readonly side: FifoSide;
  readonly count?: number;
}

/** Gives back the `count` oldest held buffers (default 1): filled as producer, drained as consumer. */
export interface ReleaseTask {
  readonly kind: 'release';
  readonly fifo: string;
  readonly side: FifoSide;
  readonly count?: number;
}

/** Runs `body` `repeat` times; kernels see the loop counters. */
export interface LoopTask {
  readonly kind: 'loop';
  readonly repeat: number;
  readonly body: readonly SimTask[];
}

/** Counts one completed item of a stream (an inference, a gradient estimate, an update). */
export interface MarkTask {
  readonly kind: 'mark';
  readonly stream: string;
}

/**
 * Publishes a new version of a parameter snapshot: the parameter bytes move (in parallel) along
 * `transfers`, then the version becomes visible to `adopt`. Starts right after the update.
 */
export interface PublishTask {
  readonly kind: 'publish';
  readonly snapshot: string;
  readonly transfers: readonly { readonly bytes: number; readonly route: readonly TileId[] }[];
  /** Kernel called when the version becomes visible (ctx.version is the new version): freeze the parameters. */
  readonly kernel?: string;
}

/** At a step boundary: the tile switches to the newest visible version of `snapshot`. */
export interface AdoptTask {
  readonly kind: 'adopt';
  readonly snapshot: string;
}

/** A whole simulator program. */
export interface SimProgram {
  /** Shown in traces and diagnostics. */
  readonly name: string;
  readonly tiles: readonly SimTile[];
  readonly fifos: readonly SimFifo[];
}

/** `(col,row)` of a tile, as diagnostics and pictures name tiles. */
export function tileLabel(t: { readonly col: number; readonly row: number }): string {
  return `(${t.col},${t.row})`;
}
