// The layout pass: legalises a logical graph to channels-last form and records the memory
// layout of every value in the LAYOUT side table. Multi-dim inputs ([28, 28]) are flattened
// by a Reshape right at the Input, so every compute op sees [B, c] with channels contiguous,
// which is what lets a tile own a contiguous channel slice (and the matching weight rows).
import { rebuildGraph, type Graph } from '../../ir/graph.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import type { Pass } from '../../ir/pass.ts';
import { LAYOUT, type ValueLayout } from '../../ir/tables.ts';
import { isBatchedVector } from '../../ir/types.ts';

/** Row-major strides of a shape, the batch dim counting as one row of features. */
function rowMajorStrides(shape: readonly (number | 'B')[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) {
    const next = shape[i + 1];
    strides[i] = (strides[i + 1] as number) * (typeof next === 'number' ? next : 1);
  }
  return strides;
}

/** Layout of one value in a channels-last graph. */
export function layoutOf(n: Node): ValueLayout {
  const strides = rowMajorStrides(n.type.shape);
  if (n.kind === 'Param') return { strides, tileAxis: 0 };
  if (n.type.elem === 'real' && isBatchedVector(n.type.shape)) return { strides, tileAxis: 1 };
  return { strides, tileAxis: -1 };
}

/** Flattens multi-dim inputs, switches the graph to channels-last and fills LAYOUT (idempotent). */
export const layoutPass: Pass = {
  name: 'layout',
  requires: [],
  preserves: [],
  run(graph: Graph, cx) {
    const out = graph.form === 'channels-last' ? graph : legalize(graph);
    cx.tables.set(LAYOUT, out, new Map(out.nodes.map((n) => [n.id, layoutOf(n)])));
    return out;
  },
};

/** Inserts the input Reshapes and marks the graph channels-last. */
function legalize(graph: Graph): Graph {
  return rebuildGraph(
    graph,
    (spec, b): NodeId | undefined => {
      if (spec.kind !== 'Input' || spec.dims.length <= 1) return undefined;
      const input = b.add(spec);
      return b.add({ kind: 'Reshape', x: input, ...(spec.span ? { span: spec.span } : {}), ...(spec.binding ? { binding: spec.binding } : {}) });
    },
    { form: 'channels-last' },
  ).graph;
}
