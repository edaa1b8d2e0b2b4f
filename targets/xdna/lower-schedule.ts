// The step schedule of one side of a tile plan, for the xdna lowering (lower.ts): the allocator's
// role program laid over the plan's tiles, turned into the ordered events of one pass (deliver
// a whole value, compute an op, release delivered buffers, gather a value's slices toward the
// head), with the buffer sizes and byte layouts every thread of that side agrees on.
// spec/simulate.md section 6 describes the protocol.
import { computeLearnFacts } from '../../compiler/allocate/learn-facts.ts';
import { QUIRE_BLOCK, type ChannelRange, type ComputeTilePlan, type PlanRole, type PlanRoute, type RoleInfo, type TilePlan } from '../../compiler/allocate/plan.ts';
import { layRole, rangeLength, type RoleLayout } from '../../compiler/allocate/role-layout.ts';
import { buildRoleProgram, type RoleOp, type RoleProgram } from '../../compiler/allocate/role-program.ts';
import { bytesPerElement, LABEL_BYTES } from '../../compiler/allocate/sizes.ts';
import { computeTangentPlan, type TangentPlan } from '../../compiler/passes/jvp.ts';
import type { Graph } from '../../ir/graph.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { operandsOf } from '../../ir/ops.ts';
import type { GridTile } from './grid-topology.ts';

/** Rounds a byte count up to 8, so every block of a buffer starts aligned for any typed view. */
export function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** A whole value every tile of the side receives, in delivery order. */
export interface ScheduledDelivery {
  readonly value: NodeId;
  /** Position in the side's broadcast stream within one pass. */
  readonly slot: number;
  readonly first: number;
  readonly last: number;
  /** Op index after whose compute the tiles release this buffer (releases go in delivery order). */
  readonly release: number;
  /** Bytes of the primal value; the tangent (if carried) starts at align8(bytes). */
  readonly bytes: number;
  readonly tangent: boolean;
  /** Inputs and labels come from the samples buffer, gathered values from the head's staging. */
  readonly source: boolean;
}

/**
 * Something a side's tiles send toward the head memory tile: a sliced value (each tile its block
 * of channels), the inactivity mask of a unit-bearing layer (1 byte per unit and sample), or the
 * learning loss (the head tile sends the loss and the per-sample loss tangents).
 */
export interface GatherItem {
  readonly kind: 'value' | 'mask' | 'loss';
  /** The value; for a mask, the Dense whose units it marks; for the loss, the Mean. */
  readonly node: NodeId;
  /** Op index after which the gather runs. */
  readonly after: number;
  readonly width: number;
  readonly tangent: boolean;
  /** Channel range of every tile (by channel-order index); empty ranges do not take part. */
  readonly ranges: readonly ChannelRange[];
  /** Bytes of tile i's block (0: it does not take part). */
  readonly blockBytes: readonly number[];
}

/** One event of a pass, in the order every thread of the side follows. */
export type PassEvent =
  | { readonly kind: 'deliver'; readonly d: ScheduledDelivery }
  | { readonly kind: 'compute'; readonly op: RoleOp }
  | { readonly kind: 'release'; readonly count: number }
  | { readonly kind: 'gather'; readonly g: GatherItem };

/** A source value's place in the samples buffer. */
export interface SourceSlot {
  readonly node: NodeId;
  readonly offset: number;
  readonly bytes: number;
  readonly label: boolean;
}

/** One side of the plan, ready to be lowered. */
export interface RoleSchedule {
  readonly role: PlanRole;
  /** Route id prefix of the side (`inf`, `fg`). */
  readonly prefix: string;
  readonly info: RoleInfo;
  readonly program: RoleProgram;
  readonly layout: RoleLayout;
  /** The side's compute tiles by channel-order index. */
  readonly tiles: readonly ComputeTilePlan[];
  /** Forward passes per step: 1, or k perturbations (plus one primal pass first when `primalPass`). */
  readonly passes: number;
  /**
   * The learning side runs a primal-only pass before its k tangent passes: some gathered tangent
   * depends on a layer perturbed on inactive units whose gate is evaluated after that gather.
   */
  readonly primalPass: boolean;
  readonly batch: number;
  readonly bpe: number;
  readonly deliveries: readonly ScheduledDelivery[];
  readonly gathers: readonly GatherItem[];
  readonly events: readonly PassEvent[];
  /** Depth the broadcast FIFOs need so no tile waits on its own held buffers. */
  readonly bcastDepth: number;
  readonly bcastBytes: number;
  readonly sources: readonly SourceSlot[];
  readonly samplesBytes: number;
  /** Per pass: what the head memory tile sends out (predictions, or loss + masks). */
  readonly outputBytes: number;
  /** The tangent plan (learning side), for the kernels. */
  readonly tangentPlan?: TangentPlan;
}

