// The `wasm` run target of `tilegate run --target wasm` (runtime/targets-registry.ts): compiles
// the graph to a model module for the requested format (cached per graph and format), loads the
// parameters and runs `infer`, or `forward` with the loss when every label is given. Outputs are
// exact f64 values of the format, bit-identical to the reference interpreter in posit formats.
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { RunTarget, TargetRunResult } from '../../runtime/targets-registry.ts';
import { emitWasmModel } from './model.ts';
import { WasmModel } from './runtime.ts';

const CACHE = new WeakMap<Graph, Map<NumericFormat, { bytes: Uint8Array; model: WasmModel }>>();

/** Compiles (or reuses) the inference module of a graph in a format. */
async function modelFor(graph: Graph, format: NumericFormat): Promise<{ model?: WasmModel; result?: TargetRunResult }> {
  const byFormat = CACHE.get(graph) ?? new Map<NumericFormat, { bytes: Uint8Array; model: WasmModel }>();
  CACHE.set(graph, byFormat);
  const hit = byFormat.get(format);
  if (hit) return { model: hit.model };
  const r = emitWasmModel(graph, { format, mode: 'none' });
  if (!r.artifact) return { result: { ok: false, diagnostics: r.diagnostics } };
  const model = await WasmModel.create(r.artifact.bytes, r.artifact.manifest);
  byFormat.set(format, { bytes: r.artifact.bytes, model });
  return { model };
}

/** The WASM run target. */
export const wasmTarget: RunTarget = {
  name: 'wasm',
  description: 'one WebAssembly module per model (binaryen): f32 SIMD kernels, posit/b-posit kernels with exact quires',
  run: async (graph, params, inputs, format) => {
    const { model, result } = await modelFor(graph, format);
    if (!model) return result as TargetRunResult;
    const loaded = model.setParams(params);
    if (loaded.length > 0) return { ok: false, diagnostics: loaded };
    const labels = model.manifest.labels.length > 0 && model.manifest.labels.every((l) => inputs[l.name] !== undefined);
    const r = model.run(inputs, { entry: labels ? 'forward' : 'infer' });
    return r.diagnostics.length > 0 ? { ok: false, diagnostics: r.diagnostics } : { ok: true, outputs: r.outputs };
  },
};
