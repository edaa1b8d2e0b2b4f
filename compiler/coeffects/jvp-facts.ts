// The one adapter between the jvp pass (compiler/passes/jvp.ts) and the coeffects: which
// parameters it perturbs and which values carry a tangent. Undefined until the jvp pass has set
// its table for this graph; the coeffects then fall back to their own reading of the learn mode
// (flow.ts) and keep the `tangents-defined` verdict at `unknown`, never `pass`.
import type { Graph } from '../../ir/graph.ts';
import type { NodeId } from '../../ir/nodes.ts';
import { tableKey, type TableStore } from '../../ir/tables.ts';

/** The fields of the jvp pass's per-node entry that the coeffects read. */
interface JvpEntryView {
  readonly active: boolean;
  readonly perturbed?: 'all' | 'inactive-units';
}

/** The jvp table, read through the fields above (its key name is 'jvp'). */
const JVP_VIEW = tableKey<JvpEntryView>('jvp');

/** What the jvp pass tells the coeffects about one graph. */
export interface JvpFacts {
  /** Params the learn mode perturbs (all elements, or rows of inactive units). */
  readonly perturbed: ReadonlyMap<NodeId, 'all' | 'inactive-units'>;
  /** Values whose tangent can be nonzero. */
  readonly active: ReadonlySet<NodeId>;
}

/** The jvp facts for this graph, or undefined when the jvp pass has not run on it. */
export function readJvpFacts(graph: Graph, tables: TableStore): JvpFacts | undefined {
  const t = tables.get(JVP_VIEW, graph);
  if (!t) return undefined;
  const perturbed = new Map<NodeId, 'all' | 'inactive-units'>();
  const active = new Set<NodeId>();
  for (const [id, e] of t) {
    if (e.perturbed) perturbed.set(id, e.perturbed);
    if (e.active) active.add(id);
  }
  return { perturbed, active };
}
