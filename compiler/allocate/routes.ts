// The FIFO routes of a plan, all single DMA hops of the column-local rule. Per role and column:
// the memory tile broadcasts whole values to its tiles and on to the next memory tile away from
// the head; slices cascade down the column through shared L1 and the lowest tile sends the
// column's part to the memory tile; memory tiles pass parts toward the head column, whose shim
// brings samples in and takes outputs out. Streaming tiles get a weight FIFO from their memory
// tile, and every column gets one parameter FIFO from its shim (loads, publishes, DDR streaming).
import type { GridDesc } from '../../targets/xdna/grid.ts';
import { dmaRoute, linkKind, memTileOf, shimTileOf, tileId, type GridTile } from '../../targets/xdna/grid-topology.ts';
import type { PlanRole, PlanRoute, RoutePurpose } from './plan.ts';
import type { TileWork } from './l1.ts';
import { columnPartBytes, type RoleLayout } from './role-layout.ts';

/** A role's layout and its tiles' work, in layout order. */
export interface PlacedRole {
  readonly layout: RoleLayout;
  readonly work: readonly TileWork[];
}

interface RouteSpec {
  readonly role: PlanRole | 'shared';
  readonly purpose: RoutePurpose;
  readonly producer: GridTile;
  readonly consumers: readonly GridTile[];
  readonly transfer: 'dma' | 'shared';
  readonly bytes: number;
  readonly tangent: number;
  readonly depth: number;
  readonly values: readonly number[];
}

/** `inf.gather.c0r2-c0r1`: role, purpose, producer, and the consumer when there is one. */
function routeKey(s: RouteSpec): string {
  const role = s.role === 'shared' ? 'both' : s.role === 'inference' ? 'inf' : 'fg';
  const to = s.consumers.length === 1 ? `-${tileId(s.consumers[0] as GridTile)}` : '';
  return `${role}.${s.purpose}.${tileId(s.producer)}${to}`;
}

function finish(grid: GridDesc, s: RouteSpec, key: string, n: number): PlanRoute {
  // A direct link is its own shortest route; only a broken hop needs the search.
  const paths = s.consumers.map((c) => (linkKind(grid, s.producer, c) ? [s.producer, c] : (dmaRoute(grid, s.producer, c) ?? [s.producer, c])).map(tileId));
  return {
    id: n > 0 ? `${key}.${n}` : key,
    role: s.role,
    purpose: s.purpose,
    producer: tileId(s.producer),
    consumers: s.consumers.map(tileId),
    transfer: s.transfer,
    bytesPerTransfer: s.bytes,
    tangentBytes: s.tangent,
    depth: s.depth,
    values: s.values,
    paths,
  };
}

/** Routes that move a role's activations and I/O. */
function roleRoutes(p: PlacedRole): RouteSpec[] {
  const { layout, work } = p;
  const prog = layout.program;
  const role = layout.role;
  const out: RouteSpec[] = [];
  const delivered = prog.deliveries.map((d) => d.value);
  const gathered = [...prog.gathered, ...prog.headOutputs].map((o) => o.node.id);
  layout.columns.forEach((col, k) => {
    const idx = layout.tilesInColumn(col);
    const tiles = idx.map((i) => layout.tiles[i] as GridTile);
    const next = layout.columns[k + 1];
    const mem = memTileOf(col);
    if (delivered.length > 0) {
      const consumers = next === undefined ? tiles : [...tiles, memTileOf(next)];
      out.push({ role, purpose: 'broadcast', producer: mem, consumers, transfer: 'dma', bytes: prog.wholeBytes, tangent: prog.wholeTangentBytes, depth: prog.wholeDepth, values: delivered });
    }
    for (let j = idx.length - 1; j >= 0; j--) {
      const w = work[idx[j] as number] as TileWork;
      if (w.out.bytes === 0) continue;
      const below = j > 0 ? tiles[j - 1] : undefined;
      const [purpose, to, transfer] = below ? (['cascade', below, 'shared'] as const) : (['gather', mem, 'dma'] as const);
      out.push({ role, purpose, producer: tiles[j] as GridTile, consumers: [to], transfer, bytes: w.out.bytes, tangent: w.out.tangent, depth: 2, values: gathered });
    }
    const prev = layout.columns[k - 1];
    if (prev !== undefined && prog.gathered.length > 0) {
      const part = columnPartBytes(layout, layout.columns.slice(k));
      if (part.bytes > 0) out.push({ role, purpose: 'chain', producer: mem, consumers: [memTileOf(prev)], transfer: 'dma', bytes: part.bytes, tangent: part.tangent, depth: 2, values: prog.gathered.map((o) => o.node.id) });
    }
    for (const i of idx) {
      const w = work[i] as TileWork;
      if (w.l1.chunkBytes !== null) out.push({ role, purpose: 'weights', producer: mem, consumers: [layout.tiles[i] as GridTile], transfer: 'dma', bytes: w.l1.chunkBytes, tangent: 0, depth: 2, values: [] });
    }
  });
  const head = layout.headColumn;
  const sources = layout.program.ops.length > 0 ? prog.sourceBytes : 0;
  if (sources > 0) out.push({ role, purpose: 'samples', producer: shimTileOf(head), consumers: [memTileOf(head)], transfer: 'dma', bytes: sources, tangent: 0, depth: 2, values: [] });
  if (prog.outputBytes > 0) out.push({ role, purpose: 'outputs', producer: memTileOf(head), consumers: [shimTileOf(head)], transfer: 'dma', bytes: prog.outputBytes, tangent: prog.outputTangentBytes, depth: 2, values: gathered });
  return out;
}

/**
 * One parameter FIFO per column, shim to memory tile: the initial load, snapshot publishes and
 * training-copy updates, and the chunks of weights that stream from DDR when the memory tile
 * cannot hold the column's parameters. Its buffer is the largest weight chunk of the column, or
 * QUIRE_BLOCK rows of its widest row when nothing streams.
 */
function paramRoutes(roles: readonly PlacedRole[], stagingOf: (col: number) => number): RouteSpec[] {
  const cols = new Map<number, Set<PlanRole>>();
  for (const p of roles) for (const t of p.layout.tiles) cols.set(t.col, (cols.get(t.col) ?? new Set()).add(p.layout.role));
  return [...cols.keys()]
    .sort((a, b) => a - b)
    .flatMap((col) => {
      const rs = [...(cols.get(col) ?? [])];
      const bytes = stagingOf(col);
      if (bytes === 0) return [];
      const role: PlanRole | 'shared' = rs.length === 1 ? (rs[0] as PlanRole) : 'shared';
      return [{ role, purpose: 'params' as const, producer: shimTileOf(col), consumers: [memTileOf(col)], transfer: 'dma' as const, bytes, tangent: 0, depth: 2, values: [] }];
    });
}

/** Every route of the plan, with stable ids. */
export function buildRoutes(grid: GridDesc, roles: readonly PlacedRole[], stagingOf: (col: number) => number): PlanRoute[] {
  const specs = [...roles.flatMap(roleRoutes), ...paramRoutes(roles, stagingOf)];
  const seen = new Map<string, number>();
  return specs.map((s) => {
    const key = routeKey(s);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return finish(grid, s, key, n);
  });
}
