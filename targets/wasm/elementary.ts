// WASM port of tilegate's deterministic f64 elementary functions (runtime/numerics/elementary.ts,
// spec/numerics.md §8): the same fdlibm operation sequence, emitted through the binaryen wrapper
// as f64 functions `f64_exp`, `f64_expm1`, `f64_log`, `f64_tanh`, `f64_sigmoid`, `f64_gelu`.
// WASM f64 arithmetic is IEEE with round-to-nearest and never fuses, so the results are the TS
// definition's bits; the tests hold every function to that on 10^6 inputs, optimised or not.
import { ELEMENTARY_CONSTANTS as K } from '../../runtime/numerics/index.ts';
import type { Expr, FnBuilder, Local, WasmModule } from './binaryen.ts';
import { countedLoop } from './kernel-loops.ts';

/** The emitted function of each elementary function (f64 -> f64). */
export const ELEMENTARY_FUNCTIONS = {
  exp: 'f64_exp',
  expm1: 'f64_expm1',
  log: 'f64_log',
  tanh: 'f64_tanh',
  sigmoid: 'f64_sigmoid',
  gelu: 'f64_gelu',
} as const;

/** An elementary function's name. */
export type ElementaryName = keyof typeof ELEMENTARY_FUNCTIONS;

/** Adds all six functions to the module (once; later calls are no-ops). */
export function emitElementary(mod: WasmModule): void {
  if (mod.hasFunction(ELEMENTARY_FUNCTIONS.exp)) return;
  emitExp(mod);
  emitExpm1(mod);
  emitLog(mod);
  emitTanh(mod);
  emitSigmoid(mod);
  emitGelu(mod);
}

/**
 * Adds `f64_<name>_map(src, dst, n)`: dst[i] = f(src[i]) over n f64s at byte addresses src and
 * dst (the module needs a memory). Emits the elementary functions first if needed.
 */
export function emitElementaryMap(mod: WasmModule, name: ElementaryName): string {
  emitElementary(mod);
  const fnName = `${ELEMENTARY_FUNCTIONS[name]}_map`;
  if (mod.hasFunction(fnName)) return fnName;
  const f = mod.fn(fnName, ['i32', 'i32', 'i32'], 'none');
  const [src, dst, n] = [f.param(0), f.param(1), f.param(2)];
  const loop = countedLoop(f, n, [[src, 8], [dst, 8]], (s) => {
    s.push(mod.f64.store(0, 8, f.get(dst), mod.call(ELEMENTARY_FUNCTIONS[name], [mod.f64.load(0, 8, f.get(src))], 'f64')));
  });
  f.finish(loop);
  return fnName;
}

/** Expression helpers bound to one function under construction. */
function helpers(m: WasmModule, f: FnBuilder) {
  const F = m.f64;
  const I = m.i32;
  const get = (l: Local): Expr => f.get(l);
  return {
    F,
    I,
    get,
    set: (l: Local, v: Expr): Expr => f.set(l, v),
    c: (v: number): Expr => F.const(v),
    i: (v: number): Expr => I.const(v | 0),
    ret: (v: Expr): Expr => m.return(v),
    when: (cond: Expr, ...then: Expr[]): Expr => m.if(cond, then.length === 1 ? then[0]! : m.block(null, then, 'none')),
    ifElse: (cond: Expr, then: Expr[], otherwise: Expr[]): Expr =>
      m.if(cond, m.block(null, then, 'none'), m.block(null, otherwise, 'none')),
    sel: (cond: Expr, a: Expr, b: Expr): Expr => m.select(cond, a, b),
    call: (fn: string, x: Expr): Expr => m.call(fn, [x], 'f64'),
    /** High 32 bits of a double, as i32. */
    hiWord: (x: Expr): Expr => I.wrap(m.i64.shr_u(m.i64.reinterpret(x), m.i64.const(32n))),
    loWord: (x: Expr): Expr => I.wrap(m.i64.reinterpret(x)),
    fromWords: (hi: Expr, lo: Expr): Expr =>
      F.reinterpret(m.i64.or(m.i64.shl(m.i64.extend_u(hi), m.i64.const(32n)), m.i64.extend_u(lo))),
    /** 2^k from the exponent field (k in -1022..1023). */
    pow2: (k: Expr): Expr => F.reinterpret(m.i64.shl(m.i64.extend_u(I.add(k, I.const(1023))), m.i64.const(52n))),
    dk: (k: Local): Expr => F.convert_s.i32(get(k)),
    /** cs[0] + t*(cs[1] + t*(... + t*cs[n-1])), fdlibm's nesting. */
    horner: (t: Local, cs: readonly number[]): Expr =>
      cs.slice(0, -1).reduceRight<Expr>((acc, coef) => F.add(F.const(coef), F.mul(get(t), acc)), F.const(cs[cs.length - 1]!)),
  };
}

