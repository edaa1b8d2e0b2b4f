// Posit kernels the model module needs beyond the kernel library: a gathered quire FMA for the
// column-skipping dense (only the nonzero inputs of a hard-gated row are accumulated), and the
// quire quotient round(Q / B) with a single rounding (the batch Mean, spec/interpreter.md 3).
// Both build on the library's inline quire and pack builders, so rounding is shared code.
import type { Expr, WasmModule } from './binaryen.ts';
import { forRange, localTuple } from './emit-context.ts';
import { loadPosit } from './kernel-loops.ts';
import { c32, c64, pack, type KernelCx } from './posit-codec.ts';
import type { KernelFormat } from './posit-format.ts';
import { emitQuireFma } from './posit-quire.ts';

/** Name of `qp_fma_gather(q, wRow, idx, vals, n)`: q += Σ_t wRow[idx[t]]·vals[t]. */
export const gatherName = (fmt: KernelFormat): string => `${fmt.quirePrefix}_fma_gather`;

/** Name of `qp_quotient(q, tmp, d) -> posit`: round(Q / d) once; d > 0; tmp is quire-sized scratch. */
export const quotientName = (fmt: KernelFormat): string => `${fmt.quirePrefix}_quotient`;

/** Emits the quotient, and the gathered FMA when the model has column-skipping layers. */
export function emitPositExtras(m: WasmModule, fmt: KernelFormat, need: { readonly gather: boolean }): void {
  if (need.gather) emitGather(m, fmt);
  emitQuotient(m, fmt);
}

function emitGather(m: WasmModule, fmt: KernelFormat): void {
  const f = m.fn(gatherName(fmt), ['i32', 'i32', 'i32', 'i32', 'i32'], 'none');
  const [q, w, idx, vals, n] = [0, 1, 2, 3, 4].map((i) => f.param(i)) as [ReturnType<typeof f.param>, ReturnType<typeof f.param>, ReturnType<typeof f.param>, ReturnType<typeof f.param>, ReturnType<typeof f.param>];
  const cx: KernelCx = { m, f, fmt };
  const b = fmt.bytes;
  f.finish([
    forRange(f, f.get(n), (t) => {
      const s: Expr[] = [];
      const col = m.i32.load(0, 4, m.i32.add(f.get(idx), m.i32.shl(f.get(t), m.i32.const(2))));
      const wv = loadPosit(m, fmt, m.i32.add(f.get(w), b === 1 ? col : m.i32.mul(col, m.i32.const(b))));
      const xv = loadPosit(m, fmt, m.i32.add(f.get(vals), m.i32.mul(f.get(t), m.i32.const(b))));
      emitQuireFma(cx, q, wv, xv, false, s);
      return s;
    }),
  ]);
}

/**
 * round(Q / d): the magnitude's top 63 bits are divided by d (< 2^31) with i64.div_u, which
 * leaves at least 32 quotient bits; the remainder and every bit below the window form the sticky
 * bit, so the one rounding by `pack` sees the exact quotient's bit string.
 */
function emitQuotient(m: WasmModule, fmt: KernelFormat): void {
  const f = m.fn(quotientName(fmt), ['i32', 'i32', 'i32'], 'i32');
  const [q, tmp, d] = [f.param(0), f.param(1), f.param(2)];
  const cx: KernelCx = { m, f, fmt };
  const L = fmt.quire.limbs;
  const I = m.i64;
  const [sign, carry, cur, hiW, nxW, rest, lz, W, top, qt, rem, lzq] = localTuple(f, ['i64', 'i64', 'i64', 'i64', 'i64', 'i64', 'i64', 'i64', 'i64', 'i64', 'i64', 'i64']);
  const h = f.local('i32');
  const found = f.label('found');
  const scan = f.label('scan');
  const limb = (base: Expr, i: Expr): Expr => I.load(0, 8, m.i32.add(base, m.i32.shl(i, m.i32.const(3))));
  const stmts: Expr[] = [
    m.if(m.call(`${fmt.quirePrefix}_is_nar`, [f.get(q)], 'i32'), m.return(c32(cx, fmt.nar))),
    f.set(sign, I.shr_s(I.load(8 * (L - 1), 8, f.get(q)), c64(cx, 63))),
    f.set(carry, I.and(f.get(sign), c64(cx, 1))),
    // |Q| into tmp: (limb ^ sign) + carry, the carry rippling through zero limbs.
    forRange(f, c32(cx, L), (i) => [
      f.set(cur, I.add(I.xor(limb(f.get(q), f.get(i)), f.get(sign)), f.get(carry))),
      f.set(carry, I.and(f.get(carry), I.extend_u(I.eqz(f.get(cur))))),
      I.store(0, 8, m.i32.add(f.get(tmp), m.i32.shl(f.get(i), m.i32.const(3))), f.get(cur)),
    ]),
    f.set(h, c32(cx, L - 1)),
    m.block(found, [
      m.loop(scan, m.block(null, [
        m.br(found, I.ne(limb(f.get(tmp), f.get(h)), c64(cx, 0))),
        m.if(m.i32.eqz(f.get(h)), m.return(c32(cx, 0))),
        f.set(h, m.i32.sub(f.get(h), c32(cx, 1))),
        m.br(scan),
      ], 'none')),
    ], 'none'),
    f.set(hiW, limb(f.get(tmp), f.get(h))),
    f.set(nxW, m.select(f.get(h), limb(f.get(tmp), m.i32.sub(f.get(h), c32(cx, 1))), c64(cx, 0))),
    f.set(rest, c64(cx, 0)),
    forRange(f, m.i32.sub(f.get(h), c32(cx, 1)), (i) => [f.set(rest, I.or(f.get(rest), limb(f.get(tmp), f.get(i))))]),
    f.set(lz, I.clz(f.get(hiW))),
    f.set(W, I.or(I.shl(f.get(hiW), f.get(lz)), I.shr_u(I.shr_u(f.get(nxW), c64(cx, 1)), I.sub(c64(cx, 63), f.get(lz))))),
    f.set(top, I.shr_u(f.get(W), c64(cx, 1))),
    f.set(qt, I.div_u(f.get(top), I.extend_u(f.get(d)))),
    f.set(rem, I.rem_u(f.get(top), I.extend_u(f.get(d)))),
    f.set(lzq, I.clz(f.get(qt))),
  ];
  const sticky = m.i32.or(
    m.i32.or(I.ne(f.get(rem), c64(cx, 0)), m.i32.wrap(I.and(f.get(W), c64(cx, 1)))),
    m.i32.or(I.ne(I.shl(f.get(nxW), f.get(lz)), c64(cx, 0)), I.ne(f.get(rest), c64(cx, 0))),
  );
  // The window's bit 63 weighs 2^(64h + 63 - lz + lsbExp); top = window >> 1; q's leading bit is 63 - lzq.
  const scale = I.add(
    I.sub(I.sub(I.shl(I.extend_u(f.get(h)), c64(cx, 6)), f.get(lz)), f.get(lzq)),
    c64(cx, 63 + fmt.quire.lsbExp - 62 + 63),
  );
  const body = I.shl(f.get(qt), I.add(f.get(lzq), c64(cx, 1)));
  const r = pack(cx, { sign: m.i32.wrap(f.get(sign)), scale, body, sticky, bodyLowBits: true }, stmts);
  f.finish([...stmts, r]);
}
