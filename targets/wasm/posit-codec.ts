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
  const x32 = f.local('i32');
  const s = f.local('i32');
  const A = f.local('i64');
  out.push(
    f.set(x32, fmt.n === 32 ? x : m.i32.shl(x, c32(cx, 32 - fmt.n))),
    f.set(s, m.i32.shr_s(f.get(x32), c32(cx, 31))),
    f.set(A, m.i64.shl(m.i64.extend_u(m.i32.sub(m.i32.xor(f.get(x32), f.get(s)), f.get(s))), c64(cx, 32))),
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
  /** i32 0/1: some nonzero bits lie below body. Omit when none can. */
  readonly sticky?: Expr;
  /** True when the low es+2 bits of body may be nonzero (they are folded into sticky). */
  readonly bodyLowBits?: boolean;
}

/** Rounds to the format: returns the i32 pattern (zero-extended n bits). Appends statements. */
export function pack(cx: KernelCx, inp: PackInput, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const { es } = fmt;
  const scale = f.local('i64');
  const body = f.local('i64');
  const sign = f.local('i32');
  const r = f.local('i32');
  const done = f.label('pack');
  let sticky: Expr | undefined = inp.sticky;
  if (inp.bodyLowBits) {
    // pack drops the low es+2 bits of body; fold them into the sticky bit.
    const low = m.i64.ne(m.i64.shl(f.get(body), c64(cx, 62 - es)), c64(cx, 0));
    sticky = sticky === undefined ? low : m.i32.or(sticky, low);
  }
  const s: Expr[] = [
    f.set(scale, inp.scale),
    f.set(body, inp.body),
    f.set(sign, inp.sign),
    // Out of range (rare): saturate at maxpos or minpos, never NaR or 0.
    m.if(
      m.i64.gt_u(m.i64.sub(f.get(scale), c64(cx, fmt.minScale)), c64(cx, fmt.maxScale - fmt.minScale)),
      m.block(null, [
        f.set(r, applySign(cx, m.select(m.i64.gt_s(f.get(scale), c64(cx, 0)), c32(cx, fmt.maxpos), c32(cx, 1)), sign)),
        m.br(done),
      ]),
    ),
  ];
  s.push(f.set(r, packInRange(cx, scale, body, sticky, sign, s)));
  out.push(m.block(done, s, 'none'));
  return f.get(r);
}

/** (p ^ s) - s within n bits. */
function applySign(cx: KernelCx, p: Expr, sign: Local): Expr {
  const { m, f, fmt } = cx;
  const signed = m.i32.sub(m.i32.xor(p, f.get(sign)), f.get(sign));
  return fmt.n === 32 ? signed : m.i32.and(signed, c32(cx, 2 ** fmt.n - 1));
}

/**
 * Encodes an in-range scale. The bit string regime|exponent|fraction is built as one i64 V whose
 * top two bits are 10 (k >= 0) or 01 (k < 0); an arithmetic shift by k (or -k-1) then replicates
 * the regime run, so no regime table or branch is needed. Bits of V that fall below the rounding
 * bit are found with one ctz.
 */
function packInRange(
  cx: KernelCx,
  scale: Local,
  body: Local,
  sticky: Expr | undefined,
  sign: Local,
  out: Expr[],
): Expr {
  const { m, f, fmt } = cx;
  const { n, es } = fmt;
  const k = f.local('i64');
  const t = f.local('i64');
  const kt = f.local('i64');
  const eBits = f.local('i64');
  const V = f.local('i64');
  const S = f.local('i64');
  const p = f.local('i32');
  const MIN = -(1n << 63n);
  out.push(
    f.set(k, m.i64.shr_s(f.get(scale), c64(cx, es))),
    f.set(t, m.i64.shr_s(f.get(k), c64(cx, 63))),
    f.set(kt, m.i64.xor(f.get(k), f.get(t))),
    // Exponent field just below the two regime-seed bits.
    f.set(eBits, m.i64.shr_u(m.i64.shl(f.get(scale), c64(cx, 64 - es)), c64(cx, 2))),
  );
  const seeded = m.i64.or(
    m.i64.or(m.i64.xor(m.i64.shl(f.get(t), c64(cx, 62)), c64(cx, MIN)), f.get(eBits)),
    m.i64.shr_u(f.get(body), c64(cx, es + 2)),
  );
  if (fmt.bounded) {
    // A run that reaches the cap (k = rs-1 or -rs) has no terminating bit: seed with one bit only.
    const capped = m.i64.or(
      m.i64.or(m.i64.and(m.i64.xor(f.get(t), c64(cx, -1)), c64(cx, MIN)), m.i64.shl(f.get(eBits), c64(cx, 1))),
      m.i64.shr_u(f.get(body), c64(cx, es + 1)),
    );
    out.push(f.set(V, m.select(m.i64.eq(f.get(kt), c64(cx, fmt.rs - 1)), capped, seeded)));
  } else {
    out.push(f.set(V, seeded));
  }
  let st: Expr = m.i64.lt_u(m.i64.ctz(f.get(V)), m.i64.add(f.get(kt), c64(cx, 64 - n)));
  if (sticky !== undefined) st = m.i32.or(st, sticky);
  out.push(
    f.set(S, m.i64.shr_s(f.get(V), f.get(kt))),
    f.set(p, m.i32.wrap(m.i64.shr_u(f.get(S), c64(cx, 65 - n)))),
    // Round to nearest, ties to even, on the bit string.
    f.set(
      p,
      m.i32.add(
        f.get(p),
        m.i32.and(m.i32.wrap(m.i64.shr_u(f.get(S), c64(cx, 64 - n))), m.i32.and(m.i32.or(st, f.get(p)), c32(cx, 1))),
      ),
    ),
  );
  if (fmt.bounded) {
    out.push(
      // Never round to zero, never carry into NaR.
      f.set(p, m.select(m.i32.eqz(f.get(p)), c32(cx, 1), f.get(p))),
      f.set(p, m.select(m.i32.eq(f.get(p), c32(cx, fmt.nar)), c32(cx, fmt.maxpos), f.get(p))),
    );
  }
  return applySign(cx, f.get(p), sign);
}
