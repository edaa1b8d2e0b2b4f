// The activation tape: bytes kept between a forward sweep and a backward sweep. Forward-mode
// learning keeps none (tangents travel with the primals and die with them). Beside it, the
// bytes reverse-mode AD of the same loss would keep: for every op on the loss path that depends
// on a trainable parameter, the operands (or results) its vector-Jacobian product reads, each
// kept once, at the learn batch. This grows as O(layers x batch). See spec/coeffects.md.
import type { Graph } from '../../ir/graph.ts';
import { assertNever, type Node, type NodeId } from '../../ir/nodes.ts';
import type { SideTable } from '../../ir/tables.ts';
import type { FlowFacts } from './flow.ts';
import type { MemoryFact } from './keys.ts';
import { LABEL_BYTES } from './memory.ts';

/** One tensor reverse mode would keep. `what` is `value` or a derived tensor (`probs`, `index`). */
export interface TapeEntry {
  readonly id: NodeId;
  readonly what: 'value' | 'probs' | 'index';
  readonly bytes: number;
}

/** Forward-mode tape (always 0) beside the reverse-mode tape. */
export interface TapeSummary {
  readonly forwardBytes: number;
  readonly reverseBytes: number;
  /** What reverse mode would keep, in id order. */
  readonly reverse: readonly TapeEntry[];
}

/** The tensors the VJP of `n` reads, given which of its inputs need a gradient. */
function savedBy(n: Node, needs: (id: NodeId) => boolean, trainable: ReadonlySet<NodeId>): { id: NodeId; what: TapeEntry['what'] }[] {
  const v = (id: NodeId) => ({ id, what: 'value' as const });
  switch (n.kind) {
    case 'Dense':
      // dW = dy^T x needs x; dx = W^T dy needs W, which is persistent, not tape.
      return trainable.has(n.weight) ? [v(n.x)] : [];
    case 'Activation':
      return needs(n.x) ? [v(n.x)] : [];
    case 'Gate':
      return needs(n.logits) ? [v(n.logits)] : [];
    case 'Mul':
      return [...(needs(n.a) ? [v(n.b)] : []), ...(needs(n.b) ? [v(n.a)] : [])];
    case 'Softmax':
      return needs(n.x) ? [v(n.id)] : [];
    case 'Top1':
      return needs(n.x) ? [{ id: n.id, what: 'index' }] : [];
    case 'Combine':
      return [...(n.experts.some(needs) ? [v(n.weights)] : []), ...(needs(n.weights) ? n.experts.map(v) : [])];
    case 'CrossEntropy':
      return needs(n.logits) ? [{ id: n.id, what: 'probs' }, v(n.label)] : [];
    case 'Input':
    case 'Label':
    case 'Param':
    case 'Reshape':
    case 'Mean':
    case 'Output':
      return [];
    default:
      return assertNever(n, 'node kind');
  }
}

/** Bytes of a saved tensor: the value, the softmax probabilities of CE logits, or a Top1 row index. */
function entryBytes(graph: Graph, id: NodeId, what: TapeEntry['what'], memory: SideTable<MemoryFact>): number {
  const n = graph.nodes[id] as Node;
  const batch = graph.meta.learn.batch;
  if (what === 'index') return batch * LABEL_BYTES;
  if (what === 'probs' && n.kind === 'CrossEntropy') return memory.get(n.logits)?.bytes ?? 0;
  return memory.get(id)?.bytes ?? 0;
}

/** The tape summary of a graph under its learn mode. */
export function computeTape(graph: Graph, flow: FlowFacts, memory: SideTable<MemoryFact>): TapeSummary {
  const needs = (id: NodeId): boolean => flow.dependsOnTrainable.has(id);
  const seen = new Map<string, TapeEntry>();
  for (const n of graph.nodes) {
    if (!flow.feedsLoss.has(n.id) || !needs(n.id)) continue;
    for (const s of savedBy(n, needs, flow.trainable)) {
      const key = `${s.id}:${s.what}`;
      if (!seen.has(key)) seen.set(key, { ...s, bytes: entryBytes(graph, s.id, s.what, memory) });
    }
  }
  const reverse = [...seen.values()].sort((a, b) => a.id - b.id || a.what.localeCompare(b.what));
  return { forwardBytes: 0, reverseBytes: reverse.reduce((s, e) => s + e.bytes, 0), reverse };
}
