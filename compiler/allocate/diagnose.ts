// Turns failed checks of a plan into diagnostics that name the layer, the tile and the numbers,
// each with a suggestion computed by re-planning (suggest.ts): `layer h: slice needs 71.2 KiB on
// tile (3,2); 63 KiB available; try learning_tiles <= 10 or numeric posit16`.
import type { Diagnostic, Span } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import type { Graph } from '../../ir/graph.ts';
import type { GridDesc } from '../../targets/xdna/grid.ts';
import type { PlanConfig } from './build.ts';
import { tileLabelOf } from './checks.ts';
import type { ComputeTilePlan, PlanCheck, PlanRoute, TilePlan } from './plan.ts';
import { formatBytes } from './sizes.ts';
import { joinFixes, suggestFixes } from './suggest.ts';

interface Ctx {
  readonly graph: Graph;
  readonly grid: GridDesc;
  readonly cfg: PlanConfig;
  readonly plan: TilePlan;
}

function make(code: DiagCode, severity: Diagnostic['severity'], message: string, hint: string, span: Span | undefined): Diagnostic {
  return { code, severity, message, hint, ...(span ? { span } : {}) };
}

/**
 * The fixes for `check`, as `; try ...`, or nothing. A fix must make `check` pass without
 * breaking a blocking check that passes now; checks failing already keep their own diagnostics.
 */
function fixesFor(cx: Ctx, check: string): string {
  const passing = cx.plan.checks.filter((c) => c.blocking && c.status === 'pass').map((c) => c.check);
  const fixed = (p: TilePlan): boolean => {
    const status = new Map(p.checks.map((c) => [c.check, c.status] as const));
    return status.get(check) === 'pass' && passing.every((c) => status.get(c) !== 'fail');
  };
  const s = joinFixes(suggestFixes(cx.graph, cx.grid, cx.cfg, fixed));
  return s === '' ? '' : `; ${s}`;
}

function more(n: number, what: string): string {
  return n > 0 ? `; ${n} more ${what}${n === 1 ? ' is' : 's are'} over budget` : '';
}

function l1Diag(cx: Ctx, c: PlanCheck): Diagnostic {
  const tile = cx.plan.computeTiles.find((t) => t.id === c.subject) as ComputeTilePlan;
  const dense = [...tile.assignments].sort((a, b) => b.weightBytes - a.weightBytes)[0];
  const node = dense ? cx.graph.nodes[dense.node] : undefined;
  const layer = dense?.layer ?? dense?.binding ?? (node ? `%${node.id}` : '?');
  const l = tile.l1;
  const need = l.total - l.stack;
  const avail = l.capacity - l.stack;
  const others = cx.plan.computeTiles.filter((t) => t.role === tile.role && t.id !== tile.id && t.l1.total > t.l1.capacity).length;
  const msg = `layer ${layer}: slice needs ${formatBytes(need)} on tile ${tileLabelOf(tile.id)}; ${formatBytes(avail)} available${fixesFor(cx, c.check)}`;
  const weights = l.streamBuffers > 0 ? `weights ${formatBytes(l.weights)} resident + ${formatBytes(l.streamBuffers)} stream buffers (2 x ${formatBytes(l.chunkBytes ?? 0)} chunks)` : `weights ${formatBytes(l.weights)} resident`;
  const hint = `${tile.role} tile ${tileLabelOf(tile.id)} holds ${weights}, activations ${formatBytes(l.activations)}, tangents ${formatBytes(l.tangents)}, quire ${formatBytes(l.quire)}${l.tables > 0 ? `, tables ${formatBytes(l.tables)}` : ''}; ${formatBytes(l.stack)} of its ${formatBytes(l.capacity)} is stack${more(others, `${tile.role} tile`)}`;
  return make('E3204', 'error', msg, hint, node?.span);
}

