// The JSON report of `tilegate simulate` (spec/simulate.schema.json): the run's settings, per-tile
// numbers (L1 or memory use against capacity, utilization, busy and stall cycles, DMA bytes),
// stream rates at the grid clock, snapshot publications and their latency, the spot checks
// against the reference interpreter, and pass/fail/unknown verdicts. Also the sweep report.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { CheckOutcome } from './functional-check.ts';
import type { GridDesc } from './grid.ts';
import type { Lowered } from './lower-types.ts';
import type { RunOutcome, SimPublication, SimStreamStats, SweepResult } from './sim/index.ts';

/** Schema ids of the two report kinds. */
export const SIMULATE_SCHEMA = { run: 'tilegate.simulate/1', sweep: 'tilegate.simulate-sweep/1' } as const;

/** A verdict: unknown is never reported as pass. */
export interface Verdict {
  readonly check: string;
  readonly status: 'pass' | 'fail' | 'unknown';
  /** A failing blocking verdict makes the run fail (exit 1). */
  readonly blocking: boolean;
  readonly detail: string;
}

/** One tile's row. */
export interface TileRow {
  readonly id: string;
  readonly col: number;
  readonly row: number;
  readonly kind: string;
  readonly role: string;
  readonly memoryBytes: number;
  readonly memoryCapacity: number;
  readonly utilization: number;
  readonly busyCycles: number;
  readonly computeCycles: number;
  readonly dmaCycles: number;
  readonly stallCycles: number;
  readonly dmaBytesIn: number;
  readonly dmaBytesOut: number;
}

/** The report of one simulation. */
export interface SimulateReport {
  readonly schema: typeof SIMULATE_SCHEMA.run;
  readonly model: string;
  readonly program: string;
  readonly grid: { readonly name: string; readonly cols: number; readonly computeRows: number; readonly clockGHz: number };
  readonly format: NumericFormat;
  readonly batch: number;
  readonly learnMode: string;
  readonly learningTiles: number;
  readonly perturbations: number;
  readonly syncEvery: number;
  readonly mode: 'functional' | 'timing-only';
  readonly inferences: number;
  readonly steps: number;
  readonly completed: boolean;
  readonly totals: {
    readonly cycles: number;
    readonly seconds: number;
    readonly events: number;
    readonly inferencesPerSecond: number;
    readonly gradientsPerSecond: number;
    readonly publications: number;
    readonly meanPublicationLatencyCycles: number | null;
    readonly maxPublicationLatencyCycles: number | null;
    readonly meanPublicationLatencySeconds: number | null;
    readonly versionMixes: number;
    readonly wallSeconds: number;
    readonly tileCyclesPerWallSecond: number;
  };
  readonly tiles: readonly TileRow[];
  readonly streams: readonly SimStreamStats[];
  readonly publications: readonly SimPublication[];
  readonly checks: { readonly inferencesChecked: number; readonly inferencesEqual: number; readonly stepsChecked: number; readonly stepsEqual: number; readonly firstMismatch: string | null } | null;
  readonly losses: readonly number[];
  readonly verdicts: readonly Verdict[];
  readonly counts: { readonly pass: number; readonly fail: number; readonly unknown: number };
}

/** What buildReport needs. */
export interface ReportInput {
  readonly lowered: Lowered;
  readonly outcome: RunOutcome;
  readonly timingOnly: boolean;
  readonly wallSeconds: number;
  readonly losses: readonly number[];
  readonly checks?: { readonly inference: CheckOutcome; readonly learning: CheckOutcome };
}

const RUN_FAILURES = new Set(['E3301', 'E3302', 'E3308', 'E3311', 'E5001']);
const BUDGET_FAILURES = new Set(['E3303', 'E3304', 'E3305', 'E3306', 'E3307', 'E3309', 'E3310']);

function codes(ds: readonly Diagnostic[], set: ReadonlySet<string>): Diagnostic[] {
  return ds.filter((d) => set.has(d.code));
}

function checkVerdict(name: string, c: CheckOutcome | undefined, what: string, timingOnly: boolean): Verdict {
  if (!c || c.checked === 0) return { check: name, status: 'unknown', blocking: true, detail: timingOnly ? 'timing-only run: no values to compare' : `no ${what} to compare` };
  if (c.equal === c.checked) return { check: name, status: 'pass', blocking: true, detail: `${c.equal}/${c.checked} ${what} bit-identical to the reference interpreter` };
  return { check: name, status: 'fail', blocking: true, detail: `${c.checked - c.equal}/${c.checked} ${what} differ; first: ${c.firstMismatch ?? '?'}` };
}