type H = ReturnType<typeof helpers>;

/** Locals shared by exp and expm1: sign/magnitude words, k and the reduced hi/lo pair. */
interface ExpLocals {
  readonly x: Local;
  readonly hw: Local;
  readonly ax: Local;
  readonly neg: Local;
  readonly k: Local;
  readonly hi: Local;
  readonly lo: Local;
}

function expLocals(f: FnBuilder): ExpLocals {
  return { x: f.param(0), hw: f.local('i32'), ax: f.local('i32'), neg: f.local('i32'), k: f.local('i32'), hi: f.local('f64'), lo: f.local('f64') };
}

/** hw, ax, neg from x. */
function signWords(h: H, v: ExpLocals): Expr[] {
  const { I, get, set, i } = h;
  return [set(v.hw, h.hiWord(get(v.x))), set(v.ax, I.and(get(v.hw), i(0x7fffffff))), set(v.neg, I.lt_s(get(v.hw), i(0)))];
}

/** x = k ln2 + (hi - lo): k = ±1 below 1.5 ln2, else trunc(x/ln2 ± 1/2) (as `reduce` in the TS). */
function reduce(h: H, v: ExpLocals): Expr {
  const { F, I, get, set, c, i, sel } = h;
  const x = (): Expr => get(v.x);
  const neg = (): Expr => get(v.neg);
  return h.ifElse(
    I.lt_u(get(v.ax), i(0x3ff0a2b2)),
    [
      set(v.k, sel(neg(), i(-1), i(1))),
      set(v.hi, sel(neg(), F.add(x(), c(K.LN2_HI)), F.sub(x(), c(K.LN2_HI)))),
      set(v.lo, sel(neg(), c(-K.LN2_LO), c(K.LN2_LO))),
    ],
    [
      set(v.k, I.trunc_s.f64(F.add(F.mul(c(K.INV_LN2), x()), sel(neg(), c(-0.5), c(0.5))))),
      set(v.hi, F.sub(x(), F.mul(h.dk(v.k), c(K.LN2_HI)))),
      set(v.lo, F.mul(h.dk(v.k), c(K.LN2_LO))),
    ],
  );
}

