// The coeffect report library call: `.dg` text in, the per-value coeffect report out (escape,
// quire, tile role, bytes), with the activation tape, per-tile memory (from the tile allocator,
// the even-split estimate when it cannot plan) and verdicts. Runs the front end and the pipeline
// up to numeric selection, then numeric-select and coeffects with the caller's overrides.
// Never throws on user errors; the JSON form is spec/report.schema.json.
import { readFileSync } from 'node:fs';
import { DiagnosticBag, type Diagnostic, type SourceMap } from '../ir/diagnostics.ts';
import type { Graph } from '../ir/graph.ts';
import { NUMERIC_FORMATS, type NumericFormat } from '../ir/meta.ts';
import type { PassContext } from '../ir/pass.ts';
import type { TableStore } from '../ir/tables.ts';
import { loadGrid } from '../targets/xdna/grid-load.ts';
import type { GridDesc } from '../targets/xdna/grid.ts';
import { allocatorMemoryModel } from './coeffects/allocator-model.ts';
import { modelGrid } from './coeffects/budget.ts';
import { TARGET_NAMES, type TargetName } from './coeffects/keys.ts';
import { coeffectsPass } from './coeffects/pass.ts';
import { summarizeCoeffects } from './coeffects/summary.ts';
import { compileToIR } from './index.ts';
import { numericSelectPass } from './passes/numeric-select.ts';
import { PASSES } from './pipeline.ts';
import { buildReport, type CoeffectReport } from './coeffects/report-json.ts';

export type { CoeffectReport, ReportValue, ReportTileGroup } from './coeffects/report-json.ts';
export { REPORT_SCHEMA_VERSION } from './coeffects/report-json.ts';

/** Overrides of the model's own declarations. */
export interface ReportOptions {
  /** Numeric format instead of the model's `numeric` declaration. */
  readonly format?: string;
  /** A grid preset name, a grid JSON path, or a grid already loaded. */
  readonly grid?: string | GridDesc;
  /** Learning tiles instead of the model's `learning_tiles`. */
  readonly learningTiles?: number;
  /** Targets to check quire capability for, instead of the model's target blocks. */
  readonly targets?: readonly string[];
  /** Reads a grid file (defaults to the file system). */
  readonly readFile?: (path: string) => string;
}

/** Result of `report`: the report whenever the model compiled far enough, plus every diagnostic. */
export interface ReportResult {
  readonly report?: CoeffectReport;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: SourceMap;
}

interface CheckedOptions {
  readonly format?: NumericFormat;
  readonly targets?: readonly TargetName[];
  readonly grid?: GridDesc;
  readonly learningTiles?: number;
}

/** Validates the options: E2601 format, E2602 target, E44xx grid; undefined when any is bad. */
function checkOptions(opts: ReportOptions, bag: DiagnosticBag): CheckedOptions | undefined {
  const before = bag.items.length;
  const out: { format?: NumericFormat; targets?: TargetName[]; grid?: GridDesc; learningTiles?: number } = {};
  if (opts.format !== undefined) {
    if ((NUMERIC_FORMATS as readonly string[]).includes(opts.format)) out.format = opts.format as NumericFormat;
    else bag.error('E2601', `unknown numeric format '${opts.format}'`, undefined, `formats: ${NUMERIC_FORMATS.join(', ')}`);
  }
  if (opts.targets !== undefined) {
    const bad = opts.targets.filter((t) => !(TARGET_NAMES as readonly string[]).includes(t));
    for (const t of bad) bag.error('E2602', `unknown target '${t}'`, undefined, `targets: ${TARGET_NAMES.join(', ')}`);
    if (bad.length === 0) out.targets = opts.targets as TargetName[];
  }
  if (typeof opts.grid === 'string') {
    const g = loadGrid(opts.grid, opts.readFile ?? ((p) => readFileSync(p, 'utf8')));
    bag.addAll(g.diagnostics);
    if (g.grid) out.grid = g.grid;
  } else if (opts.grid) out.grid = opts.grid;
  if (opts.learningTiles !== undefined) out.learningTiles = opts.learningTiles;
  return bag.items.length === before ? out : undefined;
}

/** The passes before numeric selection (the front end's graph passes, jvp included). */
function upstreamPasses() {
  const at = PASSES.findIndex((p) => p.name === 'numeric-select' || p.name === 'coeffects');
  return at < 0 ? PASSES : PASSES.slice(0, at);
}

/** Runs numeric-select and coeffects on the graph; E3001 is kept but does not stop the report. */
function runCoeffects(graph: Graph, tables: TableStore, o: CheckedOptions, sources: SourceMap, bag: DiagnosticBag): void {
  const cx: PassContext = { diagnostics: bag, tables, verify: false, sources };
  numericSelectPass({ ...(o.format ? { format: o.format } : {}), ...(o.targets ? { targets: o.targets } : {}) }).run(graph, cx);
  coeffectsPass.run(graph, cx);
}

/** Compiles `text` and builds its coeffect report; never throws on user errors. */
export function report(text: string, file: string, opts: ReportOptions = {}): ReportResult {
  const bag = new DiagnosticBag();
  const o = checkOptions(opts, bag);
  const r = compileToIR(text, file, { passes: upstreamPasses() });
  bag.addAll(r.diagnostics);
  if (!o || !r.graph || !r.tables || bag.hasErrors) return { diagnostics: bag.items, sources: r.sources };
  runCoeffects(r.graph, r.tables, o, r.sources, bag);
  const format = o.format ?? r.graph.meta.numeric.format;
  const memoryModel = allocatorMemoryModel({ grid: o.grid ?? modelGrid(r.graph.meta), format, ...(o.learningTiles === undefined ? {} : { learningTiles: o.learningTiles }) });
  const summary = summarizeCoeffects(r.graph, r.tables, { ...o, memoryModel }, bag);
  if (!summary) return { diagnostics: bag.items, sources: r.sources };
  const source = r.sources.get(file);
  return { report: buildReport(r.graph, r.tables, summary, file, source, format), diagnostics: bag.items, sources: r.sources };
}
