// Numeric selection: fills FORMAT for every value (the model's declared format, or a --format
// override; class labels have none; outputs leave as f64) and QUIRE for every exact accumulation
// in a posit format (width, length k, guard-bit headroom, capability per target). A quire that a
// requested target cannot provide is a compile error (E3001), never a silent lossy fallback.
// Runs after jvp and before the coeffects pass, which sizes values by their format.
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { inCategory } from '../../ir/ops.ts';
import type { Pass, PassContext } from '../../ir/pass.ts';
import { FORMAT, type TableStore } from '../../ir/tables.ts';
import { isPositFormat } from '../../runtime/numerics/index.ts';
import { formatsWithQuire, requestedTargets } from '../coeffects/capability.ts';
import { computeFlow } from '../coeffects/flow.ts';
import { readJvpFacts } from '../coeffects/jvp-facts.ts';
import { QUIRE, type QuireFact, type TargetName } from '../coeffects/keys.ts';
import { quireFactOf } from '../coeffects/quire.ts';

/** Options of numeric selection. */
export interface NumericSelectOptions {
  /** Format override (`--format`); the model's `numeric` declaration otherwise. */
  readonly format?: NumericFormat;
  /** Targets to check quire capability for; the model's target blocks otherwise. */
  readonly targets?: readonly TargetName[];
}

/** Format of one value: none for class labels, f64 for outputs (they leave exactly as f64). */
function formatOfValue(n: Node, fmt: NumericFormat): NumericFormat | undefined {
  if (n.type.elem === 'class') return undefined;
  return n.kind === 'Output' ? 'f64' : fmt;
}

/** FORMAT and QUIRE tables of a graph in format `fmt`. */
export function selectNumerics(graph: Graph, fmt: NumericFormat, tables: TableStore): { format: Map<NodeId, NumericFormat>; quire: Map<NodeId, QuireFact> } {
  const format = new Map<NodeId, NumericFormat>();
  const quire = new Map<NodeId, QuireFact>();
  const flow = computeFlow(graph, readJvpFacts(graph, tables));
  const tangents = { carries: (id: NodeId): boolean => flow.tangent.has(id) };
  for (const n of graph.nodes) {
    const f = formatOfValue(n, fmt);
    if (f !== undefined) format.set(n.id, f);
    if (!isPositFormat(fmt) || !inCategory(n, 'quire')) continue;
    const q = quireFactOf(n, graph, fmt, graph.meta.learn.batch, tangents);
    if (q) quire.set(n.id, q);
  }
  return { format, quire };
}

/** Reports E3001 for each requested target that lacks the quire these accumulations need. */
function checkCapability(graph: Graph, fmt: NumericFormat, quire: ReadonlyMap<NodeId, QuireFact>, opts: NumericSelectOptions, cx: PassContext): void {
  const targets = requestedTargets(graph.meta.targets, opts.targets);
  const first = [...quire.keys()][0];
  if (first === undefined) return;
  const at = graph.nodes[first];
  const declared = graph.meta.numeric.quire && graph.meta.numeric.format === fmt ? `'numeric ${fmt} quire'` : `${fmt}`;
  for (const t of targets) {
    if ((quire.get(first) as QuireFact).capability[t] !== 'unavailable') continue;
    const others = formatsWithQuire(t);
    const drop = opts.targets?.includes(t) ? `leave ${t} out of --target` : `remove the 'target ${t}' block`;
    const hint = `${others.length > 0 ? `${t} has a quire for ${others.join(', ')} only; use that format, or ` : ''}${drop}`;
    const where = at?.binding ? ` (first: ${at.kind} ${at.binding})` : '';
    cx.diagnostics.error('E3001', `${t} has no ${fmt} quire, which ${declared} needs for ${quire.size} exact accumulations${where}`, at?.span, hint);
  }
}

/** The numeric-select pass with the given options. */
export function numericSelectPass(opts: NumericSelectOptions = {}): Pass {
  return {
    name: 'numeric-select',
    requires: ['channels-last'],
    preserves: ['*'],
    run(graph, cx) {
      const fmt = opts.format ?? graph.meta.numeric.format;
      const { format, quire } = selectNumerics(graph, fmt, cx.tables);
      cx.tables.set(FORMAT, graph, format);
      cx.tables.set(QUIRE, graph, quire);
      checkCapability(graph, fmt, quire, opts, cx);
      return graph;
    },
  };
}

/** numeric-select as the default pipeline runs it: the declared format, the declared targets. */
export const numericSelect: Pass = numericSelectPass();
