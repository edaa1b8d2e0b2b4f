// The pass interface: a graph-to-graph function with declared requirements and guarantees.
// The driver (compiler/pipeline.ts) checks `requires`, runs the pass, carries or drops side
// tables according to `preserves`, and runs the verifier afterwards when `cx.verify` is set.
import type { DiagnosticBag, SourceMap } from './diagnostics.ts';
import type { Graph } from './graph.ts';
import type { TableStore } from './tables.ts';

/** What a pass may use besides the graph. */
export interface PassContext {
  /** User-facing problems (E2xxx/E3xxx); a pass that reports an error should return its input. */
  readonly diagnostics: DiagnosticBag;
  /** Side tables of this compilation (ir/tables.ts). */
  readonly tables: TableStore;
  /** Run ir/verify.ts after every pass (tests and `--debug` turn it on). */
  readonly verify: boolean;
  /** The sources the graph was lowered from, for diagnostics with spans. */
  readonly sources: SourceMap;
}

/** One pass. `run` must not mutate its input graph; returning the same graph means "no change". */
export interface Pass {
  readonly name: string;
  /** Side-table names (or the graph form `'channels-last'`) that must hold before the pass runs. */
  readonly requires: readonly string[];
  /** Side-table names still valid after the pass, `'*'` for all. Tables it sets itself stay valid. */
  readonly preserves: readonly string[];
  run(graph: Graph, cx: PassContext): Graph;
}
