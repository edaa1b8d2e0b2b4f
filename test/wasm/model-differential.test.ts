// Differential tests of the whole-model WASM target against the reference interpreter: every
// example, plus a model and parameters generated here (odd widths, a dense stack, every
// activation, a row- and column-skipped hard gate, a top-1 mixture, softmax), in posit32,
// posit16 and bposit32 bit for bit (outputs, loss, and every intermediate value of `forward`),
// and in f32 within spec/wasm.md's tolerance of the f64 reference. `infer` (skipping) must equal
// `forward` (no skipping) bit for bit in every format.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import { mulberry32 } from '../../bench/baselines/mlp.ts';
import { initParams } from '../../runtime/params.ts';
import type { WasmModel } from '../../targets/wasm/runtime.ts';
import { EXAMPLES, batchOf, bitMismatches, exampleGraph, graphOf, wasmModel } from './model-fixtures.ts';

const POSITS: readonly NumericFormat[] = ['posit32', 'posit16', 'bposit32'];
const B = 3;

/** A model not in the repository: widths drawn from a seeded generator. */
function generatedModel(seed: number): string {
  const r = mulberry32(seed);
  const w = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const [a, z1, z2, h, s, e, c] = [w(21, 45), w(9, 27), w(9, 27), w(17, 33), w(7, 19), w(5, 15), w(3, 9)];
  return `model generated_${seed} {
  input  a : [${a}]
  label  t : class[${c}]
  numeric posit32 quire
  z = dense(a, [${z1}, ${z2}], act: tanh)
  h = dense(z, ${h}, act: relu)
  g = gate(a, ${h}, kind: hard, threshold: 0.45)
  s = dense(h * g, ${s}, act: gelu)
  e = moe(s, ${e}, experts: 3, route: top1, act: sigmoid)
  y = dense(e, ${c})
  p = softmax(y)
  output y, p
  loss cross_entropy(y, t)
  learn { mode: theta_and_w_inactive  gradient: forward(perturbations: 3, seed: 4)  lr: 0.05  sync_every: 1 }
}`;
}

/** Runs forward (with labels) and infer on the module and the interpreter; returns both. */
function runBoth(graph: Graph, model: WasmModel, format: NumericFormat, seed: number) {
  const params = initParams(graph, seed);
  expect(model.setParams(params)).toEqual([]);
  const { inputs, labels } = batchOf(graph, B, seed);
  const fwd = model.run({ ...inputs, ...labels }, { entry: 'forward' });
  expect(fwd.diagnostics).toEqual([]);
  const values = new Map(model.manifest.values.map((v) => [v.node, model.value(v.node, B) as Float64Array]));
  const inf = model.run(inputs, { entry: 'infer' });
  expect(inf.diagnostics).toEqual([]);
  const ref = runGraph(graph, params, { ...inputs, ...labels }, { format, keepValues: true });
  expect(ref.diagnostics).toEqual([]);
  return { fwd, inf, values, ref };
}

function expectBitExact(graph: Graph, model: WasmModel, format: NumericFormat, seed: number): void {
  const { fwd, inf, values, ref } = runBoth(graph, model, format, seed);
  for (const [name, t] of ref.outputs) {
    expect(bitMismatches(fwd.outputs.get(name)?.data ?? [], t.data), `${format} output ${name}`).toEqual([]);
    if (name !== 'loss') expect(bitMismatches(inf.outputs.get(name)?.data ?? [], t.data), `${format} infer ${name}`).toEqual([]);
  }
  expect(fwd.outputs.has('loss')).toBe(ref.outputs.has('loss'));
  for (const [node, v] of values) {
    const want = ref.values?.get(node)?.data ?? [];
    expect(bitMismatches(v, want), `${format} value %${node} (${graph.nodes[node]?.kind})`).toEqual([]);
  }
}

