// `tilegate run --target xdna`: inference on the functional tile-grid simulator. The model is
// planned on its grid (the batch split into the largest sub-batches the plan fits), only the
// inference side is lowered, and the predictions come back as exact f64, bit-identical to the
// reference interpreter (the tiles use its arithmetic on their channel slices).
import { allocate } from '../../compiler/allocate/index.ts';
import type { TilePlan } from '../../compiler/allocate/plan.ts';
import { modelGrid } from '../../compiler/coeffects/budget.ts';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { InputSet, ParamSet, Tensor } from '../../runtime/interpreter/types.ts';
import type { RunTarget, TargetRunResult } from '../../runtime/targets-registry.ts';
import { batchedInputs } from './functional-data.ts';
import { FunctionalModel } from './functional.ts';
import type { GridDesc } from './grid.ts';
import { lowerPlan } from './lower.ts';
import { runProgram } from './sim/index.ts';
import { widthOf } from './lower-schedule.ts';

/** Rows of a batch (the leading dim of the first input). */
function batchOf(inputs: InputSet): number {
  return Object.values(inputs)[0]?.shape[0] ?? 0;
}

/** The plan for the largest sub-batch (from the whole batch, halving) whose plan fits. */
function fittingPlan(graph: Graph, grid: GridDesc, format: NumericFormat, batch: number): { plan?: TilePlan; diagnostics: readonly Diagnostic[] } {
  let first: readonly Diagnostic[] = [];
  for (let b = batch; b >= 1; b = b === 1 ? 0 : Math.ceil(b / 2)) {
    const a = allocate(graph, grid, { format, batch: b });
    if (a.plan?.ok) return { plan: a.plan, diagnostics: a.diagnostics.filter((d) => d.severity !== 'error') };
    if (b === batch) first = a.diagnostics;
    if (!a.plan) break;
  }
  return { diagnostics: first };
}

/** Runs one batch of inference on the simulator. */
export async function runOnXdna(graph: Graph, params: ParamSet, inputs: InputSet, format: NumericFormat, grid: GridDesc = modelGrid(graph.meta)): Promise<TargetRunResult> {
  const B = batchOf(inputs);
  if (B < 1) return { ok: false, diagnostics: [{ code: 'E4502', severity: 'error', message: 'the input batch is empty', hint: 'inputs are [batch, features] with batch >= 1' }] };
  const fit = fittingPlan(graph, grid, format, B);
  if (!fit.plan) return { ok: false, diagnostics: fit.diagnostics.length > 0 ? fit.diagnostics : [{ code: 'E3502', severity: 'error', message: `no tile plan for '${graph.meta.name}' on ${grid.name}` }] };
  const b = fit.plan.batch;
  const items = Math.ceil(B / b);
  const lowered = lowerPlan(graph, fit.plan, grid, { inferences: items, steps: 0 });
  const model = new FunctionalModel(lowered, params, batchedInputs(inputs, b));
  const out = runProgram(lowered.program, grid, { kernels: model.kernels() });
  if (!out.ok) return { ok: false, diagnostics: out.diagnostics };
  const outputs = new Map<string, Tensor>();
  for (const n of graph.nodes) {
    if (n.kind !== 'Output' || n.role !== 'prediction') continue;
    const w = widthOf(graph.nodes[n.value] ?? n);
    const data = new Float64Array(B * w);
    for (const r of model.records) {
      const v = r.outputs.get(n.name);
      if (!v) continue;
      const rows = Math.min(b, B - r.item * b);
      data.set(v.subarray(0, rows * w), r.item * b * w);
    }
    outputs.set(n.name, { shape: [B, w], data });
  }
  await Promise.resolve();
  return { ok: true, outputs };
}

/** The xdna run target for runtime/targets-registry.ts. */
export const xdnaTarget: RunTarget = {
  name: 'xdna',
  description: 'the functional XDNA tile-grid simulator (inference tiles of the model grid), bit-exact in every format',
  run: (graph, params, inputs, format) => runOnXdna(graph, params, inputs, format),
};
