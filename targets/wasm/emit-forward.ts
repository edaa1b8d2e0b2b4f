// Primal kernels of every non-dense node, one function `fwd_<id>(B, step)` each, following
// spec/interpreter.md 3 in the module's format: ReLU and masks exact, gates compared in the
// format, transcendentals in f64 (emit-f64.ts, elementary.ts) rounded once, Combine and Mean
// through one accumulator. Routing side buffers for the learning step are written here too: the
// relaxed mask of non-soft gates and the selected index of Top1 (spec/jvp.md 3.1).
import type { NodeOf } from '../../ir/nodes.ts';
import { positOps } from '../../runtime/numerics/index.ts';
import type { Expr, FnBuilder, Local } from './binaryen.ts';
import { ELEMENTARY_FUNCTIONS as E } from './elementary.ts';
import { accumulator, forRange, offset, slotAddr, finishFn, type ModelCx } from './emit-context.ts';
import { F64_HELPERS as H } from './emit-f64.ts';
import { quotientName } from './emit-posit-extra.ts';
import type { Slot } from './model-layout.ts';
import { widthOf } from './model-plan.ts';

/** A forward kernel's function with its batch and step parameters. */
export interface KernelFn {
  readonly f: FnBuilder;
  readonly B: Local;
  readonly step: Local;
  /** Byte address of a node's value buffer. */
  readonly val: (id: number) => Expr;
  /** Byte address of element i (an i32 expr) of a node's value buffer. */
  readonly at: (id: number, i: Expr) => Expr;
}

/** Starts `name(B, step)`. */
export function kernelFn(cx: ModelCx, name: string): KernelFn {
  const f = cx.m.fn(name, ['i32', 'i32'], 'none');
  const B = f.param(0);
  const val = (id: number): Expr => slotAddr(cx, f, cx.layout.values.get(id) as Slot, B);
  return { f, B, step: f.param(1), val, at: (id, i) => offset(cx.m, val(id), i, cx.ops.bytes) };
}

/** The threshold rounded once into the format, as the reference's `A.round(t)`. */
export function thresholdConst(cx: ModelCx, t: number): Expr {
  const p = cx.ops.posit;
  return p ? cx.m.i32.const(positOps(p.name).fromF64(t)) : cx.m.f32.const(Math.fround(t));
}

/** The elements of B samples of a node: B * width. */
export function count(cx: ModelCx, k: KernelFn, id: number): Expr {
  return cx.m.i32.mul(k.f.get(k.B), cx.m.i32.const(widthOf(cx.plan.graph.nodes[id] as never)));
}

/** Activation: relu exact, the others by the transcendental rule. */
export function emitActivation(cx: ModelCx, n: NodeOf<'Activation'>, name: string): void {
  const { m, ops } = cx;
  const k = kernelFn(cx, name);
  const v = k.f.local(ops.type);
  const fn = n.fn === 'relu' ? undefined : E[n.fn];
  if (!fn && !ops.posit) {
    finishFn(k.f, [reluF32(cx, k, n)]);
    return;
  }
  finishFn(k.f, [
    forRange(k.f, count(cx, k, n.id), (i) => [
      k.f.set(v, ops.load(m, k.at(n.x, k.f.get(i)))),
      ops.store(m, k.at(n.id, k.f.get(i)), fn ? ops.roundResult(k.f, m.call(fn, [ops.toF64(m, k.f.get(v))], 'f64')) : ops.relu(m, () => k.f.get(v))),
    ]),
  ]);
}

