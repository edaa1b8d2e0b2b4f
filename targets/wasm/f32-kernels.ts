// f32 dense kernel with SIMD128 and register blocking:
//   y[b, j] = act(bias[j] + sum_i W[j, i] * x[b, i])
// W is [out, in] row-major (PyTorch layout), x is [batch, in] and y is [batch, out], channels-last.
// Tiles of 4 outputs x NR batch rows keep 4*NR f32x4 accumulators over the input dimension; a
// transpose-reduce turns each column of 4 accumulators into 4 adjacent outputs stored at once.
// f32 results may differ from an f64 reference by reassociation (documented tolerance in tests).
import type { Expr, FnBuilder, Local, WasmModule } from './binaryen.ts';

/** Batch rows per register tile (4 outputs x NR rows = 4*NR accumulators, within 16 xmm registers). */
const NR = 2;

/** Options for the f32 kernels. */
export interface F32KernelOptions {
  readonly exportAll?: boolean;
}

/** Shared state of one tile emission. */
interface DenseCx {
  readonly m: WasmModule;
  readonly f: FnBuilder;
  readonly w: Local;
  readonly bias: Local;
  readonly x: Local;
  readonly y: Local;
  readonly inDim: Local;
  readonly outDim: Local;
  readonly relu: Local;
  readonly rowBytes: Local;
  readonly mainBytes: Local;
  readonly j: Local;
  readonly b: Local;
}

const i32c = (cx: DenseCx, v: number): Expr => cx.m.i32.const(v);

/** Byte address of row `row` (an i32 expr) of a [rows, in] f32 matrix at `base`. */
function rowAddr(cx: DenseCx, base: Local, row: Expr): Expr {
  const { m, f } = cx;
  return m.i32.add(f.get(base), m.i32.mul(row, f.get(cx.rowBytes)));
}

/** Sum of the 4 lanes of a into lane r of the result, for r = 0..3 (a transpose-reduce). */
function reduce4(cx: DenseCx, a: readonly Local[]): Expr {
  const { m, f } = cx;
  const shuf = (x: Expr, y: Expr, lanes: readonly number[]): Expr =>
    m.i8x16.shuffle(x, y, lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]));
  const pair = (p: Local, q: Local): Expr =>
    m.f32x4.add(shuf(f.get(p), f.get(q), [0, 4, 2, 6]), shuf(f.get(p), f.get(q), [1, 5, 3, 7]));
  const [a0, a1, a2, a3] = a as [Local, Local, Local, Local];
  const v01 = f.local('v128');
  const v23 = f.local('v128');
  return m.block(null, [
    f.set(v01, pair(a0, a1)),
    f.set(v23, pair(a2, a3)),
    m.f32x4.add(shuf(f.get(v01), f.get(v23), [0, 1, 4, 5]), shuf(f.get(v01), f.get(v23), [2, 3, 6, 7])),
  ], 'v128');
}

