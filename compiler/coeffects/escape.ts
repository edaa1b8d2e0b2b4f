// Escape analysis: which values die within a step, which leave it, and which outlive it.
// Computed from the graph, not from a per-kind list: parameters are the persistent roots,
// Outputs the escaping roots, and escape flows backwards through ops that alias their operand
// without copying (Reshape, Output). Everything else is StackScoped. Part of the coeffects pass.
import type { Graph } from '../../ir/graph.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import type { SideTable } from '../../ir/tables.ts';
import type { EscapeClass } from './keys.ts';

/**
 * The operands whose buffer a node's result aliases: a Reshape is a view of its input and an
 * Output hands out its operand. If the result escapes, so do these.
 */
function aliasedOperands(n: Node): readonly NodeId[] {
  if (n.kind === 'Reshape') return [n.x];
  if (n.kind === 'Output') return [n.value];
  return [];
}

/** Escape strength order, for the join of the classes reaching a value. */
const RANK: Readonly<Record<EscapeClass, number>> = { StackScoped: 0, ReturnEscape: 1, Persistent: 2 };

/**
 * Escape class of every value. The gradient estimate (g = d v) is not an IR value: the jvp
 * plan leaves it to the runtime, and the report lists it apart as ReturnEscape.
 */
export function computeEscape(graph: Graph): SideTable<EscapeClass> {
  const cls: EscapeClass[] = graph.nodes.map((n) => {
    if (n.kind === 'Param') return 'Persistent';
    if (n.kind === 'Output') return 'ReturnEscape';
    return 'StackScoped';
  });
  // Ids are topological, so one reverse sweep sees every user before the values it aliases.
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const n = graph.nodes[i] as Node;
    const mine = cls[i] as EscapeClass;
    if (mine === 'StackScoped') continue;
    for (const op of aliasedOperands(n)) {
      const theirs = cls[op] as EscapeClass;
      if (RANK[mine] > RANK[theirs]) cls[op] = mine;
    }
  }
  return new Map(cls.map((c, i) => [i, c]));
}
