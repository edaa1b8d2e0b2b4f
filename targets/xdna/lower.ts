// The xdna lowering: a checked, laid-out graph and its tile plan (compiler/allocate) in, a
// simulator program (targets/xdna/sim) out. Inference tiles serve a stream of batches from the
// newest published snapshot while learning tiles run forward-gradient steps on the training
// copy; the host optimizer on the learning head shim applies each estimate and publishes a new
// snapshot through the memory tiles every sync_every steps. Every FIFO is a route of the plan.
// Kernels are named by spec (lower-types.ts); functional.ts gives them real arithmetic.
import type { TilePlan } from '../../compiler/allocate/plan.ts';
import type { Graph } from '../../ir/graph.ts';
import type { GridDesc } from './grid.ts';
import { ProgramBuilder, planFifoBytes } from './lower-builder.ts';
import { lowerComputeTiles } from './lower-compute.ts';
import { lowerHost, lowerInferenceIo, lowerParamStreams } from './lower-io.ts';
import { lowerMemoryTiles } from './lower-memory.ts';
import { scheduleRole, type RoleSchedule } from './lower-schedule.ts';
import type { LowerOptions, Lowered } from './lower-types.ts';

export type { KernelSpec, LowerOptions, Lowered } from './lower-types.ts';
export { SNAPSHOT } from './lower-io.ts';

/** Sets the bytes each tile holds beside its FIFO buffers, as the plan counted them. */
function setLocalBytes(b: ProgramBuilder, plan: TilePlan, roles: readonly RoleSchedule[]): void {
  for (const t of plan.computeTiles) {
    // The plan's L1 total includes the stack (the simulator reserves it) and its FIFO buffers (the simulator counts them).
    if (roles.some((s) => s.role === t.role)) b.setLocal(t.col, t.row, t.l1.total - t.l1.stack - planFifoBytes(plan, t.id));
  }
  // A head memory tile assembles gathered values into the buffers it sends them on in, which
  // the plan already counts, so only resident parameters add to a memory tile's FIFO buffers.
  for (const m of plan.memTiles) if (m.params === 'memtile') b.setLocal(m.col, m.row, m.snapshotBytes + m.trainingCopyBytes + m.frozenBytes);
}

/**
 * Lowers `plan` to a simulator program running `opts.inferences` inference items and
 * `opts.steps` learning steps. Throws only on a plan that breaks the allocator's own invariants
 * (an internal error; simulate() turns it into a diagnostic).
 */
export function lowerPlan(graph: Graph, plan: TilePlan, grid: GridDesc, opts: LowerOptions): Lowered {
  const b = new ProgramBuilder(plan);
  const serveInfo = plan.roles.find((r) => r.role === 'inference');
  const learnInfo = plan.roles.find((r) => r.role === 'forward-gradient');
  const serve = serveInfo ? scheduleRole(graph, plan, serveInfo) : undefined;
  const learn = learnInfo && opts.steps > 0 ? scheduleRole(graph, plan, learnInfo) : undefined;
  const syncEvery = Math.max(1, opts.syncEvery ?? graph.meta.learn.syncEvery);
  const roles: RoleSchedule[] = [];
  if (serve) {
    roles.push(serve);
    lowerComputeTiles(b, serve, graph.nodes, opts.inferences);
    lowerMemoryTiles(b, serve, opts.inferences);
    lowerParamStreams(b, serve, opts.inferences);
    lowerInferenceIo(b, serve, opts.inferences);
  }
  if (learn) {
    roles.push(learn);
    lowerComputeTiles(b, learn, graph.nodes, opts.steps);
    lowerMemoryTiles(b, learn, opts.steps);
    lowerParamStreams(b, learn, opts.steps);
    lowerHost(b, learn, serve, graph, opts.steps, syncEvery);
  }
  for (let col = 0; col < grid.cols; col++) for (let row = 0; row < 2 + grid.computeRows; row++) b.tile(col, row);
  setLocalBytes(b, plan, roles);
  const what = learn ? `${opts.inferences} inferences + ${opts.steps} steps` : `${opts.inferences} inferences`;
  const program = b.finish(`${graph.meta.name} on ${grid.name} (${plan.format}, ${what})`);
  return { program, kernels: b.kernels, roles, graph, plan, grid, inferences: opts.inferences, steps: learn ? opts.steps : 0, syncEvery };
}
