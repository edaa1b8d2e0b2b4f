// Quire kernels: exact accumulation of posit products in linear memory, rounded once on read.
// Layout (posit-format.ts QuireGeometry): `limbs` little-endian i64 words forming one
// two's-complement fixed-point integer; NaR is 1 followed by zeros. An accumulation touches only
// the two limbs the shifted product spans, then ripples a carry; NaR is sticky, and a carry out of
// the guard bits (a sign flip the addend cannot cause) turns the quire into NaR instead of wrapping.
import type { Expr, FnBuilder, Local, WasmModule } from './binaryen.ts';
import { c32, c64, isZeroOrNar, signMask, unpack } from './posit-codec.ts';
import type { KernelCx } from './posit-codec.ts';
import type { KernelFormat } from './posit-format.ts';
import { countedLoop, loadPosit } from './kernel-loops.ts';
import { emitQuireIsNar, emitQuireToPosit } from './posit-quire-round.ts';

const INT64_MIN = -(1n << 63n);

/** Scratch bytes the dot kernels of a format use (one quire). */
export function quireScratchBytes(fmt: KernelFormat): number {
  return fmt.quire.bytes;
}

function topOffset(fmt: KernelFormat): number {
  return fmt.quire.bytes - 8;
}

/** Stores the NaR pattern into the quire at q. */
function setNar(cx: KernelCx, q: Local): Expr {
  const { m, f, fmt } = cx;
  return m.block(null, [
    m.memoryFill(f.get(q), c32(cx, 0), c32(cx, fmt.quire.bytes - 8)),
    m.i64.store(topOffset(fmt), 8, f.get(q), c64(cx, INT64_MIN)),
  ]);
}

/** Largest bit offset of a product's bit 0, to decide whether the two-limb window may overhang. */
function maxProductOffset(fmt: KernelFormat): number {
  return 2 * fmt.maxScale - 2 * fmt.fracMax - fmt.quire.lsbExp;
}

/** What gets added: magnitude P (i64) at bit offset o (i64, may be negative), negated when neg != 0. */
interface Addend {
  readonly neg: Expr;
  readonly P: Local;
  readonly o: Local;
}

/**
 * q += (-1)^neg * P * 2^o, in place. `operands` appends the operand handling (specials may
 * branch to `leave`) and returns the addend. NaR in the quire is checked first and sticks.
 */
function emitAccumulate(
  cx: KernelCx,
  q: Local,
  out: Expr[],
  operands: (s: Expr[], leave: () => Expr) => Addend,
): void {
  const { m, f, fmt } = cx;
  const done = f.label('acc');
  const top0 = f.local('i64');
  const s: Expr[] = [
    f.set(top0, m.i64.load(topOffset(fmt), 8, f.get(q))),
    m.if(
      m.i64.eq(f.get(top0), c64(cx, INT64_MIN)),
      m.if(m.call(`${fmt.quirePrefix}_is_nar`, [f.get(q)], 'i32'), m.br(done)),
    ),
  ];
  const { neg, P, o } = operands(s, () => m.br(done));
  const negL = f.local('i32');
  // Bits below the quire's LSB are zero (the quire is exact), so shifting them out loses nothing.
  s.push(
    f.set(negL, neg),
    f.set(P, m.i64.shr_u(f.get(P), m.i64.and(m.i64.sub(c64(cx, 0), f.get(o)), m.i64.shr_s(f.get(o), c64(cx, 63))))),
    f.set(o, m.i64.and(f.get(o), m.i64.xor(m.i64.shr_s(f.get(o), c64(cx, 63)), c64(cx, -1)))),
  );
  const { addr, lo, hi } = emitWindow(cx, q, P, o, s);
  s.push(m.if(f.get(negL), subPair(cx, q, addr, lo, hi), addPair(cx, q, addr, lo, hi)));
  // Overflow: the top limb's sign moved away from the addend's sign.
  const top1 = m.i64.load(topOffset(fmt), 8, f.get(q));
  const flipped = m.i64.xor(f.get(top0), top1);
  const wasSame = m.i64.xor(f.get(top0), m.i64.xor(m.i64.extend_s(m.i32.sub(c32(cx, 0), f.get(negL))), c64(cx, -1)));
  s.push(m.if(m.i64.lt_s(m.i64.and(flipped, wasSame), c64(cx, 0)), setNar(cx, q)));
  out.push(m.block(done, s, 'none'));
}

