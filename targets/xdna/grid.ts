// The tile-grid description of the XDNA-style target: geometry, per-kind tile resources, the
// parameterised arithmetic cost model (the hardware has no posit or f32 units) and DMA rates.
// `xdna1` and `xdna2` are the presets of DESIGN section 6; grid-load.ts reads custom JSON files
// that override any number; grid-topology.ts has the coordinate and routing helpers.
// spec/grid.md explains every default.

/** Arithmetic formats that the cost model prices (the .dg `numeric` formats). */
export const ARITH_FORMATS = ['f32', 'f64', 'posit8', 'posit16', 'posit32', 'bposit16', 'bposit32'] as const;
/** A priced arithmetic format. */
export type ArithFormat = (typeof ARITH_FORMATS)[number];
/** Formats that accumulate dot products exactly in a quire. */
export const QUIRE_FORMATS = ['posit8', 'posit16', 'posit32', 'bposit16', 'bposit32'] as const;
/** A format with a quire. */
export type QuireFormat = (typeof QUIRE_FORMATS)[number];

/** Resources of one compute tile (AIE core + its L1). */
export interface ComputeTileDesc {
  /** L1 data memory in bytes, stack included. */
  readonly dataBytes: number;
  /** Bytes of `dataBytes` reserved for the core's stack. */
  readonly stackBytes: number;
  /** Program memory in bytes. */
  readonly programBytes: number;
  /** DMA input (S2MM) channels. */
  readonly dmaIn: number;
  /** DMA output (MM2S) channels. */
  readonly dmaOut: number;
  /** Buffer descriptors shared by the tile's DMA channels. */
  readonly bufferDescriptors: number;
  /** Native vector MAC throughput per cycle. */
  readonly macsPerCycle: { readonly int8: number; readonly bf16: number };
}

/** Resources of one memory tile (one per column, row 1). */
export interface MemTileDesc {
  readonly dataBytes: number;
  readonly dmaIn: number;
  readonly dmaOut: number;
  readonly bufferDescriptors: number;
}

/** Resources of one shim tile (row 0: the array's interface to DDR). */
export interface ShimTileDesc {
  readonly dmaIn: number;
  readonly dmaOut: number;
  readonly bufferDescriptors: number;
}

/** Cost model of arithmetic that the tile runs in software or by emulation, in core cycles. */
export interface ArithCostDesc {
  /** Fixed cycles per kernel invocation (call, lock acquire/release, loop setup). */
  readonly kernelOverheadCycles: number;
  /** Cycles per multiply-accumulate, operand decode and product included, accumulation excluded for quire formats. */
  readonly cyclesPerMac: Readonly<Record<ArithFormat, number>>;
  /** Cycles to add one exact product into the quire. */
  readonly quireAccumulateCycles: Readonly<Record<QuireFormat, number>>;
  /** Cycles to round a quire to the format once per dot product. */
  readonly quireRoundCycles: Readonly<Record<QuireFormat, number>>;
  /** Cycles per element-wise operation (add, multiply, compare, ReLU, mask). */
  readonly cyclesPerOp: Readonly<Record<ArithFormat, number>>;
}

/** DMA and stream rates, per channel, in bytes per core cycle, plus latencies. */
export interface DmaDesc {
  /** Compute tile to an adjacent compute tile of the same column. */
  readonly tileToTileBytesPerCycle: number;
  /** Compute tile to or from its column's memory tile. */
  readonly tileToMemTileBytesPerCycle: number;
  /** Memory tile to or from a neighbouring column's memory tile. */
  readonly memTileToMemTileBytesPerCycle: number;
  /** Shim tile to or from its column's memory tile. */
  readonly shimToMemTileBytesPerCycle: number;
  /** Shim tile to or from DDR. */
  readonly shimToDdrBytesPerCycle: number;
  /** Latency of one stream-switch hop. */
  readonly streamHopLatencyCycles: number;
  /** Fixed cycles to start a transfer (buffer descriptor fetch and setup). */
  readonly dmaSetupCycles: number;
}

/** A fully resolved grid description: every number is set. Rows: shim 0, memory 1, compute 2... */
export interface GridDesc {
  /** Preset or user-given name. */
  readonly name: string;
  /** Core clock in GHz: converts cycles to time. */
  readonly clockGHz: number;
  /** Usable columns; tile coordinates count these from 0. */
  readonly cols: number;
  /** Physical columns of the device (>= cols; the rest are reserved). */
  readonly physicalCols: number;
  /** Compute rows per column (rows 2 .. 2 + computeRows - 1). */
  readonly computeRows: number;
  readonly computeTile: ComputeTileDesc;
  readonly memTile: MemTileDesc;
  readonly shimTile: ShimTileDesc;
  readonly arith: ArithCostDesc;
  readonly dma: DmaDesc;
}

