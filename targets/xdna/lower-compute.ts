// Compute-tile threads of the xdna lowering: for each tile of a side, one core thread that runs
// the side's pass events on the tile's channel slice. It takes delivered whole values from its
// column's broadcast FIFO, computes every op it owns (streamed Dense layers chunk by chunk from
// the weights FIFO), releases buffers in delivery order, and passes gathered slices down the
// column's shared-L1 cascade to the memory tile. Work is priced from MAC, dot and op counts.
import type { ComputeTilePlan } from '../../compiler/allocate/plan.ts';
import { rangeLength } from '../../compiler/allocate/role-layout.ts';
import type { RoleOp } from '../../compiler/allocate/role-program.ts';
import { isTranscendental, operandsOf } from '../../ir/ops.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { T, type ProgramBuilder } from './lower-builder.ts';
import { chunkRows, findRoute, type GatherItem, type RoleSchedule } from './lower-schedule.ts';
import type { DeliveredRef } from './lower-types.ts';
import type { SimFormat, SimTask } from './sim/index.ts';

/** Element ops charged per transcendental evaluation (the cost model prices element ops only). */
export const TRANSCENDENTAL_OPS = 8;

/** Resolves a Reshape view to its source. */
export function resolveView(nodes: readonly Node[], id: NodeId): NodeId {
  const n = nodes[id];
  return n?.kind === 'Reshape' ? resolveView(nodes, n.x) : id;
}

/** The delivered values op `op` reads, as held broadcast buffers of the tile's column. */
export function deliveredInputs(s: RoleSchedule, nodes: readonly Node[], op: RoleOp, fifo: string): DeliveredRef[] {
  const held = s.deliveries.filter((d) => d.first <= op.index && d.release >= op.index).sort((a, b) => a.slot - b.slot);
  const operands = new Set(operandsOf(op.node).map((id) => resolveView(nodes, id)));
  const refs: DeliveredRef[] = [];
  held.forEach((d, index) => {
    if (operands.has(d.value)) refs.push({ value: d.value, fifo, index, tangent: d.tangent });
  });
  return refs;
}

/** Cost counts of op `op` over `channels` output channels at batch B (per pass). */
function costOf(s: RoleSchedule, nodes: readonly Node[], op: RoleOp, channels: number): { macs: number; ops: number; dots: number } {
  const B = s.batch;
  const learning = s.role === 'forward-gradient';
  const n = op.node;
  const tan = learning && op.tangent;
  if (n.kind === 'Dense' && op.dense) {
    const tp = s.tangentPlan;
    let terms = 1;
    if (tan && tp) {
      if (tp.active[n.x]) terms++;
      if (tp.perturbed.has(n.weight)) terms++;
    }
    return { macs: B * channels * op.dense.inWidth * terms, ops: 0, dots: B * channels * (tan ? 2 : 1) };
  }
  if (n.kind === 'Combine') return { macs: B * channels * n.experts.length * (tan ? 2 : 1), ops: 0, dots: B * channels * (tan ? 2 : 1) };
  const per = isTranscendental(n) ? TRANSCENDENTAL_OPS : 1;
  const logits = n.kind === 'CrossEntropy' ? nodes[n.logits] : undefined;
  const width = n.kind === 'Mean' ? 1 : logits ? (Number(logits.type.shape[1]) || 1) : channels;
  return { macs: 0, ops: B * width * per * (tan ? 2 : 1), dots: n.kind === 'Mean' ? (tan ? 2 : 1) : 0 };
}

/** Tasks of op `op` on tile `t`: resident or chunked Dense, or one element-wise / row compute. */
function opTasks(b: ProgramBuilder, s: RoleSchedule, t: ComputeTilePlan, op: RoleOp, nodes: readonly Node[], bcast: string, format: SimFormat): SimTask[] {
  const range = s.layout.rangeOf(op, t.index);
  const channels = rangeLength(range);
  if (channels === 0) return [];
  const inputs = deliveredInputs(s, nodes, op, bcast);
  const label = `${op.node.binding ?? op.node.kind} %${op.node.id} [${range.start},${range.end})`;
  const a = t.assignments.find((x) => x.node === op.node.id);
  if (op.node.kind === 'Dense' && op.dense && a?.residency === 'streamed' && t.l1.chunkBytes !== null) {
    const rows = chunkRows(t.l1.chunkBytes, op.dense.rowBytes);
    const route = findRoute(b.plan, s.role, 'weights', `c${t.col}r1`, t.id);
    if (!route) throw new Error(`lower: no weights route to ${t.id}`);
    const fifo = b.use(route);
    const kernel = b.kernel(`dense:${t.id}:%${op.node.id}`, { kind: 'dense', role: s.role, tile: t.index, node: op.node.id, chunk: rows, weights: fifo, inputs });
    const chunks = Math.ceil(channels / rows);
    // Every chunk but possibly the last holds `rows` rows; price the average so the total is exact.
    const c = costOf(s, nodes, op, channels);
    const per = { macs: Math.round(c.macs / chunks), dots: Math.round(c.dots / chunks) };
    return T.loop(chunks, [T.acq(fifo, 'consume'), { kind: 'compute', macs: per.macs, dots: per.dots, format, kernel, label }, T.rel(fifo, 'consume')]);
  }
  const kind = op.node.kind === 'Dense' ? 'dense' : 'op';
  const spec = kind === 'dense' ? { kind, role: s.role, tile: t.index, node: op.node.id, chunk: null, weights: null, inputs } as const : { kind, role: s.role, tile: t.index, node: op.node.id, inputs } as const;
  const kernel = b.kernel(`${kind}:${t.id}:%${op.node.id}`, spec);
  const c = costOf(s, nodes, op, channels);
  return [{ kind: 'compute', macs: c.macs, ops: c.ops, dots: c.dots, format, kernel, label }];
}

