// Inline WASM builders for posit <-> binary64 conversion. from_f64 rounds once (NaN/Inf give NaR,
// +-0 give 0, subnormals are ordinary tiny values); to_f64 is exact for every format here and maps
// NaR to the canonical quiet NaN. Used by posit-kernels.ts for the scalar and array entry points.
import type { Expr } from './binaryen.ts';
import { c32, c64, isZeroOrNar, pack, signMask, unpack } from './posit-codec.ts';
import type { KernelCx } from './posit-codec.ts';

/** Rounds the f64 `x` to the format; returns the i32 pattern. */
export function emitFromF64(cx: KernelCx, x: Expr, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const bits = f.local('i64');
  const exp = f.local('i64');
  const mant = f.local('i64');
  const lz = f.local('i64');
  const r = f.local('i32');
  const label = f.label('from');
  const s: Expr[] = [
    f.set(bits, m.i64.reinterpret(x)),
    f.set(exp, m.i64.and(m.i64.shr_u(f.get(bits), c64(cx, 52)), c64(cx, 0x7ff))),
    m.if(m.i64.eq(f.get(exp), c64(cx, 0x7ff)), m.block(null, [f.set(r, c32(cx, fmt.nar)), m.br(label)])),
    m.if(
      m.i64.eqz(m.i64.shl(f.get(bits), c64(cx, 1))),
      m.block(null, [f.set(r, c32(cx, 0)), m.br(label)]),
    ),
    f.set(mant, m.i64.and(f.get(bits), c64(cx, (1n << 52n) - 1n))),
    // Subnormals: the leading 1 of the mantissa becomes the hidden bit.
    f.set(lz, m.select(m.i64.eqz(f.get(exp)), m.i64.clz(f.get(mant)), c64(cx, 11))),
  ];
  const scale = m.select(
    m.i64.eqz(f.get(exp)),
    m.i64.sub(c64(cx, -1074 + 63), f.get(lz)),
    m.i64.sub(f.get(exp), c64(cx, 1023)),
  );
  const body = m.i64.shl(f.get(mant), m.i64.add(f.get(lz), c64(cx, 1)));
  const sign = m.i32.wrap(m.i64.shr_s(f.get(bits), c64(cx, 63)));
  s.push(f.set(r, pack(cx, { sign, scale, body }, s)));
  out.push(m.block(label, s, 'none'));
  return f.get(r);
}

/** Converts the pattern `a` to f64 exactly (NaR -> quiet NaN). */
export function emitToF64(cx: KernelCx, a: Expr, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const la = f.local('i32');
  const bits = f.local('i64');
  const label = f.label('to');
  const s: Expr[] = [
    f.set(la, a),
    m.if(
      isZeroOrNar(cx, f.get(la)),
      m.block(null, [
        f.set(bits, m.select(m.i32.eqz(f.get(la)), c64(cx, 0), c64(cx, 0x7ff8000000000000n))),
        m.br(label),
      ]),
    ),
  ];
  const A = unpack(cx, f.get(la), s);
  const frac = m.i64.shl(
    m.i64.and(f.get(A.sig), c64(cx, (1n << BigInt(fmt.fracMax)) - 1n)),
    c64(cx, 52 - fmt.fracMax),
  );
  s.push(
    f.set(
      bits,
      m.i64.or(
        m.i64.or(
          m.i64.shl(m.i64.extend_u(m.i32.ne(signMask(cx, f.get(la)), c32(cx, 0))), c64(cx, 63)),
          m.i64.shl(m.i64.add(f.get(A.scale), c64(cx, 1023)), c64(cx, 52)),
        ),
        frac,
      ),
    ),
  );
  out.push(m.block(label, s, 'none'));
  return m.f64.reinterpret(f.get(bits));
}
