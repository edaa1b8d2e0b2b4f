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

/** Rounds the quire at q to the format once; returns the i32 pattern. */
export function emitQuireToPosit(cx: KernelCx, q: Local, out: Expr[]): Expr {
  const { m, f, fmt } = cx;
  const limbs = fmt.quire.limbs;
  const r = f.local('i32');
  const label = f.label('qto');
  const s = f.local('i64');
  const carry = f.local('i64');
  const cur = f.local('i64');
  const prev = f.local('i64');
  const below = f.local('i64');
  const hiIdx = f.local('i64');
  const hiW = f.local('i64');
  const nxW = f.local('i64');
  const stk = f.local('i64');
  const stmts: Expr[] = [
    m.if(emitQuireIsNar(cx, q), m.block(null, [f.set(r, c32(cx, fmt.nar)), m.br(label)])),
    f.set(s, m.i64.shr_s(m.i64.load(8 * (limbs - 1), 8, f.get(q)), c64(cx, 63))),
    f.set(carry, m.i64.and(f.get(s), c64(cx, 1))),
    f.set(prev, c64(cx, 0)),
    f.set(below, c64(cx, 0)),
    f.set(hiW, c64(cx, 0)),
    f.set(hiIdx, c64(cx, 0)),
    f.set(nxW, c64(cx, 0)),
    f.set(stk, c64(cx, 0)),
  ];
  for (let i = 0; i < limbs; i++) {
    // Magnitude limb: (L ^ s) + carry, where the +1 of the negation ripples while limbs are zero.
    stmts.push(
      f.set(cur, m.i64.add(m.i64.xor(m.i64.load(8 * i, 8, f.get(q)), f.get(s)), f.get(carry))),
      f.set(carry, m.i64.and(f.get(carry), m.i64.extend_u(m.i64.eqz(f.get(cur))))),
    );
    const nz = m.i64.ne(f.get(cur), c64(cx, 0));
    stmts.push(
      f.set(stk, m.select(nz, f.get(below), f.get(stk))),
      f.set(nxW, m.select(m.i64.ne(f.get(cur), c64(cx, 0)), f.get(prev), f.get(nxW))),
      f.set(hiIdx, m.select(m.i64.ne(f.get(cur), c64(cx, 0)), c64(cx, i), f.get(hiIdx))),
      f.set(hiW, m.select(m.i64.ne(f.get(cur), c64(cx, 0)), f.get(cur), f.get(hiW))),
      // `below` collects every limb under `prev`.
      f.set(below, m.i64.or(f.get(below), f.get(prev))),
      f.set(prev, f.get(cur)),
    );
  }
  const lz = f.local('i64');
  const W = f.local('i64');
  stmts.push(
    m.if(m.i64.eqz(f.get(hiW)), m.block(null, [f.set(r, c32(cx, 0)), m.br(label)])),
    f.set(lz, m.i64.clz(f.get(hiW))),
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
  stmts.push(f.set(r, pack(cx, { sign: m.i32.wrap(f.get(s)), scale, body, sticky, bodyLowBits: true }, stmts)));
  out.push(m.block(label, stmts, 'none'));
  return f.get(r);
}
