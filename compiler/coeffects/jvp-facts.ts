// The one adapter between the jvp pass and the coeffects: which primitives lack a tangent rule
// and which values are gradient estimates. Undefined until the jvp pass has produced its table
// for this graph, which keeps the `tangents-defined` verdict at `unknown` rather than `pass`.
import type { Graph } from '../../ir/graph.ts';
import type { TableStore } from '../../ir/tables.ts';
import type { JvpFacts } from './verdicts.ts';

/** The jvp facts for this graph, or undefined when the jvp pass has not run on it. */
export function readJvpFacts(graph: Graph, tables: TableStore): JvpFacts | undefined {
  void graph;
  void tables;
  return undefined;
}
