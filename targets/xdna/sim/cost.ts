// Cycle costs of simulator tasks, read off the grid description (targets/xdna/grid.ts): compute
// cycles from MACs, element ops and quire roundings (work summed, then rounded up once); DMA
// cycles from bytes over the slowest link of a route plus per-hop latency and setup. Every number is a grid parameter.
import { isQuireFormat, type GridDesc } from '../grid.ts';
import type { SimFormat } from './program.ts';

/** Cycles of one compute task: overhead + MACs + element ops + one quire rounding per dot product. */
export function computeCycles(grid: GridDesc, format: SimFormat, macs: number, ops: number, dots: number): number {
  let work: number;
  if (format === 'int8' || format === 'bf16') {
    const lanes = grid.computeTile.macsPerCycle[format];
    work = macs / lanes + ops / lanes;
  } else {
    const quire = isQuireFormat(format) ? grid.arith.quireAccumulateCycles[format] : 0;
    const round = isQuireFormat(format) ? grid.arith.quireRoundCycles[format] : 0;
    work = macs * (grid.arith.cyclesPerMac[format] + quire) + ops * grid.arith.cyclesPerOp[format] + dots * round;
  }
  return grid.arith.kernelOverheadCycles + ceilCycles(work);
}

/** Rounds fractional work up to whole cycles, ignoring float dust from fractional rates (6/256...). */
function ceilCycles(x: number): number {
  return Math.ceil(x * (1 - 1e-12));
}

/**
 * Cycles to move `bytes` over `hops` links whose slowest carries `bytesPerCycle`: setup +
 * bytes / rate + one stream-switch latency per hop.
 */
export function transferCycles(grid: GridDesc, bytes: number, hops: number, bytesPerCycle: number): number {
  return grid.dma.dmaSetupCycles + ceilCycles(bytes / bytesPerCycle) + hops * grid.dma.streamHopLatencyCycles;
}

/** Clock in Hz of a grid. */
export function clockHz(grid: GridDesc): number {
  return grid.clockGHz * 1e9;
}
