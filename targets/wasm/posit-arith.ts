// Inline WASM builders for the rounded posit operations: mul, add/sub, div, sqrt, and the
// conversions from and to f64. Each appends its statements to `out` and returns an i32 expression
// holding the result pattern; posit-kernels.ts wraps them into scalar and array functions.
// Zero and NaR take one rarely-taken branch; the rest is straight-line i64 code.
import type { Expr, Local } from './binaryen.ts';
import { absAligned, c32, c64, isZeroOrNar, negate, pack, signMask, unpack, unpackAbs } from './posit-codec.ts';
import type { KernelCx, Unpacked } from './posit-codec.ts';

/** Runs `build` inside a block that special cases may leave early; result in a fresh i32 local. */
function withSpecials(
  cx: KernelCx,
  name: string,
  out: Expr[],
  build: (result: (v: Expr) => Expr, leave: () => Expr, stmts: Expr[]) => Expr,
): Expr {
  const { m, f } = cx;
  const r = f.local('i32');
  const label = f.label(name);
  const stmts: Expr[] = [];
  const last = build((v) => f.set(r, v), () => m.br(label), stmts);
  stmts.push(f.set(r, last));
  out.push(m.block(label, stmts, 'none'));
  return f.get(r);
}

/** a * b. */
export function emitMul(cx: KernelCx, a: Expr, b: Expr, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const la = f.local('i32');
  const lb = f.local('i32');
  out.push(f.set(la, a), f.set(lb, b));
  return withSpecials(cx, 'mul', out, (set, leave, s) => {
    const nar = m.i32.or(m.i32.eq(f.get(la), c32(cx, fmt.nar)), m.i32.eq(f.get(lb), c32(cx, fmt.nar)));
    s.push(
      m.if(
        m.i32.or(isZeroOrNar(cx, f.get(la)), isZeroOrNar(cx, f.get(lb))),
        m.block(null, [set(m.select(nar, c32(cx, fmt.nar), c32(cx, 0))), leave()]),
      ),
    );
    const A = unpack(cx, f.get(la), s);
    const B = unpack(cx, f.get(lb), s);
    const P = f.local('i64');
    const lz = f.local('i64');
    s.push(
      f.set(P, m.i64.mul(f.get(A.sig), f.get(B.sig))),
      f.set(lz, m.i64.clz(f.get(P))),
    );
    // The product's leading bit sits at 2*fracMax or one above; it becomes the hidden bit.
    const scale = m.i64.add(
      m.i64.add(f.get(A.scale), f.get(B.scale)),
      m.i64.sub(c64(cx, 63 - 2 * fmt.fracMax), f.get(lz)),
    );
    const body = m.i64.shl(f.get(P), m.i64.add(f.get(lz), c64(cx, 1)));
    return pack(cx, { sign: signMask(cx, m.i32.xor(f.get(la), f.get(lb))), scale, body }, s);
  });
}

/** a - b. */
export function emitSub(cx: KernelCx, a: Expr, b: Expr, out: Expr[]): Expr {
  return emitAdd(cx, a, negate(cx, b), out);
}

