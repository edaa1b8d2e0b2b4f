// The reference interpreter in posit formats: dense layers equal runtime/numerics' fdp row by
// row (one rounding per output, bias in the quire), the fast exact accumulator equals fdp on
// adversarial operands, hard gates are exact 0/1 masks compared in the format, Top1/Combine
// and Mean round once, and NaR propagates like the quire does.
import { describe, expect, it } from 'vitest';
import { fdp, positOps, type PositFormat } from '../../runtime/numerics/index.ts';
import { ExactAccumulator } from '../../runtime/interpreter/exact-dot.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import { sigmoid } from '../../runtime/interpreter/transcendental.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { compileExample, compileText, mulberry32, randomInputs, randomParams } from './interp-fixtures.ts';

const FORMATS: readonly PositFormat[] = ['posit8', 'posit16', 'posit32', 'bposit16', 'bposit32'];

const denseModel = (fmt: string, nin: number, nout: number): string => `model d {
  input x : [${nin}]
  numeric ${fmt} quire
  y = dense(x, ${nout})
  output y
}`;

describe('posit dense layers', () => {
  for (const fmt of FORMATS) {
    it(`${fmt}: every output is fdp(W row, x, bias) of the once-rounded operands`, () => {
      const ops = positOps(fmt);
      const g = compileText(denseModel(fmt, 37, 11));
      const rnd = mulberry32(fmt.length * 977);
      const params = randomParams(g, rnd, 3);
      const inputs = randomInputs(g, 5, rnd);
      // Mix in cancellation and extreme magnitudes so rounding, not luck, decides.
      const x = inputs.x as Tensor;
      x.data[0] = 1e6;
      x.data[1] = -1e6;
      x.data[2] = 1e-7;
      const r = runGraph(g, params, inputs);
      expect(r.diagnostics).toEqual([]);
      const y = r.outputs.get('y') as Tensor;
      expect(y.shape).toEqual([5, 11]);
      const W = Uint32Array.from((params.get('y.weight') as Tensor).data, ops.fromF64);
      const bias = Uint32Array.from((params.get('y.bias') as Tensor).data, ops.fromF64);
      const xp = Uint32Array.from(x.data, ops.fromF64);
      for (let b = 0; b < 5; b++) {
        for (let j = 0; j < 11; j++) {
          const want = fdp(fmt, W.subarray(j * 37, (j + 1) * 37), xp.subarray(b * 37, (b + 1) * 37), bias[j]);
          expect(ops.fromF64(y.data[b * 11 + j]!), `${fmt} y[${b},${j}]`).toBe(want);
        }
      }
    });
  }

  it('a NaN input makes its sample NaN (NaR) and leaves the others finite', () => {
    const g = compileText(denseModel('posit32', 4, 3));
    const inputs = randomInputs(g, 2, mulberry32(3));
    (inputs.x as Tensor).data[5] = NaN;
    const y = runGraph(g, randomParams(g, mulberry32(4)), inputs).outputs.get('y') as Tensor;
    expect([...y.data.slice(0, 3)].every(Number.isFinite)).toBe(true);
    expect([...y.data.slice(3)].every(Number.isNaN)).toBe(true);
  });
});

describe('exact accumulator', () => {
  for (const fmt of FORMATS) {
    it(`${fmt}: equals fdp on random patterns, cancellations, NaR and zeros`, () => {
      const ops = positOps(fmt);
      const acc = new ExactAccumulator(fmt);
      const rnd = mulberry32(99 + fmt.length);
      const top = 2 ** ops.spec.nbits;
      for (let t = 0; t < 400; t++) {
        const n = 1 + Math.floor(rnd() * 30);
        const a = new Uint32Array(n);
        const b = new Uint32Array(n);
        for (let i = 0; i < n; i++) {
          const kind = t % 4;
          a[i] = kind === 0 ? Math.floor(rnd() * top) : ops.fromF64((rnd() - 0.5) * 10 ** Math.floor(rnd() * 8 - 4));
          b[i] = kind === 0 ? Math.floor(rnd() * top) : kind === 3 && i === n - 1 ? ops.neg(a[0]!) : ops.fromF64(rnd() - 0.5);
        }
        if (t % 4 === 3) b[0] = a[n - 1]!; // a[0]*a[n-1] and a[n-1]*(-a[0]) cancel exactly
        const bias = t % 5 === 0 ? 0 : Math.floor(rnd() * top);
        const want = fdp(fmt, a, b, bias);
        const da = acc.decodeRows(a, n);
        const db = acc.decodeRows(b, n);
        acc.clear();
        if (da.rowNaR[0] || db.rowNaR[0]) acc.markNaR();
        acc.addDot(da, 0, db, 0, n);
        acc.addPattern(bias);
        expect(acc.round(), `${fmt} case ${t}`).toBe(want);
        acc.clear();
        for (let i = 0; i < n; i++) acc.addProduct(a[i]!, b[i]!);
        acc.addPattern(bias);
        expect(acc.round(), `${fmt} case ${t} (addProduct)`).toBe(want);
      }
    });
  }

  it('saturates a huge sum at maxpos and a tiny nonzero one at minpos', () => {
    const ops = positOps('posit16');
    const acc = new ExactAccumulator('posit16');
    acc.clear();
    for (let i = 0; i < 8; i++) acc.addProduct(ops.spec.maxpos, ops.spec.maxpos);
    expect(acc.round()).toBe(ops.spec.maxpos);
    acc.clear();
    acc.addProduct(ops.spec.minpos, ops.spec.minpos);
    expect(acc.round()).toBe(ops.spec.minpos);
    acc.clear();
    acc.addProduct(ops.spec.minpos, ops.neg(ops.spec.minpos));
    expect(acc.round()).toBe(ops.neg(ops.spec.minpos));
  });

  it('divides the exact sum once: Σ/3 of three ones is exactly one, of two ones rounds once', () => {
    const ops = positOps('posit32');
    const acc = new ExactAccumulator('posit32');
    acc.clear();
    for (let i = 0; i < 3; i++) acc.addPattern(ops.spec.one);
    expect(acc.roundQuotient(3)).toBe(ops.spec.one);
    acc.clear();
    acc.addPattern(ops.spec.one);
    acc.addPattern(ops.spec.one);
    expect(acc.roundQuotient(3)).toBe(ops.fromF64(2 / 3)); // 2/3 in f64 is far closer than half a posit32 ulp
  });
});

