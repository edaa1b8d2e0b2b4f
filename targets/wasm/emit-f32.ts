// f32 kernels the model module needs beside the library's SIMD `f32_dense`: a sequential dot
// accumulation (tangents, in the reference's rounding order), the gathered dot of the
// column-skipping dense, f64 <-> f32 array conversion, and `f32_dense_rows`, the row-skipping
// dense of hard-gated layers: per output row, the samples whose gate is on are collected and
// processed four at a time with SIMD128 (one W row load feeds four accumulators), so compute
// and W traffic track the activation ratio.
import type { Expr, FnBuilder, Local, WasmModule } from './binaryen.ts';
import { forRange } from './emit-context.ts';

/** Emits the f32 helpers; the skipping kernels only when the model has such layers. */
export function emitF32Extras(m: WasmModule, need: { readonly rows: boolean; readonly gather: boolean }): void {
  if (m.hasFunction('f32_dot_acc')) return;
  emitDotAcc(m);
  emitConversions(m);
  if (need.gather) emitDotGather(m);
  if (need.rows) emitDenseRows(m);
}

const params = <N extends number>(f: FnBuilder, n: N): Local[] => Array.from({ length: n }, (_, i) => f.param(i));

/** f32_dot_acc(acc, w, x, n) -> acc + w[0]x[0] + ... in index order, every op rounded to f32. */
function emitDotAcc(m: WasmModule): void {
  const f = m.fn('f32_dot_acc', ['f32', 'i32', 'i32', 'i32'], 'f32');
  const [acc, w, x, n] = params(f, 4) as [Local, Local, Local, Local];
  const at = (p: Local, i: Local): Expr => m.i32.add(f.get(p), m.i32.shl(f.get(i), m.i32.const(2)));
  f.finish([
    forRange(f, f.get(n), (i) => [f.set(acc, m.f32.add(f.get(acc), m.f32.mul(m.f32.load(0, 4, at(w, i)), m.f32.load(0, 4, at(x, i)))))]),
    f.get(acc),
  ]);
}

/** f32_dot_gather(acc, wRow, idx, vals, n) -> acc + Σ_t wRow[idx[t]]·vals[t]. */
function emitDotGather(m: WasmModule): void {
  const f = m.fn('f32_dot_gather', ['f32', 'i32', 'i32', 'i32', 'i32'], 'f32');
  const [acc, w, idx, vals, n] = params(f, 5) as [Local, Local, Local, Local, Local];
  const at = (p: Expr, i: Expr): Expr => m.i32.add(p, m.i32.shl(i, m.i32.const(2)));
  f.finish([
    forRange(f, f.get(n), (t) => [
      f.set(acc, m.f32.add(f.get(acc), m.f32.mul(
        m.f32.load(0, 4, at(f.get(w), m.i32.load(0, 4, at(f.get(idx), f.get(t))))),
        m.f32.load(0, 4, at(f.get(vals), f.get(t))),
      ))),
    ]),
    f.get(acc),
  ]);
}

/** f32v_to_f64(src, dst, n) and f32v_from_f64(src, dst, n) (one rounding, as Math.fround). */
function emitConversions(m: WasmModule): void {
  for (const dir of ['to', 'from'] as const) {
    const f = m.fn(`f32v_${dir}_f64`, ['i32', 'i32', 'i32'], 'none');
    const [src, dst, n] = params(f, 3) as [Local, Local, Local];
    const a = (p: Local, i: Local, sh: number): Expr => m.i32.add(f.get(p), m.i32.shl(f.get(i), m.i32.const(sh)));
    f.finish([
      forRange(f, f.get(n), (i) => [
        dir === 'to'
          ? m.f64.store(0, 8, a(dst, i, 3), m.f64.promote(m.f32.load(0, 4, a(src, i, 2))))
          : m.f32.store(0, 4, a(dst, i, 2), m.f32.demote(m.f64.load(0, 8, a(src, i, 3)))),
      ]),
    ]);
  }
}

/** Horizontal sum of an f32x4 local: (l0 + l1) + (l2 + l3). */
function hsum(m: WasmModule, f: FnBuilder, v: Local): Expr {
  const lane = (i: number): Expr => m.f32x4.extract_lane(f.get(v), i);
  return m.f32.add(m.f32.add(lane(0), lane(1)), m.f32.add(lane(2), lane(3)));
}

interface RowsCx {
  readonly m: WasmModule;
  readonly f: FnBuilder;
  readonly wrow: Local;
  readonly rowBytes: Local;
  readonly mainBytes: Local;
}