/** The two limbs P * 2^o (o >= 0) spans: the first limb's address and the two 64-bit pieces. */
function emitWindow(cx: KernelCx, q: Local, P: Local, o: Local, s: Expr[]): { addr: Local; lo: Local; hi: Local } {
  const { m, f, fmt } = cx;
  const sh = f.local('i64');
  const addr = f.local('i32');
  const lo = f.local('i64');
  const hi = f.local('i64');
  const lastPair = fmt.quire.limbs - 2;
  if (maxProductOffset(fmt) >= 64 * (fmt.quire.limbs - 1)) {
    // The product may sit in the top limb alone: use the window (limbs-2, limbs-1) and a 128-bit shift.
    const j = f.local('i64');
    s.push(
      f.set(j, m.i64.shr_u(f.get(o), c64(cx, 6))),
      f.set(j, m.select(m.i64.gt_u(f.get(j), c64(cx, lastPair)), c64(cx, lastPair), f.get(j))),
      f.set(sh, m.i64.sub(f.get(o), m.i64.shl(f.get(j), c64(cx, 6)))),
      f.set(addr, m.i32.add(f.get(q), m.i32.wrap(m.i64.shl(f.get(j), c64(cx, 3))))),
      f.set(lo, m.select(m.i64.lt_u(f.get(sh), c64(cx, 64)), m.i64.shl(f.get(P), f.get(sh)), c64(cx, 0))),
      f.set(
        hi,
        m.select(
          m.i64.lt_u(f.get(sh), c64(cx, 64)),
          m.i64.shr_u(m.i64.shr_u(f.get(P), c64(cx, 1)), m.i64.sub(c64(cx, 63), f.get(sh))),
          m.i64.shl(f.get(P), m.i64.sub(f.get(sh), c64(cx, 64))),
        ),
      ),
    );
  } else {
    s.push(
      f.set(sh, m.i64.and(f.get(o), c64(cx, 63))),
      f.set(addr, m.i32.add(f.get(q), m.i32.wrap(m.i64.shl(m.i64.shr_u(f.get(o), c64(cx, 6)), c64(cx, 3))))),
      f.set(lo, m.i64.shl(f.get(P), f.get(sh))),
      f.set(hi, m.i64.shr_u(m.i64.shr_u(f.get(P), c64(cx, 1)), m.i64.sub(c64(cx, 63), f.get(sh)))),
    );
  }
  return { addr, lo, hi };
}

/** L[j] += lo; L[j+1] += hi + carry; ripple the carry upward. */
function addPair(cx: KernelCx, q: Local, addr: Local, lo: Local, hi: Local): Expr {
  const { m, f } = cx;
  const v = f.local('i64');
  const c = f.local('i64');
  return m.block(null, [
    f.set(v, m.i64.add(m.i64.load(0, 8, f.get(addr)), f.get(lo))),
    m.i64.store(0, 8, f.get(addr), f.get(v)),
    f.set(c, m.i64.extend_u(m.i64.lt_u(f.get(v), f.get(lo)))),
    f.set(c, m.i64.add(f.get(hi), f.get(c))),
    f.set(v, m.i64.add(m.i64.load(8, 8, f.get(addr)), f.get(c))),
    m.i64.store(8, 8, f.get(addr), f.get(v)),
    m.if(m.i64.lt_u(f.get(v), f.get(c)), ripple(cx, q, addr, 'carry')),
  ]);
}

