// Forward kernels, one builder per IR node kind (spec/ir.md section 2 semantics, spec/webgpu.md
// kernel list). Dense and Combine sum exactly (posit32 quire) or in the reference's order (f32);
// relu, Top1 and hard gates are exact; transcendentals go through formulas.ts (software f64 for
// posit32, rounded once). Sources, Reshape and Output have no kernel: they are buffers or views.
import { assertNever, type Node, type NodeOf } from '../../ir/nodes.ts';
import { activationReal, softmaxLoop } from './formulas.ts';
import { hardGateExpr } from './host-scalars.ts';
import { Binder, width, type KernelContext, type KernelDraft } from './kernel-draft.ts';
import { affineKernel, DENSE_VARIANTS, mapKernel, rowsKernel, singleKernel, tileCover, type AffineSpec } from './render.ts';

/** The forward kernels of a node (one, or one per dense variant; none for nodes that compute nothing). */
export function forwardKernel(cx: KernelContext, n: Node): readonly KernelDraft[] {
  const e = cx.ops.elem;
  switch (n.kind) {
    case 'Input':
    case 'Label':
    case 'Param':
    case 'Reshape':
    case 'Output':
      return [];
    case 'Dense': {
      const B = new Binder();
      const w = B.bind('w', cx.value(n.weight), e);
      const x = B.bind('x', cx.value(n.x), e);
      const bias = B.bind('bias', cx.value(n.bias), e);
      const y = B.bind('y', cx.value(n.id), e, true);
      return affineDrafts(cx, B, { nin: width(cx.graph.nodes[n.x] as Node), nout: width(n), terms: [{ w, x, masked: false }], biases: [{ b: bias, masked: false }], out: y });
    }
    case 'Activation':
      return [activation(cx, n)];
    case 'Gate':
      return [gate(cx, n)];
    case 'Mul': {
      const B = new Binder();
      const a = B.bind('a', cx.value(n.a), e);
      const b = B.bind('bb', cx.value(n.b), e);
      const y = B.bind('y', cx.value(n.id), e, true);
      return [map(cx, B, n, `${y}[i] = ${cx.ops.mul(`${a}[i]`, `${b}[i]`)};`)];
    }
    case 'Softmax': {
      const B = new Binder();
      const x = B.bind('x', cx.value(n.x), e);
      const y = B.bind('y', cx.value(n.id), e, true);
      const loop = softmaxLoop(cx.reals, x, [(k, p) => `${y}[base + ${k}] = ${cx.reals.to(p)};`]);
      return [rows(cx, B, width(n), loop.code, cx.reals.prelude)];
    }
    case 'Top1': {
      const B = new Binder();
      const x = B.bind('x', cx.value(n.x), e);
      const y = B.bind('y', cx.value(n.id), e, true);
      return [rows(cx, B, width(n), `${bestIndex(cx, x)}\nfor (var k = 0u; k < C; k++) {\n  ${y}[base + k] = select(${cx.ops.zero}, ${x}[base + k], k == best);\n}`)];
    }
    case 'Combine':
      return [combine(cx, n)];
    case 'CrossEntropy': {
      const B = new Binder();
      const R = cx.reals;
      const z = B.bind('z', cx.value(n.logits), e);
      const t = B.bind('labels', cx.value(n.label), 'u32');
      const y = B.bind('y', cx.value(n.id), e, true);
      const loop = softmaxLoop(R, z, []);
      return [rows(cx, B, width(cx.graph.nodes[n.logits] as Node), `${loop.code}\n${y}[b] = ${R.to(R.sub(loop.lse, R.from(`${z}[base + ${t}[b]]`)))};`, R.prelude)];
    }
    case 'Mean': {
      const B = new Binder();
      const x = B.bind('x', cx.value(n.x), e);
      const y = B.bind('y', cx.value(n.id), e, true);
      return [batchMean(cx, B, x, y)];
    }
    default:
      return assertNever(n, 'node kind');
  }
}

/** A map kernel over the [B, width(n)] value of n. */
export function map(cx: KernelContext, B: Binder, n: Node, body: string, extra = ''): KernelDraft {
  const c = width(n);
  return { wgsl: mapKernel(cx.ops.library, B.list, body, extra, cx.lanes), bindings: B.list, dims: [c], dispatch: { x: { groups: Math.ceil(c / cx.lanes) }, y: { perBatch: 1 } } };
}

/** A rows kernel over samples, rows of width c. */
export function rows(cx: KernelContext, B: Binder, c: number, body: string, extra = ''): KernelDraft {
  return { wgsl: rowsKernel(cx.ops.library, B.list, body, extra, cx.lanes), bindings: B.list, dims: [c], dispatch: { x: { perBatch: cx.lanes }, y: { groups: 1 } } };
}

/** y[0] = round(Σ_b x[b] / B): one exact sum (f32: in sample order), one rounding of the quotient. */
export function batchMean(cx: KernelContext, B: Binder, x: string, y: string): KernelDraft {
  const { ops } = cx;
  const body = `var acc: ${ops.acc};\n${ops.accClear('acc')}\nfor (var b = 0u; b < run.batch; b++) {\n  ${ops.accAdd('acc', `${x}[b]`)}\n}\n${y}[0] = ${ops.accRoundQuotient('acc', 'run.batch')};`;
  return { wgsl: singleKernel(ops.library, B.list, body), bindings: B.list, dims: [], dispatch: { x: { groups: 1 }, y: { groups: 1 } } };
}

