// The reference interpreter in f64 and f32: the format override replaces the model's numeric
// declaration; f64 equals a plain JS forward pass; f32 equals the documented sequential
// single-precision order; and on every example f32 stays within the stated tolerance of f64
// (spec/interpreter.md 4), where no routing decision differs between the two.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../ir/graph.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import { exp, log, sigmoid } from '../../runtime/numerics/index.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { compileExample, compileText, EXAMPLES, mulberry32, randomInputs, randomParams } from './interp-fixtures.ts';

const SMALL = `model s {
  input x : [9]
  label t : class[4]
  numeric posit32 quire
  h = dense(x, 6, act: relu)
  g = gate(x, 6, kind: soft)
  y = dense(h * g, 4)
  output y
  loss cross_entropy(y, t)
}`;

/** The SMALL model by hand, with `r` applied after every operation in the interpreter's order. */
function byHand(params: Map<string, Tensor>, x: Float64Array, t: Float64Array, r: (v: number) => number): { y: number[]; loss: number } {
  const P = (n: string): Float64Array => Float64Array.from((params.get(n) as Tensor).data, r);
  const [hw, hb, gw, gb, yw, yb] = ['h.weight', 'h.bias', 'g.weight', 'g.bias', 'y.weight', 'y.bias'].map(P) as Float64Array[];
  const B = t.length;
  const xs = Float64Array.from(x, r);
  const dense = (W: Float64Array, b: Float64Array, v: Float64Array, nin: number, nout: number): number[] => {
    const out: number[] = [];
    for (let s = 0; s < B; s++) {
      for (let j = 0; j < nout; j++) {
        let acc = r(0 + b[j]!);
        for (let i = 0; i < nin; i++) acc = r(acc + r(W[j * nin + i]! * v[s * nin + i]!));
        out.push(acc);
      }
    }
    return out;
  };
  const h = dense(hw!, hb!, xs, 9, 6).map((v) => (v > 0 ? v : 0));
  const g = dense(gw!, gb!, xs, 9, 6).map((z) => r(sigmoid(z)));
  const a = Float64Array.from(h.map((v, i) => r(v * g[i]!)));
  const y = dense(yw!, yb!, a, 6, 4);
  let sum = 0;
  for (let s = 0; s < B; s++) {
    const row = y.slice(s * 4, s * 4 + 4);
    const m = Math.max(...row);
    let e = 0;
    for (const v of row) e += exp(v - m);
    sum = r(sum + r(m + log(e) - row[t[s]!]!));
  }
  return { y, loss: r(sum / B) };
}

describe('IEEE formats', () => {
  const g = compileText(SMALL);
  const rnd = mulberry32(5);
  const params = randomParams(g, rnd, 2);
  const inputs = randomInputs(g, 3, rnd);

  it('--format f64 overrides posit32 and equals a plain f64 forward pass', () => {
    const r = runGraph(g, params, inputs, { format: 'f64' });
    const want = byHand(params, (inputs.x as Tensor).data, (inputs.t as Tensor).data, (v) => v);
    expect([...(r.outputs.get('y') as Tensor).data]).toEqual(want.y);
    expect((r.outputs.get('loss') as Tensor).data[0]).toBe(want.loss);
    const p = runGraph(g, params, inputs);
    expect([...(p.outputs.get('y') as Tensor).data]).not.toEqual(want.y);
  });

  it('f32 rounds every operation to single in the documented order', () => {
    const r = runGraph(g, params, inputs, { format: 'f32' });
    const want = byHand(params, (inputs.x as Tensor).data, (inputs.t as Tensor).data, Math.fround);
    expect([...(r.outputs.get('y') as Tensor).data]).toEqual(want.y);
    expect((r.outputs.get('loss') as Tensor).data[0]).toBe(want.loss);
    for (const v of (r.outputs.get('y') as Tensor).data) expect(Math.fround(v)).toBe(v);
  });
});

/** Routing decisions (hard gate masks, Top1 choices) of a run, to exclude samples that flip. */
function decisions(g: Graph, values: Map<number, Tensor>, batch: number): Uint8Array[] {
  const ids = g.nodes.filter((n) => (n.kind === 'Gate' && n.mode !== 'soft') || n.kind === 'Top1').map((n) => n.id);
  return Array.from({ length: batch }, (_, b) => {
    const bits: number[] = [];
    for (const id of ids) {
      const v = values.get(id) as Tensor;
      const w = v.data.length / batch;
      for (let j = 0; j < w; j++) bits.push(v.data[b * w + j] === 0 ? 0 : 1);
    }
    return Uint8Array.from(bits);
  });
}

describe('f32 against f64 on every example', () => {
  for (const name of EXAMPLES) {
    it(`${name}: |y32 - y64| <= 1e-5 * max(1, max|y64|) where routing agrees`, () => {
      const g = compileExample(name);
      const rnd = mulberry32(31);
      const params = randomParams(g, rnd);
      const B = 8;
      const inputs = randomInputs(g, B, rnd);
      const r64 = runGraph(g, params, inputs, { format: 'f64', keepValues: true });
      const r32 = runGraph(g, params, inputs, { format: 'f32', keepValues: true });
      const d64 = decisions(g, r64.values as Map<number, Tensor>, B);
      const d32 = decisions(g, r32.values as Map<number, Tensor>, B);
      let compared = 0;
      for (const [outName, y64] of r64.outputs) {
        if (y64.shape.length < 2) continue;
        const y32 = r32.outputs.get(outName) as Tensor;
        const w = y64.data.length / B;
        const scale = Math.max(1, ...y64.data.map(Math.abs));
        for (let b = 0; b < B; b++) {
          if (d64[b]!.some((v, i) => v !== d32[b]![i])) continue;
          compared++;
          for (let j = 0; j < w; j++) expect(Math.abs(y32.data[b * w + j]! - y64.data[b * w + j]!)).toBeLessThanOrEqual(1e-5 * scale);
        }
      }
      expect(compared).toBeGreaterThanOrEqual(B - 1);
    });
  }
});
