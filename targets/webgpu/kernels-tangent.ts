// Tangent kernels, one builder per IR node kind: the rules of compiler/passes/jvp-rules.ts with
// the roundings spec/jvp.md fixes (one quire per Dense/Mul/Combine/Mean tangent; f64 factors
// rounded once for activations, gates, softmax and cross-entropy), mirroring
// runtime/interpreter/tangent-ops.ts. A zero tangent (no perturbed parameter reaches the value)
// has no buffer and its terms are left out at emit time.
import type { TangentPlan } from '../../compiler/passes/jvp.ts';
import { assertNever, type Node, type NodeId, type NodeOf } from '../../ir/nodes.ts';
import { activationDerivativeReal, softmaxLoop } from './formulas.ts';
import { affineDrafts, batchMean, bestIndex, map, rows } from './kernels-forward.ts';
import { Binder, width, type KernelContext, type KernelDraft } from './kernel-draft.ts';
import type { AffineBiasVars, AffineTermVars } from './render.ts';

/** The tangent kernels of a node (none when its tangent is zero or a view). */
export function tangentKernel(cx: KernelContext, plan: TangentPlan, n: Node): readonly KernelDraft[] {
  const out = cx.tangent(n.id);
  if (!out || !plan.active[n.id]) return [];
  const e = cx.ops.elem;
  const R = cx.reals;
  const d = (id: NodeId): string => cx.tangent(id) as string;
  switch (n.kind) {
    case 'Input':
    case 'Label':
    case 'Param':
    case 'Reshape':
    case 'Output':
      return [];
    case 'Dense':
      return denseTangent(cx, plan, n, out);
    case 'Activation': {
      const B = new Binder();
      const dx = B.bind('dx', d(n.x), e);
      const x = B.bind('x', cx.pathValue(n.x), e);
      const dy = B.bind('dy', out, e, true);
      if (n.fn === 'relu') return [map(cx, B, n, `${dy}[i] = select(${cx.ops.zero}, ${dx}[i], ${cx.ops.positive(`${x}[i]`)});`)];
      const body = `let v = ${R.from(`${x}[i]`)};\n${activationDerivativeReal(R, n.fn, 'v', 'f')}\n${dy}[i] = ${R.to(R.mul('f', R.from(`${dx}[i]`)))};`;
      return [map(cx, B, n, body, R.prelude)];
    }
    case 'Gate':
      return [gateTangent(cx, n, out)];
    case 'Mul': {
      const B = new Binder();
      // Only what a term reads is bound: an unused binding would not be in the pipeline's layout.
      const terms: string[] = [];
      if (cx.tangent(n.a)) terms.push(cx.ops.accProduct('acc', `${B.bind('da', d(n.a), e)}[i]`, `${B.bind('bb', cx.pathValue(n.b), e)}[i]`));
      if (cx.tangent(n.b)) terms.push(cx.ops.accProduct('acc', `${B.bind('a', cx.pathValue(n.a), e)}[i]`, `${B.bind('db', d(n.b), e)}[i]`));
      const dy = B.bind('dy', out, e, true);
      return [map(cx, B, n, `var acc: ${cx.ops.acc};\n${cx.ops.accClear('acc')}\n${terms.join('\n')}\n${dy}[i] = ${cx.ops.accRound('acc')};`)];
    }
    case 'Softmax': {
      // dy_k = round(p_k (dx_k - Σ_j p_j dx_j)): pass 1 forms the dot product, pass 2 stores.
      const B = new Binder();
      const dx = B.bind('dx', d(n.x), e);
      const x = B.bind('x', cx.pathValue(n.x), e);
      const dy = B.bind('dy', out, e, true);
      const dxk = (k: string): string => R.from(`${dx}[base + ${k}]`);
      const loop = softmaxLoop(R, x, [(k, p) => `dot = ${R.add('dot', R.mul(p, dxk(k)))};`, (k, p) => `${dy}[base + ${k}] = ${R.to(R.mul(p, R.sub(dxk(k), 'dot')))};`]);
      return [rows(cx, B, width(n), `var dot = ${R.lit(0)};\n${loop.code}`, R.prelude)];
    }
    case 'Top1': {
      const B = new Binder();
      const dx = B.bind('dx', d(n.x), e);
      const x = B.bind('x', cx.value(n.x), e);
      const dy = B.bind('dy', out, e, true);
      return [rows(cx, B, width(n), `${bestIndex(cx, x)}\nfor (var k = 0u; k < C; k++) {\n  ${dy}[base + k] = select(${cx.ops.zero}, ${dx}[base + k], k == best);\n}`)];
    }
    case 'Combine':
      return [combineTangent(cx, n, out)];
    case 'CrossEntropy': {
      // dℓ = round(Σ_k (p_k - [k = t]) dz_k), summed in index order in pass 1.
      const B = new Binder();
      const dz = B.bind('dz', d(n.logits), e);
      const z = B.bind('z', cx.pathValue(n.logits), e);
      const t = B.bind('labels', cx.value(n.label), 'u32');
      const dy = B.bind('dy', out, e, true);
      const term = (k: string, p: string): string => R.mul(R.sub(p, `select(${R.lit(0)}, ${R.lit(1)}, ${k} == ${t}[b])`), R.from(`${dz}[base + ${k}]`));
      const loop = softmaxLoop(R, z, [(k, p) => `acc = ${R.add('acc', term(k, p))};`]);
      return [rows(cx, B, width(cx.graph.nodes[n.logits] as Node), `var acc = ${R.lit(0)};\n${loop.code}\n${dy}[b] = ${R.to('acc')};`, R.prelude)];
    }
    case 'Mean': {
      const B = new Binder();
      return [batchMean(cx, B, B.bind('dx', d(n.x), e), B.bind('dy', out, e, true))];
    }
    default:
      return assertNever(n, 'node kind');
  }
}

