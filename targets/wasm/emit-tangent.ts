// Tangent kernels `tan_<id>(B, step)` of the forward-gradient step: the rules of spec/jvp.md 3,
// rounded exactly where it says (one accumulator for Dense, Mul and Combine; f64 with one
// rounding for activations, gates, Softmax and CrossEntropy; exact for ReLU and Top1). Operands
// are read through their tangent-path values: the relaxed mask of non-soft gates and the routing
// probabilities behind a Top1 (spec/jvp.md 3.1). An inactive operand tangent is exactly zero.
import type { Node, NodeId, NodeOf } from '../../ir/nodes.ts';
import { assertNever } from '../../ir/nodes.ts';
import type { Expr, Local } from './binaryen.ts';
import { accumulator, forRange, offset, slotAddr, tanName, finishFn, type ModelCx } from './emit-context.ts';
import { emitDenseTangent } from './emit-dense.ts';
import { F64_HELPERS as H } from './emit-f64.ts';
import { count, emitMean, kernelFn, type KernelFn } from './emit-forward.ts';
import type { Slot } from './model-layout.ts';
import { widthOf } from './model-plan.ts';

/** The value a tangent rule reads for an operand (relaxed where the primal is a routing op). */
export function tangentPath(cx: ModelCx, id: NodeId): Slot {
  const n = cx.plan.graph.nodes[id] as Node;
  if (n.kind === 'Top1') return cx.layout.values.get(n.x) as Slot;
  return cx.layout.relaxed.get(id) ?? (cx.layout.values.get(id) as Slot);
}

/** The tangent slot of an operand, or undefined when its tangent is identically zero. */
function dOf(cx: ModelCx, id: NodeId): Slot | undefined {
  return cx.plan.tangents?.active[id] ? cx.layout.tangents.get(id) : undefined;
}

/** Emits tan_<id> for one active node; returns false when the node needs no kernel. */
export function emitTangent(cx: ModelCx, n: Node): boolean {
  const name = tanName(n.id);
  switch (n.kind) {
    case 'Input':
    case 'Label':
    case 'Param':
    case 'Reshape':
    case 'Output':
      return false;
    case 'Dense':
      emitDenseTangent(cx, n, name, tangentPath(cx, n.x));
      return true;
    case 'Activation':
      activationTangent(cx, n, name);
      return true;
    case 'Gate':
      gateTangent(cx, n, name);
      return true;
    case 'Mul':
      mulTangent(cx, n, name);
      return true;
    case 'Softmax':
    case 'CrossEntropy':
      rowTangent(cx, n, name);
      return true;
    case 'Top1':
      top1Tangent(cx, n, name);
      return true;
    case 'Combine':
      combineTangent(cx, n, name);
      return true;
    case 'Mean':
      emitMean(cx, n, name, n.x, n.id, { x: dOf(cx, n.x) as Slot, y: cx.layout.tangents.get(n.id) as Slot });
      return true;
    default:
      return assertNever(n, 'node kind');
  }
}

/** Element i of a slot inside kernel k. */
function el(cx: ModelCx, k: KernelFn, slot: Slot, i: Expr): Expr {
  return offset(cx.m, slotAddr(cx, k.f, slot, k.B), i, cx.ops.bytes);
}

function activationTangent(cx: ModelCx, n: NodeOf<'Activation'>, name: string): void {
  const { m, ops } = cx;
  const k = kernelFn(cx, name);
  const dx = dOf(cx, n.x) as Slot;
  const x = tangentPath(cx, n.x);
  const dy = cx.layout.tangents.get(n.id) as Slot;
  const v = k.f.local(ops.type);
  const deriv = { relu: '', sigmoid: H.dsigmoid, tanh: H.dtanh, gelu: H.dgelu }[n.fn];
  const positive = (): Expr =>
    ops.posit
      ? m.i32.and(m.i32.ne(k.f.get(v), m.i32.const(0)), m.i32.lt_u(k.f.get(v), m.i32.const(ops.posit.nar)))
      : m.f32.gt(k.f.get(v), m.f32.const(0));
  finishFn(k.f, [
    forRange(k.f, count(cx, k, n.id), (i) => {
      const dxi = ops.load(m, el(cx, k, dx, k.f.get(i)));
      const out = deriv === ''
        ? m.select(positive(), dxi, ops.zero(m))
        : ops.roundResult(k.f, m.f64.mul(m.call(deriv, [ops.toF64(m, k.f.get(v))], 'f64'), ops.toF64(m, dxi)));
      return [k.f.set(v, ops.load(m, el(cx, k, x, k.f.get(i)))), ops.store(m, el(cx, k, dy, k.f.get(i)), out)];
    }),
  ]);
}

