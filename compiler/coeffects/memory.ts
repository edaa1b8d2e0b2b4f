// Bytes of every value: its shape at the learn batch times the bytes of its format (FORMAT side
// table; class labels are int32 indices, outputs leave as f64). Also marks views (Reshape) and
// host buffers (Output), and which values carry a tangent. The per-tile estimate built on top of
// these facts lives in tile-estimate.ts.
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import type { SideTable } from '../../ir/tables.ts';
import { POSIT_SPECS, isPositFormat } from '../../runtime/numerics/index.ts';
import type { FlowFacts } from './flow.ts';
import type { MemoryFact, Storage } from './keys.ts';

/** Bytes a class label takes: an int32 index per sample. */
export const LABEL_BYTES = 4;

/** Bytes of one element of a format. */
export function bytesPerElement(fmt: NumericFormat): number {
  if (fmt === 'f32') return 4;
  if (fmt === 'f64') return 8;
  return isPositFormat(fmt) ? POSIT_SPECS[fmt].nbits / 8 : 8;
}

/** Elements of a shape with the batch dim `B` counted as `batch`. */
export function elementsOf(shape: readonly (number | 'B')[], batch: number): number {
  let n = 1;
  for (const d of shape) n *= d === 'B' ? batch : d;
  return n;
}

function storageOf(n: Node): Storage {
  if (n.kind === 'Reshape') return 'view';
  if (n.kind === 'Output') return 'host';
  return 'buffer';
}

/** Size facts of every value; `format` is the FORMAT table (labels have no entry). */
export function computeMemory(graph: Graph, format: SideTable<NumericFormat>, flow: FlowFacts): SideTable<MemoryFact> {
  const batch = graph.meta.learn.batch;
  const out = new Map<NodeId, MemoryFact>();
  for (const n of graph.nodes) {
    const fmt = format.get(n.id);
    const bpe = fmt === undefined ? LABEL_BYTES : bytesPerElement(fmt);
    const elements = elementsOf(n.type.shape, batch);
    out.set(n.id, { elements, bytesPerElement: bpe, bytes: elements * bpe, storage: storageOf(n), tangent: flow.tangent.has(n.id) });
  }
  return out;
}
