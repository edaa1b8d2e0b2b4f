// Reading a quire: the NaR test and the single rounding of the exact quire value to the posit
// format. The magnitude is formed limb by limb (two's complement negation on the fly), its top 64
// bits become the significand and everything below folds into the sticky bit, then pack rounds.
import type { Expr, Local } from './binaryen.ts';
import { c32, c64, pack } from './posit-codec.ts';
import type { KernelCx } from './posit-codec.ts';

const INT64_MIN = -(1n << 63n);

/** i32 1 when the quire at q holds the NaR pattern (top limb INT64_MIN, all others 0). */
export function emitQuireIsNar(cx: KernelCx, q: Local): Expr {
  const { m, f, fmt } = cx;
  const limbs = fmt.quire.limbs;
  let rest: Expr = m.i64.load(0, 8, f.get(q));
  for (let i = 1; i < limbs - 1; i++) rest = m.i64.or(rest, m.i64.load(8 * i, 8, f.get(q)));
  return m.i32.and(
    m.i64.eq(m.i64.load(8 * (limbs - 1), 8, f.get(q)), c64(cx, INT64_MIN)),
    m.i64.eqz(rest),
  );
}

/** The leading nonzero limb of |quire|, the limb below it and whether anything lies lower. */
interface Leading {
  /** i64 mask: -1 when the quire is negative. */
  readonly sign: Local;
  readonly hiIdx: Local;
  readonly hiW: Local;
  readonly nxW: Local;
  /** i64: OR of every magnitude limb below nxW. */
  readonly stk: Local;
}

/** Scans the limbs bottom-up (unrolled), forming the magnitude on the fly. */
function scanMagnitude(cx: KernelCx, q: Local, stmts: Expr[]): Leading {
  const { m, f, fmt } = cx;
  const limbs = fmt.quire.limbs;
  const [sign, carry, cur, prev, below, hiIdx, hiW, nxW, stk] = Array.from({ length: 9 }, () => f.local('i64')) as [
    Local, Local, Local, Local, Local, Local, Local, Local, Local,
  ];
  stmts.push(
    f.set(sign, m.i64.shr_s(m.i64.load(8 * (limbs - 1), 8, f.get(q)), c64(cx, 63))),
    f.set(carry, m.i64.and(f.get(sign), c64(cx, 1))),
  );
  for (const l of [prev, below, hiIdx, hiW, nxW, stk]) stmts.push(f.set(l, c64(cx, 0)));
  const nz = (): Expr => m.i64.ne(f.get(cur), c64(cx, 0));
  for (let i = 0; i < limbs; i++) {
    stmts.push(
      // Magnitude limb: (L ^ s) + carry, where the +1 of the negation ripples while limbs are zero.
      f.set(cur, m.i64.add(m.i64.xor(m.i64.load(8 * i, 8, f.get(q)), f.get(sign)), f.get(carry))),
      f.set(carry, m.i64.and(f.get(carry), m.i64.extend_u(m.i64.eqz(f.get(cur))))),
      f.set(stk, m.select(nz(), f.get(below), f.get(stk))),
      f.set(nxW, m.select(nz(), f.get(prev), f.get(nxW))),
      f.set(hiIdx, m.select(nz(), c64(cx, i), f.get(hiIdx))),
      f.set(hiW, m.select(nz(), f.get(cur), f.get(hiW))),
      // `below` collects every limb under `prev`.
      f.set(below, m.i64.or(f.get(below), f.get(prev))),
      f.set(prev, f.get(cur)),
    );
  }
  return { sign, hiIdx, hiW, nxW, stk };
}

/** Rounds the quire at q to the format once; returns the i32 pattern. */
export function emitQuireToPosit(cx: KernelCx, q: Local, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const r = f.local('i32');
  const label = f.label('qto');
  const stmts: Expr[] = [m.if(emitQuireIsNar(cx, q), m.block(null, [f.set(r, c32(cx, fmt.nar)), m.br(label)]))];
  const { sign, hiIdx, hiW, nxW, stk } = scanMagnitude(cx, q, stmts);
  const lz = f.local('i64');
  const W = f.local('i64');
  stmts.push(
    m.if(m.i64.eqz(f.get(hiW)), m.block(null, [f.set(r, c32(cx, 0)), m.br(label)])),
    f.set(lz, m.i64.clz(f.get(hiW))),
    // The top 64 magnitude bits, leading 1 at bit 63; the rest of nxW and all lower limbs are sticky.
    f.set(
      W,
      m.i64.or(
        m.i64.shl(f.get(hiW), f.get(lz)),
        m.i64.shr_u(m.i64.shr_u(f.get(nxW), c64(cx, 1)), m.i64.sub(c64(cx, 63), f.get(lz))),
      ),
    ),
  );
  const sticky = m.i32.or(m.i64.ne(m.i64.shl(f.get(nxW), f.get(lz)), c64(cx, 0)), m.i64.ne(f.get(stk), c64(cx, 0)));
  const scale = m.i64.add(
    m.i64.sub(m.i64.shl(f.get(hiIdx), c64(cx, 6)), f.get(lz)),
    c64(cx, 63 + fmt.quire.lsbExp),
  );
  const body = m.i64.shl(f.get(W), c64(cx, 1));
  stmts.push(f.set(r, pack(cx, { sign: m.i32.wrap(f.get(sign)), scale, body, sticky, bodyLowBits: true }, stmts)));
  out.push(m.block(label, stmts, 'none'));
  return f.get(r);
}