function memParamsDiag(cx: Ctx, c: PlanCheck): Diagnostic {
  const m = cx.plan.memTiles.find((t) => t.id === c.subject);
  const ddr = cx.plan.memTiles.filter((t) => t.params === 'ddr');
  if (!m) return make('E3205', 'warning', c.detail, '', undefined);
  const cols = ddr.map((t) => t.col).join(', ');
  const msg = `memory tile ${tileLabelOf(m.id)} needs ${formatBytes(m.total)} (snapshot ${formatBytes(m.snapshotBytes)}, training copy ${formatBytes(m.trainingCopyBytes)}, frozen ${formatBytes(m.frozenBytes)}, buffers ${formatBytes(m.bufferBytes)}); ${formatBytes(m.capacity)} available, so column${ddr.length === 1 ? '' : 's'} ${cols} stream${ddr.length === 1 ? 's' : ''} parameters from DDR through the shim${fixesFor(cx, c.check)}`;
  const hint = 'parameters in DDR cost a shim-to-memory-tile transfer per use; the plan still runs';
  return make('E3205', 'warning', msg, hint, undefined);
}

function routesAt(routes: readonly PlanRoute[], id: string, dir: 'in' | 'out'): string[] {
  return routes.filter((r) => r.transfer === 'dma' && (dir === 'out' ? r.producer === id : r.consumers.includes(id))).map((r) => r.id);
}

function dmaDiag(cx: Ctx, c: PlanCheck): Diagnostic {
  const kind = c.check.split('.')[1] ?? '';
  const all = [...cx.plan.computeTiles, ...cx.plan.memTiles, ...cx.plan.shimTiles];
  const t = all.find((x) => x.id === c.subject);
  if (!t) return make('E3206', 'error', c.detail, '', undefined);
  const d = t.dma;
  const dir: 'in' | 'out' = d.in - d.inCapacity >= d.out - d.outCapacity ? 'in' : 'out';
  const need = dir === 'in' ? d.in : d.out;
  const have = dir === 'in' ? d.inCapacity : d.outCapacity;
  const label = kind === 'compute' ? 'tile' : `${kind} tile`;
  const msg = `${label} ${tileLabelOf(t.id)} needs ${need} ${dir === 'in' ? 'input' : 'output'} DMA channels; it has ${have}${fixesFor(cx, c.check)}`;
  const hint = `one channel per ${dir === 'in' ? 'incoming' : 'outgoing'} FIFO: ${routesAt(cx.plan.routes, t.id, dir).join(', ')}`;
  return make('E3206', 'error', msg, hint, undefined);
}

function bdDiag(cx: Ctx, c: PlanCheck): Diagnostic {
  const kind = c.check.split('.')[1] ?? '';
  const label = kind === 'compute' ? 'tile' : `${kind} tile`;
  const id = c.subject ?? '';
  const uses = cx.plan.routes.filter((r) => r.transfer === 'dma' && (r.producer === id || r.consumers.includes(id))).map((r) => `${r.id} x${r.depth}`);
  const msg = `${label} ${tileLabelOf(id)} needs ${c.need ?? 0} buffer descriptors; it has ${c.have ?? 0}${fixesFor(cx, c.check)}`;
  return make('E3207', 'error', msg, `each FIFO buffer at a DMA end takes one descriptor (double buffering takes 2): ${uses.join(', ')}`, undefined);
}

/** Diagnostics for every failed check of `plan`. */
export function diagnosePlan(graph: Graph, grid: GridDesc, cfg: PlanConfig, plan: TilePlan): Diagnostic[] {
  const cx: Ctx = { graph, grid, cfg, plan };
  const out: Diagnostic[] = [];
  for (const c of plan.checks) {
    if (c.status !== 'fail') continue;
    const family = c.check.split('.')[0];
    if (family === 'l1-fit') out.push(l1Diag(cx, c));
    else if (family === 'memtile-params') out.push(memParamsDiag(cx, c));
    else if (family === 'memtile-buffers') out.push(make('E3211', 'error', `${c.detail}${fixesFor(cx, c.check)}`, 'buffers of FIFOs that end at a memory tile: broadcasts, gathers, weight chunks, samples and outputs', undefined));
    else if (family === 'dma-channels') out.push(dmaDiag(cx, c));
    else if (family === 'buffer-descriptors') out.push(bdDiag(cx, c));
    else if (family === 'routability') out.push(make('E3208', 'error', c.detail, 'compute tiles reach their column\'s memory tile and vertical neighbours; other columns go through memory tiles', undefined));
  }
  return out;
}
