// Suggestions for a failed check, found by re-planning: the nearest learning_tiles, the widest
// narrower numeric format, automatic weight streaming, or the largest smaller batch under which
// the failed check (and every blocking check) passes. Nothing is suggested that was not tried.
import type { Graph } from '../../ir/graph.ts';
import { NUMERIC_FORMATS } from '../../ir/meta.ts';
import type { GridDesc } from '../../targets/xdna/grid.ts';
import { buildPlan, type PlanConfig } from './build.ts';
import type { TilePlan } from './plan.ts';
import { bytesPerElement } from './sizes.ts';
import { computeTileCount } from './split.ts';

/** Whether a re-planned configuration fixes the problem. */
export type PlanPredicate = (plan: TilePlan) => boolean;

/** Most re-plans one search may run (bounds the cost on 64 x 64 grids). */
const MAX_TRIES = 64;

function fits(graph: Graph, grid: GridDesc, cfg: PlanConfig, ok: PlanPredicate): boolean {
  return ok(buildPlan(graph, grid, cfg));
}

/** `learning_tiles <= 10` when every smaller count down to 1 also fits, else the nearest count that does. */
function learningTilesFix(graph: Graph, grid: GridDesc, cfg: PlanConfig, ok: PlanPredicate): string | undefined {
  if (graph.meta.learn.mode === 'none') return undefined;
  const max = computeTileCount(grid) - 1;
  const L = cfg.learningTiles;
  const order: number[] = [];
  for (let d = 1; order.length < MAX_TRIES && (L - d >= 1 || L + d <= max); d++) {
    if (L - d >= 1) order.push(L - d);
    if (L + d <= max) order.push(L + d);
  }
  const tryL = (l: number): boolean => fits(graph, grid, { ...cfg, learningTiles: l }, ok);
  const found = order.find(tryL);
  if (found === undefined) return undefined;
  const rest = found < L ? range(1, found - 1) : range(found + 1, max);
  if (rest.length <= MAX_TRIES && rest.every(tryL)) return `learning_tiles ${found < L ? '<=' : '>='} ${found}`;
  return `learning_tiles ${found}`;
}

function range(a: number, b: number): number[] {
  return b < a ? [] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** The widest format narrower than the current one that fits. */
function formatFix(graph: Graph, grid: GridDesc, cfg: PlanConfig, ok: PlanPredicate): string | undefined {
  const width = bytesPerElement(cfg.format);
  const narrower = NUMERIC_FORMATS.filter((f) => bytesPerElement(f) < width).sort((a, b) => bytesPerElement(b) - bytesPerElement(a));
  const f = narrower.find((format) => fits(graph, grid, { ...cfg, format }, ok));
  return f === undefined ? undefined : `numeric ${f}`;
}

/** The largest smaller batch that fits (bisection: memory grows with the batch). */
function batchFix(graph: Graph, grid: GridDesc, cfg: PlanConfig, ok: PlanPredicate): string | undefined {
  if (cfg.batch <= 1) return undefined;
  const tryB = (batch: number): boolean => fits(graph, grid, { ...cfg, batch }, ok);
  if (!tryB(1)) return undefined;
  let [lo, hi] = [1, cfg.batch - 1];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (tryB(mid)) lo = mid;
    else hi = mid - 1;
  }
  return `batch <= ${lo}`;
}

/** Each kind of change that makes `ok` hold, in the order above. */
export function suggestFixes(graph: Graph, grid: GridDesc, cfg: PlanConfig, ok: PlanPredicate): string[] {
  const out: string[] = [];
  const push = (s: string | undefined): void => {
    if (s !== undefined) out.push(s);
  };
  push(learningTilesFix(graph, grid, cfg, ok));
  push(formatFix(graph, grid, cfg, ok));
  if (cfg.streamWeights !== 'auto' && fits(graph, grid, { ...cfg, streamWeights: 'auto' }, ok)) out.push("streamWeights 'auto'");
  push(batchFix(graph, grid, cfg, ok));
  return out;
}

/** `try a, b or c`, or the empty string. */
export function joinFixes(fixes: readonly string[]): string {
  if (fixes.length === 0) return '';
  if (fixes.length === 1) return `try ${fixes[0]}`;
  return `try ${fixes.slice(0, -1).join(', ')} or ${fixes[fixes.length - 1]}`;
}
