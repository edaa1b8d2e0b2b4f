// Posit decode (unpack) and encode (pack) as inline WASM expression builders, shared by every
// posit kernel. Unpack turns a nonzero, non-NaR pattern into a scale and a significand with the
// hidden bit at `fmt.fracMax`; pack rounds (scale, fraction) to the format, to nearest even on
// the bit string, saturating at maxpos/minpos. Everything is branch-free i64 arithmetic.
import type { Expr, FnBuilder, Local, WasmModule } from './binaryen.ts';
import type { KernelFormat } from './posit-format.ts';

/** What an inline kernel builder needs: the module, the function under construction, the format. */
export interface KernelCx {
  readonly m: WasmModule;
  readonly f: FnBuilder;
  readonly fmt: KernelFormat;
}

/** An i64 constant. */
export function c64(cx: KernelCx, v: number | bigint): Expr {
  return cx.m.i64.const(BigInt.asIntN(64, BigInt(v)));
}

/** An i32 constant. */
export function c32(cx: KernelCx, v: number): Expr {
  return cx.m.i32.const(v | 0);
}

/** A decoded nonzero, non-NaR posit: scale (i64) and significand (i64, hidden bit at fracMax). */
export interface Unpacked {
  readonly scale: Local;
  readonly sig: Local;
}

/** i32 test: the pattern is 0 or NaR (all bits below the sign are zero). */
export function isZeroOrNar(cx: KernelCx, x: Expr): Expr {
  const { m, fmt } = cx;
  return m.i32.eqz(m.i32.shl(x, c32(cx, 33 - fmt.n)));
}

/** i32 mask: -1 when the pattern is negative, else 0. */
export function signMask(cx: KernelCx, x: Expr): Expr {
  const { m, fmt } = cx;
  return m.i32.shr_s(m.i32.shl(x, c32(cx, 32 - fmt.n)), c32(cx, 31));
}

/** The pattern of -x (two's complement within n bits; NaR and 0 map to themselves). */
export function negate(cx: KernelCx, x: Expr): Expr {
  const { m, fmt } = cx;
  const neg = m.i32.sub(c32(cx, 0), x);
  return fmt.n === 32 ? neg : m.i32.and(neg, c32(cx, 2 ** fmt.n - 1));
}

/** |x| as a left-aligned i64 pattern (sign bit 0), for magnitude comparisons and unpacking. */
export function absAligned(cx: KernelCx, x: Expr, out: Expr[]): Local {
  const { m, f, fmt } = cx;
  const X = f.local('i64');
  const S = f.local('i64');
  const A = f.local('i64');
  out.push(
    f.set(X, m.i64.shl(m.i64.extend_u(x), c64(cx, 64 - fmt.n))),
    f.set(S, m.i64.shr_s(f.get(X), c64(cx, 63))),
    f.set(A, m.i64.sub(m.i64.xor(f.get(X), f.get(S)), f.get(S))),
  );
  return A;
}

/** Unpacks |x| given as a left-aligned magnitude (see absAligned). */
export function unpackAbs(cx: KernelCx, A: Local, out: Expr[]): Unpacked {
  const { m, f, fmt } = cx;
  const Y = f.local('i64');
  const inv = f.local('i64');
  const run = f.local('i64');
  const R = f.local('i64');
  const scale = f.local('i64');
  const sig = f.local('i64');
  out.push(
    f.set(Y, m.i64.shl(f.get(A), c64(cx, 1))),
    f.set(inv, m.i64.shr_s(f.get(Y), c64(cx, 63))),
    // Run length of the regime: leading bits equal to the first one.
    f.set(run, m.i64.clz(m.i64.xor(f.get(Y), f.get(inv)))),
  );
  let len: Expr;
  if (fmt.bounded) {
    out.push(f.set(run, m.select(m.i64.gt_u(f.get(run), c64(cx, fmt.rs)), c64(cx, fmt.rs), f.get(run))));
    // A run that reaches the cap has no terminating bit.
    len = m.i64.add(f.get(run), m.i64.extend_u(m.i64.lt_u(f.get(run), c64(cx, fmt.rs))));
  } else {
    len = m.i64.add(f.get(run), c64(cx, 1));
  }
  // k = run - 1 for a run of ones, -run for zeros: inv ^ -run.
  const k = m.i64.xor(f.get(inv), m.i64.sub(c64(cx, 0), f.get(run)));
  out.push(
    f.set(R, m.i64.shl(f.get(Y), len)),
    f.set(scale, m.i64.add(m.i64.shl(k, c64(cx, fmt.es)), m.i64.shr_u(f.get(R), c64(cx, 64 - fmt.es)))),
    f.set(
      sig,
      m.i64.or(
        m.i64.shr_u(m.i64.shl(f.get(R), c64(cx, fmt.es)), c64(cx, 64 - fmt.fracMax)),
        c64(cx, 1n << BigInt(fmt.fracMax)),
      ),
    ),
  );
  return { scale, sig };
}

/** Unpacks a nonzero, non-NaR pattern (i32, zero-extended n bits). */
export function unpack(cx: KernelCx, x: Expr, out: Expr[]): Unpacked {
  return unpackAbs(cx, absAligned(cx, x, out), out);
}