/** a + b. */
export function emitAdd(cx: KernelCx, a: Expr, b: Expr, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const la = f.local('i32');
  const lb = f.local('i32');
  out.push(f.set(la, a), f.set(lb, b));
  return withSpecials(cx, 'add', out, (set, leave, s) => {
    const eitherNar = m.i32.or(m.i32.eq(f.get(la), c32(cx, fmt.nar)), m.i32.eq(f.get(lb), c32(cx, fmt.nar)));
    s.push(
      m.if(isZeroOrNar(cx, f.get(la)), m.block(null, [set(m.select(eitherNar, c32(cx, fmt.nar), f.get(lb))), leave()])),
      m.if(
        isZeroOrNar(cx, f.get(lb)),
        m.block(null, [set(m.select(m.i32.eq(f.get(lb), c32(cx, fmt.nar)), c32(cx, fmt.nar), f.get(la))), leave()]),
      ),
    );
    const Aa = absAligned(cx, f.get(la), s);
    const Ab = absAligned(cx, f.get(lb), s);
    // Posit order is integer order: the larger pattern magnitude is the larger value.
    const swap = f.local('i32');
    const big = f.local('i64');
    const small = f.local('i64');
    const sBig = f.local('i32');
    s.push(
      f.set(swap, m.i64.lt_u(f.get(Aa), f.get(Ab))),
      f.set(big, m.select(f.get(swap), f.get(Ab), f.get(Aa))),
      f.set(small, m.select(f.get(swap), f.get(Aa), f.get(Ab))),
      f.set(sBig, signMask(cx, m.select(f.get(swap), f.get(lb), f.get(la)))),
    );
    const A = unpackAbs(cx, big, s);
    const B = unpackAbs(cx, small, s);
    const hid = 61 - fmt.es;
    const sum = alignedSum(cx, A, B, signMask(cx, m.i32.xor(f.get(la), f.get(lb))), s);
    const lz = f.local('i64');
    s.push(
      m.if(m.i64.eqz(f.get(sum)), m.block(null, [set(c32(cx, 0)), leave()])),
      f.set(lz, m.i64.clz(f.get(sum))),
    );
    const scale = m.i64.add(f.get(A.scale), m.i64.sub(c64(cx, 63 - hid), f.get(lz)));
    const body = m.i64.shl(f.get(sum), m.i64.add(f.get(lz), c64(cx, 1)));
    return pack(cx, { sign: f.get(sBig), scale, body }, s);
  });
}

/**
 * |A| + |B| or |A| - |B| (diffSign: i32 mask, -1 when the signs differ), |A| >= |B|, with the
 * hidden bits at 61-es: a carry bit above and >= 30 guard bits below, so jamming the bits the
 * alignment shifts out into bit 0 keeps the rounding exact.
 */
function alignedSum(cx: KernelCx, A: Unpacked, B: Unpacked, diffSign: Expr, s: Expr[]): Local {
  const { m, f, fmt } = cx;
  const up = 61 - fmt.es - fmt.fracMax;
  const d = f.local('i64');
  const SB = f.local('i64');
  const neg = f.local('i64');
  const sum = f.local('i64');
  s.push(
    f.set(d, m.i64.sub(f.get(A.scale), f.get(B.scale))),
    f.set(d, m.select(m.i64.gt_u(f.get(d), c64(cx, 63)), c64(cx, 63), f.get(d))),
    f.set(SB, m.i64.shl(f.get(B.sig), c64(cx, up))),
    // Jam: some set bit of SB lies below the shift when its lowest set bit does.
    f.set(
      SB,
      m.i64.or(m.i64.shr_u(f.get(SB), f.get(d)), m.i64.extend_u(m.i64.lt_u(m.i64.ctz(f.get(SB)), f.get(d)))),
    ),
    f.set(neg, m.i64.extend_s(diffSign)),
    f.set(
      sum,
      m.i64.add(
        m.i64.shl(f.get(A.sig), c64(cx, up)),
        m.i64.sub(m.i64.xor(f.get(SB), f.get(neg)), f.get(neg)),
      ),
    ),
  );
  return sum;
}

