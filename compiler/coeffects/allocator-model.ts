// The memory model backed by the tile allocator (compiler/allocate): exact per-tile bytes of the
// plan it builds (most loaded tile per role, fullest memory tile), plus the host optimizer. When
// the allocator cannot build a plan, the even-split estimate stands in and the allocator's
// diagnostics travel with it, so the report says why the numbers are only an estimate.
import type { NumericFormat } from '../../ir/meta.ts';
import type { GridDesc } from '../../targets/xdna/grid.ts';
import { computeTileMemory } from '../allocate/index.ts';
import { evenSplitEstimate, hostGroup, type PlanIssue, type TileGroup, type TileMemoryModel } from './tile-estimate.ts';

/** Options the allocator needs beyond the graph. */
export interface AllocatorModelOptions {
  readonly grid: GridDesc;
  readonly format: NumericFormat;
  readonly learningTiles?: number;
}

/** A memory model that runs the tile allocator on the given grid. */
export function allocatorMemoryModel(opts: AllocatorModelOptions): TileMemoryModel {
  return (graph, input, budget) => {
    const r = computeTileMemory(graph, opts.grid, {
      format: opts.format,
      batch: graph.meta.learn.batch,
      ...(opts.learningTiles === undefined ? {} : { learningTiles: opts.learningTiles }),
    });
    const issues: PlanIssue[] = r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message }));
    if (!r.plan || r.groups.length === 0) return { ...evenSplitEstimate(graph, input, budget), allocatorRan: true, issues };
    const groups: TileGroup[] = r.groups.map((g) => ({ role: g.role, tiles: g.tiles, perTile: g.perTile, capacity: g.capacity, streamedTotal: g.streamedTotal }));
    const host = hostGroup(graph, input);
    if (host) groups.push(host);
    return { method: 'allocator', budget, groups, allocatorRan: true, issues };
  };
}
