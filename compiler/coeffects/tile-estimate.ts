// Per-tile memory of the tile plan, estimated by an even channel split: each role's values are
// split evenly over that role's tiles (weights by output rows, activations by channels when
// every consumer is element-wise, whole rows otherwise), with activations counted at their
// peak live set. The tile allocator (compiler/allocate) replaces this estimate through the
// `TileMemoryModel` interface; the report states which one produced the numbers.
import type { Graph } from '../../ir/graph.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { inCategory, operandsOf } from '../../ir/ops.ts';
import type { SideTable } from '../../ir/tables.ts';
import { isBatchedVector } from '../../ir/types.ts';
import type { TileBudget } from './budget.ts';
import type { FlowFacts } from './flow.ts';
import type { MemoryFact, QuireFact, RoleFact, TileRole } from './keys.ts';

/** The per-value facts the estimate reads. */
export interface EstimateInput {
  readonly flow: FlowFacts;
  readonly roles: SideTable<RoleFact>;
  readonly memory: SideTable<MemoryFact>;
  readonly quire: SideTable<QuireFact>;
}

/** Bytes one tile of a group holds, by kind, for the most loaded tile. */
export interface TileMemory {
  /** Weight and bias slices, all resident. */
  readonly weights: number;
  /** Peak live activations. */
  readonly activations: number;
  /** Peak live tangents plus the resident tangent slices of trainable parameters. */
  readonly tangents: number;
  /** Quire accumulators in use at once. */
  readonly quire: number;
  readonly stack: number;
  readonly total: number;
}

/** One group of tiles with the same role. */
export interface TileGroup {
  readonly role: TileRole;
  readonly tiles: number;
  readonly perTile: TileMemory;
  /** Bytes per tile available; null for the host. */
  readonly capacity: number | null;
  /** Per-tile bytes if weights (and weight tangents) streamed through a double-buffered row instead of staying resident. */
  readonly streamedTotal: number;
}

/** Which method produced the numbers: this estimate, or the tile allocator. */
export type MemoryMethod = 'even-split-estimate' | 'allocator';

