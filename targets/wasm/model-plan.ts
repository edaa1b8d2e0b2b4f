// What the whole-model WASM emitter computes and in which order: the nodes each entry point
// needs, the learn mode's tangent plan, and the hard-gate skip decisions of `infer`. A Dense
// that reads `a * g` with g a hard gate accumulates only the nonzero columns; a Dense (and its
// elementwise activations) whose output is multiplied by a hard gate that does not depend on it
// computes only the active rows, after the gate. `forward` never skips, so it exposes every value.
import type { Graph } from '../../ir/graph.ts';
import { computeUsers } from '../../ir/graph.ts';
import type { LearnMode } from '../../ir/meta.ts';
import type { Node, NodeId, NodeOf } from '../../ir/nodes.ts';
import { operandsOf } from '../../ir/ops.ts';
import { featureSize } from '../../ir/types.ts';
import type { TangentPlan } from '../../compiler/passes/jvp.ts';

/** A Dense whose rows are computed only where a hard gate is on (`infer` only). */
export interface RowSkip {
  readonly dense: NodeId;
  /** The hard Gate whose mask selects the rows. */
  readonly gate: NodeId;
  /** Elementwise Activation nodes between the Dense and the Mul, in order. */
  readonly chain: readonly NodeId[];
  /** The Mul that multiplies the chain's end by the gate. */
  readonly mul: NodeId;
}

/** Skip decisions for `infer`. */
export interface SkipPlan {
  /** Dense id -> the hard Gate whose zero columns it skips (its input is a gated product). */
  readonly columns: ReadonlyMap<NodeId, NodeId>;
  /** Dense id -> its row skip. */
  readonly rows: ReadonlyMap<NodeId, RowSkip>;
}

/** Everything the emitters need to know about the graph beyond its nodes. */
export interface ModelPlan {
  readonly graph: Graph;
  /** Nodes `infer` computes (predictions). */
  readonly predict: readonly boolean[];
  /** Nodes `forward` with the loss and the learning step compute. */
  readonly withLoss: readonly boolean[];
  readonly skip: SkipPlan;
  /** The tangent plan of the learn mode the module was compiled for (absent: no learning exports). */
  readonly tangents?: TangentPlan;
  readonly mode: LearnMode;
}

/** Elements per sample of a node's value (1 for `[B]` and for scalars). */
export function widthOf(n: Node): number {
  const s = n.type.shape;
  if (s.length === 0) return 1;
  if (s[0] !== 'B') return s.reduce<number>((a, d) => a * (typeof d === 'number' ? d : 1), 1);
  return s.length === 1 ? 1 : featureSize(s);
}

/** True for a value with a batch dimension (everything but Params and the scalar Mean). */
export function isBatched(n: Node): boolean {
  return n.type.shape[0] === 'B';
}

/** Marks every node the roots depend on. */
function reach(graph: Graph, roots: readonly NodeId[]): boolean[] {
  const needed = graph.nodes.map(() => false);
  for (const r of roots) needed[r] = true;
  for (let i = graph.nodes.length - 1; i >= 0; i--) if (needed[i]) for (const op of operandsOf(graph.nodes[i] as Node)) needed[op] = true;
  return needed;
}

/** Builds the plan for a graph (laid out) and an optional tangent plan. */
export function planModel(graph: Graph, mode: LearnMode, tangents: TangentPlan | undefined): ModelPlan {
  const outputs = graph.nodes.filter((n): n is NodeOf<'Output'> => n.kind === 'Output');
  const predict = reach(graph, outputs.filter((o) => o.role === 'prediction').map((o) => o.id));
  const withLoss = reach(graph, outputs.map((o) => o.id));
  return { graph, predict, withLoss, skip: planSkips(graph, predict), mode, ...(tangents ? { tangents } : {}) };
}

const hardGate = (graph: Graph, id: NodeId): NodeOf<'Gate'> | undefined => {
  const n = graph.nodes[id];
  return n?.kind === 'Gate' && n.mode === 'hard' ? n : undefined;
};

/** Finds the column and row skips (see the file header). */
function planSkips(graph: Graph, predict: readonly boolean[]): SkipPlan {
  const users = computeUsers(graph);
  const columns = new Map<NodeId, NodeId>();
  const rows = new Map<NodeId, RowSkip>();
  for (const n of graph.nodes) {
    if (!predict[n.id]) continue;
    if (n.kind === 'Dense') {
      const x = graph.nodes[n.x];
      if (x?.kind === 'Mul') {
        const g = hardGate(graph, x.b) ?? hardGate(graph, x.a);
        if (g) columns.set(n.id, g.id);
      }
    }
    if (n.kind !== 'Mul') continue;
    for (const [valueSide, gateSide] of [[n.a, n.b], [n.b, n.a]] as const) {
      const g = hardGate(graph, gateSide);
      if (!g || valueSide === gateSide) continue;
      const chain: NodeId[] = [];
      let cur = graph.nodes[valueSide];
      while (cur?.kind === 'Activation' && (users[cur.id]?.length ?? 0) === 1) {
        chain.unshift(cur.id);
        cur = graph.nodes[cur.x];
      }
      if (cur?.kind !== 'Dense' || (users[cur.id]?.length ?? 0) !== 1 || rows.has(cur.id)) continue;
      if (chain.length === 0 && cur.id !== valueSide) continue;
      // The gate must not depend on the Dense, or it could not be evaluated first.
      if (reach(graph, [g.id])[cur.id]) continue;
      rows.set(cur.id, { dense: cur.id, gate: g.id, chain, mul: n.id });
      break;
    }
  }
  return { columns, rows };
}

/**
 * The order `infer` evaluates nodes in: id order, except that a row-skipped Dense and its
 * activation chain are deferred to just before their Mul (the gate has been computed by then).
 */
export function inferOrder(plan: ModelPlan): NodeId[] {
  const deferred = new Set<NodeId>();
  const byMul = new Map<NodeId, RowSkip>();
  for (const r of plan.skip.rows.values()) {
    deferred.add(r.dense);
    for (const c of r.chain) deferred.add(c);
    byMul.set(r.mul, r);
  }
  const order: NodeId[] = [];
  for (const n of plan.graph.nodes) {
    if (!plan.predict[n.id] || deferred.has(n.id)) continue;
    const r = byMul.get(n.id);
    if (r) order.push(r.dense, ...r.chain);
    order.push(n.id);
  }
  return order;
}