/** f32 ReLU with SIMD: f32x4.max(x, +0) keeps NaN, maps -0 and negatives to +0 (the reference rule). */
function reluF32(cx: ModelCx, k: KernelFn, n: NodeOf<'Activation'>): Expr {
  const { m } = cx;
  const { f } = k;
  const total = f.local('i32');
  const vecs = f.local('i32');
  const zero = (): Expr => m.v128.const(new Array<number>(16).fill(0));
  const at = (id: number, i: Expr): Expr => k.at(id, i);
  return m.block(null, [
    f.set(total, count(cx, k, n.id)),
    f.set(vecs, m.i32.shr_u(f.get(total), m.i32.const(2))),
    forRange(f, f.get(vecs), (i) => {
      const e = (): Expr => m.i32.shl(f.get(i), m.i32.const(2));
      return [m.v128.store(0, 4, at(n.id, e()), m.f32x4.max(m.v128.load(0, 4, at(n.x, e())), zero()))];
    }),
    forRange(f, m.i32.sub(f.get(total), m.i32.shl(f.get(vecs), m.i32.const(2))), (t) => {
      const e = (): Expr => m.i32.add(m.i32.shl(f.get(vecs), m.i32.const(2)), f.get(t));
      return [m.f32.store(0, 4, at(n.id, e()), m.f32.max(m.f32.load(0, 4, at(n.x, e())), m.f32.const(0)))];
    }),
  ], 'none');
}

/** Gate (spec/interpreter.md 3.2); anneal gates read the learning step. */
export function emitGate(cx: ModelCx, n: NodeOf<'Gate'>, name: string): void {
  const { m, ops, layout } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const z = f.local('f64');
  const s = f.local(ops.type);
  const on = f.local('i32');
  const T = f.local('f64');
  const hard = f.local('i32');
  const relaxed = layout.relaxed.get(n.id);
  const rel = (i: Local, v: Expr): Expr => (relaxed ? ops.store(m, offset(m, slotAddr(cx, f, relaxed, k.B), f.get(i), ops.bytes), v) : m.nop());
  const sched = n.schedule;
  const setup: Expr[] = [f.set(hard, m.i32.const(n.mode === 'hard' ? 1 : 0))];
  if (n.mode === 'anneal' && sched) {
    setup.push(
      f.set(hard, m.i32.ge_s(f.get(k.step), m.i32.const(sched.steps))),
      f.set(T, m.call(H.annealTemperature, [m.f64.const(sched.from), m.f64.const(sched.to), m.f64.const(sched.steps), m.f64.convert_s.i32(f.get(k.step))], 'f64')),
    );
  }
  const hardPath = (i: Local): Expr[] => [
    f.set(on, ops.ge(m, () => f.get(s), () => thresholdConst(cx, n.threshold))),
    ops.store(m, k.at(n.id, f.get(i)), m.select(f.get(on), ops.one(m), ops.zero(m))),
    rel(i, m.select(f.get(on), ops.one(m), f.get(s))),
  ];
  const softPath = (i: Local): Expr[] => {
    if (n.mode === 'soft') return [ops.store(m, k.at(n.id, f.get(i)), f.get(s))];
    const mv = f.local(ops.type);
    return [
      f.set(mv, ops.roundResult(f, m.call(H.annealMask, [f.get(z), m.f64.const(n.threshold), f.get(T)], 'f64'))),
      ops.store(m, k.at(n.id, f.get(i)), f.get(mv)),
      rel(i, f.get(mv)),
    ];
  };
  finishFn(f, [
    ...setup,
    forRange(f, count(cx, k, n.id), (i) => [
      f.set(z, ops.toF64(m, ops.load(m, k.at(n.logits, f.get(i))))),
      f.set(s, ops.roundResult(f, m.call(E.sigmoid, [f.get(z)], 'f64'))),
      n.mode === 'hard' ? m.block(null, hardPath(i), 'none') : m.if(f.get(hard), m.block(null, hardPath(i), 'none'), m.block(null, softPath(i), 'none')),
    ]),
  ]);
}

/** Margin of the fast gate bounds: far above the f64 sigmoid's error (< 2 ulp, spec/numerics.md 8). */
const GATE_MARGIN = 2 ** -40;

/**
 * Logit bounds of a hard gate in a format: for z >= hi, round(sigmoid(z)) >= round(t) for
 * certain (sigmoid(z) lies above t_F by far more than its f64 error); for z <= lo it stays below
 * the format's predecessor of t_F. Between them the gate is evaluated exactly.
 */