/**
 * dy = round(e·db + W·dx + e·(dW·x̃)): one affine kernel with the bias tangent and up to two
 * product terms; e masks the parameter terms to inactive units when the learn mode says so.
 */
function denseTangent(cx: KernelContext, plan: TangentPlan, n: NodeOf<'Dense'>, out: string): KernelDraft[] {
  const B = new Binder();
  const el = cx.ops.elem;
  // As the reference: without unit sources there is no mask, and the terms enter every output.
  const onlyInactive = plan.perturbed.get(n.weight) === 'inactive-units' && plan.units.has(n.id);
  const terms: AffineTermVars[] = [];
  const biases: AffineBiasVars[] = [];
  const db = cx.tangent(n.bias);
  if (db) biases.push({ b: B.bind('db', db, el), masked: onlyInactive });
  const dx = cx.tangent(n.x);
  if (dx) terms.push({ w: B.bind('w', cx.value(n.weight), el), x: B.bind('dx', dx, el), masked: false });
  const dW = cx.tangent(n.weight);
  if (dW) terms.push({ w: B.bind('dw', dW, el), x: B.bind('xp', cx.pathValue(n.x), el), masked: onlyInactive });
  const inactive = onlyInactive ? inactiveExpr(cx, plan, n.id, B) : undefined;
  const y = B.bind('dy', out, el, true);
  return affineDrafts(cx, B, { nin: width(cx.graph.nodes[n.x] as Node), nout: width(n), terms, biases, out: y, ...(inactive ? { inactive } : {}) });
}

/** WGSL of "unit j of sample b is inactive": some gate mask is 0, or the layer's expert weight is 0. */
function inactiveExpr(cx: KernelContext, plan: TangentPlan, dense: NodeId, B: Binder): string {
  const src = plan.units.get(dense) ?? { gates: [], experts: [] };
  const parts: string[] = [];
  src.gates.forEach((g, k) => parts.push(`${B.bind(`gate${k}`, cx.value(g), cx.ops.elem)}[b * NOUT + j] == ${cx.ops.zero}`));
  src.experts.forEach((x, k) => {
    const E = width(cx.graph.nodes[x.weights] as Node);
    parts.push(`${B.bind(`route${k}`, cx.value(x.weights), cx.ops.elem)}[b * ${E}u + ${x.expert}u] == ${cx.ops.zero}`);
  });
  return parts.length > 0 ? parts.join(' || ') : 'false';
}

/**
 * Gate tangent: round(s(1-s)·dz) with s = sigmoid(z) (soft, and hard by the straight-through
 * rule), or round(m(1-m)/T·dz) with m the f64 annealed mask while an annealed gate is soft.
 */
function gateTangent(cx: KernelContext, n: NodeOf<'Gate'>, out: string): KernelDraft {
  const B = new Binder();
  const e = cx.ops.elem;
  const R = cx.reals;
  const dz = B.bind('dz', cx.tangent(n.logits) as string, e);
  const z = B.bind('z', cx.pathValue(n.logits), e);
  const dy = B.bind('dy', out, e, true);
  const anneal = n.mode === 'anneal';
  const lines = [
    `let zv = ${R.from(`${z}[i]`)};`,
    anneal ? `let soft = run.hard == 0u;\nlet sv = ${R.sigmoid(`select(zv, ${R.div(R.sub('zv', R.scalar('center')), R.scalar('temp'))}, soft)`)};` : `let sv = ${R.sigmoid('zv')};`,
    `var factor = ${R.mul('sv', R.sub(R.lit(1), 'sv'))};`,
    anneal ? `if (soft) {\n  factor = ${R.div('factor', R.scalar('temp'))};\n}` : '',
    `${dy}[i] = ${R.to(R.mul('factor', R.from(`${dz}[i]`)))};`,
  ];
  const draft = map(cx, B, n, lines.filter((l) => l !== '').join('\n'), R.prelude);
  return anneal ? { ...draft, gate: n.id } : draft;
}

/** dy[b,j] = round(Σ_e dw[b,e]·E_e[b,j] + w̃[b,e]·dE_e[b,j]), one exact sum. */
function combineTangent(cx: KernelContext, n: NodeOf<'Combine'>, out: string): KernelDraft {
  const B = new Binder();
  const el = cx.ops.elem;
  const E = n.experts.length;
  const dwBuf = cx.tangent(n.weights);
  const dw = dwBuf ? B.bind('dw', dwBuf, el) : undefined;
  const w = n.experts.some((id) => cx.tangent(id)) ? B.bind('w', cx.pathValue(n.weights), el) : '';
  const lines: string[] = [];
  n.experts.forEach((id, k) => {
    if (dw) lines.push(cx.ops.accProduct('acc', `${dw}[b * ${E}u + ${k}u]`, `${B.bind(`e${k}`, cx.value(id), el)}[i]`));
    const dBuf = cx.tangent(id);
    if (dBuf) lines.push(cx.ops.accProduct('acc', `${w}[b * ${E}u + ${k}u]`, `${B.bind(`de${k}`, dBuf, el)}[i]`));
  });
  const dy = B.bind('dy', out, el, true);
  return map(cx, B, n, `var acc: ${cx.ops.acc};\n${cx.ops.accClear('acc')}\n${lines.join('\n')}\n${dy}[i] = ${cx.ops.accRound('acc')};`);
}