/** L[j] -= lo; L[j+1] -= hi + borrow; ripple the borrow upward. */
function subPair(cx: KernelCx, q: Local, addr: Local, lo: Local, hi: Local): Expr {
  const { m, f } = cx;
  const old = f.local('i64');
  const b = f.local('i64');
  return m.block(null, [
    f.set(old, m.i64.load(0, 8, f.get(addr))),
    m.i64.store(0, 8, f.get(addr), m.i64.sub(f.get(old), f.get(lo))),
    f.set(b, m.i64.add(f.get(hi), m.i64.extend_u(m.i64.lt_u(f.get(old), f.get(lo))))),
    f.set(old, m.i64.load(8, 8, f.get(addr))),
    m.i64.store(8, 8, f.get(addr), m.i64.sub(f.get(old), f.get(b))),
    m.if(m.i64.lt_u(f.get(old), f.get(b)), ripple(cx, q, addr, 'borrow')),
  ]);
}

/** Propagates a carry (+1) or borrow (-1) from limb j+2 upward until it is absorbed or leaves the top. */
function ripple(cx: KernelCx, q: Local, addr: Local, kind: 'carry' | 'borrow'): Expr {
  const { m, f, fmt } = cx;
  const p = f.local('i32');
  const v = f.local('i64');
  const end = m.i32.add(f.get(q), c32(cx, fmt.quire.bytes));
  const exit = f.label('ripple');
  const top = f.label('rippleLoop');
  const step = kind === 'carry' ? 1 : -1;
  const absorbed = kind === 'carry' ? m.i64.ne(f.get(v), c64(cx, 0)) : m.i64.ne(f.get(v), c64(cx, -1));
  return m.block(exit, [
    f.set(p, m.i32.add(f.get(addr), c32(cx, 16))),
    m.loop(
      top,
      m.block(null, [
        m.br(exit, m.i32.ge_u(f.get(p), end)),
        f.set(v, m.i64.add(m.i64.load(0, 8, f.get(p)), c64(cx, step))),
        m.i64.store(0, 8, f.get(p), f.get(v)),
        m.br(exit, absorbed),
        f.set(p, m.i32.add(f.get(p), c32(cx, 8))),
        m.br(top),
      ]),
    ),
  ], 'none');
}

/** q += a*b (or q -= a*b when `negate`), inline. */
export function emitQuireFma(cx: KernelCx, q: Local, a: Expr, b: Expr, negate: boolean, out: Expr[]): void {
  const { m, f, fmt } = cx;
  const la = f.local('i32');
  const lb = f.local('i32');
  out.push(f.set(la, a), f.set(lb, b));
  emitAccumulate(cx, q, out, (s, leave) => {
    const nar = m.i32.or(m.i32.eq(f.get(la), c32(cx, fmt.nar)), m.i32.eq(f.get(lb), c32(cx, fmt.nar)));
    s.push(
      m.if(
        m.i32.or(isZeroOrNar(cx, f.get(la)), isZeroOrNar(cx, f.get(lb))),
        m.block(null, [m.if(nar, setNar(cx, q)), leave()]),
      ),
    );
    const A = unpack(cx, f.get(la), s);
    const B = unpack(cx, f.get(lb), s);
    const P = f.local('i64');
    const o = f.local('i64');
    s.push(
      f.set(P, m.i64.mul(f.get(A.sig), f.get(B.sig))),
      f.set(
        o,
        m.i64.add(m.i64.add(f.get(A.scale), f.get(B.scale)), c64(cx, -2 * fmt.fracMax - fmt.quire.lsbExp)),
      ),
    );
    const sign = m.i32.and(signMask(cx, m.i32.xor(f.get(la), f.get(lb))), c32(cx, 1));
    return { neg: negate ? m.i32.xor(sign, c32(cx, 1)) : sign, P, o };
  });
}

/** q += a (or q -= a when `negate`), inline. */
function emitQuireAddPosit(cx: KernelCx, q: Local, a: Expr, negate: boolean, out: Expr[]): void {
  const { m, f, fmt } = cx;
  const la = f.local('i32');
  out.push(f.set(la, a));
  emitAccumulate(cx, q, out, (s, leave) => {
    s.push(
      m.if(
        isZeroOrNar(cx, f.get(la)),
        m.block(null, [m.if(m.i32.eq(f.get(la), c32(cx, fmt.nar)), setNar(cx, q)), leave()]),
      ),
    );
    const A = unpack(cx, f.get(la), s);
    const o = f.local('i64');
    s.push(f.set(o, m.i64.add(f.get(A.scale), c64(cx, -fmt.fracMax - fmt.quire.lsbExp))));
    const sign = m.i32.and(signMask(cx, f.get(la)), c32(cx, 1));
    return { neg: negate ? m.i32.xor(sign, c32(cx, 1)) : sign, P: A.sig, o };
  });
}