/** A tile of mr (4 or 1) outputs starting at j times nr batch rows starting at b. */
function emitTile(cx: DenseCx, mr: 4 | 1, nr: number): Expr {
  const { m, f } = cx;
  const pw = Array.from({ length: mr }, () => f.local('i32'));
  const px = Array.from({ length: nr }, () => f.local('i32'));
  const acc = Array.from({ length: mr }, () => Array.from({ length: nr }, () => f.local('v128')));
  const end = f.local('i32');
  const s: Expr[] = [];
  pw.forEach((p, r) => s.push(f.set(p, rowAddr(cx, cx.w, m.i32.add(f.get(cx.j), i32c(cx, r))))));
  px.forEach((p, c) => s.push(f.set(p, rowAddr(cx, cx.x, m.i32.add(f.get(cx.b), i32c(cx, c))))));
  for (const row of acc) for (const a of row) s.push(f.set(a, m.v128.const(new Array<number>(16).fill(0))));
  const first = pw[0] as Local;
  s.push(f.set(end, m.i32.add(f.get(first), f.get(cx.mainBytes))));
  // Main loop: f32x4 over the input dimension.
  const wv = pw.map(() => f.local('v128'));
  const xv = px.map(() => f.local('v128'));
  const body: Expr[] = [];
  pw.forEach((p, r) => body.push(f.set(wv[r] as Local, m.v128.load(0, 4, f.get(p)))));
  px.forEach((p, c) => body.push(f.set(xv[c] as Local, m.v128.load(0, 4, f.get(p)))));
  acc.forEach((row, r) =>
    row.forEach((a, c) =>
      body.push(f.set(a, m.f32x4.add(f.get(a), m.f32x4.mul(f.get(wv[r] as Local), f.get(xv[c] as Local))))),
    ),
  );
  for (const p of [...pw, ...px]) body.push(f.set(p, m.i32.add(f.get(p), i32c(cx, 16))));
  const loop = f.label('k');
  body.push(m.br(loop, m.i32.lt_u(f.get(first), f.get(end))));
  s.push(m.if(m.i32.lt_u(f.get(first), f.get(end)), m.loop(loop, m.block(null, body, 'none'))));
  for (let c = 0; c < nr; c++) {
    const col = acc.map((row) => row[c] as Local);
    const yAddr = m.i32.add(
      f.get(cx.y),
      m.i32.shl(m.i32.add(m.i32.mul(m.i32.add(f.get(cx.b), i32c(cx, c)), f.get(cx.outDim)), f.get(cx.j)), i32c(cx, 2)),
    );
    s.push(mr === 4 ? finishColumn4(cx, pw, px[c] as Local, col, yAddr) : finishColumn1(cx, pw[0] as Local, px[c] as Local, col[0] as Local, yAddr));
  }
  return m.block(null, s, 'none');
}

/** Reduces 4 accumulators, adds the input tail, bias and activation, stores 4 outputs. */
function finishColumn4(cx: DenseCx, pw: readonly Local[], px: Local, col: readonly Local[], yAddr: Expr): Expr {
  const { m, f } = cx;
  const sum = f.local('v128');
  const k = f.local('i32');
  const wv = f.local('v128');
  const tail = f.label('tail');
  const tailDone = f.label('tailDone');
  let wexpr: Expr = m.v128.load32_splat(0, 4, m.i32.add(f.get(pw[0] as Local), f.get(k)));
  for (let r = 1; r < 4; r++) wexpr = m.v128.load32_lane(0, 4, r, m.i32.add(f.get(pw[r] as Local), f.get(k)), wexpr);
  const tailBytes = (): Expr => m.i32.sub(f.get(cx.rowBytes), f.get(cx.mainBytes));
  return m.block(null, [
    f.set(sum, reduce4(cx, col)),
    // Inputs beyond the last multiple of 4: one output-vector FMA per input.
    m.block(tailDone, [
      f.set(k, i32c(cx, 0)),
      m.br(tailDone, m.i32.ge_u(f.get(k), tailBytes())),
      m.loop(tail, m.block(null, [
        f.set(wv, wexpr),
        f.set(sum, m.f32x4.add(f.get(sum), m.f32x4.mul(f.get(wv), m.v128.load32_splat(0, 4, m.i32.add(f.get(px), f.get(k)))))),
        f.set(k, m.i32.add(f.get(k), i32c(cx, 4))),
        m.br(tail, m.i32.lt_u(f.get(k), tailBytes())),
      ], 'none')),
    ], 'none'),
    f.set(sum, m.f32x4.add(f.get(sum), m.v128.load(0, 4, m.i32.add(f.get(cx.bias), m.i32.shl(f.get(cx.j), i32c(cx, 2)))))),
    m.if(f.get(cx.relu), f.set(sum, m.f32x4.max(f.get(sum), m.v128.const(new Array<number>(16).fill(0))))),
    m.v128.store(0, 4, yAddr, f.get(sum)),
  ], 'none');
}

