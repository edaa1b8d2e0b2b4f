// Differential test of the reference interpreter against an independent implementation of the
// DESIGN section 4 contract (independent-model.ts: BigInt posits, exact sums, bit-string
// rounding, sharing no code with runtime/numerics). Models and parameters are random, generated
// here from seeds, so nothing in the repository was tuned to them; every output of every node
// kind the models use must agree bit for bit in posit16, posit32 and bposit32.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../ir/graph.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { compileText, mulberry32 } from '../unit/interp-fixtures.ts';
import { computeTangentPlan, planFor, type Perturbation, type TangentPlan } from '../../compiler/passes/jvp.ts';
import type { NodeId } from '../../ir/nodes.ts';
import { evaluate, FMTS, fromDouble, roundFixed, toDouble, type Fmt } from './independent-model.ts';
import { evaluateTangents } from './independent-tangents.ts';

const ACTS = ['relu', 'tanh', 'gelu', 'sigmoid'] as const;

/** A random gated MLP or MoE in .dg, shaped by the seed. */
function randomModel(seed: number): string {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const nin = 5 + Math.floor(rnd() * 8);
  const nh = 4 + Math.floor(rnd() * 7);
  const c = 2 + Math.floor(rnd() * 4);
  const act = pick(ACTS);
  const head = `model rnd${seed} {\n  input x : [${nin}]\n  label t : class[${c}]\n  numeric posit32 quire\n  h = dense(x, ${nh}, act: ${act})\n`;
  const tail = `  p = softmax(y)\n  output y, p\n  loss cross_entropy(y, t)\n}\n`;
  if (seed % 3 === 2) {
    return `${head}  e = moe(h, ${nh}, experts: 3, route: top1, act: ${pick(ACTS)})\n  y = dense(e, ${c})\n${tail}`;
  }
  const kind = pick(['hard', 'hard', 'soft', 'anneal(from: 2.0, to: 0.1, steps: 50)']);
  const threshold = kind === 'soft' ? '' : `, threshold: ${(0.2 + 0.6 * rnd()).toFixed(3)}`;
  return `${head}  g = gate(${pick(['x', 'h'])}, ${nh}, kind: ${kind}${threshold})\n  y = dense(h * g, ${c})\n${tail}`;
}

/** Parameters and inputs spread over several binades, labels uniform. */
function randomData(g: Graph, seed: number, batch: number): { params: Map<string, Tensor>; inputs: Record<string, Tensor> } {
  const rnd = mulberry32(seed * 7919);
  const spread = (): number => (rnd() * 2 - 1) * 2 ** Math.floor(rnd() * 6 - 3);
  const params = new Map<string, Tensor>();
  const inputs: Record<string, Tensor> = {};
  for (const n of g.nodes) {
    if (n.kind === 'Param') params.set(n.name, { shape: n.shape, data: Float64Array.from({ length: n.shape.reduce((a, d) => a * d, 1) }, spread) });
    if (n.kind === 'Input') inputs[n.name] = { shape: [batch, n.dims[0] as number], data: Float64Array.from({ length: batch * (n.dims[0] as number) }, spread) };
    if (n.kind === 'Label') inputs[n.name] = { shape: [batch], data: Float64Array.from({ length: batch }, () => Math.floor(rnd() * n.classes)) };
  }
  return { params, inputs };
}

describe('independent BigInt model: self-checks', () => {
  it('rounds like the standard at known points', () => {
    const p32 = FMTS.posit32;
    expect(roundFixed(p32, fromDouble(1))).toBe(0x40000000);
    expect(roundFixed(p32, fromDouble(-1))).toBe(0xc0000000);
    expect(roundFixed(p32, fromDouble(1e300))).toBe(0x7fffffff);
    expect(roundFixed(p32, fromDouble(1e-300))).toBe(1);
    expect(toDouble(p32, 0x48000000)).toBe(2);
    expect(toDouble(p32, 0x50000000)).toBe(4);
    expect(roundFixed(FMTS.posit16, fromDouble(1 + 2 ** -12))).toBe(0x4000); // tie between 1 and 1+2^-11 goes to even
    expect(toDouble(FMTS.bposit32, 0x7fffffff)).toBe(2 ** 191 * (2 - 2 ** -20));
    expect(toDouble(FMTS.bposit32, 1)).toBe(2 ** -192 * (1 + 2 ** -20));
  });
});

