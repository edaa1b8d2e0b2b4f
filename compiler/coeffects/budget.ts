// The tile budget the memory numbers are checked against: the grid (an option, else the model's
// `target xdna { grid }`, else xdna2) and its split into inference and learning tiles (an option,
// else `learning_tiles`, else the tile allocator's default). The grid description is a data
// module of the xdna target (targets/xdna/grid.ts), shared with the allocator and the simulator.
import type { DiagnosticBag } from '../../ir/diagnostics.ts';
import type { ModelMeta } from '../../ir/meta.ts';
import { DEFAULT_GRID, GRID_PRESETS, type GridDesc } from '../../targets/xdna/grid.ts';
// One default for the split, shared with the tile allocator: whole columns, about 3/8 of the grid.
import { defaultLearningTiles } from '../allocate/split.ts';

/** The capacities and tile split the estimate uses. */
export interface TileBudget {
  /** Grid name (preset or custom file). */
  readonly grid: string;
  readonly computeTiles: number;
  readonly inferenceTiles: number;
  readonly learningTiles: number;
  /** Where `learningTiles` came from. */
  readonly learningTilesFrom: 'option' | 'model' | 'default';
  /** One memory tile per column. */
  readonly memTiles: number;
  /** L1 data bytes of a compute tile, stack included. */
  readonly l1Bytes: number;
  readonly stackBytes: number;
  readonly memTileBytes: number;
}

/** Options that override the model's xdna block. */
export interface BudgetOptions {
  /** A grid already resolved by the caller (preset or loaded file). */
  readonly grid?: GridDesc;
  readonly learningTiles?: number;
}

/** The grid a model names in its xdna block, or the default preset. */
export function modelGrid(meta: ModelMeta): GridDesc {
  const name = meta.targets.find((t) => t.name === 'xdna')?.options.grid;
  return typeof name === 'string' && Object.hasOwn(GRID_PRESETS, name) ? GRID_PRESETS[name as keyof typeof GRID_PRESETS] : GRID_PRESETS[DEFAULT_GRID];
}

/** Resolves the budget; an impossible tile split is reported as E2604 and gives undefined. */
export function resolveBudget(meta: ModelMeta, opts: BudgetOptions, bag: DiagnosticBag): TileBudget | undefined {
  const grid = opts.grid ?? modelGrid(meta);
  const computeTiles = grid.cols * grid.computeRows;
  const fromModel = meta.targets.find((t) => t.name === 'xdna')?.options.learning_tiles;
  let learningTiles: number;
  let learningTilesFrom: TileBudget['learningTilesFrom'];
  if (opts.learningTiles !== undefined) [learningTiles, learningTilesFrom] = [opts.learningTiles, 'option'];
  else if (typeof fromModel === 'number') [learningTiles, learningTilesFrom] = [fromModel, 'model'];
  else [learningTiles, learningTilesFrom] = [defaultLearningTiles(grid, meta.learn.mode !== 'none'), 'default'];
  if (!Number.isSafeInteger(learningTiles) || learningTiles < 0 || learningTiles >= computeTiles) {
    const what = learningTilesFrom === 'option' ? '--learning-tiles' : 'learning_tiles';
    bag.error('E2603', `${what} ${learningTiles} does not fit ${grid.name} (${computeTiles} compute tiles, at least one must serve inference)`, undefined, `use a whole number from 0 to ${computeTiles - 1}`);
    return undefined;
  }
  return {
    grid: grid.name,
    computeTiles,
    inferenceTiles: computeTiles - learningTiles,
    learningTiles,
    learningTilesFrom,
    memTiles: grid.cols,
    l1Bytes: grid.computeTile.dataBytes,
    stackBytes: grid.computeTile.stackBytes,
    memTileBytes: grid.memTile.dataBytes,
  };
}