/** Dot products of one W row with `xs.length` sample rows; returns statements that set `sums`. */
function dotGroup(cx: RowsCx, xs: readonly Local[], sums: readonly Local[]): Expr[] {
  const { m, f } = cx;
  const acc = xs.map(() => f.local('v128'));
  const wv = f.local('v128');
  const k = f.local('i32');
  const top = f.label('dk');
  const exit = f.label('dkx');
  const s: Expr[] = [...acc.map((a) => f.set(a, m.v128.const(new Array<number>(16).fill(0)))), f.set(k, m.i32.const(0))];
  const body: Expr[] = [f.set(wv, m.v128.load(0, 4, m.i32.add(f.get(cx.wrow), f.get(k))))];
  xs.forEach((x, i) => body.push(f.set(acc[i] as Local, m.f32x4.add(f.get(acc[i] as Local), m.f32x4.mul(f.get(wv), m.v128.load(0, 4, m.i32.add(f.get(x), f.get(k))))))));
  body.push(f.set(k, m.i32.add(f.get(k), m.i32.const(16))), m.br(top, m.i32.lt_u(f.get(k), f.get(cx.mainBytes))));
  s.push(m.block(exit, [m.br(exit, m.i32.ge_u(f.get(k), f.get(cx.mainBytes))), m.loop(top, m.block(null, body, 'none'))], 'none'));
  xs.forEach((_, i) => s.push(f.set(sums[i] as Local, hsum(m, f, acc[i] as Local))));
  // Inputs past the last multiple of 4, one at a time.
  const tail = f.label('tk');
  const tailExit = f.label('tkx');
  const wt = f.local('f32');
  const tbody: Expr[] = [f.set(wt, m.f32.load(0, 4, m.i32.add(f.get(cx.wrow), f.get(k))))];
  xs.forEach((x, i) => tbody.push(f.set(sums[i] as Local, m.f32.add(f.get(sums[i] as Local), m.f32.mul(f.get(wt), m.f32.load(0, 4, m.i32.add(f.get(x), f.get(k))))))));
  tbody.push(f.set(k, m.i32.add(f.get(k), m.i32.const(4))), m.br(tail, m.i32.lt_u(f.get(k), f.get(cx.rowBytes))));
  s.push(m.block(tailExit, [m.br(tailExit, m.i32.ge_u(f.get(k), f.get(cx.rowBytes))), m.loop(tail, m.block(null, tbody, 'none'))], 'none'));
  return s;
}

/**
 * f32_dense_rows(w, bias, x, y, mask, idx, B, in, out): y[b,j] = bias[j] + W[j,:]·x[b,:] where
 * mask[b,j] != 0, else 0. mask is f32 [B, out]; idx is i32 scratch of B entries.
 */
function emitDenseRows(m: WasmModule): void {
  const f = m.fn('f32_dense_rows', ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], 'none');
  const [w, bias, x, y, mask, idx, B, inDim, outDim] = params(f, 9) as [Local, Local, Local, Local, Local, Local, Local, Local, Local];
  const cx: RowsCx = { m, f, wrow: f.local('i32'), rowBytes: f.local('i32'), mainBytes: f.local('i32') };
  const cnt = f.local('i32');
  const t = f.local('i32');
  const bj = f.local('f32');
  const xs = [0, 1, 2, 3].map(() => f.local('i32'));
  const bs = [0, 1, 2, 3].map(() => f.local('i32'));
  const sums = [0, 1, 2, 3].map(() => f.local('f32'));
  const i4 = (e: Expr): Expr => m.i32.shl(e, m.i32.const(2));
  const setSample = (i: number, pos: Expr): Expr[] => [
    f.set(bs[i] as Local, m.i32.load(0, 4, m.i32.add(f.get(idx), i4(pos)))),
    f.set(xs[i] as Local, m.i32.add(f.get(x), m.i32.mul(f.get(bs[i] as Local), f.get(cx.rowBytes)))),
  ];
  const store = (i: number, j: Local): Expr =>
    m.f32.store(0, 4, m.i32.add(f.get(y), i4(m.i32.add(m.i32.mul(f.get(bs[i] as Local), f.get(outDim)), f.get(j)))), m.f32.add(f.get(sums[i] as Local), f.get(bj)));
  const group = (n: 4 | 1, j: Local): Expr => {
    const exit = f.label('gx');
    const top = f.label('g');
    const fits = (): Expr => m.i32.le_s(m.i32.add(f.get(t), m.i32.const(n)), f.get(cnt));
    const body: Expr[] = [];
    for (let i = 0; i < n; i++) body.push(...setSample(i, m.i32.add(f.get(t), m.i32.const(i))));
    body.push(...dotGroup(cx, xs.slice(0, n), sums.slice(0, n)));
    for (let i = 0; i < n; i++) body.push(store(i, j));
    body.push(f.set(t, m.i32.add(f.get(t), m.i32.const(n))), m.br(top, fits()));
    return m.block(exit, [m.br(exit, m.i32.eqz(fits())), m.loop(top, m.block(null, body, 'none'))], 'none');
  };
  f.finish([
    m.memoryFill(f.get(y), m.i32.const(0), i4(m.i32.mul(f.get(B), f.get(outDim)))),
    f.set(cx.rowBytes, i4(f.get(inDim))),
    f.set(cx.mainBytes, m.i32.and(f.get(cx.rowBytes), m.i32.const(-16))),
    forRange(f, f.get(outDim), (j) => [
      f.set(cnt, m.i32.const(0)),
      forRange(f, f.get(B), (b) => [
        m.if(
          m.f32.ne(m.f32.load(0, 4, m.i32.add(f.get(mask), i4(m.i32.add(m.i32.mul(f.get(b), f.get(outDim)), f.get(j))))), m.f32.const(0)),
          m.block(null, [m.i32.store(0, 4, m.i32.add(f.get(idx), i4(f.get(cnt))), f.get(b)), f.set(cnt, m.i32.add(f.get(cnt), m.i32.const(1)))], 'none'),
        ),
      ]),
      f.set(cx.wrow, m.i32.add(f.get(w), m.i32.mul(f.get(j), f.get(cx.rowBytes)))),
      f.set(bj, m.f32.load(0, 4, m.i32.add(f.get(bias), i4(f.get(j))))),
      f.set(t, m.i32.const(0)),
      group(4, j),
      group(1, j),
    ]),
  ]);
}