function emitExp(m: WasmModule): void {
  const f = m.fn(ELEMENTARY_FUNCTIONS.exp, ['f64'], 'f64');
  const h = helpers(m, f);
  const { F, I, get, set, c, i, ret, when } = h;
  const v = expLocals(f);
  const [r, t, cc, y] = [f.local('f64'), f.local('f64'), f.local('f64'), f.local('f64')];
  const x = (): Expr => get(v.x);
  const rc = (): Expr => F.mul(get(r), get(cc));
  f.finish([
    ...signWords(h, v),
    when(
      I.ge_u(get(v.ax), i(0x40862e42)),
      when(I.ge_u(get(v.ax), i(0x7ff00000)), ret(h.sel(F.ne(x(), x()), x(), h.sel(get(v.neg), c(0), x())))),
      when(F.gt(x(), c(K.EXP_OVERFLOW)), ret(c(Infinity))),
      when(F.lt(x(), c(K.EXP_UNDERFLOW)), ret(c(0))),
    ),
    set(r, x()),
    h.ifElse(
      I.gt_u(get(v.ax), i(0x3fd62e42)),
      [when(F.eq(x(), c(1)), ret(c(K.E))), reduce(h, v), set(r, F.sub(get(v.hi), get(v.lo)))],
      [when(I.lt_u(get(v.ax), i(0x3e300000)), ret(F.add(c(1), x())))],
    ),
    set(t, F.mul(get(r), get(r))),
    set(cc, F.sub(get(r), F.mul(get(t), h.horner(t, [K.P1, K.P2, K.P3, K.P4, K.P5])))),
    when(I.eqz(get(v.k)), ret(F.sub(c(1), F.sub(F.div(rc(), F.sub(get(cc), c(2))), get(r))))),
    set(y, F.sub(c(1), F.sub(F.sub(get(v.lo), F.div(rc(), F.sub(c(2), get(cc)))), get(v.hi)))),
    when(
      I.ge_s(get(v.k), i(-1021)),
      ret(h.sel(I.eq(get(v.k), i(1024)), F.mul(F.mul(get(y), c(2)), c(K.TWO_1023)), F.mul(get(y), h.pow2(get(v.k))))),
    ),
    F.mul(F.mul(get(y), h.pow2(I.add(get(v.k), i(1000)))), c(K.TWO_M1000)),
  ]);
}

function emitExpm1(m: WasmModule): void {
  const f = m.fn(ELEMENTARY_FUNCTIONS.expm1, ['f64'], 'f64');
  const h = helpers(m, f);
  const { F, I, get, set, c, i, ret, when } = h;
  const v = expLocals(f);
  const [r, cc, hfx, hxs, r1, t, e] = Array.from({ length: 7 }, () => f.local('f64')) as [Local, Local, Local, Local, Local, Local, Local];
  const x = (): Expr => get(v.x);
  f.finish([
    ...signWords(h, v),
    when(
      I.ge_u(get(v.ax), i(0x4043687a)),
      when(
        I.ge_u(get(v.ax), i(0x40862e42)),
        when(I.ge_u(get(v.ax), i(0x7ff00000)), ret(h.sel(F.ne(x(), x()), x(), h.sel(get(v.neg), c(-1), x())))),
        when(F.gt(x(), c(K.EXP_OVERFLOW)), ret(c(Infinity))),
      ),
      when(get(v.neg), ret(c(-1))),
    ),
    set(r, x()),
    h.ifElse(
      I.gt_u(get(v.ax), i(0x3fd62e42)),
      [reduce(h, v), set(r, F.sub(get(v.hi), get(v.lo))), set(cc, F.sub(F.sub(get(v.hi), get(r)), get(v.lo)))],
      [when(I.lt_u(get(v.ax), i(0x3c900000)), ret(x()))],
    ),
    set(hfx, F.mul(c(0.5), get(r))),
    set(hxs, F.mul(get(r), get(hfx))),
    set(r1, F.add(c(1), F.mul(get(hxs), h.horner(hxs, [K.Q1, K.Q2, K.Q3, K.Q4, K.Q5])))),
    set(t, F.sub(c(3), F.mul(get(r1), get(hfx)))),
    set(e, F.mul(get(hxs), F.div(F.sub(get(r1), get(t)), F.sub(c(6), F.mul(get(r), get(t)))))),
    when(I.eqz(get(v.k)), ret(F.sub(get(r), F.sub(F.mul(get(r), get(e)), get(hxs))))),
    set(e, F.sub(F.mul(get(r), F.sub(get(e), get(cc))), get(cc))),
    set(e, F.sub(get(e), get(hxs))),
    ...expm1Scale(h, v.k, r, e),
  ]);
}