const KIB = 1024;

/** Scalar-unit emulation costs, shared by both presets (same scalar core); see spec/grid.md. */
const SOFT_ARITH = {
  quireAccumulateCycles: { posit8: 8, posit16: 8, posit32: 10, bposit16: 8, bposit32: 10 },
  quireRoundCycles: { posit8: 12, posit16: 16, posit32: 24, bposit16: 20, bposit32: 32 },
} as const;

/** Builds the arithmetic table from the bf16 vector rate (f32 is emulated in 6 bf16 passes). */
function arithFor(bf16MacsPerCycle: number): ArithCostDesc {
  return {
    kernelOverheadCycles: 64,
    cyclesPerMac: { f32: 6 / bf16MacsPerCycle, f64: 64, posit8: 7, posit16: 19, posit32: 22, bposit16: 15, bposit32: 18 },
    ...SOFT_ARITH,
    cyclesPerOp: { f32: 0.0625, f64: 32, posit8: 4, posit16: 12, posit32: 14, bposit16: 10, bposit32: 12 },
  };
}

const DMA_DEFAULTS: DmaDesc = {
  tileToTileBytesPerCycle: 4,
  tileToMemTileBytesPerCycle: 4,
  memTileToMemTileBytesPerCycle: 4,
  shimToMemTileBytesPerCycle: 4,
  shimToDdrBytesPerCycle: 4,
  streamHopLatencyCycles: 2,
  dmaSetupCycles: 32,
};

/** Builds a preset from the numbers that differ between xdna1 and xdna2. */
function preset(name: string, cols: number, physicalCols: number, clockGHz: number, int8: number, bf16: number): GridDesc {
  return deepFreeze({
    name,
    clockGHz,
    cols,
    physicalCols,
    computeRows: 4,
    computeTile: { dataBytes: 64 * KIB, stackBytes: 1 * KIB, programBytes: 16 * KIB, dmaIn: 2, dmaOut: 2, bufferDescriptors: 16, macsPerCycle: { int8, bf16 } },
    memTile: { dataBytes: 512 * KIB, dmaIn: 6, dmaOut: 6, bufferDescriptors: 48 },
    shimTile: { dmaIn: 2, dmaOut: 2, bufferDescriptors: 16 },
    arith: arithFor(bf16),
    dma: { ...DMA_DEFAULTS },
  });
}

/** The built-in grids by name; `xdna2` is the default. */
export const GRID_PRESETS: Readonly<Record<'xdna1' | 'xdna2', GridDesc>> = {
  xdna1: preset('xdna1', 4, 5, 1.0, 256, 128),
  xdna2: preset('xdna2', 8, 8, 1.5, 512, 256),
};

/** Name of a built-in grid. */
export type GridPresetName = keyof typeof GRID_PRESETS;

/** The grid used when none is named. */
export const DEFAULT_GRID: GridPresetName = 'xdna2';

/** Freezes an object tree so a shared preset cannot be mutated by a caller. */
export function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** Format names the cost helpers accept: the priced formats plus the native int8 and bf16. */
export type CostFormat = ArithFormat | 'int8' | 'bf16';

/**
 * Sustained MACs per cycle of one compute tile in `format`: the native rate for int8/bf16,
 * otherwise 1 / (cyclesPerMac + quireAccumulateCycles) (the quire term only for quire formats).
 */
export function macsPerCycle(grid: GridDesc, format: CostFormat): number {
  if (format === 'int8' || format === 'bf16') return grid.computeTile.macsPerCycle[format];
  const quire = isQuireFormat(format) ? grid.arith.quireAccumulateCycles[format] : 0;
  return 1 / (grid.arith.cyclesPerMac[format] + quire);
}

/** Element-wise operations per cycle of one compute tile in `format` (native formats: one per MAC lane). */
export function opsPerCycle(grid: GridDesc, format: CostFormat): number {
  if (format === 'int8' || format === 'bf16') return grid.computeTile.macsPerCycle[format];
  return 1 / grid.arith.cyclesPerOp[format];
}

/** True for formats that accumulate in a quire. */
export function isQuireFormat(format: string): format is QuireFormat {
  return (QUIRE_FORMATS as readonly string[]).includes(format);
}

/** L1 bytes a compute tile can give to buffers once its stack is reserved. */
export function usableDataBytes(grid: GridDesc): number {
  return grid.computeTile.dataBytes - grid.computeTile.stackBytes;
}

/** Seconds that `cycles` core cycles take on this grid. */
export function cyclesToSeconds(grid: GridDesc, cycles: number): number {
  return cycles / (grid.clockGHz * 1e9);
}
