// Dataflow facts the coeffect analyses share: which parameters the learn mode may change, which
// values serve predictions, which feed the loss, and which carry a tangent during
// forward-gradient learning. All computed by sweeps over the topological arena.
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode } from '../../ir/meta.ts';
import type { Node, NodeId, ParamNode } from '../../ir/nodes.ts';
import { operandsOf } from '../../ir/ops.ts';
import type { JvpFacts } from './jvp-facts.ts';

/** Learning-related facts of one graph. */
export interface FlowFacts {
  /** Who decided the trainable set and the tangents: the jvp pass's plan, or the learn-mode rule below. */
  readonly source: 'jvp' | 'learn-mode';
  /** Params the learn mode may update (per input, C/D further mask W to inactive units at run time). */
  readonly trainable: ReadonlySet<NodeId>;
  /** Layers whose units a Gate masks or a Combine routes: the W that C/D modes may update. */
  readonly gatedLayers: ReadonlySet<string>;
  /** Values a prediction Output depends on (the Outputs included). */
  readonly servesPrediction: ReadonlySet<NodeId>;
  /** Values the loss Output depends on (the Output included). */
  readonly feedsLoss: ReadonlySet<NodeId>;
  /** Values that depend on a trainable Param (reverse mode would differentiate them). */
  readonly dependsOnTrainable: ReadonlySet<NodeId>;
  /** Values that carry a tangent in the JVP: depend on a trainable Param and feed the loss. */
  readonly tangent: ReadonlySet<NodeId>;
}

/** Ancestors of the given roots, the roots included (reverse sweep over operands). */
export function ancestorsOf(graph: Graph, roots: readonly NodeId[]): Set<NodeId> {
  const seen = new Set<NodeId>(roots);
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    if (!seen.has(i)) continue;
    for (const op of operandsOf(graph.nodes[i] as Node)) seen.add(op);
  }
  return seen;
}

/** The Dense a value comes from through elementwise activations (the unit layer it belongs to). */
function producingDense(graph: Graph, id: NodeId): Node | undefined {
  let n = graph.nodes[id];
  while (n?.kind === 'Activation') n = graph.nodes[n.x];
  return n?.kind === 'Dense' ? n : undefined;
}

function layerOfDense(graph: Graph, n: Node | undefined): string | undefined {
  if (n?.kind !== 'Dense') return undefined;
  const w = graph.nodes[n.weight];
  return w?.kind === 'Param' && w.role === 'W' ? w.layer : undefined;
}

/** Layers whose output units are masked by a Gate (`h * g`) or routed by a Combine (experts). */
export function computeGatedLayers(graph: Graph): Set<string> {
  const gated = new Set<string>();
  const isMask = (id: NodeId): boolean => graph.nodes[id]?.kind === 'Gate';
  for (const n of graph.nodes) {
    const candidates: NodeId[] = [];
    if (n.kind === 'Mul') {
      if (isMask(n.b)) candidates.push(n.a);
      if (isMask(n.a)) candidates.push(n.b);
    } else if (n.kind === 'Combine') candidates.push(...n.experts);
    for (const c of candidates) {
      const layer = layerOfDense(graph, producingDense(graph, c));
      if (layer !== undefined) gated.add(layer);
    }
  }
  return gated;
}

/** Whether the learn mode lets learning update a parameter (spec/coeffects.md section 3). */
export function isTrainable(p: ParamNode, mode: LearnMode, gatedLayers: ReadonlySet<string>): boolean {
  switch (mode) {
    case 'none':
      return false;
    case 'theta_only':
      return p.role === 'theta';
    case 'w_inactive_only':
      return p.role === 'W' && gatedLayers.has(p.layer);
    case 'theta_and_w_inactive':
      return p.role === 'theta' || gatedLayers.has(p.layer);
  }
}

/**
 * Computes the flow facts of a graph under its own learn mode. With the jvp pass's facts, its
 * perturbed parameters and active tangents are used; without them, the same rule read from the
 * learn mode (spec/coeffects.md section 3).
 */
export function computeFlow(graph: Graph, jvp?: JvpFacts): FlowFacts {
  const gatedLayers = computeGatedLayers(graph);
  const trainable = new Set<NodeId>();
  for (const n of graph.nodes) {
    if (n.kind !== 'Param') continue;
    if (jvp ? jvp.perturbed.has(n.id) : isTrainable(n, graph.meta.learn.mode, gatedLayers)) trainable.add(n.id);
  }
  const outputs = (role: 'prediction' | 'loss'): NodeId[] => graph.nodes.filter((n) => n.kind === 'Output' && n.role === role).map((n) => n.id);
  const servesPrediction = ancestorsOf(graph, outputs('prediction'));
  const feedsLoss = ancestorsOf(graph, outputs('loss'));
  const dependsOnTrainable = new Set<NodeId>(trainable);
  for (const n of graph.nodes) if (operandsOf(n).some((op) => dependsOnTrainable.has(op))) dependsOnTrainable.add(n.id);
  const carries = jvp ? jvp.active : dependsOnTrainable;
  const tangent = new Set<NodeId>([...carries].filter((id) => feedsLoss.has(id)));
  return { source: jvp ? 'jvp' : 'learn-mode', trainable, gatedLayers, servesPrediction, feedsLoss, dependsOnTrainable, tangent };
}
