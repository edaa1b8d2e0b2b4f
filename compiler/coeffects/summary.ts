// Graph-level coeffect facts derived from the per-value tables: the activation tape, the
// per-tile memory of the tile plan (even-split estimate unless a memory model is supplied) and
// the verdicts. Used by the report (compiler/report.ts) and by later stages that need a budget.
import type { DiagnosticBag } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { TableStore } from '../../ir/tables.ts';
import { resolveBudget, type BudgetOptions } from './budget.ts';
import { requestedTargets } from './capability.ts';
import { computeFlow } from './flow.ts';
import { readJvpFacts } from './jvp-facts.ts';
import { ESCAPE, MEMORY, QUIRE, ROLE, type TargetName } from './keys.ts';
import { computeTape, type TapeSummary } from './tape.ts';
import { evenSplitEstimate, type TileMemoryModel, type TilePlanMemory } from './tile-estimate.ts';
import { computeVerdicts, type Verdict } from './verdicts.ts';

/** Options of the summary: budget overrides, requested targets, and the memory model. */
export interface SummaryOptions extends BudgetOptions {
  readonly targets?: readonly TargetName[];
  /** Replaces the even-split estimate (the tile allocator's placement). */
  readonly memoryModel?: TileMemoryModel;
}

/** The graph-level coeffects. */
export interface CoeffectSummary {
  /** Targets the quire verdicts were checked for. */
  readonly targets: readonly TargetName[];
  readonly tape: TapeSummary;
  readonly memory: TilePlanMemory;
  readonly verdicts: readonly Verdict[];
}

/** Derives the summary; undefined (with E2604 in `bag`) when the tile split is impossible. */
export function summarizeCoeffects(graph: Graph, tables: TableStore, opts: SummaryOptions, bag: DiagnosticBag): CoeffectSummary | undefined {
  const budget = resolveBudget(graph.meta, opts, bag);
  if (!budget) return undefined;
  const jvp = readJvpFacts(graph, tables);
  const flow = computeFlow(graph, jvp);
  const quire = tables.require(QUIRE, graph);
  const escape = tables.require(ESCAPE, graph);
  const roles = tables.require(ROLE, graph);
  const memory = tables.require(MEMORY, graph);
  const tape = computeTape(graph, flow, memory);
  const plan = (opts.memoryModel ?? evenSplitEstimate)(graph, { flow, roles, memory, quire }, budget);
  const targets = requestedTargets(graph.meta.targets, opts.targets);
  const verdicts = computeVerdicts({ graph, flow, escape, quire, tape, memory: plan, targets, jvp });
  return { targets, tape, memory: plan, verdicts };
}
