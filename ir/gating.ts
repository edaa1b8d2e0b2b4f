// Gating analysis: which parts of which W parameters a routing decision switches off. Learning
// modes C and D update W only on units inactive for the current input; this table says, per
// W Param, which mask or mixture decides that. Computed from graph structure alone.
import type { Graph } from './graph.ts';
import { computeUsers } from './graph.ts';
import type { Node, NodeId } from './nodes.ts';
import { tableKey, type SideTable } from './tables.ts';

/** How a routing value gates one W parameter. */
export type GatedBy =
  /** Output unit j of the layer (weight row j, bias entry j) is active iff `mask[b, j] != 0`. */
  | { readonly kind: 'mask-rows'; readonly mask: NodeId }
  /** Input j of the layer (weight column j) is active iff `mask[b, j] != 0`. */
  | { readonly kind: 'mask-cols'; readonly mask: NodeId }
  /** The whole expert is active iff `weights[b, expert] != 0` (`weights`: Top1 or Softmax). */
  | { readonly kind: 'expert'; readonly weights: NodeId; readonly expert: number };

/** Gating of each W Param id that some routing value gates (absent: never gated). */
export const GATING = tableKey<readonly GatedBy[]>('gating');

/** The Dense a value comes from, looking through elementwise activations. */
function denseBehind(g: Graph, id: NodeId): Extract<Node, { kind: 'Dense' }> | undefined {
  let n = g.nodes[id];
  while (n?.kind === 'Activation') n = g.nodes[n.x];
  return n?.kind === 'Dense' ? n : undefined;
}

/** Computes the GATING table of a graph. */
export function computeGating(g: Graph): SideTable<readonly GatedBy[]> {
  const out = new Map<NodeId, GatedBy[]>();
  const add = (param: NodeId, by: GatedBy): void => {
    const p = g.nodes[param];
    if (p?.kind !== 'Param' || p.role !== 'W') return;
    const list = out.get(param) ?? [];
    if (!list.some((x) => JSON.stringify(x) === JSON.stringify(by))) list.push(by);
    out.set(param, list);
  };
  const users = computeUsers(g);
  for (const n of g.nodes) {
    if (n.kind === 'Mul') {
      for (const [mask, other] of [
        [n.b, n.a],
        [n.a, n.b],
      ] as const) {
        if (g.nodes[mask]?.kind !== 'Gate') continue;
        const d = denseBehind(g, other);
        if (d) for (const p of [d.weight, d.bias]) add(p, { kind: 'mask-rows', mask });
        for (const u of users[n.id] ?? []) {
          const c = g.nodes[u];
          if (c?.kind === 'Dense' && c.x === n.id) add(c.weight, { kind: 'mask-cols', mask });
        }
      }
    } else if (n.kind === 'Combine') {
      n.experts.forEach((e, expert) => {
        const d = denseBehind(g, e);
        if (d) for (const p of [d.weight, d.bias]) add(p, { kind: 'expert', weights: n.weights, expert });
      });
    }
  }
  return out;
}
