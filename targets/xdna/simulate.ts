// The `simulate()` library call behind `tilegate simulate`: compile a .dg model, plan it on an
// XDNA-style grid (compiler/allocate), lower the plan to a simulator program (lower.ts), run it
// with real values (functional.ts) or timing only, spot-check outputs and learning steps against
// the reference interpreter, and report per-tile numbers, stream rates, snapshot latency and
// verdicts as stable JSON (spec/simulate.schema.json). Never throws on user errors.
import { readFileSync } from 'node:fs';
import { allocate } from '../../compiler/allocate/index.ts';
import type { TilePlan } from '../../compiler/allocate/plan.ts';
import { modelGrid } from '../../compiler/coeffects/budget.ts';
import { compileToIR } from '../../compiler/index.ts';
import type { Diagnostic, SourceMap } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import type { Graph } from '../../ir/graph.ts';
import { NUMERIC_FORMATS, type NumericFormat } from '../../ir/meta.ts';
import type { ParamSet } from '../../runtime/interpreter/types.ts';
import { initParams } from '../../runtime/params.ts';
import { checkInferences, checkLearning, type CheckOutcome } from './functional-check.ts';
import { seededData } from './functional-data.ts';
import { FunctionalModel } from './functional.ts';
import { buildReport, type SimulateReport } from './functional-report.ts';
import { loadGrid } from './grid-load.ts';
import type { GridDesc } from './grid.ts';
import { lowerPlan, type Lowered } from './lower.ts';
import { runProgram, runSweep, type RunOutcome, type SimProgram, type SimResult, type SweepResult, type TileUsage } from './sim/index.ts';

export { xdnaTarget } from './functional-run.ts';
export type { SimulateReport, SweepReport } from './functional-report.ts';
export { SIMULATE_SCHEMA, sweepReport } from './functional-report.ts';

/** Learning steps of a functional run when none are asked for (posit arithmetic in TypeScript is slow). */
export const DEFAULT_STEPS = 8;
/** Inference items when the model does not learn and none are asked for. */
export const DEFAULT_INFERENCES = 32;
/** At most this many inference items per learning step when sizing the serving stream. */
const MAX_INFERENCES_PER_STEP = 32;

/** Progress of a run: items done so far and the totals. */
export interface SimulateProgress {
  readonly inferences: number;
  readonly steps: number;
  readonly totalInferences: number;
  readonly totalSteps: number;
}

/** Options of `simulate`; everything defaults to the model's own declarations. */
export interface SimulateOptions {
  /** A grid preset name, a grid JSON path, or a grid already loaded. */
  readonly grid?: string | GridDesc;
  readonly learningTiles?: number;
  /** Forward-gradient steps (0 for a model that does not learn). */
  readonly steps?: number;
  /** Inference items (each a batch of the model's batch size). */
  readonly inferences?: number;
  readonly format?: string;
  readonly syncEvery?: number;
  /** Parameters (default: `tilegate init`'s seeded parameters, seed 0). */
  readonly params?: ParamSet;
  /** Cycle model only: no values, no checks (for long runs and sweeps). */
  readonly timingOnly?: boolean;
  /** Record the timeline for a Chrome trace. */
  readonly trace?: boolean;
  /** Seed of the synthetic samples. */
  readonly seed?: number;
  /** Predictions replayed on the reference (default 8) and learning steps re-run (default 1). */
  readonly checkInferences?: number;
  readonly checkSteps?: number;
  readonly readFile?: (path: string) => string;
  readonly onProgress?: (p: SimulateProgress) => void;
  /** Sweeps: called before each point with the points done and the total. */
  readonly onSweepPoint?: (done: number, total: number) => void;
}

/** Everything a run produced; `report` whenever the model planned and lowered. */
export interface SimulateResult {
  readonly report?: SimulateReport;
  readonly program?: SimProgram;
  readonly result?: SimResult;
  readonly usage?: readonly TileUsage[];
  readonly plan?: TilePlan;
  readonly graph?: Graph;
  readonly grid?: GridDesc;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: SourceMap;
}

function diag(code: DiagCode, message: string, hint?: string): Diagnostic {
  return { code, severity: 'error', message, ...(hint ? { hint } : {}) };
}

/** Checked options: the grid, the format and the item counts. */
interface Setup {
  readonly grid: GridDesc;
  readonly format: NumericFormat;
  readonly steps: number;
  readonly inferences: number;
}

function count(name: string, v: number | undefined, fallback: number, out: Diagnostic[]): number {
  if (v === undefined) return fallback;
  if (!Number.isSafeInteger(v) || v < 0 || v > 1e9) out.push(diag('E3501', `${name} ${v} is not a whole number from 0 to 10^9`, `give --${name} a count of items`));
  return v;
}