function verdicts(input: ReportInput): Verdict[] {
  const { lowered, outcome } = input;
  const out: Verdict[] = lowered.plan.checks.map((c) => ({ check: `plan.${c.check}`, status: c.status, blocking: c.blocking, detail: c.detail }));
  const budget = codes(outcome.diagnostics, BUDGET_FAILURES);
  out.push({ check: 'sim.program', status: budget.length > 0 ? 'fail' : 'pass', blocking: true, detail: budget.length > 0 ? renderOneLine(budget[0] as Diagnostic) : 'placement, L1, DMA channel and buffer-descriptor budgets hold' });
  const res = outcome.result;
  const failed = codes(outcome.diagnostics, RUN_FAILURES);
  const ran = res !== undefined;
  out.push(
    !ran
      ? { check: 'sim.completed', status: 'unknown', blocking: true, detail: 'the program did not run' }
      : failed.length > 0 || !res.completed
        ? { check: 'sim.completed', status: 'fail', blocking: true, detail: failed[0] ? renderOneLine(failed[0]) : 'the run stopped early' }
        : { check: 'sim.completed', status: 'pass', blocking: true, detail: `every thread finished: no deadlock or starvation (${res.events} events)` },
  );
  out.push(
    !ran || !res.completed
      ? { check: 'sim.version-mixes', status: 'unknown', blocking: true, detail: 'the run did not complete' }
      : { check: 'sim.version-mixes', status: res.versionMixes === 0 ? 'pass' : 'fail', blocking: true, detail: `${res.versionMixes} times an inference tile held buffers of two snapshot versions` },
  );
  out.push(checkVerdict('check.inference-bit-exact', input.checks?.inference, 'replayed predictions', input.timingOnly));
  if (lowered.steps > 0) out.push(checkVerdict('check.learning-bit-exact', input.checks?.learning, 'learning steps', input.timingOnly));
  return out;
}

function rate(res: RunOutcome['result'], name: string): number {
  return res?.streams.find((s) => s.name === name)?.perSecond ?? 0;
}

/** Builds the report of one run. */
export function buildReport(input: ReportInput): SimulateReport {
  const { lowered, outcome, wallSeconds } = input;
  const { graph, plan, grid } = lowered;
  const res = outcome.result;
  const usage = new Map(outcome.usage.map((u) => [u.id, u] as const));
  const tiles: TileRow[] = (res?.tiles ?? []).map((t) => ({
    id: t.id, col: t.col, row: t.row, kind: t.kind, role: t.role, memoryBytes: usage.get(t.id)?.memoryBytes ?? 0, memoryCapacity: usage.get(t.id)?.memoryCapacity ?? 0,
    utilization: t.utilization, busyCycles: t.busyCycles, computeCycles: t.computeCycles, dmaCycles: t.dmaCycles, stallCycles: t.stallCycles, dmaBytesIn: t.dmaBytesIn, dmaBytesOut: t.dmaBytesOut,
  }));
  const lat = (res?.publications ?? []).map((p) => p.latencyCycles).filter((x): x is number => x !== null);
  const mean = lat.length === 0 ? null : lat.reduce((a, b) => a + b, 0) / lat.length;
  const computeTiles = tiles.filter((t) => t.kind === 'compute').length;
  const vs = verdicts(input);
  const c = input.checks;
  return {
    schema: SIMULATE_SCHEMA.run, model: graph.meta.name, program: lowered.program.name,
    grid: { name: grid.name, cols: grid.cols, computeRows: grid.computeRows, clockGHz: grid.clockGHz },
    format: plan.format, batch: plan.batch, learnMode: graph.meta.learn.mode, learningTiles: plan.learningTiles, perturbations: graph.meta.learn.gradient.perturbations,
    syncEvery: lowered.syncEvery, mode: input.timingOnly ? 'timing-only' : 'functional', inferences: lowered.inferences, steps: lowered.steps, completed: res?.completed ?? false,
    totals: {
      cycles: res?.totalCycles ?? 0, seconds: res?.seconds ?? 0, events: res?.events ?? 0,
      inferencesPerSecond: rate(res, 'inference'), gradientsPerSecond: rate(res, 'gradient'),
      publications: res?.publications.length ?? 0,
      meanPublicationLatencyCycles: mean, maxPublicationLatencyCycles: lat.length === 0 ? null : Math.max(...lat),
      meanPublicationLatencySeconds: mean === null ? null : mean / (grid.clockGHz * 1e9),
      versionMixes: res?.versionMixes ?? 0, wallSeconds,
      tileCyclesPerWallSecond: wallSeconds > 0 ? ((res?.totalCycles ?? 0) * computeTiles) / wallSeconds : 0,
    },
    tiles, streams: res?.streams ?? [], publications: res?.publications ?? [],
    checks: c ? { inferencesChecked: c.inference.checked, inferencesEqual: c.inference.equal, stepsChecked: c.learning.checked, stepsEqual: c.learning.equal, firstMismatch: c.inference.firstMismatch ?? c.learning.firstMismatch } : null,
    losses: input.losses, verdicts: vs,
    counts: { pass: vs.filter((v) => v.status === 'pass').length, fail: vs.filter((v) => v.status === 'fail').length, unknown: vs.filter((v) => v.status === 'unknown').length },
  };
}

/** The report of a learning-tile sweep. */
export interface SweepReport {
  readonly schema: typeof SIMULATE_SCHEMA.sweep;
  readonly model: string;
  readonly grid: string;
  readonly format: NumericFormat;
  readonly parameter: 'learning-tiles';
  readonly points: readonly { readonly learningTiles: number; readonly ok: boolean; readonly inferencesPerSecond: number; readonly gradientsPerSecond: number; readonly totalCycles: number; readonly diagnostics: readonly string[] }[];
}

/** Builds the sweep report. */
export function sweepReport(model: string, grid: GridDesc, format: NumericFormat, points: readonly SweepResult[]): SweepReport {
  return {
    schema: SIMULATE_SCHEMA.sweep, model, grid: grid.name, format, parameter: 'learning-tiles',
    points: points.map((p) => {
      const errors = p.diagnostics.filter((d) => d.severity === 'error');
      return { learningTiles: p.learningTiles, ok: errors.length === 0, inferencesPerSecond: p.inferencesPerSecond, gradientsPerSecond: p.gradientsPerSecond, totalCycles: p.totalCycles, diagnostics: errors.map((d) => renderOneLine(d)) };
    }),
  };
}
