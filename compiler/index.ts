// Public library entry of the compiler front end: parse a .dg text, or take it all the way to a
// checked, laid-out graph IR. Neither function throws on user errors: problems come back as
// diagnostics, with the sources needed to render them (renderOneLine / renderPretty).
import { DiagnosticBag, type Diagnostic, type SourceMap } from '../ir/diagnostics.ts';
import type { Graph } from '../ir/graph.ts';
import { printGraph } from '../ir/print.ts';
import type { TableStore } from '../ir/tables.ts';
import type { CheckedModel } from './check/checked.ts';
import { checkModel } from './check/check.ts';
import { lowerModel } from './passes/lower.ts';
import { checkStageNames, describeFailure, dumpGraph, newPassContext, runPasses, verifyAfter, type PipelineOptions } from './pipeline.ts';
import type { ModelAst } from './syntax/ast.ts';
import { parseDg } from './syntax/parse.ts';

export type { PipelineOptions } from './pipeline.ts';
export type { ModelAst } from './syntax/ast.ts';
export type { CheckedModel } from './check/checked.ts';

/** Result of `parseModel`. */
export interface ParseModelResult {
  readonly ast?: ModelAst;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: SourceMap;
}

/** Parses .dg text into an AST (present, possibly partial, whenever parsing got started). */
export function parseModel(text: string, file: string): ParseModelResult {
  const r = parseDg(text, file);
  return { ...(r.ast ? { ast: r.ast } : {}), diagnostics: r.diagnostics.items, sources: new Map([[file, r.source]]) };
}

/** Result of `compileToIR`. `graph` is absent when an error stopped compilation before lowering. */
export interface CompileIRResult {
  readonly graph?: Graph;
  /** Side tables valid for `graph` (LAYOUT after the layout pass). */
  readonly tables?: TableStore;
  readonly ast?: ModelAst;
  readonly checked?: CheckedModel;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: SourceMap;
  /** Dumps requested with `dumpAfter`, in pipeline order. */
  readonly dumps: readonly { readonly stage: string; readonly text: string }[];
  /** The last stage that ran to completion. */
  readonly lastStage: string;
}

/** Parses, checks, lowers and runs the graph passes; never throws on user errors. */
export function compileToIR(text: string, file: string, opts: PipelineOptions = {}): CompileIRResult {
  const bag = new DiagnosticBag();
  const parsed = parseDg(text, file);
  const sources: SourceMap = new Map([[file, parsed.source]]);
  const dumps: { stage: string; text: string }[] = [];
  const dump = (stage: string, t: string): void => {
    dumps.push({ stage, text: t });
    opts.onDump?.(stage, t);
  };
  const done = (lastStage: string, extra: Partial<CompileIRResult> = {}): CompileIRResult => ({ ...extra, diagnostics: bag.items, sources, dumps, lastStage });
  if (!checkStageNames(opts, bag)) return done('none');
  bag.addAll(parsed.diagnostics.items);
  if (!parsed.ok || !parsed.ast) return done('none', parsed.ast ? { ast: parsed.ast } : {});
  const ast = parsed.ast;
  if (opts.dumpAfter?.includes('parse')) dump('parse', toJson(ast));
  if (opts.stopAfter === 'parse') return done('parse', { ast });
  const checked = checkModel(ast, bag, parsed.source);
  if (!checked) return done('parse', { ast });
  if (opts.dumpAfter?.includes('check')) dump('check', toJson(checked));
  if (opts.stopAfter === 'check') return done('check', { ast, checked });
  let graph: Graph;
  try {
    graph = lowerModel(checked);
  } catch (e) {
    bag.error('E2001', `in lower: ${describeFailure(e)}`);
    return done('check', { ast, checked });
  }
  if (opts.verify && !verifyAfter('lower', graph, bag)) return done('check', { ast, checked });
  if (opts.dumpAfter?.includes('lower')) dump('lower', printGraph(graph));
  if (opts.stopAfter === 'lower') return done('lower', { ast, checked, graph });
  const cx = newPassContext(sources, opts.verify ?? false, bag);
  const r = runPasses(graph, cx, opts, (stage, g) => dump(stage, dumpGraph(g, cx.tables)));
  if (!r.graph) return done(r.lastStage, { ast, checked });
  return done(r.lastStage, { ast, checked, graph: r.graph, tables: cx.tables });
}

/** AST or checked model as JSON without spans, for `--dump-after parse|check`. */
function toJson(v: unknown): string {
  const replacer = (k: string, x: unknown): unknown => (k === 'span' ? undefined : x instanceof Map ? (Object.fromEntries(x) as unknown) : x);
  return `${JSON.stringify(v, replacer, 2)}\n`;
}
