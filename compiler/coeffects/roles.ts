// Tile roles: which part of the tile plan computes each value (spec/coeffects.md section 3).
// Parameters live in memory tiles; the gradient estimate and the update (not IR values) belong
// to the host optimizer; values a prediction needs are computed by inference tiles (and, when
// learning, recomputed by the learning tiles as JVP primals: `mirrored`); values only the loss
// needs are forward-gradient.
import type { Graph } from '../../ir/graph.ts';
import type { NodeId } from '../../ir/nodes.ts';
import type { SideTable } from '../../ir/tables.ts';
import type { FlowFacts } from './flow.ts';
import type { RoleFact } from './keys.ts';

/** Role of every value (the gradient estimate and the update are host-optimizer, but not IR values). */
export function computeRoles(graph: Graph, flow: FlowFacts): SideTable<RoleFact> {
  const learning = graph.meta.learn.mode !== 'none';
  const out = new Map<NodeId, RoleFact>();
  for (const n of graph.nodes) {
    let fact: RoleFact;
    if (n.kind === 'Param') fact = { role: 'memory', mirrored: false };
    else if (!learning) fact = { role: 'inference', mirrored: false };
    else if (flow.servesPrediction.has(n.id)) fact = { role: 'inference', mirrored: flow.feedsLoss.has(n.id) };
    else fact = { role: 'forward-gradient', mirrored: false };
    out.set(n.id, fact);
  }
  return out;
}
