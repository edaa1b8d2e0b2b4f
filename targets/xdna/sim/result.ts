// What a simulation run reports: per-tile cycles, stalls, DMA bytes and utilization, per-FIFO
// traffic, per-stream completions, snapshot publications with their latency, and (on request)
// the raw timeline that targets/xdna/trace.ts turns into a Chrome trace.
import type { SimTileKind, SimTileRole } from './program.ts';

/** Per-tile counters. `busyCycles` is core compute for compute tiles, DMA activity otherwise. */
export interface SimTileStats {
  readonly id: string;
  readonly col: number;
  readonly row: number;
  readonly kind: SimTileKind;
  readonly role: SimTileRole;
  readonly computeCycles: number;
  /** Union of the tile's DMA activity (its blocking DMA tasks and FIFO transfers in or out). */
  readonly dmaCycles: number;
  readonly busyCycles: number;
  /** Cycles its threads spent blocked on FIFO acquires (summed over threads). */
  readonly stallCycles: number;
  /** busyCycles / totalCycles. */
  readonly utilization: number;
  readonly dmaBytesIn: number;
  readonly dmaBytesOut: number;
}

/** Per-FIFO counters. */
export interface SimFifoStats {
  readonly id: string;
  readonly buffers: number;
  readonly bytes: number;
  /** Most buffers in flight or full at once, i.e. not free for the producer. */
  readonly maxOccupancy: number;
}

/** Completions of one stream (`mark` tasks). */
export interface SimStreamStats {
  readonly name: string;
  readonly count: number;
  readonly firstCycle: number | null;
  readonly lastCycle: number | null;
  /** count / seconds until the stream's last completion (its own throughput, not diluted by other streams). */
  readonly perSecond: number;
}

/** One snapshot publication and when serving first used it. */
export interface SimPublication {
  readonly snapshot: string;
  readonly version: number;
  /** When the publish began: the optimizer's update was done. */
  readonly updatedCycle: number;
  /** When the parameter bytes had landed and the version became visible. */
  readonly visibleCycle: number;
  /** First `adopt` of this version (or a later one) by any tile; null if serving never caught up. */
  readonly firstUseCycle: number | null;
  readonly latencyCycles: number | null;
}

/** Raw timeline, recorded only when asked: spans, instants and FIFO occupancy samples. */
export interface SimTimeline {
  /** Lanes 0..threads-1 are threads; the rest are FIFO transfer channels. */
  readonly lanes: readonly { readonly tile: number; readonly name: string }[];
  readonly spans: readonly SimSpan[];
  readonly instants: readonly { readonly lane: number; readonly name: string; readonly cycle: number }[];
  readonly counters: readonly { readonly fifo: string; readonly tile: number; readonly cycle: number; readonly occupancy: number }[];
}

/** One timed activity on a lane. */
export interface SimSpan {
  readonly lane: number;
  readonly name: string;
  readonly cat: 'compute' | 'dma' | 'transfer' | 'stall' | 'publish';
  readonly start: number;
  readonly end: number;
}

/** The outcome of one run. `completed` is false after a deadlock or a runtime lock error. */
export interface SimResult {
  readonly program: string;
  readonly completed: boolean;
  readonly totalCycles: number;
  readonly clockHz: number;
  readonly seconds: number;
  readonly events: number;
  readonly tiles: readonly SimTileStats[];
  readonly fifos: readonly SimFifoStats[];
  readonly streams: readonly SimStreamStats[];
  readonly publications: readonly SimPublication[];
  /** Times an inference tile held buffers of two different snapshot versions at once (should be 0). */
  readonly versionMixes: number;
  readonly timeline?: SimTimeline;
}
