// Tangents against independent derivatives, in f64: the loss's directional derivative from the
// jvp rules equals central finite differences on every example (along every parameter that
// does not pass a hard routing decision), equals an analytic backprop gradient · v on the dense
// model, and at hard gates / Top1 the straight-through and relaxed-value rules of spec/jvp.md are
// exactly what is computed (finite differences would see 0 there).
import { describe, expect, it } from 'vitest';
import { planFor, type Perturbation } from '../../compiler/passes/jvp.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NodeId } from '../../ir/nodes.ts';
import { operandsOf } from '../../ir/ops.ts';
import { positOps } from '../../runtime/numerics/index.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import { sigmoid } from '../../runtime/interpreter/transcendental.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { compileExample, EXAMPLES, mulberry32, randomInputs, randomParams } from './interp-fixtures.ts';

/** Params not upstream of a hard routing decision's consumer (Mul by a hard gate, Combine of Top1). */
function smoothParams(g: Graph): NodeId[] {
  const blocked = new Set<NodeId>();
  const mark = (id: NodeId): void => {
    if (blocked.has(id)) return;
    blocked.add(id);
    for (const op of operandsOf(g.nodes[id]!)) mark(op);
  };
  for (const n of g.nodes) {
    if (n.kind === 'Mul' && [n.a, n.b].some((o) => g.nodes[o]?.kind === 'Gate' && (g.nodes[o] as { mode: string }).mode === 'hard')) mark(n.id);
    if (n.kind === 'Combine' && g.nodes[n.weights]?.kind === 'Top1') mark(n.id);
  }
  return g.nodes.filter((n) => n.kind === 'Param' && !blocked.has(n.id)).map((n) => n.id);
}

/** A random unit-norm direction over the given params, by node id. */
function direction(g: Graph, ids: readonly NodeId[], rnd: () => number): Map<NodeId, Float64Array> {
  const v = new Map<NodeId, Float64Array>();
  let norm = 0;
  for (const id of ids) {
    const n = g.nodes[id];
    if (n?.kind !== 'Param') continue;
    const a = Float64Array.from({ length: n.shape.reduce((x, d) => x * d, 1) }, () => rnd() * 2 - 1);
    for (const x of a) norm += x * x;
    v.set(id, a);
  }
  for (const a of v.values()) for (let i = 0; i < a.length; i++) a[i] = a[i]! / Math.sqrt(norm);
  return v;
}

function shifted(g: Graph, params: Map<string, Tensor>, v: Map<NodeId, Float64Array>, eps: number): Map<string, Tensor> {
  const out = new Map(params);
  for (const [id, d] of v) {
    const name = (g.nodes[id] as { name: string }).name;
    const t = params.get(name) as Tensor;
    out.set(name, { shape: t.shape, data: t.data.map((x, i) => x + eps * d[i]!) });
  }
  return out;
}

const lossOf = (g: Graph, p: Map<string, Tensor>, inputs: Record<string, Tensor>): number => (runGraph(g, p, inputs, { format: 'f64' }).outputs.get('loss') as Tensor).data[0]!;

describe('JVP against central finite differences (f64)', () => {
  for (const name of EXAMPLES) {
    it(`${name}: relative error < 1e-6`, () => {
      const g = compileExample(name);
      const rnd = mulberry32(101);
      const params = randomParams(g, rnd);
      const inputs = randomInputs(g, 4, rnd);
      const ids = smoothParams(g);
      expect(ids.length).toBeGreaterThan(0);
      const v = direction(g, ids, rnd);
      const plan = planFor(g, 'theta_only', new Map(ids.map((id) => [id, 'all' as Perturbation])));
      const r = runGraph(g, params, inputs, { format: 'f64', tangents: { plan, directions: [v] } });
      const jvp = (r.tangents?.outputs[0]?.get('loss') as Tensor).data[0]!;
      const eps = 1e-5;
      const fd = (lossOf(g, shifted(g, params, v, eps), inputs) - lossOf(g, shifted(g, params, v, -eps), inputs)) / (2 * eps);
      expect(Math.abs(jvp)).toBeGreaterThan(1e-6);
      expect(Math.abs(jvp - fd) / Math.abs(jvp)).toBeLessThan(1e-6);
    });
  }

  it('dg-anneal before its schedule ends uses the true annealed derivative', () => {
    const g = compileExample('dg-anneal');
    const rnd = mulberry32(7);
    const params = randomParams(g, rnd);
    const inputs = randomInputs(g, 4, rnd);
    const ids = g.nodes.filter((n) => n.kind === 'Param').map((n) => n.id);
    const v = direction(g, ids, rnd);
    const plan = planFor(g, 'theta_only', new Map(ids.map((id) => [id, 'all' as Perturbation])));
    const at = (p: Map<string, Tensor>): number => (runGraph(g, p, inputs, { format: 'f64', gateStep: 400 }).outputs.get('loss') as Tensor).data[0]!;
    const jvp = (runGraph(g, params, inputs, { format: 'f64', gateStep: 400, tangents: { plan, directions: [v] } }).tangents?.outputs[0]?.get('loss') as Tensor).data[0]!;
    const fd = (at(shifted(g, params, v, 1e-5)) - at(shifted(g, params, v, -1e-5))) / 2e-5;
    expect(Math.abs(jvp - fd) / Math.abs(jvp)).toBeLessThan(1e-6);
  });
});

