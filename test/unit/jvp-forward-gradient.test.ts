// Forward-gradient learning steps: the Philox tangent generator (Random123 known answers,
// determinism, moments), which parameters each learn mode may change, the estimate's exact
// summation order and update rounding (spec/jvp.md 4-5), bit-for-bit replay, and unbiasedness:
// averaged over many directions the estimate points along the true gradient.
import { describe, expect, it } from 'vitest';
import { computeTangentPlan } from '../../compiler/passes/jvp.ts';
import type { Graph } from '../../ir/graph.ts';
import { positOps } from '../../runtime/numerics/index.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import { fillNormals, philox4x32 } from '../../runtime/interpreter/random.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { forwardGradientStep, sampleDirections } from '../../runtime/learn/forward-gradient.ts';
import { compileExample, compileText, mulberry32, randomInputs, randomParams, splitLabels } from './interp-fixtures.ts';

describe('Philox4x32-10 and the tangent stream', () => {
  it('matches the Random123 known-answer vectors', () => {
    const out = new Uint32Array(4);
    philox4x32(0, 0, 0, 0, 0, 0, out);
    expect([...out]).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    philox4x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out);
    expect([...out]).toEqual([0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
    philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
    expect([...out]).toEqual([0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]);
  });

  it('normals are deterministic per stream, differ across streams, and have mean 0 and variance 1', () => {
    const a = new Float64Array(40001);
    const b = new Float64Array(40001);
    fillNormals(a, 7, 1, 2, 3);
    fillNormals(b, 7, 1, 2, 3);
    expect(b).toEqual(a);
    fillNormals(b, 7, 1, 2, 4);
    expect(b[0]).not.toBe(a[0]);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    const variance = a.reduce((s, x) => s + (x - mean) ** 2, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    // Element 5 is normal 1 of block 1: prefixes do not depend on the length asked for.
    const short = new Float64Array(6);
    fillNormals(short, 7, 1, 2, 3);
    expect([...short]).toEqual([...a.slice(0, 6)]);
  });
});

const changed = (before: Map<string, Tensor>, after: ReadonlyMap<string, Tensor>): string[] =>
  [...before.keys()].filter((k) => before.get(k)?.data.some((x, i) => x !== after.get(k)?.data[i])).sort();

describe('learn modes', () => {
  const g = compileExample('dg-hard');
  const rnd = mulberry32(77);
  const params = randomParams(g, rnd);
  const { batch, labels } = splitLabels(g, randomInputs(g, 2, rnd));
  const opts = { format: 'f64' as const, perturbations: 2 };

  it('none: no estimate, the same parameters, the loss of a plain run', () => {
    const r = forwardGradientStep(g, params, batch, labels, { ...opts, mode: 'none' });
    expect(r.diagnostics).toEqual([]);
    expect(r.estimate.size).toBe(0);
    expect(r.newParams).toBe(params);
    expect(r.loss).toBe((runGraph(g, params, { ...batch, ...labels }, { format: 'f64' }).outputs.get('loss') as Tensor).data[0]);
    expect([...r.outputs.keys()]).toEqual(['y']);
  });

  it('theta_only changes only the gate', () => {
    const r = forwardGradientStep(g, params, batch, labels, { ...opts, mode: 'theta_only' });
    expect(changed(params, r.newParams)).toEqual(['g.bias', 'g.weight']);
    expect(r.stats.perturbedElements).toBe(256 * 256 + 256);
  });

  it('w_inactive_only changes exactly the rows of h that were inactive for the sample', () => {
    const one = { x: { shape: [1, 256 * 0 + 784], data: (batch.x as Tensor).data.slice(0, 784) } };
    const lab = { t: { shape: [1], data: (labels.t as Tensor).data.slice(0, 1) } };
    const r = forwardGradientStep(g, params, one, lab, { ...opts, mode: 'w_inactive_only' });
    expect(changed(params, r.newParams)).toEqual(['h.bias', 'h.weight']);
    const gate = g.nodes.find((n) => n.kind === 'Gate')?.id as number;
    const m = runGraph(g, params, { ...one, ...lab }, { format: 'f64', keepValues: true }).values?.get(gate) as Tensor;
    const before = params.get('h.weight') as Tensor;
    const after = r.newParams.get('h.weight') as Tensor;
    let inactiveRows = 0;
    for (let j = 0; j < 256; j++) {
      const rowChanged = before.data.slice(j * 784, (j + 1) * 784).some((x, i) => x !== after.data[j * 784 + i]);
      expect(rowChanged, `row ${j}`).toBe(m.data[j] === 0);
      if (m.data[j] === 0) inactiveRows++;
    }
    expect(inactiveRows).toBeGreaterThan(0);
    expect(r.stats.inactiveRatio).toBe(inactiveRows / 256);
    expect(r.stats.activationRatio).toBe(1 - inactiveRows / 256);
  });

  it('replays bit for bit; seed and step select other directions', () => {
    const a = forwardGradientStep(g, params, batch, labels, { ...opts, mode: 'theta_and_w_inactive', step: 3 });
    const b = forwardGradientStep(g, params, batch, labels, { ...opts, mode: 'theta_and_w_inactive', step: 3 });
    for (const [k, t] of a.newParams) expect(b.newParams.get(k)?.data).toEqual(t.data);
    const c = forwardGradientStep(g, params, batch, labels, { ...opts, mode: 'theta_and_w_inactive', step: 4 });
    const d = forwardGradientStep(g, params, batch, labels, { ...opts, mode: 'theta_and_w_inactive', step: 3, seed: 8 });
    expect(c.newParams.get('g.bias')?.data).not.toEqual(a.newParams.get('g.bias')?.data);
    expect(d.newParams.get('g.bias')?.data).not.toEqual(a.newParams.get('g.bias')?.data);
  });
});

describe('estimate and update, exactly as specified', () => {
  it('g = (Σ_r (Σ_b d_rb e_b) v_r) / (kB) and θ = round(round(θ) − lr·g), in posit32', () => {
    const g = compileExample('dg-hard');
    const rnd = mulberry32(5);
    const params = randomParams(g, rnd);
    const all = randomInputs(g, 3, rnd);
    const { batch, labels } = splitLabels(g, all);
    const k = 3;
    const step = 11;
    const r = forwardGradientStep(g, params, batch, labels, { format: 'posit32', perturbations: k, step, lr: 0.5 });
    const plan = computeTangentPlan(g, g.meta.learn.mode).plan;
    if (!plan) throw new Error('no plan');
    const dirs = sampleDirections(g, plan, k, g.meta.learn.gradient.seed, step);
    const t = runGraph(g, params, all, { format: 'posit32', gateStep: step, tangents: { plan, directions: dirs } }).tangents;
    if (!t) throw new Error('no tangents');
    const ops = positOps('posit32');
    const hDense = g.nodes.find((n) => n.kind === 'Dense' && n.binding === 'h')?.id as number;
    for (const [id, how] of plan.perturbed) {
      const p = g.nodes[id];
      if (p?.kind !== 'Param') continue;
      const rows = p.shape[0] as number;
      const cols = p.shape[1] ?? 1;
      const mask = how === 'inactive-units' ? t.inactive.get(hDense) : undefined;
      const est = r.estimate.get(p.name) as Float64Array;
      const old = (params.get(p.name) as Tensor).data;
      const upd = (r.newParams.get(p.name) as Tensor).data;
      for (let i = 0; i < rows * cols; i += 97) {
        const row = Math.floor(i / cols);
        let G = 0;
        for (let q = 0; q < k; q++) {
          let D = 0;
          for (let b = 0; b < 3; b++) if (!mask || mask[b * rows + row]) D += t.lossSamples[q]![b]!;
          G += D * t.directions[q]!.get(id)![i]!;
        }
        expect(est[i], `${p.name}[${i}]`).toBe(G / (k * 3));
        const theta = ops.toF64(ops.fromF64(old[i]!));
        expect(upd[i]).toBe(ops.toF64(ops.fromF64(theta - 0.5 * est[i]!)));
      }
    }
  });
});

describe('unbiasedness', () => {
  it('over many directions the estimate aligns with the finite-difference gradient', () => {
    const g: Graph = compileText(`model tiny {
  input x : [3]
  label t : class[2]
  numeric f64
  h = dense(x, 4, act: tanh)
  g = gate(x, 4, kind: soft)
  y = dense(h * g, 2)
  output y
  loss cross_entropy(y, t)
  learn { mode: theta_only, gradient: forward(perturbations: 3000, seed: 1), lr: 1.0 }
}`);
    const rnd = mulberry32(3);
    const params = randomParams(g, rnd, 3);
    const all = randomInputs(g, 4, rnd);
    const { batch, labels } = splitLabels(g, all);
    const r = forwardGradientStep(g, params, batch, labels);
    const loss = (p: Map<string, Tensor>): number => (runGraph(g, p, all).outputs.get('loss') as Tensor).data[0]!;
    const est: number[] = [];
    const truth: number[] = [];
    for (const name of ['g.weight', 'g.bias']) {
      const t = params.get(name) as Tensor;
      for (let i = 0; i < t.data.length; i++) {
        const at = (e: number): number => loss(new Map(params).set(name, { shape: t.shape, data: t.data.map((x, j) => (j === i ? x + e : x)) }));
        truth.push((at(1e-6) - at(-1e-6)) / 2e-6);
        est.push((r.estimate.get(name) as Float64Array)[i]!);
      }
    }
    const dot = est.reduce((a, x, i) => a + x * truth[i]!, 0);
    const cos = dot / Math.sqrt(est.reduce((a, x) => a + x * x, 0) * truth.reduce((a, x) => a + x * x, 0));
    expect(cos).toBeGreaterThan(0.95);
  });
});
