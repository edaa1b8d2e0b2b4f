// Element arithmetic of one numeric format for the whole-model emitters: loads and stores of a
// stored value, the one-rounding conversions from f64 (plain and with the transcendental rule's
// overflow saturation), exact conversion to f64, in-format comparisons, ReLU and the rounded
// multiply. Posit formats call the kernel library (posit-kernels.ts); f32 uses WASM f32 ops,
// whose single roundings equal the reference's Math.fround of the f64 result.
import type { Expr, FnBuilder, ValType, WasmModule } from './binaryen.ts';
import { negate } from './posit-codec.ts';
import { positFormat, type KernelFormat, type PositFormatName } from './posit-format.ts';
import { loadPosit, storePosit } from './kernel-loops.ts';

/** A format the WASM model target compiles for. */
export type WasmFormat = 'f32' | PositFormatName;

/** Element operations of one format, bound to nothing; every method builds expressions. */
export interface ValueOps {
  readonly format: WasmFormat;
  /** Stored bytes per element. */
  readonly bytes: 1 | 2 | 4;
  /** Type of an element in a WASM local. */
  readonly type: ValType;
  /** Present for posit formats. */
  readonly posit?: KernelFormat;
  load(m: WasmModule, ptr: Expr, offset?: number): Expr;
  store(m: WasmModule, ptr: Expr, v: Expr, offset?: number): Expr;
  zero(m: WasmModule): Expr;
  one(m: WasmModule): Expr;
  /** One rounding from f64 (NaN and infinities give NaR in posits). */
  fromF64(m: WasmModule, x: Expr): Expr;
  /** The transcendental rule's rounding: like fromF64, but ±Infinity saturates to ±maxpos. */
  roundResult(f: FnBuilder, x: Expr): Expr;
  /** The exact value as f64 (NaR gives NaN). */
  toF64(m: WasmModule, v: Expr): Expr;
  /** i32: the element is exactly zero (the pattern 0; f32 ±0). */
  isZero(m: WasmModule, v: Expr): Expr;
  /** i32: a >= b in the format (0 when either is NaR or NaN). `a` and `b` are read twice. */
  ge(m: WasmModule, a: () => Expr, b: () => Expr): Expr;
  /** i32: a > b in the format; NaR/NaN never wins over a number. */
  gt(m: WasmModule, a: () => Expr, b: () => Expr): Expr;
  /** ReLU: x if x > 0, NaR/NaN stays, else 0 (exact). `x` is read several times. */
  relu(m: WasmModule, x: () => Expr): Expr;
  /** a·b rounded once. */
  mul(m: WasmModule, a: Expr, b: Expr): Expr;
}

/** True for the formats the model target implements. */
export function isWasmFormat(f: string): f is WasmFormat {
  return f === 'f32' || f === 'posit8' || f === 'posit16' || f === 'posit32' || f === 'bposit16' || f === 'bposit32';
}

const F32: ValueOps = {
  format: 'f32',
  bytes: 4,
  type: 'f32',
  load: (m, ptr, offset = 0) => m.f32.load(offset, 4, ptr),
  store: (m, ptr, v, offset = 0) => m.f32.store(offset, 4, ptr, v),
  zero: (m) => m.f32.const(0),
  one: (m) => m.f32.const(1),
  fromF64: (m, x) => m.f32.demote(x),
  roundResult: (f, x) => f.mod.f32.demote(x),
  toF64: (m, v) => m.f64.promote(v),
  isZero: (m, v) => m.f32.eq(v, m.f32.const(0)),
  ge: (m, a, b) => m.f32.ge(a(), b()),
  // a > b, or b is NaN and a is a number (the reference's `gt`).
  gt: (m, a, b) => m.i32.or(m.f32.gt(a(), b()), m.i32.and(m.f32.ne(b(), b()), m.f32.eq(a(), a()))),
  relu: (m, x) => m.select(m.i32.or(m.f32.gt(x(), m.f32.const(0)), m.f32.ne(x(), x())), x(), m.f32.const(0)),
  mul: (m, a, b) => m.f32.mul(a, b),
};

function positOpsFor(name: PositFormatName): ValueOps {
  const fmt = positFormat(name);
  const shift = 32 - fmt.n;
  // Patterns as n-bit signed integers, so the integer order is the real order (NaR lowest).
  const signed = (m: WasmModule, v: Expr): Expr => (shift === 0 ? v : m.i32.shl(v, m.i32.const(shift)));
  const nar = (m: WasmModule): Expr => m.i32.const(fmt.nar);
  return {
    format: name,
    bytes: fmt.bytes,
    type: 'i32',
    posit: fmt,
    load: (m, ptr, offset = 0) => loadPosit(m, fmt, ptr, offset),
    store: (m, ptr, v, offset = 0) => storePosit(m, fmt, ptr, v, offset),
    zero: (m) => m.i32.const(0),
    one: (m) => m.i32.const(2 ** (fmt.n - 2)),
    fromF64: (m, x) => m.call(`${fmt.prefix}_from_f64`, [x], 'i32'),
    roundResult: (f, x) => {
      const m = f.mod;
      const t = f.local('f64');
      const maxpos = m.i32.const(fmt.maxpos);
      return m.block(null, [
        f.set(t, x),
        m.if(
          m.f64.eq(f.get(t), m.f64.const(Infinity)),
          maxpos,
          m.if(
            m.f64.eq(f.get(t), m.f64.const(-Infinity)),
            negate({ m, f, fmt }, m.i32.const(fmt.maxpos)),
            m.call(`${fmt.prefix}_from_f64`, [f.get(t)], 'i32'),
          ),
        ),
      ], 'i32');
    },
    toF64: (m, v) => m.call(`${fmt.prefix}_to_f64`, [v], 'f64'),
    isZero: (m, v) => m.i32.eqz(v),
    ge: (m, a, b) => m.i32.and(
      m.i32.and(m.i32.ne(a(), nar(m)), m.i32.ne(b(), nar(m))),
      m.i32.ge_s(signed(m, a()), signed(m, b())),
    ),
    gt: (m, a, b) => m.i32.and(
      m.i32.ne(a(), nar(m)),
      m.i32.or(m.i32.eq(b(), nar(m)), m.i32.gt_s(signed(m, a()), signed(m, b()))),
    ),
    // Positive patterns are 1 .. NaR-1; NaR itself is kept.
    relu: (m, x) => m.select(m.i32.or(m.i32.and(m.i32.ne(x(), m.i32.const(0)), m.i32.lt_u(x(), nar(m))), m.i32.eq(x(), nar(m))), x(), m.i32.const(0)),
    mul: (m, a, b) => m.call(`${fmt.prefix}_mul`, [a, b], 'i32'),
  };
}

const CACHE = new Map<WasmFormat, ValueOps>();

/** The element operations of a format. */
export function valueOps(format: WasmFormat): ValueOps {
  let ops = CACHE.get(format);
  if (!ops) {
    ops = format === 'f32' ? F32 : positOpsFor(format);
    CACHE.set(format, ops);
  }
  return ops;
}

/** The array conversion `(src, dst, n)` of a format: f64 -> format (`from`) or format -> f64 (`to`). */
export function conversionName(ops: ValueOps, dir: 'from' | 'to'): string {
  return ops.posit ? `${ops.posit.prefix}_${dir}_f64_arr` : `f32v_${dir}_f64`;
}
