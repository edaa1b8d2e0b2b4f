// Small shared emitters for kernel loops and posit array access: a counted loop with pointer
// strides, and loads/stores of 1-, 2- or 4-byte posit patterns. Used by every array kernel.
import type { Expr, FnBuilder, Local, WasmModule } from './binaryen.ts';
import type { KernelFormat } from './posit-format.ts';

/** Loads one stored value of the format (zero-extended). */
export function loadPosit(m: WasmModule, fmt: KernelFormat, ptr: Expr, offset = 0): Expr {
  if (fmt.bytes === 1) return m.i32.load8_u(offset, 1, ptr);
  if (fmt.bytes === 2) return m.i32.load16_u(offset, 2, ptr);
  return m.i32.load(offset, 4, ptr);
}

/** Stores one value of the format. */
export function storePosit(m: WasmModule, fmt: KernelFormat, ptr: Expr, value: Expr, offset = 0): Expr {
  if (fmt.bytes === 1) return m.i32.store8(offset, 1, ptr, value);
  if (fmt.bytes === 2) return m.i32.store16(offset, 2, ptr, value);
  return m.i32.store(offset, 4, ptr, value);
}

/**
 * A counted loop: runs `body` n times (n an i32 local, may be 0), advancing each pointer local by
 * its stride (a constant or an i32 local) after every iteration. The first pointer doubles as the induction variable (it runs
 * to an end address), which keeps one register fewer live across the body.
 */
export function countedLoop(
  f: FnBuilder,
  n: Local,
  strides: readonly (readonly [Local, number | Local])[],
  body: (stmts: Expr[]) => void,
): Expr {
  const m = f.mod;
  const [lead, leadStride] = strides[0] ?? [f.local('i32'), 1];
  const end = f.local('i32');
  const exit = f.label('exit');
  const top = f.label('loop');
  const stmts: Expr[] = [];
  body(stmts);
  const step = (stride: number | Local): Expr => (typeof stride === 'number' ? m.i32.const(stride) : f.get(stride));
  for (const [p, stride] of strides) stmts.push(f.set(p, m.i32.add(f.get(p), step(stride))));
  if (strides.length === 0) stmts.push(f.set(lead, m.i32.add(f.get(lead), m.i32.const(1))));
  stmts.push(m.br(top, m.i32.ne(f.get(lead), f.get(end))));
  return m.block(exit, [
    m.br(exit, m.i32.eqz(f.get(n))),
    f.set(end, m.i32.add(f.get(lead), m.i32.mul(f.get(n), step(leadStride)))),
    m.loop(top, m.block(null, stmts, 'none')),
  ], 'none');
}
