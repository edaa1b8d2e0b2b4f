// Tile allocation for the xdna target: splits the compute tiles into inference and learning
// roles, slices every layer's output channels over each role's tiles, decides which weights stay
// in L1 and which stream, places parameters in memory tiles, routes the FIFOs and checks every
// budget. Runs after coeffects and numeric selection; spec/allocate.md documents the rules.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { GridDesc } from '../../targets/xdna/grid.ts';
import { buildPlan } from './build.ts';
import { resolveConfig, type AllocateOptions } from './config.ts';
import { diagnosePlan } from './diagnose.ts';
import type { PlanRole, TilePlan } from './plan.ts';

export type { AllocateOptions } from './config.ts';
export type * from './plan.ts';
export { QUIRE_BLOCK } from './plan.ts';
export { partition, formatBytes } from './sizes.ts';
export { routeProblem } from './checks.ts';

/** Result of `allocate`: the plan whenever one could be built (check `plan.ok`), and diagnostics. */
export interface AllocateResult {
  readonly plan?: TilePlan;
  readonly diagnostics: readonly Diagnostic[];
}

/** Plans `graph` (laid out, channels-last) on `grid`; never throws on user errors. */
export function allocate(graph: Graph, grid: GridDesc, opts: AllocateOptions): AllocateResult {
  const diagnostics: Diagnostic[] = [];
  const cfg = resolveConfig(graph, grid, opts, diagnostics);
  if (!cfg) return { diagnostics };
  const plan = buildPlan(graph, grid, cfg);
  diagnostics.push(...diagnosePlan(graph, grid, cfg, plan));
  return { plan, diagnostics };
}

/** Bytes of one tile by kind, as the coeffects report lists them. */
export interface TileMemoryBreakdown {
  /** Resident weight slices plus the stream double buffer. */
  readonly weights: number;
  readonly activations: number;
  readonly tangents: number;
  /** Quire accumulators plus lookup tables. */
  readonly quire: number;
  readonly stack: number;
  readonly total: number;
}

/** One group of tiles with the same role: the numbers of its most loaded tile. */
export interface TileMemoryGroup {
  readonly role: PlanRole | 'memory';
  readonly tiles: number;
  /** `c<col>r<row>` of the most loaded tile. */
  readonly tile: string;
  readonly perTile: TileMemoryBreakdown;
  readonly capacity: number;
  /** The plan already streams what does not fit, so this equals `perTile.total`. */
  readonly streamedTotal: number;
}

/** Exact per-tile memory from the allocator, for the coeffects report. */
export interface TileMemoryResult {
  readonly plan?: TilePlan;
  readonly groups: readonly TileMemoryGroup[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The exact replacement for the coeffects pass's even-split estimate: runs the allocator and
 * reduces its plan to one group per role (its most loaded compute tile) plus the memory tiles
 * (the fullest, parameters and buffers counted even when the parameters fall back to DDR).
 */
export function computeTileMemory(graph: Graph, grid: GridDesc, opts: AllocateOptions): TileMemoryResult {
  const r = allocate(graph, grid, opts);
  const plan = r.plan;
  if (!plan) return { groups: [], diagnostics: r.diagnostics };
  const groups: TileMemoryGroup[] = [];
  for (const role of plan.roles) {
    const tiles = plan.computeTiles.filter((t) => t.role === role.role);
    const top = tiles.reduce((a, b) => (b.l1.total > a.l1.total ? b : a));
    const l = top.l1;
    const perTile = { weights: l.weights + l.streamBuffers, activations: l.activations, tangents: l.tangents, quire: l.quire + l.tables, stack: l.stack, total: l.total };
    groups.push({ role: role.role, tiles: tiles.length, tile: top.id, perTile, capacity: l.capacity, streamedTotal: l.total });
  }
  const used = plan.memTiles.filter((m) => m.roles.length > 0);
  if (used.length > 0) {
    const m = used.reduce((a, b) => (b.total > a.total ? b : a));
    const perTile = { weights: m.snapshotBytes + m.trainingCopyBytes + m.frozenBytes, activations: m.bufferBytes, tangents: 0, quire: 0, stack: 0, total: m.total };
    groups.push({ role: 'memory', tiles: used.length, tile: m.id, perTile, capacity: m.capacity, streamedTotal: m.total });
  }
  return { plan, groups, diagnostics: r.diagnostics };
}