describe('JVP against an analytic gradient (dense model)', () => {
  it('equals backprop ∇L · v to 1e-12 relative', () => {
    const g = compileExample('dense');
    const rnd = mulberry32(55);
    const P = randomParams(g, rnd);
    const B = 3;
    const inputs = randomInputs(g, B, rnd);
    const ids = g.nodes.filter((n) => n.kind === 'Param').map((n) => n.id);
    const v = direction(g, ids, rnd);
    const plan = planFor(g, 'theta_only', new Map(ids.map((id) => [id, 'all' as Perturbation])));
    const jvp = (runGraph(g, P, inputs, { format: 'f64', tangents: { plan, directions: [v] } }).tangents?.outputs[0]?.get('loss') as Tensor).data[0]!;
    const W1 = (P.get('h.weight') as Tensor).data;
    const b1 = (P.get('h.bias') as Tensor).data;
    const W2 = (P.get('y.weight') as Tensor).data;
    const b2 = (P.get('y.bias') as Tensor).data;
    const x = (inputs.x as Tensor).data;
    const t = (inputs.t as Tensor).data;
    const vOf = (name: string): Float64Array => v.get(ids.find((id) => (g.nodes[id] as { name: string }).name === name) as number) as Float64Array;
    let dot = 0;
    for (let b = 0; b < B; b++) {
      const pre = Array.from({ length: 256 }, (_, j) => b1[j]! + Array.from({ length: 784 }, (_, i) => W1[j * 784 + i]! * x[b * 784 + i]!).reduce((a, c) => a + c, 0));
      const h = pre.map((z) => Math.max(z, 0));
      const y = Array.from({ length: 10 }, (_, k) => b2[k]! + h.reduce((a, hj, j) => a + W2[k * 256 + j]! * hj, 0));
      const m = Math.max(...y);
      const e = y.map((z) => Math.exp(z - m));
      const s = e.reduce((a, c) => a + c, 0);
      const dy = e.map((z, k) => (z / s - (k === t[b] ? 1 : 0)) / B); // dL/dy for this sample
      const dh = h.map((_, j) => (pre[j]! > 0 ? dy.reduce((a, d, k) => a + d * W2[k * 256 + j]!, 0) : 0));
      for (let k = 0; k < 10; k++) {
        dot += dy[k]! * vOf('y.bias')[k]!;
        for (let j = 0; j < 256; j++) dot += dy[k]! * h[j]! * vOf('y.weight')[k * 256 + j]!;
      }
      for (let j = 0; j < 256; j++) {
        if (dh[j] === 0) continue;
        dot += dh[j]! * vOf('h.bias')[j]!;
        for (let i = 0; i < 784; i++) dot += dh[j]! * x[b * 784 + i]! * vOf('h.weight')[j * 784 + i]!;
      }
    }
    expect(Math.abs(jvp - dot) / Math.abs(dot)).toBeLessThan(1e-12);
  });
});