function setup(graph: Graph, opts: SimulateOptions, out: Diagnostic[]): Setup | undefined {
  const before = out.length;
  let grid: GridDesc | undefined = modelGrid(graph.meta);
  if (typeof opts.grid === 'string') {
    const g = loadGrid(opts.grid, opts.readFile ?? ((p) => readFileSync(p, 'utf8')));
    out.push(...g.diagnostics);
    grid = g.grid;
  } else if (opts.grid) grid = opts.grid;
  let format = graph.meta.numeric.format;
  if (opts.format !== undefined) {
    if ((NUMERIC_FORMATS as readonly string[]).includes(opts.format)) format = opts.format as NumericFormat;
    else out.push(diag('E2601', `unknown numeric format '${opts.format}'`, `formats: ${NUMERIC_FORMATS.join(', ')}`));
  }
  const learns = graph.meta.learn.mode !== 'none';
  const steps = learns ? count('steps', opts.steps, DEFAULT_STEPS, out) : 0;
  const inferences = count('inferences', opts.inferences, DEFAULT_INFERENCES, out);
  if (opts.syncEvery !== undefined && (!Number.isSafeInteger(opts.syncEvery) || opts.syncEvery < 1)) out.push(diag('E3501', `sync-every ${opts.syncEvery} is not a whole number >= 1`, 'publish every N learning steps'));
  if (out.slice(before).some((d) => d.severity === 'error') || !grid) return undefined;
  return { grid, format, steps, inferences };
}

/** Plans and lowers; allocator errors (a model too large for the grid) come back as diagnostics. */
function planAndLower(graph: Graph, s: Setup, opts: SimulateOptions, out: Diagnostic[]): { plan?: TilePlan; lowered?: Lowered } {
  const a = allocate(graph, s.grid, { format: s.format, batch: graph.meta.learn.batch, ...(opts.learningTiles === undefined ? {} : { learningTiles: opts.learningTiles }) });
  out.push(...a.diagnostics);
  if (!a.plan || !a.plan.ok) return a.plan ? { plan: a.plan } : {};
  try {
    const lowered = lowerPlan(graph, a.plan, s.grid, { inferences: s.inferences, steps: s.steps, ...(opts.syncEvery === undefined ? {} : { syncEvery: opts.syncEvery }) });
    return { plan: a.plan, lowered };
  } catch (e) {
    out.push(diag('E3502', `lowering the tile plan of '${graph.meta.name}' failed: ${e instanceof Error ? e.message : String(e)}`, 'this is a bug in tilegate; please report it with the model'));
    return { plan: a.plan };
  }
}

/**
 * Inference items that keep serving busy for as long as learning runs, so that snapshot
 * publications are adopted and their latency measured: a short timing-only probe gives the
 * cycles per item and the end of the learning stream (capped at 32 items per step).
 */
function servingItems(lowered: Lowered, grid: GridDesc): number {
  const probe = lowerPlan(lowered.graph, lowered.plan, grid, { inferences: 4, steps: lowered.steps, syncEvery: lowered.syncEvery });
  const res = runProgram(probe.program, grid, { functional: false }).result;
  const inf = res?.streams.find((x) => x.name === 'inference');
  const learn = res?.streams.find((x) => x.name === 'gradient');
  if (!inf || !learn || inf.count < 2 || inf.lastCycle === null || inf.firstCycle === null || learn.lastCycle === null) return DEFAULT_INFERENCES;
  const per = (inf.lastCycle - inf.firstCycle) / (inf.count - 1);
  // Serve past the last publish becoming visible: the entry runs a few items ahead of the drain.
  const end = Math.max(learn.lastCycle, ...(res?.publications.map((x) => x.visibleCycle) ?? []));
  const need = Math.ceil((end - inf.firstCycle) / Math.max(1, per)) + 8;
  return Math.max(4, Math.min(need, MAX_INFERENCES_PER_STEP * lowered.steps));
}

