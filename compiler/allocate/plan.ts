// The tile plan: plain data that the allocator (compiler/allocate) produces for the xdna target
// and that the report, the simulator lowering and the SVG read. Every compute, memory and shim
// tile of the grid with its role, work and budgets, every FIFO route, and the checks with their
// numbers. spec/allocate.md documents each field and the rules that fill it.
import type { NumericFormat } from '../../ir/meta.ts';
import type { NodeId, NodeKind } from '../../ir/nodes.ts';

/** Output channels accumulated at once by a Dense or Combine kernel: one quire each, and the rows of one weight chunk. */
export const QUIRE_BLOCK = 4;

/** Which side of the learning-while-serving split a compute tile works for. */
export type PlanRole = 'inference' | 'forward-gradient';

/** Whether the weights stream from memory tiles: as needed, always, or never (resident or fail). */
export type StreamWeights = 'auto' | 'always' | 'never';

/** Where the learning-tile count came from. */
export type SplitSource = 'option' | 'model' | 'default';

/**
 * How an op is spread over a role's tiles: `sliced` (each tile its contiguous channel range),
 * `replicated` (every tile computes the whole small row op), `head` (the role's head tile only).
 */
export type Placement = 'sliced' | 'replicated' | 'head';

/** A half-open range of the channel dimension, `[start, end)`. */
export interface ChannelRange {
  readonly start: number;
  readonly end: number;
}

/** Where a tile's slice of a layer's weights lives while it runs. */
export type Residency = 'resident' | 'streamed' | 'none';

/** One op a compute tile runs: its output channels and, for a Dense, its weight slice. */
export interface Assignment {
  readonly node: NodeId;
  readonly kind: NodeKind;
  /** The .dg binding the node computes, or null. */
  readonly binding: string | null;
  /** Parameter layer of a Dense (`h`, `e.experts.0`), or null. */
  readonly layer: string | null;
  readonly placement: Placement;
  readonly channels: ChannelRange;
  /** Bytes of the weight rows and bias entries of the slice (0 without parameters). */
  readonly weightBytes: number;
  readonly residency: Residency;
}

/** L1 data memory of one compute tile, in bytes. */
export interface L1Usage {
  /** Weight and bias slices resident in L1. */
  readonly weights: number;
  /** The double buffer of streamed weight chunks: 2 x chunkBytes, or 0. */
  readonly streamBuffers: number;
  /** Size of one streamed weight chunk, or null when nothing streams. */
  readonly chunkBytes: number | null;
  /** Peak live activation slices plus the activation FIFO buffers. */
  readonly activations: number;
  /** The tangent of every activation counted above (forward-gradient tiles; 0 on inference tiles). */
  readonly tangents: number;
  /** Quire accumulators in use at once. */
  readonly quire: number;
  /** Lookup tables (the posit8 decode table). */
  readonly tables: number;
  readonly stack: number;
  /** Everything above. */
  readonly total: number;
  /** The tile's data memory, stack included. */
  readonly capacity: number;
}

/** DMA channels and buffer descriptors a tile uses, against its budget. */
export interface DmaUsage {
  readonly in: number;
  readonly out: number;
  readonly inCapacity: number;
  readonly outCapacity: number;
  readonly bds: number;
  readonly bdCapacity: number;
}

/** One compute tile of the plan. */
export interface ComputeTilePlan {
  /** `c<col>r<row>`. */
  readonly id: string;
  readonly col: number;
  readonly row: number;
  readonly kind: 'compute';
  readonly role: PlanRole;
  /** Index of the tile in its role's channel order. */
  readonly index: number;
  /** The role's head tile runs the head ops (loss, row ops that only outputs read). */
  readonly head: boolean;
  readonly assignments: readonly Assignment[];
  readonly l1: L1Usage;
  readonly dma: DmaUsage;
}

/** Where a column's parameters live: in its memory tile, or in DDR, staged through the shim. */
export type ParamHome = 'memtile' | 'ddr';

