// The pass pipeline: the ordered list of graph passes after lowering, and the driver that runs
// them. The driver checks each pass's requirements, carries side tables it preserves, runs the
// verifier after every pass when asked, and supports dump-after / stop-after by stage name.
import { DiagnosticBag, type SourceMap } from '../ir/diagnostics.ts';
import { IrError, type Graph } from '../ir/graph.ts';
import type { Pass, PassContext } from '../ir/pass.ts';
import { printGraph } from '../ir/print.ts';
import { TableStore } from '../ir/tables.ts';
import { formatIssue, verifyGraph } from '../ir/verify.ts';
import { coeffectsPass } from './coeffects/pass.ts';
import { jvpPass } from './passes/jvp.ts';
import { layoutPass } from './passes/layout.ts';
import { numericSelectPass, type NumericSelectOptions } from './passes/numeric-select.ts';
import { didYouMean } from './syntax/suggest.ts';

/**
 * Graph passes in order, each with why it sits where it does. Every compilation runs these.
 * The analyses that depend on a chosen format and target set (numeric selection, coeffects)
 * follow them through `analysisPasses`, because `run --format` and `compile --target` choose
 * those per invocation rather than per model.
 */
export const PASSES: readonly Pass[] = [
  // layout: first, because every later pass and backend assumes [B, c] channels-last values.
  layoutPass,
  // jvp: needs the channels-last graph; fixes the tangent rule of every value before anything is
  // sized, and refuses a primitive without a rule (E2501) instead of skipping it.
  jvpPass,
];

/** Options of the format- and target-dependent analyses (format override, targets to check). */
export type AnalysisOptions = NumericSelectOptions;

/**
 * The analyses after PASSES, in order:
 *   numeric-select: FORMAT and QUIRE per value; before coeffects, which sizes values by format,
 *                   and before any backend, since a quire a requested target lacks stops
 *                   compilation (E3001) instead of falling back lossily.
 *   coeffects:      escape, tile role and bytes per value, tangents included; last, so tile
 *                   allocation and the report read one consistent set of tables.
 */
export function analysisPasses(opts: AnalysisOptions = {}): Pass[] {
  return [numericSelectPass(opts), coeffectsPass];
}

/** Stages before the graph passes, in order; dump/stop accept these names too. */
export const FRONT_END_STAGES = ['parse', 'check', 'lower'] as const;

/** Every stage name a driver option may refer to, in pipeline order. */
export function stageNames(passes: readonly Pass[] = PASSES): string[] {
  return [...FRONT_END_STAGES, ...passes.map((p) => p.name)];
}

/** Options shared by the pipeline driver and compileToIR. */
export interface PipelineOptions {
  /** Run the IR verifier after lowering and after every pass. */
  readonly verify?: boolean;
  /** Stage names after which the IR text is handed to `onDump`. */
  readonly dumpAfter?: readonly string[];
  /** Stop after this stage; the result holds the graph as it was then. */
  readonly stopAfter?: string;
  /** Receives dumps; collected into the result's `dumps` as well. */
  readonly onDump?: (stage: string, text: string) => void;
  /** Pass list to run instead of PASSES. */
  readonly passes?: readonly Pass[];
}

/** Reports unknown stage names in dumpAfter/stopAfter (E2002); true when all are known. */
export function checkStageNames(opts: PipelineOptions, bag: DiagnosticBag): boolean {
  const known = stageNames(opts.passes);
  const asked = [...(opts.dumpAfter ?? []), ...(opts.stopAfter === undefined ? [] : [opts.stopAfter])];
  let ok = true;
  for (const s of asked) {
    if (known.includes(s)) continue;
    bag.error('E2002', `unknown pipeline stage '${s}'`, undefined, didYouMean(s, known) ?? `stages: ${known.join(', ')}`);
    ok = false;
  }
  return ok;
}

/** Turns verifier issues of a graph into E2001 diagnostics naming the stage; true when clean. */
export function verifyAfter(stage: string, graph: Graph, bag: DiagnosticBag): boolean {
  const issues = verifyGraph(graph);
  for (const i of issues.slice(0, 20)) bag.error('E2001', `after ${stage}: ${formatIssue(graph, i)}`, graph.nodes[i.node ?? -1]?.span);
  return issues.length === 0;
}

/** Result of running the graph passes. */
export interface PassesResult {
  /** The last graph produced; undefined when a pass failed. */
  readonly graph?: Graph;
  /** True when a stopAfter stage was reached. */
  readonly stopped: boolean;
  /** Name of the last stage that completed ('lower' when no pass did). */
  readonly lastStage: string;
}

/** Runs the graph passes over a lowered graph, honouring verify/dump/stop options. */
export function runPasses(input: Graph, cx: PassContext, opts: PipelineOptions, dump: (stage: string, g: Graph) => void): PassesResult {
  let graph = input;
  let lastStage = 'lower';
  for (const pass of opts.passes ?? PASSES) {
    const missing = pass.requires.filter((r) => (r === 'channels-last' ? graph.form !== r : cx.tables.get({ name: r }, graph) === undefined));
    if (missing.length > 0) {
      cx.diagnostics.error('E2003', `pass ${pass.name} requires ${missing.join(', ')}, which no earlier pass provided`);
      return { stopped: false, lastStage };
    }
    let next: Graph;
    try {
      next = pass.run(graph, cx);
    } catch (e) {
      cx.diagnostics.error('E2001', `in pass ${pass.name}: ${describeFailure(e)}`);
      return { stopped: false, lastStage };
    }
    if (cx.diagnostics.hasErrors) return { stopped: false, lastStage };
    cx.tables.carry(graph, next, pass.preserves);
    graph = next;
    if (cx.verify && !verifyAfter(pass.name, graph, cx.diagnostics)) return { stopped: false, lastStage };
    if (opts.dumpAfter?.includes(pass.name)) dump(pass.name, graph);
    lastStage = pass.name;
    if (opts.stopAfter === pass.name) return { graph, stopped: true, lastStage };
  }
  return { graph, stopped: false, lastStage };
}

/** A fresh pass context. */
export function newPassContext(sources: SourceMap, verify: boolean, diagnostics = new DiagnosticBag()): PassContext {
  return { diagnostics, tables: new TableStore(), verify, sources };
}

/** IR text with every side table valid for the graph, as `--dump-after` shows it. */
export function dumpGraph(graph: Graph, tables: TableStore): string {
  const shown = tables.namesFor(graph).map((name) => ({ name, table: tables.get({ name }, graph) as ReadonlyMap<number, unknown> }));
  return printGraph(graph, { tables: shown });
}

/** Message of an exception thrown by a stage (a compiler bug), naming the node for IrErrors. */
export function describeFailure(e: unknown): string {
  if (e instanceof IrError) return `${e.message}${e.nodeId === undefined ? '' : ` (at %${e.nodeId})`}`;
  return e instanceof Error ? e.message : String(e);
}