/** Runs the lowered program, functionally (with checks) or timing only. */
function execute(lowered: Lowered, s: Setup, opts: SimulateOptions): { out: RunOutcome; checks?: { inference: CheckOutcome; learning: CheckOutcome }; losses: readonly number[] } {
  const { graph, grid } = lowered;
  if (opts.timingOnly) return { out: runProgram(lowered.program, grid, { functional: false, ...(opts.trace ? { trace: true } : {}) }), losses: [] };
  const params = opts.params ?? initParams(graph, 0);
  const data = seededData(graph, opts.seed ?? 1, lowered.plan.batch);
  const replay = opts.checkInferences ?? 8;
  const seen = new Set<number>();
  const model = new FunctionalModel(lowered, params, data, {
    // The first items, then the first item of each later snapshot version.
    keepForReplay: (n, version) => {
      const fresh = !seen.has(version);
      seen.add(version);
      return n < replay / 2 || (fresh && seen.size <= replay / 2);
    },
    keepSteps: Math.min(lowered.steps, opts.checkSteps ?? 1),
    ...(opts.onProgress ? { onProgress: (i: number, st: number) => opts.onProgress?.({ inferences: i, steps: st, totalInferences: lowered.inferences, totalSteps: lowered.steps }) } : {}),
  });
  const out = runProgram(lowered.program, grid, { kernels: model.kernels(), ...(opts.trace ? { trace: true } : {}) });
  if (!out.ok) return { out, losses: model.host.losses };
  const inference = checkInferences(graph, lowered.plan.format, model.records, data);
  const learning = checkLearning(graph, lowered.plan.format, params, model.history, data);
  return { out, checks: { inference, learning }, losses: model.host.losses };
}

/** Simulates a compiled graph. */
export function simulateGraph(graph: Graph, opts: SimulateOptions = {}, sources: SourceMap = new Map()): SimulateResult {
  const diagnostics: Diagnostic[] = [];
  const s = setup(graph, opts, diagnostics);
  if (!s) return { diagnostics, sources, graph };
  const first = planAndLower(graph, s, opts, diagnostics);
  const plan = first.plan;
  let lowered = first.lowered;
  if (!lowered || !plan) return { diagnostics, sources, graph, grid: s.grid, ...(plan ? { plan } : {}) };
  if (opts.inferences === undefined && lowered.steps > 0) {
    lowered = lowerPlan(graph, plan, s.grid, { inferences: servingItems(lowered, s.grid), steps: lowered.steps, syncEvery: lowered.syncEvery });
  }
  const t0 = performance.now();
  const run = execute(lowered, s, opts);
  const wallSeconds = (performance.now() - t0) / 1000;
  diagnostics.push(...run.out.diagnostics);
  const report = buildReport({ lowered, outcome: run.out, timingOnly: opts.timingOnly ?? false, wallSeconds, losses: run.losses, ...(run.checks ? { checks: run.checks } : {}) });
  return { report, program: lowered.program, usage: run.out.usage, plan, graph, grid: s.grid, diagnostics, sources, ...(run.out.result ? { result: run.out.result } : {}) };
}

/** Compiles `text` and simulates it; never throws on user errors. */
export function simulate(text: string, file: string, opts: SimulateOptions = {}): SimulateResult {
  const r = compileToIR(text, file);
  if (!r.graph || r.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: r.diagnostics, sources: r.sources };
  const res = simulateGraph(r.graph, opts, r.sources);
  return { ...res, diagnostics: [...r.diagnostics, ...res.diagnostics] };
}

/** One timing-only run per learning-tile count (`--sweep learning-tiles=A..B`). */
export function sweepGraph(graph: Graph, counts: readonly number[], opts: SimulateOptions = {}): { points: SweepResult[]; grid?: GridDesc; format?: NumericFormat; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const s = setup(graph, opts, diagnostics);
  if (!s) return { points: [], diagnostics };
  const planDiags = new Map<number, Diagnostic[]>();
  const empty: SimProgram = { name: 'no plan', tiles: [], fifos: [] };
  // Zero learning tiles is the model served without learning: every compute tile infers.
  const serveOnly: Graph = { ...graph, meta: { ...graph.meta, learn: { ...graph.meta.learn, mode: 'none' } } };
  let done = 0;
  const build = (n: number): SimProgram => {
    opts.onSweepPoint?.(done++, counts.length);
    const ds: Diagnostic[] = [];
    const g = n === 0 ? serveOnly : graph;
    const { lowered } = planAndLower(g, { ...s, steps: n === 0 ? 0 : s.steps }, { ...opts, learningTiles: n }, ds);
    planDiags.set(n, ds);
    return lowered?.program ?? empty;
  };
  const points = runSweep(build, s.grid, counts).map((p) => {
    opts.onSweepPoint?.(counts.length, counts.length);
    const ds = (planDiags.get(p.learningTiles) ?? []).filter((d) => d.severity === 'error');
    return ds.length > 0 ? { ...p, inferencesPerSecond: 0, gradientsPerSecond: 0, totalCycles: 0, diagnostics: ds } : p;
  });
  return { points, grid: s.grid, format: s.format, diagnostics };
}