function gateTangent(cx: ModelCx, n: NodeOf<'Gate'>, name: string): void {
  const { m, ops } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const dz = dOf(cx, n.logits) as Slot;
  const z = tangentPath(cx, n.logits);
  const dy = cx.layout.tangents.get(n.id) as Slot;
  const zi = f.local('f64');
  const mv = f.local('f64');
  const T = f.local('f64');
  const annealed = f.local('i32');
  const sched = n.mode === 'anneal' ? n.schedule : undefined;
  const setup: Expr[] = [f.set(annealed, m.i32.const(0))];
  if (sched) {
    setup.push(
      f.set(annealed, m.i32.lt_s(f.get(k.step), m.i32.const(sched.steps))),
      f.set(T, m.call(H.annealTemperature, [m.f64.const(sched.from), m.f64.const(sched.to), m.f64.const(sched.steps), m.f64.convert_s.i32(f.get(k.step))], 'f64')),
    );
  }
  // anneal (k < steps): m(1−m)/T with m the f64 mask; otherwise s(1−s) with s the f64 sigmoid.
  const factor = m.if(
    f.get(annealed),
    m.block(null, [
      f.set(mv, m.call(H.annealMask, [f.get(zi), m.f64.const(n.threshold), f.get(T)], 'f64')),
      m.f64.div(m.f64.mul(f.get(mv), m.f64.sub(m.f64.const(1), f.get(mv))), f.get(T)),
    ], 'f64'),
    m.call(H.dsigmoid, [f.get(zi)], 'f64'),
  );
  finishFn(f, [
    ...setup,
    forRange(f, count(cx, k, n.id), (i) => [
      f.set(zi, ops.toF64(m, ops.load(m, el(cx, k, z, f.get(i))))),
      ops.store(m, el(cx, k, dy, f.get(i)), ops.roundResult(f, m.f64.mul(factor, ops.toF64(m, ops.load(m, el(cx, k, dz, f.get(i))))))),
    ]),
  ]);
}

function mulTangent(cx: ModelCx, n: NodeOf<'Mul'>, name: string): void {
  const { m, ops } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const [da, db] = [dOf(cx, n.a), dOf(cx, n.b)];
  const [a, b] = [tangentPath(cx, n.a), tangentPath(cx, n.b)];
  const dy = cx.layout.tangents.get(n.id) as Slot;
  finishFn(f, [
    forRange(f, count(cx, k, n.id), (i) => {
      const acc = accumulator(cx, f);
      const ld = (s: Slot): Expr => ops.load(m, el(cx, k, s, f.get(i)));
      const s: Expr[] = [acc.clear()];
      if (da) s.push(acc.fma(ld(da), ld(b)));
      if (db) s.push(acc.fma(ld(a), ld(db)));
      s.push(ops.store(m, el(cx, k, dy, f.get(i)), acc.result()));
      return s;
    }),
  ]);
}

