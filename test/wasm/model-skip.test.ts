// The skipping kernels of `infer` against the non-skipping `forward` and the interpreter: which
// layers skip (rows of gated layers, zero columns, hard gates decided from the logit), identical
// outputs at activation ratios from all-off to all-on, and the fast hard gate exact at the
// threshold: gate biases are placed on consecutive values of the format around the decision
// boundary and around the fast bounds, so every mask bit there is compared.
import { describe, expect, it } from 'vitest';
import type { NumericFormat } from '../../ir/meta.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { positOps, isPositFormat, sigmoid, type PositFormat } from '../../runtime/numerics/index.ts';
import { initParams } from '../../runtime/params.ts';
import { batchOf, bitMismatches, exampleGraph, graphOf, wasmModel } from './model-fixtures.ts';

const FORMATS: readonly NumericFormat[] = ['posit32', 'posit16', 'bposit32', 'posit8', 'bposit16', 'f32'];

/** The format's values as ordered integers: posit patterns sign-extended, f32 sign-folded bits. */
function ordering(format: NumericFormat): { readonly ord: (v: number) => number; readonly val: (o: number) => number } {
  if (isPositFormat(format)) {
    const ops = positOps(format as PositFormat);
    const shift = 32 - ops.spec.nbits;
    return { ord: (v) => (ops.fromF64(v) << shift) >> shift, val: (o) => ops.toF64((o << shift) >>> shift) };
  }
  const f = new Float32Array(1);
  const u = new Int32Array(f.buffer);
  return {
    ord: (v) => {
      f[0] = v;
      const b = u[0] as number;
      return b < 0 ? -(b & 0x7fffffff) : b;
    },
    val: (o) => {
      u[0] = o < 0 ? -o | 0x80000000 : o;
      return f[0] as number;
    },
  };
}

/** The format's values in order around v: n below, v's own rounding, n above. */
function neighbours(format: NumericFormat, v: number, n: number): number[] {
  const { ord, val } = ordering(format);
  const o = ord(v);
  return Array.from({ length: 2 * n + 1 }, (_, i) => val(o + i - n));
}

/** The smallest value of the format in [lo, hi] where `pred` holds (pred monotone there). */
function firstWhere(format: NumericFormat, lo: number, hi: number, pred: (v: number) => boolean): number {
  const { ord, val } = ordering(format);
  let a = ord(lo);
  let b = ord(hi);
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (pred(val(mid))) b = mid;
    else a = mid + 1;
  }
  return val(a);
}

describe('infer skips hard-gated work and still equals forward', () => {
  it('plans row, column and gate skips where the graph allows them', async () => {
    const drift = (await wasmModel(exampleGraph('drift-digits'), 'posit32', { mode: 'none' })).manifest.skip;
    expect(drift).toEqual({ rows: [{ dense: 3, gate: 8 }], columns: [{ dense: 12, gate: 8 }], gates: [8] });
    const hardF32 = (await wasmModel(exampleGraph('dg-hard'), 'f32', { mode: 'none' })).manifest.skip;
    // The gate reads h, so h cannot skip rows; y has 10 outputs, too narrow for an f32 column skip.
    expect(hardF32).toEqual({ rows: [], columns: [], gates: [8] });
    const soft = (await wasmModel(exampleGraph('dg-soft'), 'posit16', { mode: 'none' })).manifest.skip;
    expect(soft).toEqual({ rows: [], columns: [], gates: [] });
  });

  it('identical outputs from all units off to all on', async () => {
    const graph = exampleGraph('drift-digits');
    const { inputs } = batchOf(graph, 4, 3);
    for (const format of ['posit16', 'f32'] as const) {
      const model = await wasmModel(graph, format, { mode: 'none' });
      const ratios: number[] = [];
      for (const bias of [-40, -0.5, 0, 0.5, 40]) {
        const params = new Map(initParams(graph, 6));
        params.set('g.bias', { shape: [512], data: new Float64Array(512).fill(bias) });
        expect(model.setParams(params)).toEqual([]);
        const a = model.run(inputs, { entry: 'infer' }).outputs.get('y')?.data ?? [];
        const gate = model.value(8, 4) ?? new Float64Array();
        const b = model.run(inputs, { entry: 'forward' }).outputs.get('y')?.data ?? [];
        expect(bitMismatches(a, b), `${format} bias ${bias}`).toEqual([]);
        if (format !== 'f32') expect(bitMismatches(a, runGraph(graph, params, inputs, { format }).outputs.get('y')?.data ?? [])).toEqual([]);
        ratios.push(gate.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0) / gate.length);
      }
      expect(ratios[0]).toBe(0);
      expect(ratios[4]).toBe(1);
      expect(ratios[2]! > 0 && ratios[2]! < 1).toBe(true);
    }
  });

  it('the fast hard gate decides exactly at and near the threshold in every format', async () => {
    for (const threshold of [0.5, 0.3, 0.9]) {
      const graph = graphOf(`model edge {\n input x : [1]\n numeric posit32\n h = dense(x, 96)\n g = gate(x, 96, kind: hard, threshold: ${threshold})\n y = dense(h * g, 2)\n output y\n}`, 'edge.dg');
      for (const format of FORMATS) {
        const centre = Math.log(threshold / (1 - threshold));
        // The first logit of the format whose rounded sigmoid reaches the rounded threshold.
        const round = (v: number): number => (isPositFormat(format) ? positOps(format as PositFormat).toF64(positOps(format as PositFormat).fromF64(v)) : Math.fround(v));
        const cross = firstWhere(format, centre - 1, centre + 1, (z) => round(sigmoid(z)) >= round(threshold));
        const biases = [...neighbours(format, cross, 22), ...neighbours(format, centre + 1e-6, 12), ...neighbours(format, centre - 1e-6, 12), centre];
        const params = new Map<string, Tensor>([
          ['h.weight', { shape: [96, 1], data: new Float64Array(96).fill(0.5) }],
          ['h.bias', { shape: [96], data: new Float64Array(96).fill(0.25) }],
          ['g.weight', { shape: [96, 1], data: new Float64Array(96) }],
          ['g.bias', { shape: [96], data: Float64Array.from(biases) }],
          ['y.weight', { shape: [2, 96], data: Float64Array.from({ length: 192 }, (_, i) => ((i * 37) % 11) / 11 - 0.5) }],
          ['y.bias', { shape: [2], data: new Float64Array(2) }],
        ]);
        const model = await wasmModel(graph, format, { mode: 'none' });
        expect(model.setParams(params)).toEqual([]);
        const inputs = { x: { shape: [1, 1], data: new Float64Array([0.75]) } };
        model.run(inputs, { entry: 'infer' });
        const gateId = graph.nodes.find((n) => n.kind === 'Gate')?.id ?? -1;
        const fast = model.value(gateId, 1) ?? new Float64Array();
        const ref = runGraph(graph, params, inputs, { format, keepValues: true }).values?.get(gateId)?.data ?? [];
        expect(bitMismatches(fast, ref), `${format} threshold ${threshold}`).toEqual([]);
        expect(fast.some((v) => v === 0) && fast.some((v) => v !== 0)).toBe(true);
      }
    }
  });
});
