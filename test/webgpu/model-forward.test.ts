// Differential tests of whole models on WebGPU against the reference interpreter: every example
// in posit32 (bit for bit, predictions and the loss) and in f32 (within F32_TOLERANCE), batch 4,
// seeded parameters and inputs; a model written for the tests (not in the repo: odd widths, an
// image input, an annealed gate on both sides of its schedule, a top-1 mixture); and the run target
// through the registry. On a machine without an adapter these fail in CI and skip elsewhere.
import { afterAll, describe, expect, it } from 'vitest';
import { runGraph } from '../../runtime/interpreter/index.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { loadTarget } from '../../runtime/targets-registry.ts';
import { outputTensors } from '../../targets/webgpu/run-target.ts';
import { noGpuReason, releaseGpu, skipWithoutGpu } from './gpu-harness.ts';
import { bitDiffs, EXAMPLES, exampleGraph, F32_TOLERANCE, gpuModel, graphOf, normwiseError, ODD_MODEL, oddParams, seededInputs, seededParams } from './model-harness.ts';

afterAll(releaseGpu);

const BATCH = 4;

describe.skipIf(skipWithoutGpu)(`WebGPU models vs the reference interpreter${noGpuReason ? ' (no adapter)' : ''}`, () => {
  it.each(EXAMPLES)('%s in posit32 is bit-exact (predictions and loss)', async (name) => {
    const graph = exampleGraph(name);
    const params = seededParams(graph, 11);
    const inputs = seededInputs(graph, BATCH, 5);
    const model = await gpuModel(graph, 'posit32', params);
    const r = await model.run({ inputs });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const got = outputTensors(model, r.value);
    const want = runGraph(graph, params, inputs, { format: 'posit32' }).outputs;
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [out, t] of want) {
      expect((got.get(out) as Tensor).shape).toEqual(t.shape);
      expect(bitDiffs((got.get(out) as Tensor).data, t.data), `${name}.${out}`).toEqual([]);
    }
    model.destroy();
  });

  it.each(EXAMPLES)(`%s in f32 is within ${F32_TOLERANCE} (normwise) of the reference`, async (name) => {
    const graph = exampleGraph(name);
    const params = seededParams(graph, 11);
    const inputs = seededInputs(graph, BATCH, 5);
    const model = await gpuModel(graph, 'f32', params);
    const r = await model.run({ inputs });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const got = outputTensors(model, r.value);
    for (const [out, t] of runGraph(graph, params, inputs, { format: 'f32' }).outputs) {
      expect(normwiseError((got.get(out) as Tensor).data, t.data), `${name}.${out}`).toBeLessThanOrEqual(F32_TOLERANCE);
    }
    model.destroy();
  });

  const graph = graphOf(ODD_MODEL, 'odd-mix.dg');
  const params = oddParams(graph);
  const inputs = seededInputs(graph, 3, 77);

  it.each([0, 1, 2, 3, 9])('a model generated here runs bit-exact in posit32 at gate step %i', async (step) => {
    const model = await gpuModel(graph, 'posit32', params);
    const r = await model.run({ inputs, gateStep: step });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const got = outputTensors(model, r.value);
    const want = runGraph(graph, params, inputs, { format: 'posit32', gateStep: step }).outputs;
    for (const [out, t] of want) expect(bitDiffs((got.get(out) as Tensor).data, t.data), `step ${step} ${out}`).toEqual([]);
    // The schedule really changes the served mask: steps 0 and 9 (hard) differ.
    if (step === 9) {
      const soft = runGraph(graph, params, inputs, { format: 'posit32', gateStep: 0 }).outputs.get('y') as Tensor;
      expect(bitDiffs(soft.data, (want.get('y') as Tensor).data)).not.toEqual([]);
    }
    model.destroy();
  });

  it('the webgpu run target loads through the registry and returns exact f64 outputs', async () => {
    const loaded = await loadTarget('webgpu');
    expect(loaded.diagnostics).toEqual([]);
    const g = exampleGraph('dg-hard');
    const p = seededParams(g, 2);
    const x = seededInputs(g, 2, 9);
    const r = await loaded.target?.run(g, p, { x: x.x as Tensor }, 'posit32');
    if (!r?.ok) throw new Error(JSON.stringify(r));
    const want = runGraph(g, p, { x: x.x as Tensor }, { format: 'posit32' }).outputs.get('y') as Tensor;
    expect(r.outputs.get('y')?.shape).toEqual([2, 10]);
    expect(bitDiffs((r.outputs.get('y') as Tensor).data, want.data)).toEqual([]);
    expect([...r.outputs.keys()]).toEqual(['y']);
  });
});