describe('posit gates and routing', () => {
  it('a hard gate is an exact 0/1 mask with s >= t compared in the format (ties count as active)', () => {
    const ops = positOps('posit32');
    const text = (t: string): string => `model m {
  input x : [6]
  label t : class[3]
  numeric posit32 quire
  h = dense(x, 5, act: relu)
  g = gate(x, 5, kind: hard, threshold: ${t})
  y = dense(h * g, 3)
  output y, g
  loss cross_entropy(y, t)
}`;
    const probe = compileText(text('0.5'));
    const rnd = mulberry32(17);
    const params = randomParams(probe, rnd, 4);
    const inputs = randomInputs(probe, 4, rnd);
    const logits = probe.nodes.find((n) => n.kind === 'Gate');
    const r0 = runGraph(probe, params, inputs, { keepValues: true });
    const z = r0.values?.get(logits?.kind === 'Gate' ? logits.logits : -1) as Tensor;
    // Threshold exactly equal to unit 0's rounded sigmoid: that unit must be active.
    const s0 = ops.toF64(ops.fromF64(sigmoid(z.data[0]!)));
    const g = compileText(text(s0.toPrecision(17)));
    const r = runGraph(g, params, inputs, { keepValues: true });
    const m = r.outputs.get('g') as Tensor;
    const tp = ops.fromF64(s0);
    for (let i = 0; i < m.data.length; i++) {
      expect(m.data[i] === 0 || m.data[i] === 1).toBe(true);
      const s = ops.fromF64(sigmoid(z.data[i]!));
      expect(m.data[i], `unit ${i}`).toBe(ops.compare(s, tp) >= 0 ? 1 : 0);
    }
    expect(m.data[0]).toBe(1);
    expect(r.routing.active).toBe([...m.data].filter((v) => v === 1).length);
  });

  it('MoE-Top1: Combine keeps exactly one expert per sample, rounded once', () => {
    const g = compileExample('moe-top1');
    const rnd = mulberry32(23);
    const params = randomParams(g, rnd);
    const inputs = randomInputs(g, 3, rnd);
    const r = runGraph(g, params, inputs, { keepValues: true });
    const ops = positOps('posit32');
    const comb = g.nodes.find((n) => n.kind === 'Combine');
    if (comb?.kind !== 'Combine') throw new Error('no Combine');
    const w = r.values?.get(comb.weights) as Tensor;
    const out = r.values?.get(comb.id) as Tensor;
    for (let b = 0; b < 3; b++) {
      const row = [...w.data.slice(b * 4, b * 4 + 4)];
      expect(row.filter((v) => v !== 0)).toHaveLength(1);
      const e = row.findIndex((v) => v !== 0);
      const ex = r.values?.get(comb.experts[e] as number) as Tensor;
      for (let j = 0; j < 256; j += 37) {
        expect(out.data[b * 256 + j]).toBe(ops.toF64(ops.mul(ops.fromF64(row[e]!), ops.fromF64(ex.data[b * 256 + j]!))));
      }
    }
    expect(r.routing).toEqual({ active: 3, total: 12 });
  });
});

describe('runGraph diagnostics', () => {
  const g = compileExample('dg-hard');
  const params = randomParams(g, mulberry32(1));
  const inputs = randomInputs(g, 2, mulberry32(2));
  const codes = (p: Map<string, Tensor>, i: Record<string, Tensor>): string[] => runGraph(g, p, i).diagnostics.map((d) => d.code);

  it('missing or misshapen inputs and labels', () => {
    expect(codes(params, { t: inputs.t as Tensor })).toEqual(['E4501']);
    expect(codes(params, { ...inputs, x: { shape: [2, 783], data: new Float64Array(2 * 783) } })).toEqual(['E4502']);
    expect(codes(params, { ...inputs, t: { shape: [3], data: new Float64Array(3) } })).toEqual(['E4502']);
    expect(codes(params, { ...inputs, t: { shape: [2], data: Float64Array.of(1, 10) } })).toEqual(['E4503']);
    expect(codes(params, { ...inputs, t: { shape: [2], data: Float64Array.of(1, 0.5) } })).toEqual(['E4503']);
  });

  it('missing or misshapen parameters', () => {
    const missing = new Map(params);
    missing.delete('g.bias');
    expect(codes(missing, inputs)).toEqual(['E4504']);
    const transposed = new Map(params);
    transposed.set('h.weight', { shape: [784, 256], data: (params.get('h.weight') as Tensor).data });
    expect(codes(transposed, inputs)).toEqual(['E4505']);
  });

  it('without labels only the predictions run', () => {
    const r = runGraph(g, params, { x: inputs.x as Tensor });
    expect(r.diagnostics).toEqual([]);
    expect([...r.outputs.keys()]).toEqual(['y']);
  });
});