export function hardGateBounds(cx: ModelCx, t: number): { lo: number; hi: number } {
  const p = cx.ops.posit;
  let tv: number;
  let pred: number;
  if (p) {
    const ops = positOps(p.name);
    const pat = ops.fromF64(t);
    tv = ops.toF64(pat);
    pred = pat > 1 ? ops.toF64(pat - 1) : 0;
  } else {
    const f = new Float32Array([t]);
    tv = f[0] as number;
    new Uint32Array(f.buffer)[0]! -= 1;
    pred = f[0] as number;
  }
  const logit = (v: number): number => Math.log(v / (1 - v));
  const up = tv * (1 + GATE_MARGIN);
  const down = pred * (1 - GATE_MARGIN);
  return { hi: up >= 1 ? Infinity : logit(up), lo: down <= 0 ? -Infinity : logit(down) };
}

/** A hard gate for `infer`: the mask only, the sigmoid evaluated only for logits near the threshold. */
export function emitHardGateFast(cx: ModelCx, n: NodeOf<'Gate'>, name: string): void {
  const { m, ops } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const z = f.local('f64');
  const { lo, hi } = hardGateBounds(cx, n.threshold);
  const exact = (): Expr =>
    m.select(ops.ge(m, () => ops.roundResult(f, m.call(E.sigmoid, [f.get(z)], 'f64')), () => thresholdConst(cx, n.threshold)), ops.one(m), ops.zero(m));
  finishFn(f, [
    forRange(f, count(cx, k, n.id), (i) => [
      f.set(z, ops.toF64(m, ops.load(m, k.at(n.logits, f.get(i))))),
      ops.store(m, k.at(n.id, f.get(i)), m.if(
        m.f64.ge(f.get(z), m.f64.const(hi)),
        ops.one(m),
        m.if(m.f64.le(f.get(z), m.f64.const(lo)), ops.zero(m), exact()),
      )),
    ]),
  ]);
}

/** Mul: a·b rounded once. */
export function emitMul(cx: ModelCx, n: NodeOf<'Mul'>, name: string): void {
  const { m, ops } = cx;
  const k = kernelFn(cx, name);
  finishFn(k.f, [
    forRange(k.f, count(cx, k, n.id), (i) => [
      ops.store(m, k.at(n.id, k.f.get(i)), ops.mul(m, ops.load(m, k.at(n.a, k.f.get(i))), ops.load(m, k.at(n.b, k.f.get(i))))),
    ]),
  ]);
}

/** Copies row b of a node into the f64 row scratch (exact values); returns its address. */
export function rowToF64(cx: ModelCx, k: KernelFn, id: number, b: Local, width: number, into = 0): Expr[] {
  const { m, ops, layout } = cx;
  return [
    forRange(k.f, m.i32.const(width), (c) => [
      m.f64.store(0, 8, offset(m, m.i32.const(layout.rowScratch + into), k.f.get(c), 8),
        ops.toF64(m, ops.load(m, k.at(id, m.i32.add(m.i32.mul(k.f.get(b), m.i32.const(width)), k.f.get(c)))))),
    ]),
  ];
}

/** Softmax: the f64 row softmax, each output rounded once. */
export function emitSoftmax(cx: ModelCx, n: NodeOf<'Softmax'>, name: string): void {
  const { m, ops, layout } = cx;
  const k = kernelFn(cx, name);
  const c = widthOf(n);
  const rs = layout.rowScratch;
  finishFn(k.f, [
    forRange(k.f, k.f.get(k.B), (b) => [
      ...rowToF64(cx, k, n.x, b, c),
      m.call(H.softmaxRow, [m.i32.const(rs), m.i32.const(rs + 8 * c), m.i32.const(c)], 'none'),
      forRange(k.f, m.i32.const(c), (j) => [
        ops.store(m, k.at(n.id, m.i32.add(m.i32.mul(k.f.get(b), m.i32.const(c)), k.f.get(j))),
          ops.roundResult(k.f, m.f64.load(0, 8, offset(m, m.i32.const(rs + 8 * c), k.f.get(j), 8)))),
      ]),
    ]),
  ]);
}