/** A problem the tile allocator reported (its E32xx diagnostics), shown beside the numbers. */
export interface PlanIssue {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Memory of the whole tile plan. */
export interface TilePlanMemory {
  readonly method: MemoryMethod;
  readonly budget: TileBudget;
  readonly groups: readonly TileGroup[];
  /** Whether a tile allocator ran (false: the numbers are only the even-split estimate). */
  readonly allocatorRan: boolean;
  /** What the allocator reported; with errors and no plan, the numbers fall back to the estimate. */
  readonly issues: readonly PlanIssue[];
}

/** A memory model: the even split below, or the allocator's placement. */
export type TileMemoryModel = (graph: Graph, input: EstimateInput, budget: TileBudget) => TilePlanMemory;

const ceilDiv = (a: number, b: number): number => Math.ceil(a / Math.max(1, b));

/** Ops that read only the channels of their output slice, so a tile needs only its slice. */
function readsOwnSlice(n: Node): boolean {
  return inCategory(n, 'elementwise');
}

/** Bytes a tile keeps of a value: its channel slice when every consumer here is element-wise, else all of it. */
function footprint(n: Node, mem: MemoryFact, usersHere: readonly Node[], tiles: number): number {
  if (mem.storage !== 'buffer') return 0;
  const sliceable = isBatchedVector(n.type.shape) && usersHere.length > 0 && usersHere.every(readsOwnSlice);
  if (!sliceable) return mem.bytes;
  const c = n.type.shape[1] as number;
  return ceilDiv(c, tiles) * (mem.bytes / c);
}

/** Peak of live activations and tangents over the id-order schedule of a group's values. */
function peakLive(graph: Graph, members: ReadonlySet<NodeId>, input: EstimateInput, tiles: number, withTangents: boolean): { act: number; tan: number } {
  const users = new Map<NodeId, Node[]>();
  const lastUse = new Map<NodeId, NodeId>();
  // A view keeps its source alive: resolve every read of a view to the buffer behind it.
  const bufferOf = (id: NodeId): NodeId => {
    const n = graph.nodes[id];
    return n?.kind === 'Reshape' ? bufferOf(n.x) : id;
  };
  for (const id of members) {
    const n = graph.nodes[id] as Node;
    for (const op of operandsOf(n)) {
      if (!members.has(op)) continue;
      const src = bufferOf(op);
      users.set(src, [...(users.get(src) ?? []), n]);
      lastUse.set(src, Math.max(lastUse.get(src) ?? src, id));
    }
  }
  const delta = new Map<NodeId, { act: number; tan: number }>();
  const bump = (at: NodeId, act: number, tan: number): void => {
    const d = delta.get(at) ?? { act: 0, tan: 0 };
    delta.set(at, { act: d.act + act, tan: d.tan + tan });
  };
  for (const id of members) {
    const n = graph.nodes[id] as Node;
    const mem = input.memory.get(id);
    if (!mem || n.kind === 'Param') continue;
    const bytes = footprint(n, mem, users.get(id) ?? [], tiles);
    const tan = withTangents && mem.tangent ? bytes : 0;
    bump(id, bytes, tan);
    bump((lastUse.get(id) ?? id) + 1, -bytes, -tan);
  }
  let act = 0;
  let tan = 0;
  let best = { act: 0, tan: 0 };
  for (let i = 0; i <= graph.nodes.length; i++) {
    const d = delta.get(i);
    if (d) [act, tan] = [act + d.act, tan + d.tan];
    if (act + tan > best.act + best.tan) best = { act, tan };
  }
  return best;
}

/** Weight slices (and tangent slices of trainable ones) of the params the group's Dense ops read. */
function weightSlices(graph: Graph, members: ReadonlySet<NodeId>, input: EstimateInput, tiles: number, withTangents: boolean) {
  let weights = 0;
  let tangents = 0;
  let widestRow = 0;
  for (const id of members) {
    const n = graph.nodes[id] as Node;
    if (n.kind !== 'Dense') continue;
    for (const pid of [n.weight, n.bias]) {
      const p = graph.nodes[pid] as Node;
      const mem = input.memory.get(pid);
      if (p.kind !== 'Param' || !mem) continue;
      const rows = p.shape[0] as number;
      const rowBytes = mem.bytes / rows;
      const slice = ceilDiv(rows, tiles) * rowBytes;
      weights += slice;
      if (withTangents && input.flow.trainable.has(pid)) tangents += slice;
      widestRow = Math.max(widestRow, rowBytes);
    }
  }
  return { weights, tangents, widestRow };
}

/** The estimate for one group of compute tiles. */
function computeGroup(graph: Graph, role: TileRole, members: ReadonlySet<NodeId>, input: EstimateInput, tiles: number, budget: TileBudget): TileGroup {
  const learning = role === 'forward-gradient';
  const w = weightSlices(graph, members, input, tiles, learning);
  const live = peakLive(graph, members, input, tiles, learning);
  let quireBytes = 0;
  let tangentQuire = false;
  for (const id of members) {
    const q = input.quire.get(id);
    if (!q) continue;
    quireBytes = Math.max(quireBytes, q.bits / 8);
    if (learning && input.flow.tangent.has(id)) tangentQuire = true;
  }
  const quire = quireBytes * (tangentQuire ? 2 : 1);
  const tangents = live.tan + w.tangents;
  const total = w.weights + live.act + tangents + quire + budget.stackBytes;
  const streamBuffer = 2 * w.widestRow * (w.tangents > 0 ? 2 : 1);
  return {
    role,
    tiles,
    perTile: { weights: w.weights, activations: live.act, tangents, quire, stack: budget.stackBytes, total },
    capacity: budget.l1Bytes,
    streamedTotal: total - w.weights - w.tangents + streamBuffer,
  };
}

/** Bytes of every parameter and of the trainable ones. */
function paramBytes(graph: Graph, input: EstimateInput): { all: number; trainable: number } {
  let all = 0;
  let trainable = 0;
  for (const n of graph.nodes) {
    if (n.kind !== 'Param') continue;
    const bytes = input.memory.get(n.id)?.bytes ?? 0;
    all += bytes;
    if (input.flow.trainable.has(n.id)) trainable += bytes;
  }
  return { all, trainable };
}

/** The host optimizer (learning only; no capacity): one gradient estimate per trainable parameter. */
export function hostGroup(graph: Graph, input: EstimateInput): TileGroup | undefined {
  if (graph.meta.learn.mode === 'none') return undefined;
  const g = paramBytes(graph, input).trainable;
  return { role: 'host-optimizer', tiles: 1, perTile: { weights: 0, activations: 0, tangents: g, quire: 0, stack: 0, total: g }, capacity: null, streamedTotal: g };
}

/**
 * The even-split estimate: inference tiles, learning tiles, memory tiles (the serving snapshot
 * plus the training copy of the trainable parameters, split over the columns) and the host.
 */
export const evenSplitEstimate: TileMemoryModel = (graph, input, budget) => {
  const groups: TileGroup[] = [];
  const inference = new Set<NodeId>();
  const learningSet = new Set<NodeId>();
  for (const n of graph.nodes) {
    const r = input.roles.get(n.id);
    if (!r || n.kind === 'Param' || r.role === 'host-optimizer') continue;
    if (r.role === 'inference') inference.add(n.id);
    if (r.role === 'forward-gradient' || r.mirrored) learningSet.add(n.id);
  }
  groups.push(computeGroup(graph, 'inference', inference, input, budget.inferenceTiles, budget));
  const learning = graph.meta.learn.mode !== 'none';
  if (learning && budget.learningTiles > 0) groups.push(computeGroup(graph, 'forward-gradient', learningSet, input, budget.learningTiles, budget));
  const p = paramBytes(graph, input);
  const perMemTile = ceilDiv(p.all + p.trainable, budget.memTiles);
  groups.push({ role: 'memory', tiles: budget.memTiles, perTile: { weights: perMemTile, activations: 0, tangents: 0, quire: 0, stack: 0, total: perMemTile }, capacity: budget.memTileBytes, streamedTotal: perMemTile });
  const host = hostGroup(graph, input);
  if (host) groups.push(host);
  return { method: 'even-split-estimate', budget, groups, allocatorRan: false, issues: [] };
};