describe('interpreter = independent model, bit for bit', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 9]) {
    const text = randomModel(seed);
    for (const [fmt, f] of Object.entries(FMTS)) {
      it(`random model ${seed} (${/moe/.test(text) ? 'moe top1' : /kind: (\w+)/.exec(text)?.[1]}) in ${fmt}`, () => {
        const g = compileText(text, `rnd${seed}.dg`);
        const batch = 3;
        const { params, inputs } = randomData(g, seed, batch);
        const r = runGraph(g, params, inputs, { format: fmt as 'posit16' | 'posit32' | 'bposit32', keepValues: true });
        expect(r.diagnostics).toEqual([]);
        const want = evaluate(f, g, params, inputs, batch);
        let compared = 0;
        for (const n of g.nodes) {
          if (n.kind === 'Label') continue;
          const got = r.values?.get(n.id) as Tensor;
          const exp = (want.get(n.id) as number[]).map((p) => toDouble(f, p));
          expect([...got.data], `%${n.id} ${n.kind} ${n.binding ?? ''}`).toEqual(exp);
          compared += exp.length;
        }
        for (const [name, t] of r.outputs) expect([...t.data]).toEqual([...(r.values?.get(g.nodes.find((n) => n.kind === 'Output' && n.name === name)?.id ?? -1) as Tensor).data]);
        expect(compared).toBeGreaterThan(50);
      });
    }
  }
});

/** Compares the interpreter's tangents with the independent ones for one plan. */
function checkTangents(g: Graph, f: Fmt, fmt: 'posit16' | 'posit32' | 'bposit32', plan: TangentPlan, seed: number): number {
  const batch = 3;
  const { params, inputs } = randomData(g, seed, batch);
  const rnd = mulberry32(seed + 17);
  const v = new Map<NodeId, Float64Array>();
  for (const id of plan.perturbed.keys()) {
    const n = g.nodes[id];
    if (n?.kind === 'Param') v.set(id, Float64Array.from({ length: n.shape.reduce((a, x) => a * x, 1) }, () => rnd() * 4 - 2));
  }
  const r = runGraph(g, params, inputs, { format: fmt, keepValues: true, tangents: { plan, directions: [v] } });
  expect(r.diagnostics).toEqual([]);
  const vals = evaluate(f, g, params, inputs, batch);
  const perturbed = new Map([...plan.perturbed].map(([id, how]) => [id, { how, v: v.get(id) as Float64Array }]));
  const want = evaluateTangents(f, g, vals, { perturbed, units: plan.units }, batch);
  const got = r.tangents?.values?.[0] ?? new Map<NodeId, Tensor>();
  let compared = 0;
  for (const n of g.nodes) {
    const w = want.get(n.id);
    const t = got.get(n.id);
    if (!w && !t) continue;
    const len = (w ?? t?.data ?? []).length;
    const wd = w ? w.map((p) => toDouble(f, p)) : Array<number>(len).fill(0);
    const td = t ? [...t.data] : Array<number>(len).fill(0);
    expect(td, `tangent %${n.id} ${n.kind} ${n.binding ?? ''}`).toEqual(wd);
    compared += len;
  }
  return compared;
}

describe('tangents: interpreter = independent model, bit for bit', () => {
  for (const seed of [1, 2, 4, 6]) {
    const text = randomModel(seed);
    for (const [fmt, f] of Object.entries(FMTS)) {
      it(`random model ${seed} in ${fmt}: learn mode D and every parameter perturbed`, () => {
        const g = compileText(text, `rnd${seed}.dg`);
        const d = computeTangentPlan(g, 'theta_and_w_inactive').plan as TangentPlan;
        const all = planFor(g, 'theta_only', new Map(g.nodes.filter((n) => n.kind === 'Param').map((n) => [n.id, 'all' as Perturbation])));
        const F = fmt as 'posit16' | 'posit32' | 'bposit32';
        expect(checkTangents(g, f, F, d, seed)).toBeGreaterThan(20);
        expect(checkTangents(g, f, F, all, seed)).toBeGreaterThan(50);
      });
    }
  }
});