function finishExported(m: WasmModule, f: FnBuilder, body: readonly Expr[], exportAll: boolean): void {
  f.finish(body);
  if (exportAll) m.exportFunction(f.name);
}

/**
 * Emits the quire kernels of a format (prefix qp = fmt.quirePrefix; q is the quire's byte address):
 * qp_clear(q), qp_is_nar(q)->i32, qp_fma(q,a,b), qp_fms(q,a,b), qp_add(q,a), qp_sub(q,a),
 * qp_to(q)->posit, qp_fma_arr(q,aPtr,bPtr,n) (q += sum a[i]*b[i]) and qp_dot(aPtr,bPtr,n)->posit
 * (fused dot product rounded once, using the quire-sized scratch area at scratchBase).
 */
export function emitQuireKernels(m: WasmModule, fmt: KernelFormat, scratchBase: number, exportAll: boolean): void {
  const qp = fmt.quirePrefix;
  {
    const f = m.fn(`${qp}_clear`, ['i32'], 'none');
    finishExported(m, f, [m.memoryFill(f.get(f.param(0)), m.i32.const(0), m.i32.const(fmt.quire.bytes))], exportAll);
  }
  {
    const f = m.fn(`${qp}_is_nar`, ['i32'], 'i32');
    finishExported(m, f, [emitQuireIsNar({ m, f, fmt }, f.param(0))], exportAll);
  }
  for (const negate of [false, true]) {
    const f = m.fn(`${qp}_${negate ? 'fms' : 'fma'}`, ['i32', 'i32', 'i32'], 'none');
    const out: Expr[] = [];
    emitQuireFma({ m, f, fmt }, f.param(0), f.get(f.param(1)), f.get(f.param(2)), negate, out);
    finishExported(m, f, out, exportAll);
  }
  for (const negate of [false, true]) {
    const f = m.fn(`${qp}_${negate ? 'sub' : 'add'}`, ['i32', 'i32'], 'none');
    const out: Expr[] = [];
    emitQuireAddPosit({ m, f, fmt }, f.param(0), f.get(f.param(1)), negate, out);
    finishExported(m, f, out, exportAll);
  }
  {
    const f = m.fn(`${qp}_to`, ['i32'], 'i32');
    const out: Expr[] = [];
    const r = emitQuireToPosit({ m, f, fmt }, f.param(0), out);
    finishExported(m, f, [...out, r], exportAll);
  }
  {
    const f = m.fn(`${qp}_fma_arr`, ['i32', 'i32', 'i32', 'i32'], 'none');
    const [q, pa, pb, n] = [f.param(0), f.param(1), f.param(2), f.param(3)];
    const cx = { m, f, fmt };
    const loop = countedLoop(f, n, [[pa, fmt.bytes], [pb, fmt.bytes]], (s) =>
      emitQuireFma(cx, q, loadPosit(m, fmt, f.get(pa)), loadPosit(m, fmt, f.get(pb)), false, s),
    );
    finishExported(m, f, [loop], exportAll);
  }
  {
    const f = m.fn(`${qp}_dot`, ['i32', 'i32', 'i32'], 'i32');
    const q = m.i32.const(scratchBase);
    const args = [f.get(f.param(0)), f.get(f.param(1)), f.get(f.param(2))];
    finishExported(
      m,
      f,
      [
        m.call(`${qp}_clear`, [q], 'none'),
        m.call(`${qp}_fma_arr`, [m.i32.const(scratchBase), ...args], 'none'),
        m.call(`${qp}_to`, [m.i32.const(scratchBase)], 'i32'),
      ],
      exportAll,
    );
  }
}