/** expm1's reconstruction by cases of k (as `expm1Scale` in the TS); ends with the value. */
function expm1Scale(h: H, k: Local, r: Local, e: Local): Expr[] {
  const { F, I, get, c, i, ret, when, sel } = h;
  const y = (): Expr => F.sub(c(1), F.sub(get(e), get(r)));
  const rme = (): Expr => F.sub(get(r), get(e));
  return [
    when(I.eq(get(k), i(-1)), ret(F.sub(F.mul(c(0.5), rme()), c(0.5)))),
    when(
      I.eq(get(k), i(1)),
      ret(sel(F.lt(get(r), c(-0.25)), F.mul(c(-2), F.sub(get(e), F.add(get(r), c(0.5)))), F.add(c(1), F.mul(c(2), rme())))),
    ),
    when(
      I.or(I.le_s(get(k), i(-2)), I.gt_s(get(k), i(56))),
      ret(F.sub(sel(I.eq(get(k), i(1024)), F.mul(F.mul(y(), c(2)), c(K.TWO_1023)), F.mul(y(), h.pow2(get(k)))), c(1))),
    ),
    when(
      I.lt_s(get(k), i(20)),
      ret(F.mul(F.sub(h.fromWords(I.sub(i(0x3ff00000), I.shr_s(i(0x200000), get(k))), i(0)), F.sub(get(e), get(r))), h.pow2(get(k)))),
    ),
    F.mul(F.add(F.sub(get(r), F.add(get(e), h.pow2(I.sub(i(0), get(k))))), c(1)), h.pow2(get(k))),
  ];
}

function emitLog(m: WasmModule): void {
  const f = m.fn(ELEMENTARY_FUNCTIONS.log, ['f64'], 'f64');
  const h = helpers(m, f);
  const { F, I, get, set, c, i, ret, when, sel } = h;
  const x = f.param(0);
  const [hx, k, ii] = [f.local('i32'), f.local('i32'), f.local('i32')];
  const [fm, R, s, z, w, hfsq] = Array.from({ length: 6 }, () => f.local('f64')) as [Local, Local, Local, Local, Local, Local];
  const kz = (): Expr => I.eqz(get(k));
  const kHi = (): Expr => F.mul(h.dk(k), c(K.LN2_HI));
  const kLo = (): Expr => F.mul(h.dk(k), c(K.LN2_LO));
  f.finish([
    set(hx, h.hiWord(get(x))),
    when(
      I.lt_s(get(hx), i(0x00100000)),
      when(I.eqz(I.or(I.and(get(hx), i(0x7fffffff)), h.loWord(get(x)))), ret(c(-Infinity))),
      when(I.lt_s(get(hx), i(0)), ret(c(NaN))),
      set(k, i(-54)),
      set(x, F.mul(get(x), c(K.TWO_54))),
      set(hx, h.hiWord(get(x))),
    ),
    when(I.ge_s(get(hx), i(0x7ff00000)), ret(F.add(get(x), get(x)))),
    set(k, I.add(get(k), I.sub(I.shr_s(get(hx), i(20)), i(1023)))),
    set(hx, I.and(get(hx), i(0x000fffff))),
    set(ii, I.and(I.add(get(hx), i(0x95f64)), i(0x100000))),
    set(k, I.add(get(k), I.shr_u(get(ii), i(20)))),
    set(fm, F.sub(h.fromWords(I.or(get(hx), I.xor(get(ii), i(0x3ff00000))), h.loWord(get(x))), c(1))),
    when(
      I.lt_s(I.and(i(0x000fffff), I.add(i(2), get(hx))), i(3)),
      when(F.eq(get(fm), c(0)), ret(sel(kz(), c(0), F.add(kHi(), kLo())))),
      set(R, F.mul(F.mul(get(fm), get(fm)), F.sub(c(0.5), F.mul(c(K.THIRD), get(fm))))),
      ret(sel(kz(), F.sub(get(fm), get(R)), F.sub(kHi(), F.sub(F.sub(get(R), kLo()), get(fm))))),
    ),
    set(s, F.div(get(fm), F.add(c(2), get(fm)))),
    set(z, F.mul(get(s), get(s))),
    set(w, F.mul(get(z), get(z))),
    set(R, F.add(F.mul(get(z), h.horner(w, [K.LG1, K.LG3, K.LG5, K.LG7])), F.mul(get(w), h.horner(w, [K.LG2, K.LG4, K.LG6])))),
    when(
      I.gt_s(I.or(I.sub(get(hx), i(0x6147a)), I.sub(i(0x6b851), get(hx))), i(0)),
      set(hfsq, F.mul(F.mul(c(0.5), get(fm)), get(fm))),
      ret(sel(
        kz(),
        F.sub(get(fm), F.sub(get(hfsq), F.mul(get(s), F.add(get(hfsq), get(R))))),
        F.sub(kHi(), F.sub(F.sub(get(hfsq), F.add(F.mul(get(s), F.add(get(hfsq), get(R))), kLo())), get(fm))),
      )),
    ),
    sel(
      kz(),
      F.sub(get(fm), F.mul(get(s), F.sub(get(fm), get(R)))),
      F.sub(kHi(), F.sub(F.sub(F.mul(get(s), F.sub(get(fm), get(R))), kLo()), get(fm))),
    ),
  ]);
}

