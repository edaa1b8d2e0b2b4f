// Which compute tiles serve inference and which learn. Learning takes whole columns from the
// right edge of the grid, so each side keeps its own memory tiles and shims; when learning_tiles
// is not a multiple of the rows, the remainder takes the top rows of the next column to the left
// (the one mixed column). Each side's tiles are ordered column by column, rows upward: that is
// the order of channel slices, so a column always holds one contiguous range of each value.
import type { GridDesc } from '../../targets/xdna/grid.ts';
import { computeTiles, type GridTile } from '../../targets/xdna/grid-topology.ts';

/** The two sides of the split. */
export interface TileSplit {
  readonly inference: readonly GridTile[];
  readonly learning: readonly GridTile[];
  /** The column both sides share, or null. */
  readonly mixedColumn: number | null;
}

/** Compute tiles of a grid. */
export function computeTileCount(grid: GridDesc): number {
  return grid.cols * grid.computeRows;
}

/**
 * Learning tiles when neither the model nor an option names them: none without learning, else
 * 3/8 of the grid in whole columns (3 of 8 columns on xdna2 = 12 tiles, 2 of 4 on xdna1 = 8),
 * leaving at least one column to inference; on a one-column grid, 3/8 of its rows.
 */
export function defaultLearningTiles(grid: GridDesc, learning: boolean): number {
  if (!learning) return 0;
  if (grid.cols >= 2) return Math.max(1, Math.min(grid.cols - 1, Math.round((grid.cols * 3) / 8))) * grid.computeRows;
  return Math.max(1, Math.min(grid.computeRows - 1, Math.round((grid.computeRows * 3) / 8)));
}

/** Splits the compute tiles; `learningTiles` must be in [0, computeTiles). */
export function splitTiles(grid: GridDesc, learningTiles: number): TileSplit {
  const rows = grid.computeRows;
  const whole = Math.floor(learningTiles / rows);
  const rest = learningTiles % rows;
  const firstWholeCol = grid.cols - whole;
  const mixedColumn = rest > 0 ? firstWholeCol - 1 : null;
  const isLearning = (t: GridTile): boolean =>
    t.col >= firstWholeCol || (t.col === mixedColumn && t.row >= 2 + rows - rest);
  const all = computeTiles(grid);
  return { inference: all.filter((t) => !isLearning(t)), learning: all.filter(isLearning), mixedColumn };
}
