// Dense kernels of the model module. Posit formats: per output one quire (bias added exactly,
// products accumulated exactly by the library's `qp_fma_arr`), rounded once. f32: the library's
// SIMD128 register-blocked `f32_dense`. The `infer` variants skip work a hard gate switches off:
// rows of a gated layer are computed only where the gate is on (`f32_dense_rows` or a quire per
// active output), and a layer reading a gated product accumulates only its nonzero columns,
// which is exact (a zero input contributes an exact 0). Also the Dense tangent rule of spec/jvp.md.
import type { NodeOf } from '../../ir/nodes.ts';
import type { Expr, FnBuilder, Local } from './binaryen.ts';
import { accumulator, forRange, offset, slotAddr, type ModelCx } from './emit-context.ts';
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
    f.finish([m.call('f32_dense', [c(d.W), c(d.bias), d.x(), d.y(), f.get(B), c(d.nin), c(d.nout), c(0)], 'none')]);
    return;
  }
  f.finish([forRange(f, f.get(B), (b) => [forRange(f, m.i32.const(d.nout), (j) => positOutput(cx, f, d, b, j))])]);
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
    f.finish([m.call('f32_dense_rows', [c(d.W), c(d.bias), d.x(), d.y(), mask(), idx, f.get(B), c(d.nin), c(d.nout)], 'none')]);
    return;
  }
  const by = ops.bytes;
  f.finish([
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

/** skip_<id>(B): per sample, gathers the nonzero inputs once, then accumulates only those columns. */
export function emitDenseColumns(cx: ModelCx, n: NodeOf<'Dense'>, name: string): void {
  const { m, ops, layout } = cx;
  const f = m.fn(name, ['i32', 'i32'], 'none');
  const B = f.param(0);
  const d = denseAt(cx, f, n, B);
  const by = ops.bytes;
  const cnt = f.local('i32');
  const v = f.local(ops.type);
  const idx = (): Expr => m.i32.const(layout.gatherIdx);
  const vals = (): Expr => m.i32.const(layout.gatherVals);
  const gather = (b: Local): Expr[] => [
    f.set(cnt, m.i32.const(0)),
    forRange(f, m.i32.const(d.nin), (i) => [
      f.set(v, ops.load(m, offset(m, d.x(), m.i32.add(m.i32.mul(f.get(b), m.i32.const(d.nin)), f.get(i)), by))),
      m.if(m.i32.eqz(ops.isZero(m, f.get(v))), m.block(null, [
        m.i32.store(0, 4, offset(m, idx(), f.get(cnt), 4), f.get(i)),
        ops.store(m, offset(m, vals(), f.get(cnt), by), f.get(v)),
        f.set(cnt, m.i32.add(f.get(cnt), m.i32.const(1))),
      ], 'none')),
    ]),
  ];
  const output = (b: Local, j: Local): Expr[] => {
    const y = offset(m, d.y(), m.i32.add(m.i32.mul(f.get(b), m.i32.const(d.nout)), f.get(j)), by);
    const wRow = offset(m, m.i32.const(d.W), f.get(j), d.nin * by);
    const bias = ops.load(m, offset(m, m.i32.const(d.bias), f.get(j), by));
    const p = ops.posit;
    if (!p) return [ops.store(m, y, m.call('f32_dot_gather', [bias, wRow, idx(), vals(), f.get(cnt)], 'f32'))];
    const acc = accumulator(cx, f);
    return [acc.clear(), acc.add(bias), m.call(gatherName(p), [m.i32.const(layout.quire), wRow, idx(), vals(), f.get(cnt)], 'none'), ops.store(m, y, acc.result())];
  };
  f.finish([forRange(f, f.get(B), (b) => [...gather(b), forRange(f, m.i32.const(d.nout), (j) => output(b, j))])]);
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
  f.finish([
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