/** a / b; x/0 and NaR operands give NaR. */
export function emitDiv(cx: KernelCx, a: Expr, b: Expr, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const la = f.local('i32');
  const lb = f.local('i32');
  out.push(f.set(la, a), f.set(lb, b));
  return withSpecials(cx, 'div', out, (set, leave, s) => {
    s.push(
      m.if(
        m.i32.or(isZeroOrNar(cx, f.get(lb)), m.i32.eq(f.get(la), c32(cx, fmt.nar))),
        m.block(null, [set(c32(cx, fmt.nar)), leave()]),
      ),
      m.if(m.i32.eqz(f.get(la)), m.block(null, [set(c32(cx, 0)), leave()])),
    );
    const A = unpack(cx, f.get(la), s);
    const B = unpack(cx, f.get(lb), s);
    // Dividend with the hidden bit at 62: the quotient keeps 62-fracMax >= 35 bits, plus a sticky remainder.
    const N = f.local('i64');
    const Q = f.local('i64');
    const lz = f.local('i64');
    s.push(
      f.set(N, m.i64.shl(f.get(A.sig), c64(cx, 62 - fmt.fracMax))),
      f.set(Q, m.i64.div_u(f.get(N), f.get(B.sig))),
      f.set(
        Q,
        m.i64.or(
          f.get(Q),
          m.i64.extend_u(m.i64.ne(m.i64.mul(f.get(Q), f.get(B.sig)), f.get(N))),
        ),
      ),
      f.set(lz, m.i64.clz(f.get(Q))),
    );
    const scale = m.i64.add(
      m.i64.sub(f.get(A.scale), f.get(B.scale)),
      m.i64.sub(c64(cx, 63 - (62 - fmt.fracMax)), f.get(lz)),
    );
    const body = m.i64.shl(f.get(Q), m.i64.add(f.get(lz), c64(cx, 1)));
    return pack(cx, { sign: signMask(cx, m.i32.xor(f.get(la), f.get(lb))), scale, body }, s);
  });
}

/** sqrt(a); negative or NaR gives NaR. */
export function emitSqrt(cx: KernelCx, a: Expr, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const la = f.local('i32');
  out.push(f.set(la, a));
  return withSpecials(cx, 'sqrt', out, (set, leave, s) => {
    s.push(
      m.if(m.i32.eqz(f.get(la)), m.block(null, [set(c32(cx, 0)), leave()])),
      m.if(m.i32.ne(signMask(cx, f.get(la)), c32(cx, 0)), m.block(null, [set(c32(cx, fmt.nar)), leave()])),
    );
    const A = unpack(cx, f.get(la), s);
    // value = sig * 2^E with E = scale - fracMax; make E even, then r = isqrt(sig << 2T).
    const T = Math.floor((61 - fmt.fracMax) / 2);
    const E = f.local('i64');
    const odd = f.local('i64');
    const N = f.local('i64');
    const r = f.local('i64');
    const lz = f.local('i64');
    const sq = (x: () => Expr): Expr => m.i64.mul(x(), x());
    s.push(
      f.set(E, m.i64.sub(f.get(A.scale), c64(cx, fmt.fracMax))),
      f.set(odd, m.i64.and(f.get(E), c64(cx, 1))),
      f.set(N, m.i64.shl(f.get(A.sig), m.i64.add(f.get(odd), c64(cx, 2 * T)))),
      // f64 sqrt is within one unit of the integer root here; correct both ways.
      f.set(r, m.i64.trunc_u.f64(m.f64.sqrt(m.f64.convert_u.i64(f.get(N))))),
      f.set(r, m.select(m.i64.gt_u(sq(() => f.get(r)), f.get(N)), m.i64.sub(f.get(r), c64(cx, 1)), f.get(r))),
      f.set(
        r,
        m.select(
          m.i64.le_u(sq(() => m.i64.add(f.get(r), c64(cx, 1))), f.get(N)),
          m.i64.add(f.get(r), c64(cx, 1)),
          f.get(r),
        ),
      ),
      f.set(r, m.i64.or(f.get(r), m.i64.extend_u(m.i64.ne(sq(() => f.get(r)), f.get(N))))),
      f.set(lz, m.i64.clz(f.get(r))),
    );
    // sqrt = r * 2^((E - odd)/2 - T); the leading bit of r is at 63 - lz.
    const scale = m.i64.add(
      m.i64.sub(m.i64.shr_s(m.i64.sub(f.get(E), f.get(odd)), c64(cx, 1)), c64(cx, T)),
      m.i64.sub(c64(cx, 63), f.get(lz)),
    );
    const body = m.i64.shl(f.get(r), m.i64.add(f.get(lz), c64(cx, 1)));
    return pack(cx, { sign: c32(cx, 0), scale, body }, s);
  });
}
