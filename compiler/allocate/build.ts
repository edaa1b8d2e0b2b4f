// Builds a whole tile plan from a resolved configuration: split the tiles, lay each role's
// program over its tiles, plan every tile's L1, place the parameters in memory tiles (or DDR),
// build the routes, count DMA channels and buffer descriptors, and run the checks. Pure and
// deterministic, so the suggestion search can re-run it with other settings.
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { GridDesc } from '../../targets/xdna/grid.ts';
import { computeTiles, memTileOf, shimTileOf, tileId, type GridTile } from '../../targets/xdna/grid-topology.ts';
import { runChecks } from './checks.ts';
import { planTile } from './l1.ts';
import { computeLearnFacts, type LearnFacts } from './learn-facts.ts';
import {
  QUIRE_BLOCK, type ComputeTilePlan, type DmaUsage, type MemTilePlan, type PlanRole, type PlanRoute, type RoleInfo, type ShimTilePlan,
  type SplitSource, type StreamWeights, type TilePlan,
} from './plan.ts';
import { layRole } from './role-layout.ts';
import { buildRoleProgram } from './role-program.ts';
import { buildRoutes, type PlacedRole } from './routes.ts';
import { splitTiles } from './split.ts';

/** Everything a plan depends on besides the graph and the grid. */
export interface PlanConfig {
  readonly learningTiles: number;
  readonly learningTilesFrom: SplitSource;
  readonly format: NumericFormat;
  readonly batch: number;
  readonly streamWeights: StreamWeights;
}

interface ColumnParams {
  snapshot: number;
  training: number;
  frozen: number;
  /** Buffer of the column's parameter FIFO. */
  staging: number;
}

function placeRoles(graph: Graph, grid: GridDesc, cfg: PlanConfig, facts: LearnFacts): PlacedRole[] {
  const split = splitTiles(grid, cfg.learningTiles);
  const out: PlacedRole[] = [];
  const sides: [PlanRole, readonly GridTile[]][] = [['inference', split.inference], ['forward-gradient', split.learning]];
  for (const [role, tiles] of sides) {
    if (tiles.length === 0) continue;
    const layout = layRole(buildRoleProgram(graph, role, facts, cfg.format, cfg.batch), tiles);
    out.push({ layout, work: tiles.map((_, i) => planTile(layout, i, grid, cfg.format, cfg.streamWeights)) });
  }
  return out;
}

/** Parameter bytes each column's memory tile holds, split by purpose, and its staging buffer. */
function columnParams(roles: readonly PlacedRole[], facts: LearnFacts): Map<number, ColumnParams> {
  const cols = new Map<number, ColumnParams>();
  const widest = new Map<number, number>();
  for (const { layout, work } of roles) {
    work.forEach((w, i) => {
      const col = (layout.tiles[i] as GridTile).col;
      const c = cols.get(col) ?? { snapshot: 0, training: 0, frozen: 0, staging: 0 };
      for (const a of w.assignments) {
        if (a.weightBytes === 0) continue;
        const op = layout.program.byId.get(a.node);
        const trainable = op?.node.kind === 'Dense' && facts.trainable.has(op.node.weight);
        if (layout.role === 'inference') c.snapshot += a.weightBytes;
        else if (trainable) c.training += a.weightBytes;
        else c.frozen += a.weightBytes;
        if (op?.dense) widest.set(col, Math.max(widest.get(col) ?? 0, op.dense.rowBytes));
      }
      c.staging = Math.max(c.staging, w.l1.chunkBytes ?? 0);
      cols.set(col, c);
    });
  }
  for (const [col, c] of cols) if (c.staging === 0) c.staging = QUIRE_BLOCK * (widest.get(col) ?? 0);
  return cols;
}

/** Channels, descriptors and memory-tile buffer bytes per tile id, from the routes. */
function countUsage(routes: readonly PlanRoute[]): Map<string, { in: number; out: number; bds: number; buffers: number }> {
  const m = new Map<string, { in: number; out: number; bds: number; buffers: number }>();
  const at = (id: string): { in: number; out: number; bds: number; buffers: number } => {
    let u = m.get(id);
    if (!u) m.set(id, (u = { in: 0, out: 0, bds: 0, buffers: 0 }));
    return u;
  };
  for (const r of routes) {
    const bytes = r.depth * (r.bytesPerTransfer + r.tangentBytes);
    const p = at(r.producer);
    p.buffers += bytes;
    if (r.transfer === 'shared') continue;
    p.out += 1;
    p.bds += r.depth;
    for (const c of r.consumers) {
      const u = at(c);
      u.in += 1;
      u.bds += r.depth;
      u.buffers += bytes;
    }
  }
  return m;
}