/** Per sample: do the hard-gate masks and Top1 choices of two runs agree? */
function routingAgrees(graph: Graph, a: ReadonlyMap<number, ArrayLike<number>>, b: ReadonlyMap<number, ArrayLike<number>>): boolean[] {
  const agree = Array.from({ length: B }, () => true);
  for (const n of graph.nodes) {
    if (!((n.kind === 'Gate' && n.mode !== 'soft') || n.kind === 'Top1')) continue;
    const x = a.get(n.id) ?? [];
    const y = b.get(n.id) ?? [];
    const width = x.length / B;
    for (let i = 0; i < x.length; i++) if ((x[i] !== 0) !== (y[i] !== 0)) agree[Math.floor(i / width)] = false;
  }
  return agree;
}

/** spec/wasm.md: |y_f32 − y_f64| ≤ 1e-5·max(1, max|y_f64|) per output where routing agrees. */
function expectF32Close(graph: Graph, model: WasmModel, seed: number): number {
  const { fwd, inf, values } = runBoth(graph, model, 'f32', seed);
  const { inputs, labels } = batchOf(graph, B, seed);
  const ref = runGraph(graph, initParams(graph, seed), { ...inputs, ...labels }, { format: 'f64', keepValues: true });
  const refValues = new Map([...(ref.values ?? [])].map(([id, t]) => [id, t.data] as const));
  const agree = routingAgrees(graph, values, refValues);
  let compared = 0;
  for (const [name, t] of ref.outputs) {
    const got = fwd.outputs.get(name)?.data ?? new Float64Array();
    expect(got.length).toBe(t.data.length);
    const scale = Math.max(1, ...Array.from(t.data, Math.abs));
    const width = t.data.length / (name === 'loss' ? 1 : B);
    for (let i = 0; i < t.data.length; i++) {
      if (name !== 'loss' && !agree[Math.floor(i / width)]) continue;
      if (name === 'loss' && !agree.every(Boolean)) continue;
      expect(Math.abs((got[i] as number) - (t.data[i] as number)), `f32 ${name}[${i}]`).toBeLessThanOrEqual(1e-5 * scale);
      compared++;
    }
    if (name !== 'loss') expect(bitMismatches(inf.outputs.get(name)?.data ?? [], got), `f32 infer ${name} equals forward`).toEqual([]);
  }
  return compared;
}

describe('WASM model modules agree with the reference interpreter', () => {
  for (const name of EXAMPLES) {
    it(`${name}: posit32, posit16, bposit32 bit for bit; f32 within tolerance`, async () => {
      const graph = exampleGraph(name);
      for (const format of POSITS) expectBitExact(graph, await wasmModel(graph, format, { mode: 'none' }), format, 11);
      expect(expectF32Close(graph, await wasmModel(graph, 'f32', { mode: 'none' }), 11)).toBeGreaterThan(0);
    });
  }

  it('a generated model with generated parameters, in every format', async () => {
    const graph = graphOf(generatedModel(20260), 'generated.dg');
    for (const format of POSITS) expectBitExact(graph, await wasmModel(graph, format), format, 77);
    expect(expectF32Close(graph, await wasmModel(graph, 'f32'), 77)).toBeGreaterThan(0);
  });

  it('posit8 and bposit16 too, on the deepest models', async () => {
    for (const name of ['dg-deep', 'moe-top1']) {
      const graph = exampleGraph(name);
      for (const format of ['posit8', 'bposit16'] as const) expectBitExact(graph, await wasmModel(graph, format, { mode: 'none' }), format, 9);
    }
  });

  it('optimised (binaryen -O2) modules give the same bits as unoptimised ones', async () => {
    const graph = exampleGraph('dg-deep');
    for (const format of ['posit32', 'f32'] as const) {
      const a = runBoth(graph, await wasmModel(graph, format, { mode: 'none', optimize: true }), format, 5);
      const b = runBoth(graph, await wasmModel(graph, format, { mode: 'none' }), format, 5);
      for (const [k, t] of b.fwd.outputs) expect(bitMismatches(a.fwd.outputs.get(k)?.data ?? [], t.data)).toEqual([]);
    }
  });
});