/** One memory tile of the plan. */
export interface MemTilePlan {
  readonly id: string;
  readonly col: number;
  readonly row: number;
  readonly kind: 'memory';
  /** Roles of the compute tiles in this column. */
  readonly roles: readonly PlanRole[];
  /** The serving snapshot of the parameter slices this column's inference tiles use. */
  readonly snapshotBytes: number;
  /** The training copy of the trainable slices this column's learning tiles use. */
  readonly trainingCopyBytes: number;
  /** Frozen (not trainable) slices the learning tiles read: a replica of the snapshot. */
  readonly frozenBytes: number;
  /** FIFO buffers that end here. */
  readonly bufferBytes: number;
  /** Parameters plus buffers: what the tile would need to hold everything. */
  readonly total: number;
  readonly capacity: number;
  readonly params: ParamHome;
  readonly dma: DmaUsage;
}

/** One shim tile of the plan. */
export interface ShimTilePlan {
  readonly id: string;
  readonly col: number;
  readonly row: number;
  readonly kind: 'shim';
  readonly dma: DmaUsage;
}

/** What a route carries. */
export type RoutePurpose = 'samples' | 'outputs' | 'params' | 'weights' | 'broadcast' | 'cascade' | 'gather' | 'chain';

/**
 * A bounded FIFO between tiles: `depth` buffers of `bytesPerTransfer` (+ `tangentBytes` riding
 * along on learning routes). `dma` FIFOs use one channel and `depth` buffer descriptors at each
 * end; `shared` FIFOs pass through the L1 that vertical neighbours share and use neither.
 */
export interface PlanRoute {
  readonly id: string;
  /** The role whose data it carries; `shared` for a column's parameter route used by both. */
  readonly role: PlanRole | 'shared';
  readonly purpose: RoutePurpose;
  readonly producer: string;
  readonly consumers: readonly string[];
  readonly transfer: 'dma' | 'shared';
  /** Primal bytes of one buffer. */
  readonly bytesPerTransfer: number;
  /** Tangent bytes that travel in the same buffer. */
  readonly tangentBytes: number;
  readonly depth: number;
  /** IR values it carries (empty for parameters). */
  readonly values: readonly NodeId[];
  /** Per consumer, the tiles the data passes, producer first (grid-topology dmaRoute). */
  readonly paths: readonly (readonly string[])[];
}

/** Outcome of a check. */
export type CheckStatus = 'pass' | 'fail' | 'unknown';

/** One check of the plan, with the worst subject and its numbers. */
export interface PlanCheck {
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** The tile (or route) with the least slack, or null. */
  readonly subject: string | null;
  /** What the subject needs and has (bytes, channels, descriptors), or null. */
  readonly need: number | null;
  readonly have: number | null;
  /** Whether a failure stops the plan from running (memtile-params only moves parameters to DDR). */
  readonly blocking: boolean;
}

/** One side of the split. */
export interface RoleInfo {
  readonly role: PlanRole;
  readonly tiles: number;
  /** Columns the role uses, head column first. */
  readonly columns: readonly number[];
  /** The column whose shim does the role's I/O. */
  readonly headColumn: number;
  /** Id of the head tile. */
  readonly headTile: string;
  /** Forward passes per step: 1 for inference, k perturbations (sequential) for learning. */
  readonly passesPerStep: number;
}

/** The whole tile plan. */
export interface TilePlan {
  readonly grid: string;
  readonly format: NumericFormat;
  readonly batch: number;
  readonly streamWeights: StreamWeights;
  readonly learningTiles: number;
  readonly learningTilesFrom: SplitSource;
  /** The column shared by both roles when learning_tiles is not a multiple of the rows, or null. */
  readonly mixedColumn: number | null;
  readonly roles: readonly RoleInfo[];
  readonly computeTiles: readonly ComputeTilePlan[];
  readonly memTiles: readonly MemTilePlan[];
  readonly shimTiles: readonly ShimTilePlan[];
  readonly routes: readonly PlanRoute[];
  readonly checks: readonly PlanCheck[];
  /** True when no blocking check fails. */
  readonly ok: boolean;
}