/** Route lookup by purpose and ends. */
export function findRoute(plan: TilePlan, role: PlanRole | 'shared', purpose: PlanRoute['purpose'], producer: string, consumer?: string): PlanRoute | undefined {
  return plan.routes.find((r) => (r.role === role || (role !== 'shared' && r.role === 'shared')) && r.purpose === purpose && r.producer === producer && (consumer === undefined || r.consumers.includes(consumer)));
}

/** Byte size of one gather block: a value's primal (+ tangent), a mask, or the loss with per-sample tangents. */
function blockBytesOf(kind: GatherItem['kind'], channels: number, batch: number, bpe: number, tangent: boolean): number {
  if (channels === 0) return 0;
  if (kind === 'mask') return align8(batch * channels);
  if (kind === 'loss') return align8(bpe) + align8(batch * bpe);
  const primal = align8(batch * channels * bpe);
  return tangent ? 2 * primal : primal;
}

function deliveriesOf(graph: Graph, program: RoleProgram, bpe: number, batch: number): ScheduledDelivery[] {
  const ordered = [...program.deliveries].sort((a, b) => a.first - b.first || a.value - b.value);
  let rel = -1;
  return ordered.map((d, slot) => {
    rel = Math.max(rel, d.last);
    const n = graph.nodes[d.value] as Node;
    const source = n.kind === 'Input' || n.kind === 'Label';
    const bytes = n.kind === 'Label' ? batch * LABEL_BYTES : d.bytes;
    return { value: d.value, slot, first: d.first, last: d.last, release: rel, bytes, tangent: d.tangentBytes > 0 && bpe > 0, source };
  });
}

/** Units of a learning side whose W rows are perturbed only where inactive: their masks leave for the host. */
function maskItems(program: RoleProgram, layout: RoleLayout, tplan: TangentPlan | undefined, batch: number, bpe: number): GatherItem[] {
  if (!tplan) return [];
  const out: GatherItem[] = [];
  for (const op of program.ops) {
    const n = op.node;
    if (n.kind !== 'Dense' || tplan.perturbed.get(n.weight) !== 'inactive-units') continue;
    const src = tplan.units.get(n.id);
    if (!src) continue;
    const deps = [n.id, ...src.gates, ...src.experts.map((e) => e.weights)];
    const after = Math.max(...deps.map((id) => program.byId.get(id)?.index ?? Infinity));
    if (!Number.isFinite(after)) continue;
    const ranges = layout.tiles.map((_, i) => layout.rangeOf(op, i));
    out.push({ kind: 'mask', node: n.id, after, width: op.width, tangent: false, ranges, blockBytes: ranges.map((r) => blockBytesOf('mask', rangeLength(r), batch, bpe, false)) });
  }
  return out;
}

function gatherItems(graph: Graph, program: RoleProgram, layout: RoleLayout, tplan: TangentPlan | undefined, batch: number, bpe: number): GatherItem[] {
  const items: GatherItem[] = [];
  const learning = program.role === 'forward-gradient';
  const head = layout.headIndex;
  for (const op of [...program.gathered, ...program.headOutputs]) {
    const isLoss = learning && op.node.kind === 'Mean';
    const kind = isLoss ? 'loss' : 'value';
    // Non-sliced values leave from the head tile only (spec/allocate.md section 2).
    const ranges = layout.tiles.map((_, i) => (op.placement === 'sliced' ? layout.rangeOf(op, i) : i === head ? { start: 0, end: op.width } : { start: 0, end: 0 }));
    items.push({ kind, node: op.node.id, after: op.index, width: op.width, tangent: op.tangent, ranges, blockBytes: ranges.map((r) => blockBytesOf(kind, rangeLength(r), batch, bpe, op.tangent)) });
  }
  items.push(...maskItems(program, layout, tplan, batch, bpe));
  if (learning && !items.some((g) => g.kind === 'loss')) {
    const mean = graph.nodes.find((n) => n.kind === 'Mean');
    if (mean) throw new Error(`lower: the learning side does not send its loss (%${mean.id})`);
  }
  return items.sort((a, b) => a.after - b.after || a.node - b.node);
}

/** The pass's events, and the broadcast depth the release order needs. */
function passEvents(program: RoleProgram, deliveries: readonly ScheduledDelivery[], gathers: readonly GatherItem[]): { events: PassEvent[]; depth: number } {
  const events: PassEvent[] = [];
  let depth = 2;
  for (const op of program.ops) {
    for (const d of deliveries) {
      if (d.first !== op.index) continue;
      const held = deliveries.filter((e) => e.slot < d.slot && e.release >= d.first).length;
      depth = Math.max(depth, held + 1);
      events.push({ kind: 'deliver', d });
    }
    events.push({ kind: 'compute', op });
    const releasing = deliveries.filter((d) => d.release === op.index).length;
    if (releasing > 0) events.push({ kind: 'release', count: releasing });
    for (const g of gathers) if (g.after === op.index) events.push({ kind: 'gather', g });
  }
  return { events, depth };
}