/** Inputs of pack: the value is (-1)^sign * 2^scale * (1 + body/2^64) (+ sticky below body). */
export interface PackInput {
  /** i32 mask: -1 negative, 0 positive. */
  readonly sign: Expr;
  /** i64 scale (any value; saturated here). */
  readonly scale: Expr;
  /** i64 fraction bits, left-aligned, hidden bit removed. */
  readonly body: Expr;
  /** i64 0/1: some nonzero bits lie below body. Omit when none can. */
  readonly sticky?: Expr;
  /** True when the low `es` bits of body may be nonzero (they are folded into sticky). */
  readonly bodyLowBits?: boolean;
}

/** Rounds to the format: returns the i32 pattern (zero-extended n bits). Appends statements. */
export function pack(cx: KernelCx, inp: PackInput, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const { es } = fmt;
  const scale = f.local('i64');
  const body = f.local('i64');
  const sticky = f.local('i64');
  const over = f.local('i32');
  const under = f.local('i32');
  out.push(
    f.set(scale, inp.scale),
    f.set(body, inp.body),
    f.set(over, m.i64.gt_s(f.get(scale), c64(cx, fmt.maxScale))),
    f.set(under, m.i64.lt_s(f.get(scale), c64(cx, fmt.minScale))),
  );
  let st: Expr = inp.sticky ?? c64(cx, 0);
  if (inp.bodyLowBits) {
    st = m.i64.or(st, m.i64.extend_u(m.i64.ne(m.i64.shl(f.get(body), c64(cx, 64 - es)), c64(cx, 0))));
  }
  const outside = (): Expr => m.i32.or(f.get(over), f.get(under));
  // Saturate: out-of-range magnitudes become maxpos/minpos, never NaR or 0.
  out.push(
    f.set(sticky, m.select(outside(), c64(cx, 0), st)),
    f.set(
      body,
      fmt.bounded
        ? m.select(f.get(over), c64(cx, -1), m.select(f.get(under), c64(cx, 0), f.get(body)))
        : m.select(outside(), c64(cx, 0), f.get(body)),
    ),
    f.set(
      scale,
      m.select(f.get(over), c64(cx, fmt.maxScale), m.select(f.get(under), c64(cx, fmt.minScale), f.get(scale))),
    ),
  );
  return packInRange(cx, inp.sign, scale, body, sticky, out);
}

function packInRange(cx: KernelCx, sign: Expr, scale: Local, body: Local, sticky: Local, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const { n, es } = fmt;
  const k = f.local('i64');
  const eb = f.local('i64');
  const len = f.local('i64');
  const S = f.local('i64');
  const p = f.local('i64');
  const pos = (): Expr => m.i64.ge_s(f.get(k), c64(cx, 0));
  out.push(
    f.set(k, m.i64.shr_s(f.get(scale), c64(cx, es))),
    // Exponent field followed by the fraction, left-aligned.
    f.set(
      eb,
      m.i64.or(
        m.i64.shl(m.i64.and(f.get(scale), c64(cx, (1 << es) - 1)), c64(cx, 64 - es)),
        m.i64.shr_u(f.get(body), c64(cx, es)),
      ),
    ),
  );
  // Regime: k >= 0 is k+1 ones then 0; k < 0 is -k zeros then 1.
  let regime = m.select(
    pos(),
    m.i64.shl(c64(cx, -1), m.i64.sub(c64(cx, 63), f.get(k))),
    m.i64.shl(c64(cx, 1), m.i64.add(c64(cx, 63), f.get(k))),
  );
  let lenE = m.select(pos(), m.i64.add(f.get(k), c64(cx, 2)), m.i64.sub(c64(cx, 1), f.get(k)));
  if (fmt.bounded) {
    // A capped run has no terminator; the all-zeros run has no 1 either.
    regime = m.select(m.i64.eq(f.get(k), c64(cx, -fmt.rs)), c64(cx, 0), regime);
    out.push(f.set(len, lenE));
    lenE = m.select(m.i64.gt_s(f.get(len), c64(cx, fmt.rs)), c64(cx, fmt.rs), f.get(len));
  }
  out.push(
    f.set(len, lenE),
    f.set(S, m.i64.or(regime, m.i64.shr_u(f.get(eb), f.get(len)))),
    // Everything of eb that lands below the rounding bit, plus the caller's sticky.
    f.set(
      sticky,
      m.i64.or(
        f.get(sticky),
        m.i64.extend_u(m.i64.ne(m.i64.shl(f.get(eb), m.i64.sub(c64(cx, n), f.get(len))), c64(cx, 0))),
      ),
    ),
    f.set(p, m.i64.shr_u(f.get(S), c64(cx, 65 - n))),
    // Round to nearest, ties to even, on the bit string.
    f.set(
      p,
      m.i64.add(
        f.get(p),
        m.i64.and(
          m.i64.shr_u(f.get(S), c64(cx, 64 - n)),
          m.i64.and(m.i64.or(f.get(sticky), f.get(p)), c64(cx, 1)),
        ),
      ),
    ),
  );
  let r: Expr = m.i32.wrap(f.get(p));
  if (fmt.bounded) {
    const pi = f.local('i32');
    out.push(
      f.set(pi, r),
      // Never round to zero, never carry into NaR.
      f.set(pi, m.select(m.i32.eqz(f.get(pi)), c32(cx, 1), f.get(pi))),
      f.set(pi, m.select(m.i32.eq(f.get(pi), c32(cx, fmt.nar)), c32(cx, fmt.maxpos), f.get(pi))),
    );
    r = f.get(pi);
  }
  const s = f.local('i32');
  out.push(f.set(s, sign));
  const signed = m.i32.sub(m.i32.xor(r, f.get(s)), f.get(s));
  return fmt.n === 32 ? signed : m.i32.and(signed, c32(cx, 2 ** n - 1));
}
