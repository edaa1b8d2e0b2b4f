// Which values each side of the split computes, and which carry a tangent, for the allocator.
// Inference tiles compute what the prediction outputs need; learning tiles recompute what the
// loss needs, with a tangent on every value that depends on a parameter the learn mode may
// update. The trainable rule is the one of spec/coeffects.md (modes B-D, gated layers for W).
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode } from '../../ir/meta.ts';
import type { Node, NodeId, ParamNode } from '../../ir/nodes.ts';
import { operandsOf } from '../../ir/ops.ts';

/** Learning facts of one graph. */
export interface LearnFacts {
  readonly trainable: ReadonlySet<NodeId>;
  /** Values a prediction Output depends on. */
  readonly servesPrediction: ReadonlySet<NodeId>;
  /** Values the loss Output depends on. */
  readonly feedsLoss: ReadonlySet<NodeId>;
  /** Values that carry a tangent on the learning tiles. */
  readonly tangent: ReadonlySet<NodeId>;
}

/** Ancestors of the roots, roots included. */
function ancestors(graph: Graph, roots: readonly NodeId[]): Set<NodeId> {
  const seen = new Set<NodeId>(roots);
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    if (seen.has(i)) for (const op of operandsOf(graph.nodes[i] as Node)) seen.add(op);
  }
  return seen;
}

/** Layer of the W Dense that `id` comes from through activations, if any. */
function gatedLayerOf(graph: Graph, id: NodeId): string | undefined {
  let n = graph.nodes[id];
  while (n?.kind === 'Activation') n = graph.nodes[n.x];
  if (n?.kind !== 'Dense') return undefined;
  const w = graph.nodes[n.weight];
  return w?.kind === 'Param' && w.role === 'W' ? w.layer : undefined;
}

/** Layers whose units a Gate masks or a Combine routes: the W that modes C and D update. */
function gatedLayers(graph: Graph): Set<string> {
  const out = new Set<string>();
  const isGate = (id: NodeId): boolean => graph.nodes[id]?.kind === 'Gate';
  for (const n of graph.nodes) {
    const masked: NodeId[] = [];
    if (n.kind === 'Mul') {
      if (isGate(n.b)) masked.push(n.a);
      if (isGate(n.a)) masked.push(n.b);
    } else if (n.kind === 'Combine') masked.push(...n.experts);
    for (const m of masked) {
      const layer = gatedLayerOf(graph, m);
      if (layer !== undefined) out.add(layer);
    }
  }
  return out;
}

function isTrainable(p: ParamNode, mode: LearnMode, gated: ReadonlySet<string>): boolean {
  switch (mode) {
    case 'none':
      return false;
    case 'theta_only':
      return p.role === 'theta';
    case 'w_inactive_only':
      return p.role === 'W' && gated.has(p.layer);
    case 'theta_and_w_inactive':
      return p.role === 'theta' || gated.has(p.layer);
  }
}

/** Computes the learning facts of a graph under its own learn mode. */
export function computeLearnFacts(graph: Graph): LearnFacts {
  const gated = gatedLayers(graph);
  const trainable = new Set<NodeId>();
  for (const n of graph.nodes) if (n.kind === 'Param' && isTrainable(n, graph.meta.learn.mode, gated)) trainable.add(n.id);
  const outputs = (role: 'prediction' | 'loss'): NodeId[] => graph.nodes.filter((n) => n.kind === 'Output' && n.role === role).map((n) => n.id);
  const servesPrediction = ancestors(graph, outputs('prediction'));
  const feedsLoss = graph.meta.learn.mode === 'none' ? new Set<NodeId>() : ancestors(graph, outputs('loss'));
  const depends = new Set<NodeId>(trainable);
  for (const n of graph.nodes) if (operandsOf(n).some((op) => depends.has(op))) depends.add(n.id);
  const tangent = new Set<NodeId>([...depends].filter((id) => feedsLoss.has(id) && graph.nodes[id]?.kind !== 'Param'));
  return { trainable, servesPrediction, feedsLoss, tangent };
}
