// Dense kernels of the model module. Posit formats: per output one quire (bias added exactly,
// products accumulated exactly by the library's `qp_fma_arr`), rounded once. f32: the library's
// SIMD128 register-blocked `f32_dense`. The `infer` variants skip work a hard gate switches off:
// rows of a gated layer are computed only where the gate is on (`f32_dense_rows` or a quire per
// active output), and a layer reading a gated product accumulates only its nonzero columns,
// which is exact (a zero input contributes an exact 0). Also the Dense tangent rule of spec/jvp.md.
import type { NodeOf } from '../../ir/nodes.ts';
import type { Expr, FnBuilder, Local } from './binaryen.ts';
import { accumulator, forRange, offset, slotAddr, finishFn, type ModelCx } from './emit-context.ts';
import { gatherName } from './emit-posit-extra.ts';
import type { Slot } from './model-layout.ts';
import { widthOf } from './model-plan.ts';

/** Dimensions and addresses of one Dense inside a function with batch local B. */
interface DenseAt {
  readonly nin: number;
  readonly nout: number;
  readonly W: number;
  readonly bias: number;
  readonly x: () => Expr;
  readonly y: () => Expr;
}

function denseAt(cx: ModelCx, f: FnBuilder, n: NodeOf<'Dense'>, B: Local, xSlot?: Slot): DenseAt {
  const g = cx.plan.graph;
  const { layout } = cx;
  return {
    nin: widthOf(g.nodes[n.x] as never),
    nout: widthOf(n),
    W: layout.params.get(n.weight) as number,
    bias: layout.params.get(n.bias) as number,
    x: () => slotAddr(cx, f, xSlot ?? (layout.values.get(n.x) as Slot), B),
    y: () => slotAddr(cx, f, layout.values.get(n.id) as Slot, B),
  };
}

/** fwd_<id>(B): every output of the layer. */
export function emitDenseFull(cx: ModelCx, n: NodeOf<'Dense'>, name: string): void {
  const { m, ops } = cx;
  const f = m.fn(name, ['i32', 'i32'], 'none');
  const B = f.param(0);
  const d = denseAt(cx, f, n, B);
  if (!ops.posit) {
    const c = (v: number): Expr => m.i32.const(v);
    finishFn(f, [m.call('f32_dense', [c(d.W), c(d.bias), d.x(), d.y(), f.get(B), c(d.nin), c(d.nout), c(0)], 'none')]);
    return;
  }
  finishFn(f, [forRange(f, f.get(B), (b) => [forRange(f, m.i32.const(d.nout), (j) => positOutput(cx, f, d, b, j))])]);
}

/** y[b,j] = round(bias[j] + W[j,:]·x[b,:]) through the quire. */
function positOutput(cx: ModelCx, f: FnBuilder, d: DenseAt, b: Local, j: Local): Expr[] {
  const { m, ops } = cx;
  const acc = accumulator(cx, f);
  const by = ops.bytes;
  return [
    acc.clear(),
    acc.add(ops.load(m, offset(m, m.i32.const(d.bias), f.get(j), by))),
    acc.fmaArr(offset(m, m.i32.const(d.W), f.get(j), d.nin * by), offset(m, d.x(), f.get(b), d.nin * by), m.i32.const(d.nin)),
    ops.store(m, offset(m, d.y(), m.i32.add(m.i32.mul(f.get(b), m.i32.const(d.nout)), f.get(j)), by), acc.result()),
  ];
}

/** skip_<id>(B): only the rows whose hard gate is on; the others are 0. */
export function emitDenseRows(cx: ModelCx, n: NodeOf<'Dense'>, gate: number, name: string): void {
  const { m, ops, layout } = cx;
  const f = m.fn(name, ['i32', 'i32'], 'none');
  const B = f.param(0);
  const d = denseAt(cx, f, n, B);
  const mask = (): Expr => slotAddr(cx, f, layout.values.get(gate) as Slot, B);
  if (!ops.posit) {
    const c = (v: number): Expr => m.i32.const(v);
    const idx = slotAddr(cx, f, layout.sampleIdx, B);
    finishFn(f, [m.call('f32_dense_rows', [c(d.W), c(d.bias), d.x(), d.y(), mask(), idx, f.get(B), c(d.nin), c(d.nout)], 'none')]);
    return;
  }
  const by = ops.bytes;
  finishFn(f, [
    forRange(f, f.get(B), (b) => [
      forRange(f, m.i32.const(d.nout), (j) => {
        const o = (): Expr => m.i32.add(m.i32.mul(f.get(b), m.i32.const(d.nout)), f.get(j));
        return [
          m.if(
            ops.isZero(m, ops.load(m, offset(m, mask(), o(), by))),
            ops.store(m, offset(m, d.y(), o(), by), ops.zero(m)),
            m.block(null, positOutput(cx, f, d, b, j), 'none'),
          ),
        ];
      }),
    ]),
  ]);
}

/**
 * skip_<id>(B): per sample, gathers the nonzero inputs once, then accumulates only those columns.
 * The gather is grouped as the SIMD f32 kernel sums: four lanes (i mod 4 below the last multiple
 * of 4), then the tail. A skipped column adds an exact zero, so in f32 the lane sums, their
 * (l0 + l1) + (l2 + l3) reduction, the sequential tail and the bias reproduce `f32_dense` bit for
 * bit; in posit formats the quire makes any order exact.
 */
