// One forward-gradient step with the JVP on the GPU: the k tangent directions are drawn on the
// host with the reference's generator (runtime/learn sampleDirections: Philox + Box-Muller in
// f64; they are inputs of the step, uploaded once each), the primal and the k tangent sweeps run
// as WebGPU kernels, and the per-sample loss tangents and unit activity come back. The estimate
// g = mean_r (∇f·v_r) v_r and the SGD update are formed on the host in f64 in exactly the order
// of runtime/learn/forward-gradient.ts (spec/jvp.md 4-5), so posit32 steps agree bit for bit.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import type { TangentPlan } from '../../compiler/passes/jvp.ts';
import type { InputSet, ParamSet, Tensor } from '../../runtime/interpreter/types.ts';
import { applyUpdate, estimateGradient, sampleDirections } from '../../runtime/learn/forward-gradient.ts';
import type { GpuModel } from './executor.ts';
import { hostCodec } from './formats.ts';
import { outputTensors, shapeAt } from './run-target.ts';

/** Options of a GPU step; defaults come from the model's learn block. */
export interface GpuStepOptions {
  readonly perturbations?: number;
  readonly seed?: number;
  readonly lr?: number;
  /** Learning step counter: selects the tangent stream; anneal gates read it. Default 0. */
  readonly step?: number;
}

/** What a GPU step produced (f64 values; tangents exact decodings of the format). */
export interface GpuStepResult {
  readonly loss: number;
  readonly outputs: ReadonlyMap<string, Tensor>;
  /** Per perturbation: the per-sample loss tangents d_{r,b}. */
  readonly lossSamples: readonly Float64Array[];
  /** Per perturbation: the tangent of every computed output. */
  readonly tangentOutputs: readonly ReadonlyMap<string, Tensor>[];
  /** The estimate g per perturbed parameter name. */
  readonly estimate: ReadonlyMap<string, Float64Array>;
  readonly newParams: ParamSet;
  readonly diagnostics: readonly Diagnostic[];
}

/** Runs one step on a GpuModel built with a tangent plan; parameters are uploaded here. */
export async function forwardGradientStepGpu(model: GpuModel, params: ParamSet, batch: InputSet, labels: InputSet, opts: GpuStepOptions = {}): Promise<GpuStepResult> {
  const p = model.program;
  const graph = p.graph;
  const learn = graph.meta.learn;
  const fail = (diagnostics: readonly Diagnostic[]): GpuStepResult => ({ loss: NaN, outputs: new Map(), lossSamples: [], tangentOutputs: [], estimate: new Map(), newParams: params, diagnostics });
  const plan = p.plan;
  if (!plan || !p.lossTangent) return fail([{ code: 'E2502', severity: 'error', message: 'the WebGPU program was built without a tangent plan, or the graph has no per-sample loss' }]);
  const k = opts.perturbations ?? learn.gradient.perturbations;
  const step = opts.step ?? 0;
  const directions = sampleDirections(graph, plan, k, opts.seed ?? learn.gradient.seed, step);
  const loaded = model.setParams(params);
  if (loaded.length > 0) return fail(loaded);
  const sources = unitSourceBuffers(plan);
  const r = await model.run({ inputs: { ...batch, ...labels }, gateStep: step, directions, read: sources.map((id) => `v${id}`) });
  if (!r.ok) return fail(r.diagnostics);
  const run = r.value;
  const B = run.batch;
  const all = outputTensors(model, run);
  const lossOut = p.outputs.find((o) => o.role === 'loss');
  const lossSamples = directions.map((_, i) => model.decode((run.words.get(`${p.lossTangent}#${i}`) as Uint32Array).subarray(0, B)));
  const tangentOutputs = directions.map((_, i) => {
    const m = new Map<string, Tensor>();
    for (const o of p.outputs) {
      if (!run.outputs.includes(o.name)) continue;
      const shape = shapeAt(graph.nodes[o.node] as Node, B);
      const size = shape.reduce((a, d) => a * d, 1);
      const w = o.tangent ? run.words.get(`${o.tangent}#${i}`) : undefined;
      m.set(o.name, { shape, data: w ? model.decode(w.subarray(0, size)) : new Float64Array(size) });
    }
    return m;
  });
  const inactive = inactiveMasks(model, plan, run.words, B);
  const codec = hostCodec(p.format);
  const rounded = directions.map((m) => new Map([...m].map(([id, v]) => [id, codec.decode(codec.encode(v))])));
  // Estimate and update on the host, by the reference's own functions (same f64 order, same rounding).
  const est = estimateGradient(graph, plan, { lossSamples, directions: rounded, inactive }, k);
  const newParams = applyUpdate(graph, params, est, opts.lr ?? learn.lr, p.format);
  const name = (id: NodeId): string => (graph.nodes[id] as { name?: string }).name ?? `%${id}`;
  return {
    loss: lossOut ? (all.get(lossOut.name)?.data[0] ?? NaN) : NaN,
    outputs: new Map([...all].filter(([n]) => n !== lossOut?.name)),
    lossSamples,
    tangentOutputs,
    estimate: new Map([...est].map(([id, g]) => [name(id), g])),
    newParams,
    diagnostics: [],
  };
}

/** Gate masks and routing weights that decide unit activity. */
function unitSourceBuffers(plan: TangentPlan): NodeId[] {
  const ids = new Set<NodeId>();
  for (const src of plan.units.values()) for (const id of [...src.gates, ...src.experts.map((e) => e.weights)]) ids.add(id);
  return [...ids];
}

/** Per unit-bearing W Dense: [B, out] 1 where the unit is inactive (a gate mask or expert weight of 0). */
function inactiveMasks(model: GpuModel, plan: TangentPlan, words: ReadonlyMap<string, Uint32Array>, B: number): Map<NodeId, Uint8Array> {
  const graph = model.program.graph;
  const out = new Map<NodeId, Uint8Array>();
  const values = (id: NodeId): Float64Array => model.decode(words.get(`v${id}`) as Uint32Array);
  for (const [dense, src] of plan.units) {
    const width = shapeAt(graph.nodes[dense] as Node, B)[1] ?? 1;
    const mask = new Uint8Array(B * width);
    for (const g of src.gates) {
      const m = values(g);
      for (let i = 0; i < mask.length; i++) if (m[i] === 0) mask[i] = 1;
    }
    for (const { weights, expert } of src.experts) {
      const w = values(weights);
      const E = shapeAt(graph.nodes[weights] as Node, B)[1] ?? 1;
      for (let b = 0; b < B; b++) if (w[b * E + expert] === 0) mask.fill(1, b * width, (b + 1) * width);
    }
    out.set(dense, mask);
  }
  return out;
}