function sourceSlots(graph: Graph, program: RoleProgram, bpe: number, batch: number): { slots: SourceSlot[]; bytes: number } {
  const slots: SourceSlot[] = [];
  let offset = 0;
  const members = new Set(program.deliveries.map((d) => d.value));
  for (const n of graph.nodes) {
    if ((n.kind !== 'Input' && n.kind !== 'Label') || !members.has(n.id)) continue;
    const label = n.kind === 'Label';
    const bytes = label ? batch * LABEL_BYTES : batch * n.dims.reduce((a, d) => a * d, 1) * bpe;
    slots.push({ node: n.id, offset, bytes, label });
    offset += align8(bytes);
  }
  return { slots, bytes: Math.max(8, offset) };
}

/** Bytes of the outputs buffer: prediction outputs in Output order, or the loss and the masks. */
function outputBytesOf(graph: Graph, program: RoleProgram, gathers: readonly GatherItem[], batch: number, bpe: number): number {
  if (program.role === 'forward-gradient') return gathers.filter((g) => g.kind !== 'value').reduce((s, g) => s + (g.kind === 'loss' ? align8(bpe) + align8(batch * bpe) : maskBytes(batch * g.width)), 0);
  let bytes = 0;
  for (const n of graph.nodes) if (n.kind === 'Output' && n.role === 'prediction') bytes += align8(batch * widthOf(graph.nodes[n.value] as Node) * bpe);
  return Math.max(8, bytes);
}

/** Bytes of a bit-packed unit mask (the host's copy: one bit per unit and sample). */
export function maskBytes(bits: number): number {
  return align8(Math.ceil(bits / 8));
}

/** Features per sample of a value. */
export function widthOf(n: Node): number {
  const s = n.type.shape;
  let w = 1;
  for (let i = 1; i < s.length; i++) w *= typeof s[i] === 'number' ? (s[i] as number) : 1;
  return s.length === 0 ? 1 : w;
}

/** True when a gathered tangent needs a unit mask that is only known after the gather (spec/jvp.md 3.2). */
function needsPrimalPass(graph: Graph, program: RoleProgram, gathers: readonly GatherItem[]): boolean {
  const maskAfter = new Map(gathers.filter((g) => g.kind === 'mask').map((g) => [g.node, g.after] as const));
  if (maskAfter.size === 0) return false;
  return gathers.some((g) => {
    if (g.kind !== 'value' || !g.tangent) return false;
    const seen = new Set<NodeId>();
    const stack: NodeId[] = [g.node];
    while (stack.length > 0) {
      const id = stack.pop() as NodeId;
      if (seen.has(id) || !program.byId.has(id)) continue;
      seen.add(id);
      if ((maskAfter.get(id) ?? -1) > g.after) return true;
      stack.push(...operandsOf(graph.nodes[id] as Node));
    }
    return false;
  });
}

/** Builds the schedule of one side of `plan`. */
export function scheduleRole(graph: Graph, plan: TilePlan, info: RoleInfo): RoleSchedule {
  const role = info.role;
  const bpe = bytesPerElement(plan.format);
  const batch = plan.batch;
  const program = buildRoleProgram(graph, role, computeLearnFacts(graph), plan.format, batch);
  const tiles = plan.computeTiles.filter((t) => t.role === role).sort((a, b) => a.index - b.index);
  const layout = layRole(program, tiles.map((t): GridTile => ({ col: t.col, row: t.row, kind: 'compute' })));
  const learning = role === 'forward-gradient';
  const tplan = learning ? computeTangentPlan(graph, graph.meta.learn.mode).plan : undefined;
  if (learning && !tplan) throw new Error(`lower: no tangent plan for learn mode ${graph.meta.learn.mode}`);
  const deliveries = deliveriesOf(graph, program, bpe, batch).map((d) => ({ ...d, tangent: learning && d.tangent }));
  const gathers = gatherItems(graph, program, layout, tplan, batch, bpe);
  const { events, depth } = passEvents(program, deliveries, gathers);
  const primalPass = learning && needsPrimalPass(graph, program, gathers);
  const bcastBytes = Math.max(8, ...deliveries.map((d) => (d.tangent ? 2 * align8(d.bytes) : align8(d.bytes))));
  const src = sourceSlots(graph, program, bpe, batch);
  return {
    role, prefix: learning ? 'fg' : 'inf', info, program, layout, tiles, passes: info.passesPerStep + (primalPass ? 1 : 0), primalPass, batch, bpe, deliveries, gathers, events,
    bcastDepth: depth, bcastBytes, sources: src.slots, samplesBytes: src.bytes, outputBytes: outputBytesOf(graph, program, gathers, batch, bpe),
    ...(tplan ? { tangentPlan: tplan } : {}),
  };
}

/** Rows of a Dense's weight chunk on a streaming tile: a quire block, or fewer if the chunk is smaller. */
export function chunkRows(chunkBytes: number, rowBytes: number): number {
  return Math.max(1, Math.min(QUIRE_BLOCK, Math.floor(chunkBytes / rowBytes)));
}