export function emitDenseColumns(cx: ModelCx, n: NodeOf<'Dense'>, name: string): void {
  const { m, ops, layout } = cx;
  const f = m.fn(name, ['i32', 'i32'], 'none');
  const B = f.param(0);
  const d = denseAt(cx, f, n, B);
  const by = ops.bytes;
  const main = d.nin & ~3;
  const cnt = f.local('i32');
  const starts = [0, 1, 2, 3, 4, 5].map(() => f.local('i32'));
  const v = f.local(ops.type);
  const idx = (at: Local): Expr => offset(m, m.i32.const(layout.gatherIdx), f.get(at), 4);
  const vals = (at: Local): Expr => offset(m, m.i32.const(layout.gatherVals), f.get(at), by);
  const scan = (b: Local, first: number, count: number, stride: number): Expr =>
    forRange(f, m.i32.const(count), (t) => {
      const i = (): Expr => m.i32.add(m.i32.const(first), stride === 1 ? f.get(t) : m.i32.mul(f.get(t), m.i32.const(stride)));
      return [
        f.set(v, ops.load(m, offset(m, d.x(), m.i32.add(m.i32.mul(f.get(b), m.i32.const(d.nin)), i()), by))),
        m.if(m.i32.eqz(ops.isZero(m, f.get(v))), m.block(null, [
          m.i32.store(0, 4, idx(cnt), i()),
          ops.store(m, vals(cnt), f.get(v)),
          f.set(cnt, m.i32.add(f.get(cnt), m.i32.const(1))),
        ], 'none')),
      ];
    });
  const gather = (b: Local): Expr[] => [
    f.set(cnt, m.i32.const(0)),
    ...[0, 1, 2, 3].flatMap((g) => [f.set(starts[g] as Local, f.get(cnt)), scan(b, g, main / 4, 4)]),
    f.set(starts[4] as Local, f.get(cnt)),
    scan(b, main, d.nin - main, 1),
    f.set(starts[5] as Local, f.get(cnt)),
  ];
  const output = (b: Local, j: Local): Expr[] => {
    const y = offset(m, d.y(), m.i32.add(m.i32.mul(f.get(b), m.i32.const(d.nout)), f.get(j)), by);
    const wRow = (): Expr => offset(m, m.i32.const(d.W), f.get(j), d.nin * by);
    const bias = ops.load(m, offset(m, m.i32.const(d.bias), f.get(j), by));
    const p = ops.posit;
    if (p) {
      const acc = accumulator(cx, f);
      return [acc.clear(), acc.add(bias), m.call(gatherName(p), [m.i32.const(layout.quire), wRow(), idx(starts[0] as Local), vals(starts[0] as Local), f.get(cnt)], 'none'), ops.store(m, y, acc.result())];
    }
    const part = (g: number, acc: Expr): Expr => {
      const from = starts[g] as Local;
      return m.call('f32_dot_gather', [acc, wRow(), idx(from), vals(from), m.i32.sub(f.get(starts[g + 1] as Local), f.get(from))], 'f32');
    };
    const lanes = m.f32.add(m.f32.add(part(0, m.f32.const(0)), part(1, m.f32.const(0))), m.f32.add(part(2, m.f32.const(0)), part(3, m.f32.const(0))));
    return [ops.store(m, y, m.f32.add(part(4, lanes), bias))];
  };
  finishFn(f, [forRange(f, f.get(B), (b) => [...gather(b), forRange(f, m.i32.const(d.nout), (j) => output(b, j))])]);
}

/**
 * tan_<id>(B): dy[b,j] = round(e·db[j] + W[j,:]·dx[b,:] + e·dW[j,:]·x̃[b,:]), one accumulator per
 * output (spec/jvp.md 3); e is the unit's inactivity for parameters perturbed on inactive units.
 */
export function emitDenseTangent(cx: ModelCx, n: NodeOf<'Dense'>, name: string, xTilde: Slot): void {
  const { m, ops, layout, plan } = cx;
  const t = plan.tangents;
  if (!t) return;
  const f = m.fn(name, ['i32', 'i32'], 'none');
  const B = f.param(0);
  const d = denseAt(cx, f, n, B, xTilde);
  const by = ops.bytes;
  const dx = t.active[n.x] ? layout.tangents.get(n.x) : undefined;
  const dW = t.active[n.weight] ? layout.tangents.get(n.weight) : undefined;
  const db = t.active[n.bias] ? layout.tangents.get(n.bias) : undefined;
  const masked = t.perturbed.get(n.weight) === 'inactive-units' ? layout.inactive.get(n.id) : undefined;
  const dy = layout.tangents.get(n.id) as Slot;
  finishFn(f, [
    forRange(f, f.get(B), (b) => [
      forRange(f, m.i32.const(d.nout), (j) => {
        const o = (): Expr => m.i32.add(m.i32.mul(f.get(b), m.i32.const(d.nout)), f.get(j));
        const on = (e: Expr): Expr => (masked ? m.if(m.i32.load8_u(0, 1, m.i32.add(slotAddr(cx, f, masked, B), o())), e) : e);
        const acc = accumulator(cx, f);
        const s: Expr[] = [acc.clear()];
        if (db) s.push(on(acc.add(ops.load(m, offset(m, slotAddr(cx, f, db, B), f.get(j), by)))));
        if (dx) s.push(acc.fmaArr(offset(m, m.i32.const(d.W), f.get(j), d.nin * by), offset(m, slotAddr(cx, f, dx, B), f.get(b), d.nin * by), m.i32.const(d.nin)));
        if (dW) s.push(on(acc.fmaArr(offset(m, slotAddr(cx, f, dW, B), f.get(j), d.nin * by), offset(m, d.x(), f.get(b), d.nin * by), m.i32.const(d.nin))));
        s.push(ops.store(m, offset(m, slotAddr(cx, f, dy, B), o(), by), acc.result()));
        return s;
      }),
    ]),
  ]);
}
