// Coordinates, tile kinds and DMA connectivity of a grid, for the tile allocator and simulator.
// Rows follow AMD's convention: row 0 shim, row 1 memory tile, rows 2.. compute; columns count
// the usable columns from 0. Connectivity rule (DESIGN section 6): a compute tile moves data by
// DMA only to its own column's memory tile and to the compute tiles directly above and below
// it; cross-column traffic goes through memory tiles, which reach their neighbouring columns.
import type { DmaDesc, GridDesc } from './grid.ts';

/** Physical kind of a tile (the same words as the simulator program). */
export type TileKind = 'shim' | 'memory' | 'compute';

/** A tile position: column (usable columns from 0) and row. */
export interface TileCoord {
  readonly col: number;
  readonly row: number;
}

/** A tile position with its kind. */
export interface GridTile extends TileCoord {
  readonly kind: TileKind;
}

/** Row of the shim tiles. */
export const SHIM_ROW = 0;
/** Row of the memory tiles. */
export const MEM_ROW = 1;
/** First compute row. */
export const FIRST_COMPUTE_ROW = 2;

/** Kind of the tile at a row, independent of the grid size. */
function kindOfRow(row: number): TileKind {
  return row === SHIM_ROW ? 'shim' : row === MEM_ROW ? 'memory' : 'compute';
}

/** The tile at (col, row), or undefined when the grid has none there. */
export function tileAt(grid: GridDesc, col: number, row: number): GridTile | undefined {
  const inside = Number.isInteger(col) && Number.isInteger(row) && col >= 0 && col < grid.cols && row >= 0 && row < FIRST_COMPUTE_ROW + grid.computeRows;
  return inside ? { col, row, kind: kindOfRow(row) } : undefined;
}

/** Kind of a tile, or undefined when the coordinate lies outside the grid. */
export function tileKind(grid: GridDesc, t: TileCoord): TileKind | undefined {
  return tileAt(grid, t.col, t.row)?.kind;
}

/** Stable id of a tile, `c<col>r<row>` (e.g. `c0r2`, the first compute tile). */
export function tileId(t: TileCoord): string {
  return `c${t.col}r${t.row}`;
}

/** Every tile of the grid, column by column, rows upward. */
export function allTiles(grid: GridDesc): GridTile[] {
  const out: GridTile[] = [];
  for (let col = 0; col < grid.cols; col++) {
    for (let row = 0; row < FIRST_COMPUTE_ROW + grid.computeRows; row++) out.push({ col, row, kind: kindOfRow(row) });
  }
  return out;
}

/** The compute tiles, column by column, rows upward (cols x computeRows of them). */
export function computeTiles(grid: GridDesc): GridTile[] {
  return allTiles(grid).filter((t) => t.kind === 'compute');
}

/** The memory tile of a column. */
export function memTileOf(col: number): GridTile {
  return { col, row: MEM_ROW, kind: 'memory' };
}

/** The shim tile of a column. */
export function shimTileOf(col: number): GridTile {
  return { col, row: SHIM_ROW, kind: 'shim' };
}

/**
 * Tiles that `t` reaches by DMA in one hop, in a fixed order: compute tile -> its column's memory
 * tile, the compute tiles above and below; memory tile -> its shim, its column's compute tiles,
 * the memory tiles of the neighbouring columns; shim -> its memory tile (DDR is not a tile).
 * Empty for a coordinate outside the grid. The relation is symmetric.
 */
export function neighbours(grid: GridDesc, t: TileCoord): GridTile[] {
  const kind = tileKind(grid, t);
  const some = (xs: (GridTile | undefined)[]): GridTile[] => xs.filter((x): x is GridTile => x !== undefined);
  switch (kind) {
    case undefined:
      return [];
    case 'shim':
      return [memTileOf(t.col)];
    case 'memory': {
      const column = Array.from({ length: grid.computeRows }, (_, i) => tileAt(grid, t.col, FIRST_COMPUTE_ROW + i));
      return some([tileAt(grid, t.col, SHIM_ROW), ...column, tileAt(grid, t.col - 1, MEM_ROW), tileAt(grid, t.col + 1, MEM_ROW)]);
    }
    case 'compute': {
      const below = t.row - 1 >= FIRST_COMPUTE_ROW ? tileAt(grid, t.col, t.row - 1) : undefined;
      return some([memTileOf(t.col), below, tileAt(grid, t.col, t.row + 1)]);
    }
  }
}

/** Which DMA rate of the grid a one-hop link uses. */
export type LinkKind = 'tileToTile' | 'tileToMemTile' | 'memTileToMemTile' | 'shimToMemTile';

/** The kind of the direct link between two tiles, or undefined when they are not neighbours. */
export function linkKind(grid: GridDesc, a: TileCoord, b: TileCoord): LinkKind | undefined {
  if (!neighbours(grid, a).some((n) => n.col === b.col && n.row === b.row)) return undefined;
  const kinds = [tileKind(grid, a), tileKind(grid, b)].sort().join('+');
  const table: Record<string, LinkKind> = {
    'compute+compute': 'tileToTile',
    'compute+memory': 'tileToMemTile',
    'memory+memory': 'memTileToMemTile',
    'memory+shim': 'shimToMemTile',
  };
  return table[kinds];
}

const RATE_KEY: Readonly<Record<LinkKind, keyof DmaDesc>> = {
  tileToTile: 'tileToTileBytesPerCycle',
  tileToMemTile: 'tileToMemTileBytesPerCycle',
  memTileToMemTile: 'memTileToMemTileBytesPerCycle',
  shimToMemTile: 'shimToMemTileBytesPerCycle',
};

/** Bytes per cycle of one DMA channel on the direct link a <-> b, or undefined when there is none. */
export function linkBytesPerCycle(grid: GridDesc, a: TileCoord, b: TileCoord): number | undefined {
  const k = linkKind(grid, a, b);
  return k === undefined ? undefined : grid.dma[RATE_KEY[k]];
}

/** Stream-switch hops between two tiles (Manhattan distance), for latency. */
export function streamHops(a: TileCoord, b: TileCoord): number {
  return Math.abs(a.col - b.col) + Math.abs(a.row - b.row);
}

/**
 * A shortest DMA route from `from` to `to` under the connectivity rule, both ends included, or
 * undefined when either end is outside the grid. Ties break by neighbour order, so routes are
 * deterministic: compute -> compute of another column goes up through the memory tiles.
 */
export function dmaRoute(grid: GridDesc, from: TileCoord, to: TileCoord): GridTile[] | undefined {
  const start = tileAt(grid, from.col, from.row);
  const goal = tileAt(grid, to.col, to.row);
  if (!start || !goal) return undefined;
  const prev = new Map<string, GridTile | null>([[tileId(start), null]]);
  const queue: GridTile[] = [start];
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i];
    if (!cur) break;
    if (cur.col === goal.col && cur.row === goal.row) break;
    for (const n of neighbours(grid, cur)) {
      if (prev.has(tileId(n))) continue;
      prev.set(tileId(n), cur);
      queue.push(n);
    }
  }
  const path: GridTile[] = [];
  for (let t: GridTile | null | undefined = goal; t; t = prev.get(tileId(t))) path.unshift(t);
  return path;
}