/** Top1: keeps the first maximum of each row (compared in the format) and records its index. */
export function emitTop1(cx: ModelCx, n: NodeOf<'Top1'>, name: string): void {
  const { m, ops, layout } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const c = widthOf(n);
  const best = f.local('i32');
  const row = (b: Local, j: Expr): Expr => m.i32.add(m.i32.mul(f.get(b), m.i32.const(c)), j);
  finishFn(k.f, [
    forRange(f, f.get(k.B), (b) => [
      f.set(best, m.i32.const(0)),
      forRange(f, m.i32.const(c - 1), (j) => {
        const cand = (): Expr => ops.load(m, k.at(n.x, row(b, m.i32.add(f.get(j), m.i32.const(1)))));
        const cur = (): Expr => ops.load(m, k.at(n.x, row(b, f.get(best))));
        return [m.if(ops.gt(m, cand, cur), f.set(best, m.i32.add(f.get(j), m.i32.const(1))))];
      }),
      forRange(f, m.i32.const(c), (j) => [ops.store(m, k.at(n.id, row(b, f.get(j))), ops.zero(m))]),
      ops.store(m, k.at(n.id, row(b, f.get(best))), ops.load(m, k.at(n.x, row(b, f.get(best))))),
      m.i32.store(0, 4, offset(m, slotAddr(cx, f, layout.top1.get(n.id) as Slot, k.B), f.get(b), 4), f.get(best)),
    ]),
  ]);
}

/** Combine: y[b,j] = round(Σ_e w[b,e]·E_e[b,j]), one accumulator per output. */
export function emitCombine(cx: ModelCx, n: NodeOf<'Combine'>, name: string): void {
  const { m, ops } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const width = widthOf(n);
  const E = n.experts.length;
  finishFn(k.f, [
    forRange(f, f.get(k.B), (b) => [
      forRange(f, m.i32.const(width), (j) => {
        const acc = accumulator(cx, f);
        const o = (): Expr => m.i32.add(m.i32.mul(f.get(b), m.i32.const(width)), f.get(j));
        const w = (e: number): Expr => ops.load(m, k.at(n.weights, m.i32.add(m.i32.mul(f.get(b), m.i32.const(E)), m.i32.const(e))));
        return [acc.clear(), ...n.experts.map((ex, e) => acc.fma(w(e), ops.load(m, k.at(ex, o())))), ops.store(m, k.at(n.id, o()), acc.result())];
      }),
    ]),
  ]);
}

/** CrossEntropy: logSumExp(z) − z_t in f64, rounded once. */
export function emitCrossEntropy(cx: ModelCx, n: NodeOf<'CrossEntropy'>, name: string): void {
  const { m, ops, layout } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const c = widthOf(cx.plan.graph.nodes[n.logits] as never);
  const rs = layout.rowScratch;
  const label = (b: Local): Expr => m.i32.load(0, 4, offset(m, slotAddr(cx, f, layout.labels.get(n.label) as Slot, k.B), f.get(b), 4));
  finishFn(k.f, [
    forRange(f, f.get(k.B), (b) => [
      ...rowToF64(cx, k, n.logits, b, c),
      ops.store(m, k.at(n.id, f.get(b)), ops.roundResult(f, m.f64.sub(
        m.call(H.logSumExp, [m.i32.const(rs), m.i32.const(c)], 'f64'),
        m.f64.load(0, 8, offset(m, m.i32.const(rs), label(b), 8)),
      ))),
    ]),
  ]);
}

/** Mean over the batch: exact sum, the quotient rounded once (posit); f32 sequential sum / B. */
export function emitMean(cx: ModelCx, n: NodeOf<'Mean'>, name: string, x: number = n.x, out: number = n.id, slots?: { x: Slot; y: Slot }): void {
  const { m, ops, layout } = cx;
  const k = kernelFn(cx, name);
  const { f } = k;
  const src = (i: Expr): Expr => offset(m, slots ? slotAddr(cx, f, slots.x, k.B) : k.val(x), i, ops.bytes);
  const dst = (): Expr => (slots ? slotAddr(cx, f, slots.y, k.B) : k.val(out));
  const acc = accumulator(cx, f);
  const p = ops.posit;
  const result = p
    ? m.call(quotientName(p), [m.i32.const(layout.quire), m.i32.const(layout.quireTemp), f.get(k.B)], 'i32')
    : m.f32.div(acc.result(), m.f32.convert_u.i32(f.get(k.B)));
  finishFn(f, [acc.clear(), forRange(f, f.get(k.B), (b) => [acc.add(ops.load(m, src(f.get(b))))]), ops.store(m, dst(), result)]);
}
