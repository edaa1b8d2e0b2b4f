// The coeffects pass: fills ESCAPE, ROLE and MEMORY for every value of the laid-out graph from
// FORMAT (numeric-select) and, once it has run, the jvp pass's tangent plan.
// It changes no node. Graph-level facts (tape, per-tile memory, verdicts) are derived from these
// tables by summary.ts, so the report and the tile allocator read one source of truth.
import type { Graph } from '../../ir/graph.ts';
import type { Pass } from '../../ir/pass.ts';
import { FORMAT, type TableStore } from '../../ir/tables.ts';
import { computeEscape } from './escape.ts';
import { computeFlow } from './flow.ts';
import { readJvpFacts } from './jvp-facts.ts';
import { ESCAPE, MEMORY, ROLE } from './keys.ts';
import { computeMemory } from './memory.ts';
import { computeRoles } from './roles.ts';

/** Computes and stores the per-value coeffect tables of `graph`. */
export function computeCoeffectTables(graph: Graph, tables: TableStore): void {
  const format = tables.require(FORMAT, graph);
  const flow = computeFlow(graph, readJvpFacts(graph, tables));
  tables.set(ESCAPE, graph, computeEscape(graph));
  tables.set(ROLE, graph, computeRoles(graph, flow));
  tables.set(MEMORY, graph, computeMemory(graph, format, flow));
}

/** The coeffects pass (after numeric-select, before tile allocation). */
export const coeffectsPass: Pass = {
  name: 'coeffects',
  requires: ['channels-last', FORMAT.name],
  preserves: ['*'],
  run(graph, cx) {
    computeCoeffectTables(graph, cx.tables);
    return graph;
  },
};
