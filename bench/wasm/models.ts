// Workloads of the WASM model benchmark: the baselines' MLPs (bench/baselines/mlp.ts, same
// seeded weights and inputs) as .dg models compiled by tilegate, and a DG-Hard model whose hard
// gate keeps a chosen fraction of the 2048 hidden units active. The DG-Hard model's dense path is
// the 784-2048-10 MLP's weights; its gate reads a 32-wide routing code (a small trunk), and each
// gate bias is calibrated on a seeded batch so every unit is on for about `ratio` of the samples.
import { compileToIR } from '../../compiler/index.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { ParamSet, Tensor } from '../../runtime/interpreter/types.ts';
import { emitWasmModel } from '../../targets/wasm/model.ts';
import { WasmModel } from '../../targets/wasm/runtime.ts';
import { makeInput, mulberry32, type MlpWorkload } from '../baselines/mlp.ts';

/** Width of the routing code the DG-Hard gate reads. */
export const CODE_WIDTH = 32;

/** Compiles .dg text (throws on a diagnostic: the benchmark's own models are fixed). */
export function graphOf(text: string): Graph {
  const r = compileToIR(text, 'bench.dg');
  if (!r.graph) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.graph;
}

/** The .dg text of a dense-relu-dense MLP in a format. */
export function mlpSource(w: MlpWorkload, format: NumericFormat): string {
  const [inDim, hidden, out] = w.sizes as [number, number, number];
  return `model ${w.name.replace(/-/g, '_')} {\n  input x : [${inDim}]\n  numeric ${format}\n  h = dense(x, ${hidden}, act: relu)\n  y = dense(h, ${out})\n  output y\n}\n`;
}

/** The DG-Hard model over the 784-2048-10 shape. */
export function dgHardSource(w: MlpWorkload): string {
  const [inDim, hidden, out] = w.sizes as [number, number, number];
  return `model dg_hard_bench {
  input x : [${inDim}]
  numeric f32
  c = dense(x, ${CODE_WIDTH}, act: relu)
  g = gate(c, ${hidden}, kind: hard, threshold: 0.5)
  h = dense(x, ${hidden}, act: relu)
  y = dense(h * g, ${out})
  output y
}
`;
}

const tensor = (shape: number[], data: ArrayLike<number>): Tensor => ({ shape, data: Float64Array.from(data) });

/** The MLP workload's weights as tilegate parameters (h = layer 0, y = layer 1). */
export function mlpParams(w: MlpWorkload): Map<string, Tensor> {
  const [l0, l1] = w.layers as [MlpWorkload['layers'][number], MlpWorkload['layers'][number]];
  return new Map([
    ['h.weight', tensor([l0.outDim, l0.inDim], l0.weight)],
    ['h.bias', tensor([l0.outDim], l0.bias)],
    ['y.weight', tensor([l1.outDim, l1.inDim], l1.weight)],
    ['y.bias', tensor([l1.outDim], l1.bias)],
  ]);
}

/** Uniform ±bound values from a seeded generator. */
function uniform(rand: () => number, n: number, bound: number): Float64Array {
  return Float64Array.from({ length: n }, () => (2 * rand() - 1) * bound);
}

/**
 * DG-Hard parameters: the MLP's h and y, a seeded code layer, gate weights ±1/sqrt(32), and each
 * gate bias set so that unit j is on for a fraction `ratio` of a 256-sample calibration batch.
 */
export function dgHardParams(w: MlpWorkload, ratio: number, seed = 4321): Map<string, Tensor> {
  const [inDim, hidden] = w.sizes as [number, number];
  const rand = mulberry32(seed);
  const cw = uniform(rand, CODE_WIDTH * inDim, 1 / Math.sqrt(inDim));
  const cb = uniform(rand, CODE_WIDTH, 1 / Math.sqrt(inDim));
  const gw = uniform(rand, hidden * CODE_WIDTH, 1 / Math.sqrt(CODE_WIDTH));
  const calib = makeInput(w, 256, 777);
  const codes = new Float64Array(256 * CODE_WIDTH);
  for (let b = 0; b < 256; b++) {
    for (let k = 0; k < CODE_WIDTH; k++) {
      let s = cb[k] as number;
      for (let i = 0; i < inDim; i++) s += (cw[k * inDim + i] as number) * (calib[b * inDim + i] as number);
      codes[b * CODE_WIDTH + k] = Math.max(0, s);
    }
  }
  const gb = new Float64Array(hidden);
  const z = new Float64Array(256);
  for (let j = 0; j < hidden; j++) {
    for (let b = 0; b < 256; b++) {
      let s = 0;
      for (let k = 0; k < CODE_WIDTH; k++) s += (gw[j * CODE_WIDTH + k] as number) * (codes[b * CODE_WIDTH + k] as number);
      z[b] = s;
    }
    const sorted = Float64Array.from(z).sort();
    // On (sigmoid >= 0.5, i.e. z + bias >= 0) for the top `ratio` of the calibration logits.
    gb[j] = -(sorted[Math.min(255, Math.floor(256 * (1 - ratio)))] as number);
  }
  const p = mlpParams(w);
  p.set('c.weight', tensor([CODE_WIDTH, inDim], cw));
  p.set('c.bias', tensor([CODE_WIDTH], cb));
  p.set('g.weight', tensor([hidden, CODE_WIDTH], gw));
  p.set('g.bias', tensor([hidden], gb));
  return p;
}

/** A compiled, instantiated model with parameters loaded. */
export async function loadModel(graph: Graph, params: ParamSet, format: NumericFormat): Promise<WasmModel> {
  const r = emitWasmModel(graph, { format, mode: 'none' });
  if (!r.artifact) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  const model = await WasmModel.create(r.artifact.bytes, r.artifact.manifest);
  const ds = model.setParams(params);
  if (ds.length > 0) throw new Error(ds.map((d) => d.message).join('; '));
  return model;
}

/** One forward as a caller holding plain arrays pays it: copy the input in, run, copy the output out. */
export function forwardOnce(model: WasmModel, input: Float32Array, batch: number, entry: 'infer' | 'forward' = 'infer'): Float32Array {
  model.stagingView('x', batch).set(input);
  model.inferBatch(batch, 0, entry);
  return Float32Array.from(model.stagingView('y', batch));
}
