// Posit dense layer kernel: y[b, j] = round(bias[j] + sum_i W[j, i] * x[b, i]) with the sum exact
// in the quire and one rounding per output (DESIGN.md section 4). W is [out, in] row-major,
// x [batch, in] and y [batch, out], all packed posit patterns of one format. Built on the quire
// kernels of posit-quire.ts, using the scratch quire at scratchBase.
import type { Expr, WasmModule } from './binaryen.ts';
import { countedLoop, loadPosit, storePosit } from './kernel-loops.ts';
import type { KernelFormat } from './posit-format.ts';

/** Emits qp_dense(w, bias, x, y, batch, in, out); needs the quire kernels of the format. */
export function emitPositDense(m: WasmModule, fmt: KernelFormat, scratchBase: number, exportAll: boolean): void {
  const qp = fmt.quirePrefix;
  const f = m.fn(`${qp}_dense`, ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], 'none');
  const w = f.param(0);
  const bias = f.param(1);
  const x = f.param(2);
  const y = f.param(3);
  const batch = f.param(4);
  const inDim = f.param(5);
  const outDim = f.param(6);
  const inBytes = f.local('i32');
  const outBytes = f.local('i32');
  const wRow = f.local('i32');
  const bPtr = f.local('i32');
  const yPtr = f.local('i32');
  const q = (): Expr => m.i32.const(scratchBase);
  const perOutput = countedLoop(f, outDim, [[wRow, inBytes], [bPtr, fmt.bytes], [yPtr, fmt.bytes]], (s) => {
    s.push(
      m.call(`${qp}_clear`, [q()], 'none'),
      m.call(`${qp}_add`, [q(), loadPosit(m, fmt, f.get(bPtr))], 'none'),
      m.call(`${qp}_fma_arr`, [q(), f.get(wRow), f.get(x), f.get(inDim)], 'none'),
      storePosit(m, fmt, f.get(yPtr), m.call(`${qp}_to`, [q()], 'i32')),
    );
  });
  const perRow = countedLoop(f, batch, [[x, inBytes], [y, outBytes]], (s) => {
    s.push(f.set(wRow, f.get(w)), f.set(bPtr, f.get(bias)), f.set(yPtr, f.get(y)), perOutput);
  });
  f.finish([
    f.set(inBytes, m.i32.mul(f.get(inDim), m.i32.const(fmt.bytes))),
    f.set(outBytes, m.i32.mul(f.get(outDim), m.i32.const(fmt.bytes))),
    perRow,
  ]);
  if (exportAll) m.exportFunction(f.name);
}