/** Horizontal sum of one accumulator, tail, bias, activation, one output. */
function finishColumn1(cx: DenseCx, pw: Local, px: Local, a: Local, yAddr: Expr): Expr {
  const { m, f } = cx;
  const s = f.local('f32');
  const k = f.local('i32');
  const lane = (i: number): Expr => m.f32x4.extract_lane(f.get(a), i);
  const tail = f.label('tail1');
  const tailDone = f.label('tailDone1');
  const tailBytes = (): Expr => m.i32.sub(f.get(cx.rowBytes), f.get(cx.mainBytes));
  return m.block(null, [
    f.set(s, m.f32.add(m.f32.add(lane(0), lane(1)), m.f32.add(lane(2), lane(3)))),
    m.block(tailDone, [
      f.set(k, i32c(cx, 0)),
      m.br(tailDone, m.i32.ge_u(f.get(k), tailBytes())),
      m.loop(tail, m.block(null, [
        f.set(s, m.f32.add(f.get(s), m.f32.mul(
          m.f32.load(0, 4, m.i32.add(f.get(pw), f.get(k))),
          m.f32.load(0, 4, m.i32.add(f.get(px), f.get(k))),
        ))),
        f.set(k, m.i32.add(f.get(k), i32c(cx, 4))),
        m.br(tail, m.i32.lt_u(f.get(k), tailBytes())),
      ], 'none')),
    ], 'none'),
    f.set(s, m.f32.add(f.get(s), m.f32.load(0, 4, m.i32.add(f.get(cx.bias), m.i32.shl(f.get(cx.j), i32c(cx, 2)))))),
    m.if(f.get(cx.relu), f.set(s, m.f32.max(f.get(s), m.f32.const(0)))),
    m.f32.store(0, 4, yAddr, f.get(s)),
  ], 'none');
}

/** while (v + step <= limit) { body; v += step } */
function stepLoop(cx: DenseCx, v: Local, step: number, limit: Local, body: Expr): Expr {
  const { m, f } = cx;
  const exit = f.label('blk');
  const top = f.label('step');
  const fits = (): Expr => m.i32.le_u(m.i32.add(f.get(v), i32c(cx, step)), f.get(limit));
  return m.block(exit, [
    m.br(exit, m.i32.eqz(fits())),
    m.loop(top, m.block(null, [body, f.set(v, m.i32.add(f.get(v), i32c(cx, step))), m.br(top, fits())], 'none')),
  ], 'none');
}

/**
 * Emits f32_dense(w, bias, x, y, batch, in, out, relu): all pointers are byte addresses of f32
 * arrays (W [out,in], bias [out], x [batch,in], y [batch,out]); relu != 0 applies max(0, .).
 */
export function emitF32Kernels(m: WasmModule, opts: F32KernelOptions = {}): void {
  const f = m.fn('f32_dense', ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], 'none');
  const batch = f.param(4);
  const cx: DenseCx = {
    m,
    f,
    w: f.param(0),
    bias: f.param(1),
    x: f.param(2),
    y: f.param(3),
    inDim: f.param(5),
    outDim: f.param(6),
    relu: f.param(7),
    rowBytes: f.local('i32'),
    mainBytes: f.local('i32'),
    j: f.local('i32'),
    b: f.local('i32'),
  };
  const overBatch = (mr: 4 | 1): Expr =>
    m.block(null, [
      f.set(cx.b, i32c(cx, 0)),
      stepLoop(cx, cx.b, NR, batch, emitTile(cx, mr, NR)),
      stepLoop(cx, cx.b, 1, batch, emitTile(cx, mr, 1)),
    ], 'none');
  f.finish([
    f.set(cx.rowBytes, m.i32.shl(f.get(cx.inDim), i32c(cx, 2))),
    f.set(cx.mainBytes, m.i32.and(f.get(cx.rowBytes), i32c(cx, -16))),
    f.set(cx.j, i32c(cx, 0)),
    stepLoop(cx, cx.j, 4, cx.outDim, overBatch(4)),
    stepLoop(cx, cx.j, 1, cx.outDim, overBatch(1)),
  ]);
  if (opts.exportAll ?? true) m.exportFunction('f32_dense');
}
