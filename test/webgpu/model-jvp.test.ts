// The forward-gradient step with its JVP on WebGPU against the reference (runtime/learn): for every
// example that learns, in posit32, the per-sample loss tangents and output tangents of each
// perturbation, the estimate and the updated parameters agree bit for bit; annealed gates on both
// sides of their schedule; and in f32 the loss tangents agree within the stated tolerance.
import { afterAll, describe, expect, it } from 'vitest';
import { computeTangentPlan, planFor, type Perturbation } from '../../compiler/passes/jvp.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import type { InputSet, Tensor } from '../../runtime/interpreter/types.ts';
import { forwardGradientStep, sampleDirections } from '../../runtime/learn/forward-gradient.ts';
import { forwardGradientStepGpu } from '../../targets/webgpu/learn-step.ts';
import { noGpuReason, releaseGpu, skipWithoutGpu } from './gpu-harness.ts';
import { bitDiffs, EXAMPLES, exampleGraph, F32_TOLERANCE, gpuModel, graphOf, normwiseError, ODD_MODEL, oddParams, seededInputs, seededParams } from './model-harness.ts';

afterAll(releaseGpu);

const BATCH = 3;
const K = 2;
const LEARNING = EXAMPLES.filter((e) => exampleGraph(e).meta.learn.mode !== 'none');
const CASES: [string, number][] = [...LEARNING.map((e): [string, number] => [e, 0]), ['dg-anneal', 1000], ['dg-deep', 7]];

/** Splits seeded inputs into the batch and the labels, as the learning step takes them. */
function split(all: InputSet): { batch: InputSet; labels: InputSet } {
  const batch: InputSet = Object.fromEntries(Object.entries(all).filter(([n]) => n !== 't'));
  return { batch, labels: { t: all.t as InputSet[string] } };
}

describe.skipIf(skipWithoutGpu)(`forward-gradient step on WebGPU${noGpuReason ? ' (no adapter)' : ''}`, () => {
  it('covers every learning mode among the examples', () => {
    expect(new Set(LEARNING.map((e) => exampleGraph(e).meta.learn.mode))).toEqual(new Set(['theta_only', 'w_inactive_only', 'theta_and_w_inactive']));
  });

  it.each(CASES)('%s (step %i) in posit32: tangents, estimate and update are bit-exact', async (name, step) => {
    const graph = exampleGraph(name);
    const plan = computeTangentPlan(graph, graph.meta.learn.mode).plan;
    if (!plan) throw new Error('no plan');
    const params = seededParams(graph, 21);
    const { batch, labels } = split(seededInputs(graph, BATCH, 8));
    const model = await gpuModel(graph, 'posit32', params, plan);
    const got = await forwardGradientStepGpu(model, params, batch, labels, { perturbations: K, step });
    expect(got.diagnostics).toEqual([]);
    const dirs = sampleDirections(graph, plan, K, graph.meta.learn.gradient.seed, step);
    const ref = runGraph(graph, params, { ...batch, ...labels }, { format: 'posit32', gateStep: step, tangents: { plan, directions: dirs } });
    const tangents = ref.tangents;
    if (!tangents) throw new Error('reference produced no tangents');
    for (let r = 0; r < K; r++) {
      expect(bitDiffs(got.lossSamples[r] as Float64Array, tangents.lossSamples[r] as Float64Array), `loss tangent r=${r}`).toEqual([]);
      for (const [out, t] of tangents.outputs[r] ?? new Map<string, Tensor>()) expect(bitDiffs(got.tangentOutputs[r]?.get(out)?.data ?? [], t.data), `d${out} r=${r}`).toEqual([]);
    }
    // A step whose loss tangents are all zero would make the rest vacuous.
    expect(got.lossSamples.some((d) => d.some((v) => v !== 0))).toBe(true);
    const step1 = forwardGradientStep(graph, params, batch, labels, { format: 'posit32', perturbations: K, step, plan });
    expect(got.loss).toBe(step1.loss);
    expect([...got.estimate.keys()]).toEqual([...step1.estimate.keys()]);
    for (const [p, g] of step1.estimate) expect(bitDiffs(got.estimate.get(p) ?? [], g, 3), `estimate ${p}`).toEqual([]);
    for (const [p, t] of step1.newParams) expect(bitDiffs(got.newParams.get(p)?.data ?? [], t.data, 3), `updated ${p}`).toEqual([]);
    model.destroy();
  });

  it('the test model with every parameter perturbed (all rows, every rule on the path) is bit-exact in posit32', async () => {
    const graph = graphOf(ODD_MODEL, 'odd-mix.dg');
    const all = new Map<number, Perturbation>(graph.nodes.filter((n) => n.kind === 'Param').map((n) => [n.id, 'all']));
    const plan = planFor(graph, 'theta_and_w_inactive', all);
    const params = oddParams(graph);
    const { batch, labels } = split(seededInputs(graph, BATCH, 31));
    for (const step of [1, 5]) {
      const model = await gpuModel(graph, 'posit32', params, plan);
      const got = await forwardGradientStepGpu(model, params, batch, labels, { perturbations: K, step });
      expect(got.diagnostics).toEqual([]);
      const ref = forwardGradientStep(graph, params, batch, labels, { format: 'posit32', perturbations: K, step, plan, mode: plan.mode });
      expect(got.loss).toBe(ref.loss);
      expect([...got.estimate.keys()].length).toBe(all.size);
      for (const [p, g] of ref.estimate) expect(bitDiffs(got.estimate.get(p) ?? [], g, 3), `estimate ${p} step ${step}`).toEqual([]);
      for (const [p, t] of ref.newParams) expect(bitDiffs(got.newParams.get(p)?.data ?? [], t.data, 3), `updated ${p} step ${step}`).toEqual([]);
      model.destroy();
    }
  });

  it.each(['dg-hard', 'moe-top1'])('%s in f32: loss tangents within the f32 tolerance', async (name) => {
    const graph = exampleGraph(name);
    const plan = computeTangentPlan(graph, graph.meta.learn.mode).plan;
    if (!plan) throw new Error('no plan');
    const params = seededParams(graph, 4);
    const { batch, labels } = split(seededInputs(graph, BATCH, 2));
    const model = await gpuModel(graph, 'f32', params, plan);
    const got = await forwardGradientStepGpu(model, params, batch, labels, { perturbations: K });
    expect(got.diagnostics).toEqual([]);
    const dirs = sampleDirections(graph, plan, K, graph.meta.learn.gradient.seed, 0);
    const ref = runGraph(graph, params, { ...batch, ...labels }, { format: 'f32', tangents: { plan, directions: dirs } });
    for (let r = 0; r < K; r++) expect(normwiseError(got.lossSamples[r] as Float64Array, ref.tangents?.lossSamples[r] as Float64Array)).toBeLessThanOrEqual(F32_TOLERANCE);
    model.destroy();
  });
});
