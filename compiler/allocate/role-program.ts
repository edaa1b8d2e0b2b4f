// The work of one side of the split, independent of which tiles run it: every op the role
// computes, in schedule (id) order, with its placement (sliced by channels, replicated, or on the
// head tile), which values must reach every tile whole (delivered by the memory tiles), which
// sliced values go up to the memory tiles (gathered), and the sizes of all of them.
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { operandsOf } from '../../ir/ops.ts';
import { POSIT_SPECS, isPositFormat } from '../../runtime/numerics/formats.ts';
import type { LearnFacts } from './learn-facts.ts';
import type { Placement, PlanRole } from './plan.ts';
import { bytesPerElement, valueBytes } from './sizes.ts';

/** Weight facts of a Dense. */
export interface DenseInfo {
  readonly layer: string;
  /** Inputs per output channel. */
  readonly inWidth: number;
  /** Bytes of one output channel's parameters: its weight row and its bias entry. */
  readonly rowBytes: number;
  readonly trainable: boolean;
}

/** One op of the role's schedule. */
export interface RoleOp {
  readonly node: Node;
  readonly index: number;
  readonly placement: Placement;
  /** Output channels (1 for per-sample and scalar values). */
  readonly width: number;
  readonly wholeBytes: number;
  /** Bytes of one channel of the value at the batch size. */
  readonly channelBytes: number;
  readonly tangent: boolean;
  readonly quire: boolean;
  /** Last schedule index that reads this value from the tile's own L1 (its own index if none). */
  readonly lastLocal: number;
  readonly dense: DenseInfo | null;
}

/** A value every tile of the role receives whole, and the schedule window it is held for. */
export interface Delivery {
  readonly value: NodeId;
  readonly first: number;
  readonly last: number;
  readonly bytes: number;
  readonly tangentBytes: number;
}

/** The role's program. */
export interface RoleProgram {
  readonly role: PlanRole;
  readonly ops: readonly RoleOp[];
  readonly byId: ReadonlyMap<NodeId, RoleOp>;
  readonly deliveries: readonly Delivery[];
  /** Sliced values whose slices travel up to the memory tiles (to be delivered, or to leave as outputs). */
  readonly gathered: readonly RoleOp[];
  /** Values the head tile sends out whole (head or replicated values that are outputs). */
  readonly headOutputs: readonly RoleOp[];
  /** Inputs and labels that arrive through the shim, and their bytes. */
  readonly sourceBytes: number;
  /** Bytes of the role's outputs per step (predictions; or the loss and its tangent). */
  readonly outputBytes: number;
  readonly outputTangentBytes: number;
  /** Buffers of the delivery FIFO: 2, or more when more whole values are held at once. */
  readonly wholeDepth: number;
  readonly wholeBytes: number;
  readonly wholeTangentBytes: number;
  /** Quires use this many bytes each (0 outside posit formats). */
  readonly quireBytes: number;
}

/** Kinds that are not placed on tiles: sources, parameters, outputs and views. */
const NOT_PLACED: ReadonlySet<string> = new Set(['Input', 'Label', 'Param', 'Output', 'Reshape']);
const HEAD_CONSUMERS: ReadonlySet<string> = new Set(['Output', 'CrossEntropy', 'Mean']);
const WHOLE_OPERANDS: Readonly<Partial<Record<Node['kind'], readonly string[]>>> = {
  Dense: ['x'],
  Combine: ['weights'],
  Softmax: ['x'],
  Top1: ['x'],
  CrossEntropy: ['logits', 'label'],
  Mean: ['x'],
};

/** A Reshape is a view: reads of it are reads of its source. */
function resolve(graph: Graph, id: NodeId): NodeId {
  const n = graph.nodes[id];
  return n?.kind === 'Reshape' ? resolve(graph, n.x) : id;
}

function isSource(n: Node | undefined): boolean {
  return n?.kind === 'Input' || n?.kind === 'Label';
}

/** Operand ids a node reads whole (by field), resolved through views. */
function wholeOperands(graph: Graph, n: Node): Set<NodeId> {
  const out = new Set<NodeId>();
  const fields = WHOLE_OPERANDS[n.kind] ?? [];
  const rec = n as unknown as Record<string, unknown>;
  for (const f of fields) if (typeof rec[f] === 'number') out.add(resolve(graph, rec[f] as NodeId));
  return out;
}

function placementOf(graph: Graph, n: Node, placed: ReadonlyMap<NodeId, Placement>, consumers: readonly Node[]): Placement {
  switch (n.kind) {
    case 'CrossEntropy':
    case 'Mean':
      return 'head';
    case 'Softmax':
    case 'Top1':
      return consumers.every((c) => HEAD_CONSUMERS.has(c.kind)) ? 'head' : 'replicated';
    case 'Activation':
    case 'Gate':
    case 'Mul': {
      const ps = operandsOf(n).map((op) => placed.get(resolve(graph, op)));
      if (ps.some((p) => p === 'head')) return 'head';
      if (ps.length > 0 && ps.every((p) => p === 'replicated')) return 'replicated';
      return 'sliced';
    }
    default:
      return 'sliced';
  }
}

/** Appends to the list under `key`. */
function pushTo<K, V>(m: Map<K, V[]>, key: K, v: V): void {
  const xs = m.get(key);
  if (xs) xs.push(v);
  else m.set(key, [v]);
}

/**
 * How each op reads its operands: schedule indices at which a value is read whole (it must be
 * delivered: sources, and sliced values that a Dense input, Combine weights or a row op needs),
 * and the last index at which a value is read from the tile's own L1.
 */