function emitTanh(m: WasmModule): void {
  const f = m.fn(ELEMENTARY_FUNCTIONS.tanh, ['f64'], 'f64');
  const h = helpers(m, f);
  const { F, I, get, set, c, i, ret, when, sel } = h;
  const x = f.param(0);
  const [hw, ax] = [f.local('i32'), f.local('i32')];
  const [z, t, a] = [f.local('f64'), f.local('f64'), f.local('f64')];
  f.finish([
    set(hw, h.hiWord(get(x))),
    set(ax, I.and(get(hw), i(0x7fffffff))),
    when(I.ge_u(get(ax), i(0x7ff00000)), ret(sel(F.ne(get(x), get(x)), get(x), sel(I.lt_s(get(hw), i(0)), c(-1), c(1))))),
    set(z, c(1)),
    when(
      I.lt_u(get(ax), i(0x40360000)),
      when(I.lt_u(get(ax), i(0x3e300000)), ret(get(x))),
      set(a, F.abs(get(x))),
      h.ifElse(
        I.ge_u(get(ax), i(0x3ff00000)),
        [set(t, h.call(ELEMENTARY_FUNCTIONS.expm1, F.mul(c(2), get(a)))), set(z, F.sub(c(1), F.div(c(2), F.add(get(t), c(2)))))],
        [set(t, h.call(ELEMENTARY_FUNCTIONS.expm1, F.mul(c(-2), get(a)))), set(z, F.div(F.neg(get(t)), F.add(get(t), c(2))))],
      ),
    ),
    sel(I.lt_s(get(hw), i(0)), F.neg(get(z)), get(z)),
  ]);
}

function emitSigmoid(m: WasmModule): void {
  const f = m.fn(ELEMENTARY_FUNCTIONS.sigmoid, ['f64'], 'f64');
  const { F, get, set, c, ret, when, call } = helpers(m, f);
  const x = f.param(0);
  const e = f.local('f64');
  f.finish([
    when(F.lt(get(x), c(0)), set(e, call(ELEMENTARY_FUNCTIONS.exp, get(x))), ret(F.div(get(e), F.add(c(1), get(e))))),
    F.div(c(1), F.add(c(1), call(ELEMENTARY_FUNCTIONS.exp, F.neg(get(x))))),
  ]);
}

function emitGelu(m: WasmModule): void {
  const f = m.fn(ELEMENTARY_FUNCTIONS.gelu, ['f64'], 'f64');
  const { F, get, c, ret, when, call } = helpers(m, f);
  const x = (): Expr => get(f.param(0));
  const cube = F.mul(F.mul(x(), x()), x());
  const inner = F.mul(c(K.GELU_C), F.add(x(), F.mul(c(K.GELU_K), cube)));
  f.finish([
    when(F.eq(x(), c(-Infinity)), ret(c(-0))),
    F.mul(F.mul(c(0.5), x()), F.add(c(1), call(ELEMENTARY_FUNCTIONS.tanh, inner))),
  ]);
}
