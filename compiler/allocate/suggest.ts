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

/** Most learning_tiles values one search tries. */
const MAX_TRIES = 64;
/**
 * Compute tiles all re-plans of one suggestion may lay out together: 256 plans of xdna2, 2 x 2 of
 * a 64 x 64 grid. A candidate left untried once this runs out is simply not suggested.
 */
const TILE_BUDGET = 256 * 32;

/** Re-plans `cfg` while the budget lasts; false once it is spent. */
type Fits = (cfg: PlanConfig) => boolean;

function budgeted(graph: Graph, grid: GridDesc, ok: PlanPredicate, share: number): Fits {
  let plans = Math.max(2, Math.floor((share * TILE_BUDGET) / computeTileCount(grid)));
  return (cfg) => plans-- > 0 && ok(buildPlan(graph, grid, cfg));
}

/** `learning_tiles <= 10` when every smaller count down to 1 also fits, else the nearest count that does. */
function learningTilesFix(graph: Graph, grid: GridDesc, cfg: PlanConfig, fits: Fits): string | undefined {
  if (graph.meta.learn.mode === 'none') return undefined;
  const max = computeTileCount(grid) - 1;
  const L = cfg.learningTiles;
  const order: number[] = [];
  for (let d = 1; order.length < MAX_TRIES && (L - d >= 1 || L + d <= max); d++) {
    if (L - d >= 1) order.push(L - d);
    if (L + d <= max) order.push(L + d);
  }
  const tryL = (l: number): boolean => fits({ ...cfg, learningTiles: l });
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
function formatFix(cfg: PlanConfig, fits: Fits): string | undefined {
  const width = bytesPerElement(cfg.format);
  const narrower = NUMERIC_FORMATS.filter((f) => bytesPerElement(f) < width).sort((a, b) => bytesPerElement(b) - bytesPerElement(a));
  const f = narrower.find((format) => fits({ ...cfg, format }));
  return f === undefined ? undefined : `numeric ${f}`;
}

/** The largest smaller batch that fits (bisection: memory grows with the batch). */
function batchFix(cfg: PlanConfig, fits: Fits): string | undefined {
  if (cfg.batch <= 1) return undefined;
  const tryB = (batch: number): boolean => fits({ ...cfg, batch });
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
  // The learning_tiles search gets half the budget, so the other kinds are always tried.
  push(learningTilesFix(graph, grid, cfg, budgeted(graph, grid, ok, 0.5)));
  const fits = budgeted(graph, grid, ok, 0.5);
  push(formatFix(cfg, fits));
  if (cfg.streamWeights !== 'auto' && fits({ ...cfg, streamWeights: 'auto' })) out.push("streamWeights 'auto'");
  push(batchFix(cfg, fits));
  return out;
}

/** `try a, b or c`, or the empty string. */
export function joinFixes(fixes: readonly string[]): string {
  if (fixes.length === 0) return '';
  if (fixes.length === 1) return `try ${fixes[0]}`;
  return `try ${fixes.slice(0, -1).join(', ')} or ${fixes[fixes.length - 1]}`;
}