function scheduleReads(graph: Graph, compute: readonly Node[], placed: ReadonlyMap<NodeId, Placement>): { deliveryUses: Map<NodeId, number[]>; lastLocal: Map<NodeId, number> } {
  const deliveryUses = new Map<NodeId, number[]>();
  const lastLocal = new Map<NodeId, number>();
  compute.forEach((n, i) => {
    const whole = wholeOperands(graph, n);
    for (const raw of operandsOf(n)) {
      const src = resolve(graph, raw);
      const srcNode = graph.nodes[src];
      if (srcNode?.kind === 'Param') continue;
      if (isSource(srcNode) || (whole.has(src) && placed.get(src) === 'sliced')) pushTo(deliveryUses, src, i);
      else lastLocal.set(src, Math.max(lastLocal.get(src) ?? 0, i));
    }
  });
  return { deliveryUses, lastLocal };
}

/** Bytes of the role's outputs per step; outputs of inputs are returned by the head memory tile. */
function outputSizes(graph: Graph, outputValues: ReadonlySet<NodeId>, byId: ReadonlyMap<NodeId, RoleOp>, bpe: number, batch: number): { bytes: number; tangent: number } {
  let bytes = 0;
  let tangent = 0;
  for (const id of outputValues) {
    const o = byId.get(id);
    const n = graph.nodes[id];
    if (o) {
      bytes += o.wholeBytes;
      if (o.tangent) tangent += o.wholeBytes;
    } else if (n && isSource(n)) bytes += valueBytes(n, bpe, batch);
  }
  return { bytes, tangent };
}

/** Builds the program of `role`: the ancestors of its outputs (predictions, or the loss). */
export function buildRoleProgram(graph: Graph, role: PlanRole, facts: LearnFacts, format: NumericFormat, batch: number): RoleProgram {
  const members = role === 'inference' ? facts.servesPrediction : facts.feedsLoss;
  const learning = role === 'forward-gradient';
  const bpe = bytesPerElement(format);
  const consumers = new Map<NodeId, Node[]>();
  for (const n of graph.nodes) if (members.has(n.id)) for (const op of operandsOf(n)) pushTo(consumers, resolve(graph, op), n);
  const compute = graph.nodes.filter((n) => members.has(n.id) && !NOT_PLACED.has(n.kind));
  const placed = new Map<NodeId, Placement>();
  for (const n of compute) placed.set(n.id, placementOf(graph, n, placed, consumers.get(n.id) ?? []));
  const { deliveryUses, lastLocal } = scheduleReads(graph, compute, placed);
  const ops = compute.map((n, i) => makeOp(graph, n, i, placed.get(n.id) ?? 'sliced', facts, learning, bpe, batch, lastLocal.get(n.id) ?? i));
  const byId = new Map(ops.map((o) => [o.node.id, o] as const));
  const deliveries: Delivery[] = [...deliveryUses].map(([value, uses]) => {
    const bytes = valueBytes(graph.nodes[value] as Node, bpe, batch);
    return { value, first: Math.min(...uses), last: Math.max(...uses), bytes, tangentBytes: learning && facts.tangent.has(value) ? bytes : 0 };
  });
  deliveries.sort((a, b) => a.value - b.value);
  const outputValues = new Set(graph.nodes.flatMap((n) => (members.has(n.id) && n.kind === 'Output' ? [resolve(graph, n.value)] : [])));
  const out = outputSizes(graph, outputValues, byId, bpe, batch);
  return {
    role,
    ops,
    byId,
    deliveries,
    gathered: ops.filter((o) => o.placement === 'sliced' && (deliveryUses.has(o.node.id) || outputValues.has(o.node.id))),
    headOutputs: ops.filter((o) => o.placement !== 'sliced' && outputValues.has(o.node.id)),
    sourceBytes: graph.nodes.filter((n) => members.has(n.id) && isSource(n)).reduce((s, n) => s + valueBytes(n, bpe, batch), 0),
    outputBytes: out.bytes,
    outputTangentBytes: out.tangent,
    wholeDepth: Math.max(2, peakOverlap(deliveries)),
    wholeBytes: Math.max(0, ...deliveries.map((d) => d.bytes)),
    wholeTangentBytes: Math.max(0, ...deliveries.map((d) => d.tangentBytes)),
    quireBytes: isPositFormat(format) ? POSIT_SPECS[format].quireBits / 8 : 0,
  };
}

/** Most deliveries held at once (their schedule windows overlap). */
function peakOverlap(ds: readonly Delivery[]): number {
  let peak = 0;
  for (const d of ds) peak = Math.max(peak, ds.filter((e) => e.first <= d.first && e.last >= d.first).length);
  return peak;
}

function makeOp(graph: Graph, n: Node, index: number, placement: Placement, facts: LearnFacts, learning: boolean, bpe: number, batch: number, lastLocal: number): RoleOp {
  const shape = n.type.shape;
  const width = shape.length === 2 && typeof shape[1] === 'number' ? shape[1] : 1;
  const wholeBytes = valueBytes(n, bpe, batch);
  let dense: DenseInfo | null = null;
  if (n.kind === 'Dense') {
    const w = graph.nodes[n.weight];
    const inWidth = w?.kind === 'Param' ? (w.shape[1] ?? 0) : 0;
    dense = {
      layer: w?.kind === 'Param' ? w.layer : (n.binding ?? `%${n.id}`),
      inWidth,
      rowBytes: (inWidth + 1) * bpe,
      trainable: learning && facts.trainable.has(n.weight),
    };
  }
  return {
    node: n,
    index,
    placement,
    width,
    wholeBytes,
    channelBytes: wholeBytes / width,
    tangent: learning && facts.tangent.has(n.id),
    quire: n.kind === 'Dense' || n.kind === 'Combine' || n.kind === 'Mean',
    lastLocal,
    dense,
  };
}
