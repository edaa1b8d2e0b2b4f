// `tilegate run --target webgpu`: the WebGPU run target of runtime/targets-registry.ts. It builds
// the program, opens a Dawn device (no adapter: E5101 naming the lavapipe install), compiles the
// kernels, runs one batch and decodes the outputs to exact f64. Also the helpers tests and the
// learning step use to turn read-back words into tensors.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { Node } from '../../ir/nodes.ts';
import type { RunTarget, TargetRunResult } from '../../runtime/targets-registry.ts';
import type { InputSet, ParamSet, Tensor } from '../../runtime/interpreter/types.ts';
import { acquireDevice } from './device.ts';
import { GpuModel, type GpuRunResult } from './executor.ts';
import { width } from './kernel-draft.ts';
import { buildProgram } from './program.ts';

/** The shape of a node's value at a batch size, as the reference reports it. */
export function shapeAt(n: Node, batch: number): number[] {
  const s = n.type.shape;
  if (s.length === 0) return [];
  return s.length === 1 ? [batch] : [batch, width(n)];
}

/** Every computed output of a run as f64 tensors. */
export function outputTensors(model: GpuModel, r: GpuRunResult): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const o of model.program.outputs) {
    const w = r.words.get(o.buffer);
    if (!w || !r.outputs.includes(o.name)) continue;
    const shape = shapeAt(model.program.graph.nodes[o.node] as Node, r.batch);
    out.set(o.name, { shape, data: model.decode(w.subarray(0, shape.reduce((a, d) => a * d, 1))) });
  }
  return out;
}

/** Runs one batch on a fresh device; never throws on user or GPU errors. */
export async function runOnWebGpu(graph: Graph, params: ParamSet, inputs: InputSet, format: NumericFormat): Promise<TargetRunResult> {
  const fail = (diagnostics: readonly Diagnostic[]): TargetRunResult => ({ ok: false, diagnostics });
  const built = buildProgram(graph, format);
  if (!built.program) return fail(built.diagnostics);
  const acquired = await acquireDevice();
  if (!acquired.ok) return fail(acquired.diagnostics);
  const dev = acquired.device;
  try {
    const created = await GpuModel.create(dev, built.program);
    if (!created.ok) return fail(created.diagnostics);
    const model = created.value;
    const loaded = model.setParams(params);
    if (loaded.length > 0) return fail(loaded);
    const predictions = graph.nodes.flatMap((n) => (n.kind === 'Output' && n.role === 'prediction' ? [n.name] : []));
    const r = await model.run({ inputs, outputs: predictions });
    if (!r.ok) return fail(r.diagnostics);
    return { ok: true, outputs: outputTensors(model, r.value) };
  } finally {
    dev.destroy();
  }
}

/** The run target. */
export const webgpuTarget: RunTarget = {
  name: 'webgpu',
  description: 'WGSL compute kernels on a WebGPU adapter (Dawn): f32, and posit32 bit-exact with the quire',
  run: runOnWebGpu,
};