/** One affine kernel per dense variant of the format. */
export function affineDrafts(cx: KernelContext, B: Binder, spec: AffineSpec): KernelDraft[] {
  return DENSE_VARIANTS[cx.format].map((v) => {
    const cover = tileCover(v.tile);
    const dispatch = { x: { groups: Math.ceil(spec.nout / cover.outputs) }, y: { perBatch: cover.samples } };
    return { wgsl: affineKernel(cx.ops, B.list, spec, v.tile), bindings: B.list, dims: [spec.nin, spec.nout], dispatch, variant: { name: v.name, minBatch: v.minBatch } };
  });
}

function activation(cx: KernelContext, n: NodeOf<'Activation'>): KernelDraft {
  const B = new Binder();
  const e = cx.ops.elem;
  const x = B.bind('x', cx.value(n.x), e);
  const y = B.bind('y', cx.value(n.id), e, true);
  if (n.fn === 'relu') return map(cx, B, n, `${y}[i] = ${cx.ops.relu(`${x}[i]`)};`);
  const R = cx.reals;
  return map(cx, B, n, `let v = ${R.from(`${x}[i]`)};\n${activationReal(R, n.fn, 'v', 'f')}\n${y}[i] = ${R.to('f')};`, R.prelude);
}

/**
 * Gate: hard compares z with its precomputed z-threshold (exact, host-scalars.ts); soft rounds
 * sigmoid(z) once; anneal follows the Run uniform (soft-to-hard by step). With tangents the
 * kernel also writes the relaxed mask m̃ that consumers' tangent rules read (spec/ir.md 2.1).
 * sigmoid has one call site: an annealed gate picks its argument, z or (z - c) / T, first.
 */
function gate(cx: KernelContext, n: NodeOf<'Gate'>): KernelDraft {
  const B = new Binder();
  const e = cx.ops.elem;
  const R = cx.reals;
  const { one, zero } = cx.ops;
  const z = B.bind('z', cx.value(n.logits), e);
  const m = B.bind('m', cx.value(n.id), e, true);
  const relaxedBuf = cx.relaxed(n.id);
  const r = relaxedBuf ? B.bind('relaxed', relaxedBuf, e, true) : undefined;
  const on = `let on = ${hardGateExpr(cx.format, cx.threshold(n.id), `${z}[i]`)};\n${m}[i] = select(${zero}, ${one}, on);`;
  if (n.mode === 'hard' && !r) return map(cx, B, n, on);
  const zv = `let zv = ${R.from(`${z}[i]`)};`;
  const arg = n.mode === 'anneal' ? `let arg = select(zv, ${R.div(R.sub('zv', R.scalar('center')), R.scalar('temp'))}, run.hard == 0u);` : 'let arg = zv;';
  const sv = `${zv}\n${arg}\nlet sv = ${R.to(R.sigmoid('arg'))};`;
  const hard = `${on}${r ? `\n${r}[i] = select(sv, ${one}, on);` : ''}`;
  if (n.mode === 'hard') return map(cx, B, n, `${sv}\n${hard}`, R.prelude);
  if (n.mode === 'soft') return map(cx, B, n, `${sv}\n${m}[i] = sv;`, R.prelude);
  const body = `${sv}\nif (run.hard != 0u) {\n  ${hard.replace(/\n/g, '\n  ')}\n} else {\n  ${m}[i] = sv;${r ? `\n  ${r}[i] = sv;` : ''}\n}`;
  return { ...map(cx, B, n, body, R.prelude), gate: n.id };
}

/** WGSL binding `best`: the first index of the row maximum of `x`, compared in the format. */
export function bestIndex(cx: KernelContext, x: string): string {
  return `var best = 0u;\nfor (var k = 1u; k < C; k++) {\n  if (${cx.ops.gt(`${x}[base + k]`, `${x}[base + best]`)}) {\n    best = k;\n  }\n}`;
}

/** Combine: y[b,j] = round(Σ_e w[b,e]·E_e[b,j]), one exact sum (f32: in expert order). */
function combine(cx: KernelContext, n: NodeOf<'Combine'>): KernelDraft {
  const B = new Binder();
  const el = cx.ops.elem;
  const w = B.bind('w', cx.value(n.weights), el);
  const experts = n.experts.map((id, k) => B.bind(`e${k}`, cx.value(id), el));
  const y = B.bind('y', cx.value(n.id), el, true);
  const E = n.experts.length;
  const adds = experts.map((ex, k) => cx.ops.accProduct('acc', `${w}[b * ${E}u + ${k}u]`, `${ex}[i]`)).join('\n');
  return map(cx, B, n, `var acc: ${cx.ops.acc};\n${cx.ops.accClear('acc')}\n${adds}\n${y}[i] = ${cx.ops.accRound('acc')};`);
}