/** Softmax: dy_j = round(p_j·(dx_j − Σ p_k dx_k)); CrossEntropy: dℓ = round(Σ (p_k − [k=t])·dz_k). */
function rowTangent(cx: ModelCx, n: NodeOf<'Softmax'> | NodeOf<'CrossEntropy'>, name: string): void {
  const { m, ops, layout } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const src = n.kind === 'Softmax' ? n.x : n.logits;
  const c = widthOf(cx.plan.graph.nodes[src] as Node);
  const x = tangentPath(cx, src);
  const dx = dOf(cx, src) as Slot;
  const dy = layout.tangents.get(n.id) as Slot;
  const rs = layout.rowScratch;
  const p = (j: Local): Expr => m.f64.load(0, 8, offset(m, m.i32.const(rs + 8 * c), f.get(j), 8));
  const dxv = (b: Local, j: Local): Expr => ops.toF64(m, ops.load(m, el(cx, k, dx, m.i32.add(m.i32.mul(f.get(b), m.i32.const(c)), f.get(j)))));
  const dot = f.local('f64');
  const perRow = (b: Local): Expr[] => {
    const load: Expr[] = [
      forRange(f, m.i32.const(c), (j) => [
        m.f64.store(0, 8, offset(m, m.i32.const(rs), f.get(j), 8), ops.toF64(m, ops.load(m, el(cx, k, x, m.i32.add(m.i32.mul(f.get(b), m.i32.const(c)), f.get(j)))))),
      ]),
      m.call(H.softmaxRow, [m.i32.const(rs), m.i32.const(rs + 8 * c), m.i32.const(c)], 'none'),
      f.set(dot, m.f64.const(0)),
    ];
    if (n.kind === 'Softmax') {
      return [
        ...load,
        forRange(f, m.i32.const(c), (j) => [f.set(dot, m.f64.add(f.get(dot), m.f64.mul(p(j), dxv(b, j))))]),
        forRange(f, m.i32.const(c), (j) => [
          ops.store(m, el(cx, k, dy, m.i32.add(m.i32.mul(f.get(b), m.i32.const(c)), f.get(j))), ops.roundResult(f, m.f64.mul(p(j), m.f64.sub(dxv(b, j), f.get(dot))))),
        ]),
      ];
    }
    const t = m.i32.load(0, 4, offset(m, slotAddr(cx, f, layout.labels.get(n.label) as Slot, k.B), f.get(b), 4));
    return [
      ...load,
      forRange(f, m.i32.const(c), (j) => [
        f.set(dot, m.f64.add(f.get(dot), m.f64.mul(m.f64.sub(p(j), m.select(m.i32.eq(f.get(j), t), m.f64.const(1), m.f64.const(0))), dxv(b, j)))),
      ]),
      ops.store(m, el(cx, k, dy, f.get(b)), ops.roundResult(f, f.get(dot))),
    ];
  };
  finishFn(f, [forRange(f, f.get(k.B), perRow)]);
}

function top1Tangent(cx: ModelCx, n: NodeOf<'Top1'>, name: string): void {
  const { m, ops, layout } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const c = widthOf(n);
  const dx = dOf(cx, n.x) as Slot;
  const dy = layout.tangents.get(n.id) as Slot;
  const sel = (b: Local): Expr => m.i32.load(0, 4, offset(m, slotAddr(cx, f, layout.top1.get(n.id) as Slot, k.B), f.get(b), 4));
  finishFn(f, [
    forRange(f, f.get(k.B), (b) => [
      forRange(f, m.i32.const(c), (j) => {
        const o = m.i32.add(m.i32.mul(f.get(b), m.i32.const(c)), f.get(j));
        const o2 = m.i32.add(m.i32.mul(f.get(b), m.i32.const(c)), f.get(j));
        return [ops.store(m, el(cx, k, dy, o), m.select(m.i32.eq(f.get(j), sel(b)), ops.load(m, el(cx, k, dx, o2)), ops.zero(m)))];
      }),
    ]),
  ]);
}

function combineTangent(cx: ModelCx, n: NodeOf<'Combine'>, name: string): void {
  const { m, ops, layout } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const width = widthOf(n);
  const E = n.experts.length;
  const dw = dOf(cx, n.weights);
  const w = tangentPath(cx, n.weights);
  const dy = layout.tangents.get(n.id) as Slot;
  finishFn(f, [
    forRange(f, f.get(k.B), (b) => [
      forRange(f, m.i32.const(width), (j) => {
        const acc = accumulator(cx, f);
        const o = (): Expr => m.i32.add(m.i32.mul(f.get(b), m.i32.const(width)), f.get(j));
        const we = (s: Slot, e: number): Expr => ops.load(m, el(cx, k, s, m.i32.add(m.i32.mul(f.get(b), m.i32.const(E)), m.i32.const(e))));
        const s: Expr[] = [acc.clear()];
        n.experts.forEach((ex, e) => {
          if (dw) s.push(acc.fma(we(dw, e), ops.load(m, el(cx, k, layout.values.get(ex) as Slot, o()))));
          const dE = dOf(cx, ex);
          if (dE) s.push(acc.fma(we(w, e), ops.load(m, el(cx, k, dE, o()))));
        });
        s.push(ops.store(m, el(cx, k, dy, o()), acc.result()));
        return s;
      }),
    ]),
  ]);
}