/** The tiles of `t`'s column that take part in gather `g`, bottom first. */
export function participants(s: RoleSchedule, col: number, g: GatherItem): number[] {
  return s.layout.tilesInColumn(col).filter((i) => (g.blockBytes[i] ?? 0) > 0);
}

/** Tasks of gather `g` on tile `t`: take the cascade from above, write its own block, pass it all down. */
function gatherTasks(b: ProgramBuilder, s: RoleSchedule, t: ComputeTilePlan, g: GatherItem): SimTask[] {
  const own = g.blockBytes[t.index] ?? 0;
  if (own === 0) return [];
  const part = participants(s, t.col, g);
  const p = part.indexOf(t.index);
  const above = part.slice(p + 1);
  const aboveBytes = above.reduce((sum, i) => sum + (g.blockBytes[i] ?? 0), 0);
  const below = part[p - 1];
  const belowTile = below === undefined ? undefined : s.tiles[below];
  const out = belowTile
    ? findRoute(b.plan, s.role, 'cascade', t.id, belowTile.id)
    : findRoute(b.plan, s.role, 'gather', t.id, `c${t.col}r1`);
  if (!out) throw new Error(`lower: no ${belowTile ? 'cascade' : 'gather'} route from ${t.id}`);
  const outFifo = b.use(out, own + aboveBytes);
  const tasks: SimTask[] = [];
  let inFifo: string | undefined;
  const aboveTile = above[0] === undefined ? undefined : s.tiles[above[0]];
  if (aboveTile) {
    const r = findRoute(b.plan, s.role, 'cascade', aboveTile.id, t.id);
    if (!r) throw new Error(`lower: no cascade route ${aboveTile.id} -> ${t.id}`);
    inFifo = b.use(r, aboveBytes);
    tasks.push(T.acq(inFifo, 'consume'));
  }
  const kernel = b.kernel(`block:${t.id}:${g.kind}%${g.node}`, { kind: 'block', role: s.role, tile: t.index, g, fifo: outFifo });
  tasks.push(T.acq(outFifo, 'produce'), { kind: 'compute', macs: 0, format: b.plan.format, kernel, label: `send ${g.kind} %${g.node}` });
  if (inFifo) tasks.push({ kind: 'copy', from: inFifo, to: outFifo, bytes: aboveBytes, toOffset: own });
  tasks.push(T.rel(outFifo, 'produce'));
  if (inFifo) tasks.push(T.rel(inFifo, 'consume'));
  return tasks;
}

/** Adds the core thread of every compute tile of side `s`. */
export function lowerComputeTiles(b: ProgramBuilder, s: RoleSchedule, nodes: readonly Node[], items: number): void {
  const format = b.plan.format;
  for (const t of s.tiles) {
    const route = findRoute(b.plan, s.role, 'broadcast', `c${t.col}r1`, t.id);
    const bcast = route ? b.use(route, s.bcastBytes, s.bcastDepth) : '';
    const body: SimTask[] = [];
    for (const e of s.events) {
      switch (e.kind) {
        case 'deliver':
          body.push(T.acq(bcast, 'consume'));
          break;
        case 'compute':
          body.push(...opTasks(b, s, t, e.op, nodes, bcast, format));
          break;
        case 'release':
          body.push(T.rel(bcast, 'consume', e.count));
          break;
        case 'gather':
          body.push(...gatherTasks(b, s, t, e.g));
          break;
      }
    }
    b.thread(t.col, t.row, s.role, 'core', T.loop(items, T.loop(s.passes, body)));
  }
}