describe('straight-through and relaxed values at hard routing', () => {
  const g = compileExample('dg-hard');
  const gate = g.nodes.find((n) => n.kind === 'Gate');
  const mul = g.nodes.find((n) => n.kind === 'Mul');
  if (gate?.kind !== 'Gate' || mul?.kind !== 'Mul') throw new Error('dg-hard has a gate and a product');
  const rnd = mulberry32(9);
  const params = randomParams(g, rnd);
  const inputs = randomInputs(g, 3, rnd);

  it('hard gate (theta_only): dm = round(σ(z)(1−σ(z))·dz) and d(h·m) = h·dm, in f64 and posit32', () => {
    for (const format of ['f64', 'posit32'] as const) {
      const ops = positOps('posit32');
      const round = format === 'f64' ? (x: number): number => x : (x: number): number => ops.toF64(ops.fromF64(x));
      const ids = g.nodes.filter((n) => n.kind === 'Param' && n.role === 'theta').map((n) => n.id);
      const plan = planFor(g, 'theta_only', new Map(ids.map((id) => [id, 'all' as Perturbation])));
      const r = runGraph(g, params, inputs, { format, keepValues: true, tangents: { plan, directions: [direction(g, ids, mulberry32(3))] } });
      const z = r.values?.get(gate.logits) as Tensor;
      const h = r.values?.get(mul.a) as Tensor;
      const dz = r.tangents?.values?.[0]?.get(gate.logits) as Tensor;
      const dm = r.tangents?.values?.[0]?.get(gate.id) as Tensor;
      const dy = r.tangents?.values?.[0]?.get(mul.id) as Tensor;
      let nonzero = 0;
      for (let i = 0; i < z.data.length; i++) {
        const s = sigmoid(z.data[i]!);
        expect(dm.data[i], `${format} dm[${i}]`).toBe(round(s * (1 - s) * dz.data[i]!));
        expect(dy.data[i], `${format} dy[${i}]`).toBe(round(0 + h.data[i]! * dm.data[i]!)); // the sum starts at +0
        if (dm.data[i] !== 0) nonzero++;
      }
      expect(nonzero).toBeGreaterThan(z.data.length / 2);
    }
  });

  it('w_inactive_only: an inactive unit sees the relaxed gate s on the tangent path; active rows carry no tangent', () => {
    const plan = planFor(g, 'w_inactive_only', new Map(g.nodes.filter((n) => n.kind === 'Param' && n.name.startsWith('h.')).map((n) => [n.id, 'inactive-units' as Perturbation])));
    const ids = [...plan.perturbed.keys()];
    const r = runGraph(g, params, inputs, { format: 'f64', keepValues: true, tangents: { plan, directions: [direction(g, ids, mulberry32(4))] } });
    const m = r.values?.get(gate.id) as Tensor;
    const z = r.values?.get(gate.logits) as Tensor;
    const h = r.values?.get(mul.a) as Tensor;
    const dh = r.tangents?.values?.[0]?.get(mul.a) as Tensor;
    const dm = r.tangents?.values?.[0]?.get(gate.id) as Tensor;
    const dy = r.tangents?.values?.[0]?.get(mul.id) as Tensor;
    let inactive = 0;
    for (let i = 0; i < m.data.length; i++) {
      // The gate reads h, so the perturbed rows also move the logits: dm is nonzero too.
      const relaxed = m.data[i] === 1 ? 1 : sigmoid(z.data[i]!);
      if (m.data[i] === 1) expect(dh.data[i]).toBe(0);
      else if (dh.data[i] !== 0) inactive++;
      expect(dy.data[i]).toBe(0 + dh.data[i]! * relaxed + h.data[i]! * dm.data[i]!);
    }
    expect(inactive).toBeGreaterThan(0);
  });

  it('Top1 passes the tangent of the selected probability only', () => {
    const mg = compileExample('moe-top1');
    const top1 = mg.nodes.find((n) => n.kind === 'Top1');
    if (top1?.kind !== 'Top1') throw new Error('no Top1');
    const ids = mg.nodes.filter((n) => n.kind === 'Param' && n.role === 'theta').map((n) => n.id);
    const plan = planFor(mg, 'theta_only', new Map(ids.map((id) => [id, 'all' as Perturbation])));
    const mr = mulberry32(12);
    const r = runGraph(mg, randomParams(mg, mr), randomInputs(mg, 3, mr), { format: 'f64', keepValues: true, tangents: { plan, directions: [direction(mg, ids, mr)] } });
    const y = r.values?.get(top1.id) as Tensor;
    const dx = r.tangents?.values?.[0]?.get(top1.x) as Tensor;
    const dy = r.tangents?.values?.[0]?.get(top1.id) as Tensor;
    for (let i = 0; i < y.data.length; i++) expect(dy.data[i]).toBe(y.data[i] !== 0 ? dx.data[i] : 0);
  });
});