function dmaOf(u: { in: number; out: number; bds: number } | undefined, b: { dmaIn: number; dmaOut: number; bufferDescriptors: number }): DmaUsage {
  return { in: u?.in ?? 0, out: u?.out ?? 0, inCapacity: b.dmaIn, outCapacity: b.dmaOut, bds: u?.bds ?? 0, bdCapacity: b.bufferDescriptors };
}

function roleInfo(p: PlacedRole, k: number): RoleInfo {
  const { layout } = p;
  return {
    role: layout.role,
    tiles: layout.tiles.length,
    columns: layout.columns,
    headColumn: layout.headColumn,
    headTile: tileId(layout.tiles[layout.headIndex] as GridTile),
    passesPerStep: layout.role === 'inference' ? 1 : k,
  };
}

/** Builds the plan for a configuration already validated by the caller. */
export function buildPlan(graph: Graph, grid: GridDesc, cfg: PlanConfig): TilePlan {
  const facts = computeLearnFacts(graph);
  const roles = placeRoles(graph, grid, cfg, facts);
  const params = columnParams(roles, facts);
  const routes = buildRoutes(grid, roles, (col) => params.get(col)?.staging ?? 0);
  const usage = countUsage(routes);
  const placedAt = new Map<string, { p: PlacedRole; i: number }>();
  for (const p of roles) p.layout.tiles.forEach((t, i) => placedAt.set(tileId(t), { p, i }));
  const tiles: ComputeTilePlan[] = computeTiles(grid).flatMap((t) => {
    const at = placedAt.get(tileId(t));
    if (!at) return [];
    const w = at.p.work[at.i];
    if (!w) return [];
    const id = tileId(t);
    return [{ id, col: t.col, row: t.row, kind: 'compute' as const, role: at.p.layout.role, index: at.i, head: at.i === at.p.layout.headIndex, assignments: w.assignments, l1: w.l1, dma: dmaOf(usage.get(id), grid.computeTile) }];
  });
  const memTiles: MemTilePlan[] = [];
  const shimTiles: ShimTilePlan[] = [];
  for (let col = 0; col < grid.cols; col++) {
    const m = memTileOf(col);
    const id = tileId(m);
    const c = params.get(col) ?? { snapshot: 0, training: 0, frozen: 0, staging: 0 };
    const bufferBytes = usage.get(id)?.buffers ?? 0;
    const total = c.snapshot + c.training + c.frozen + bufferBytes;
    const colRoles = [...new Set(tiles.filter((t) => t.col === col).map((t) => t.role))];
    memTiles.push({
      id, col, row: m.row, kind: 'memory', roles: colRoles, snapshotBytes: c.snapshot, trainingCopyBytes: c.training, frozenBytes: c.frozen,
      bufferBytes, total, capacity: grid.memTile.dataBytes, params: total <= grid.memTile.dataBytes ? 'memtile' : 'ddr', dma: dmaOf(usage.get(id), grid.memTile),
    });
    const s = shimTileOf(col);
    shimTiles.push({ id: tileId(s), col, row: s.row, kind: 'shim', dma: dmaOf(usage.get(tileId(s)), grid.shimTile) });
  }
  const split = splitTiles(grid, cfg.learningTiles);
  const roleInfos = roles.map((p) => roleInfo(p, graph.meta.learn.gradient.perturbations));
  const checks = runChecks(grid, roleInfos, tiles, memTiles, shimTiles, routes);
  return {
    grid: grid.name, format: cfg.format, batch: cfg.batch, streamWeights: cfg.streamWeights, learningTiles: cfg.learningTiles,
    learningTilesFrom: cfg.learningTilesFrom, mixedColumn: split.mixedColumn, roles: roleInfos, computeTiles: tiles, memTiles, shimTiles, routes, checks,
    ok: checks.every((c) => c.status !== 'fail' || !c.blocking),
  };
}
