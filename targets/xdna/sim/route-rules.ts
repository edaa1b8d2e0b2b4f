// Which tiles of a simulator program may exchange data directly, and at what rate. Tile-to-tile
// links follow the grid's connectivity rule (targets/xdna/grid-topology.ts: compute tiles reach
// the compute tiles above and below and their column's memory tile; memory tiles reach their
// neighbouring columns); DDR is reached only through a shim tile. The linker turns every other
// hop into E3304.
import type { GridDesc } from '../grid.ts';
import { linkBytesPerCycle } from '../grid-topology.ts';
import { tileLabel, type SimTile } from './program.ts';

/** Hint attached to every unroutable-route diagnostic. */
export const ROUTE_HINT =
  "a compute tile reaches the compute tiles above and below it and its column's memory tile; other columns go through memory tiles; DDR through a shim tile";

/** Bytes per cycle of the hop a -> b (tile indices, -1 = DDR), or a reason why there is no such link. */
export function hopRate(grid: GridDesc, tiles: readonly SimTile[], a: number, b: number): number | string {
  if (a === b) return 'a route may not visit the same tile twice in a row';
  if (a < 0 && b < 0) return 'DDR to DDR is not a transfer';
  if (a < 0 || b < 0) {
    const t = tiles[a < 0 ? b : a];
    return t?.kind === 'shim' ? grid.dma.shimToDdrBytesPerCycle : 'only shim tiles connect to DDR';
  }
  const x = tiles[a] as SimTile;
  const y = tiles[b] as SimTile;
  const rate = linkBytesPerCycle(grid, x, y);
  if (rate !== undefined) return rate;
  if (x.kind === 'compute' && y.kind === 'compute') return 'compute tiles link only to the tiles directly above and below';
  if (x.kind === 'memory' && y.kind === 'memory') return 'memory tiles link only to neighbouring columns';
  if (x.kind === 'shim' || y.kind === 'shim') return "a shim tile links only to its column's memory tile and DDR";
  return "a compute tile reaches only its own column's memory tile";
}

/** Why producer a and consumer b cannot share L1 (compute tiles directly above/below), or undefined. */
export function sharedProblem(grid: GridDesc, tiles: readonly SimTile[], a: number, b: number): string | undefined {
  const x = tiles[a] as SimTile;
  const y = tiles[b] as SimTile;
  if (x.kind !== 'compute' || y.kind !== 'compute') return 'only compute tiles share L1';
  return linkBytesPerCycle(grid, x, y) === undefined ? 'they are not neighbours' : undefined;
}

/** `tile (c,r)` or `DDR`, for messages. */
export function endName(tiles: readonly SimTile[], i: number): string {
  const t = i < 0 ? undefined : tiles[i];
  return t ? `tile ${tileLabel(t)}` : 'DDR';
}
