// f64 helper functions of the model module, ported operation for operation from the reference
// (runtime/numerics/elementary.ts softmaxRow/logSumExp, runtime/interpreter/transcendental.ts
// derivative factors and the annealed mask), on top of the WASM elementary functions
// (elementary.ts). WASM f64 arithmetic rounds like JavaScript's and never fuses, so each helper
// returns the reference's bits; the transcendental rule then rounds once into the format.
import { ELEMENTARY_CONSTANTS } from '../../runtime/numerics/index.ts';
import type { Expr, WasmModule } from './binaryen.ts';
import { ELEMENTARY_FUNCTIONS as E, emitElementary } from './elementary.ts';
import { forRange } from './emit-context.ts';

/** Names of the helpers. */
export const F64_HELPERS = {
  rowMax: 'f64_row_max',
  softmaxRow: 'f64_softmax_row',
  logSumExp: 'f64_log_sum_exp',
  dsigmoid: 'f64_dsigmoid',
  dtanh: 'f64_dtanh',
  dgelu: 'f64_dgelu',
  annealMask: 'f64_anneal_mask',
  annealTemperature: 'f64_anneal_temperature',
} as const;

/** Adds the elementary functions and every helper (once). */
export function emitF64Helpers(m: WasmModule): void {
  if (m.hasFunction(F64_HELPERS.rowMax)) return;
  emitElementary(m);
  emitRowMax(m);
  emitSoftmaxRow(m);
  emitLogSumExp(m);
  emitDerivatives(m);
  emitAnneal(m);
}

const ld = (m: WasmModule, base: Expr, k: Expr): Expr => m.f64.load(0, 8, m.i32.add(base, m.i32.shl(k, m.i32.const(3))));

/** f64_row_max(p, n): NaN when any entry is NaN, -Infinity for an empty row. */
function emitRowMax(m: WasmModule): void {
  const f = m.fn(F64_HELPERS.rowMax, ['i32', 'i32'], 'f64');
  const [p, n] = [f.param(0), f.param(1)];
  const mx = f.local('f64');
  const v = f.local('f64');
  f.finish([
    f.set(mx, m.f64.const(-Infinity)),
    forRange(f, f.get(n), (k) => [
      f.set(v, ld(m, f.get(p), f.get(k))),
      m.if(m.f64.ne(f.get(v), f.get(v)), m.return(f.get(v))),
      m.if(m.f64.gt(f.get(v), f.get(mx)), f.set(mx, f.get(v))),
    ]),
    f.get(mx),
  ]);
}

/** f64_softmax_row(src, dst, n): e_k = exp(x_k - m), S = Σ e_k in index order, dst_k = e_k / S. */
function emitSoftmaxRow(m: WasmModule): void {
  const f = m.fn(F64_HELPERS.softmaxRow, ['i32', 'i32', 'i32'], 'none');
  const [src, dst, n] = [f.param(0), f.param(1), f.param(2)];
  const mx = f.local('f64');
  const s = f.local('f64');
  const e = f.local('f64');
  const at = (base: Expr, k: Expr): Expr => m.i32.add(base, m.i32.shl(k, m.i32.const(3)));
  f.finish([
    f.set(mx, m.call(F64_HELPERS.rowMax, [f.get(src), f.get(n)], 'f64')),
    f.set(s, m.f64.const(0)),
    forRange(f, f.get(n), (k) => [
      f.set(e, m.call(E.exp, [m.f64.sub(ld(m, f.get(src), f.get(k)), f.get(mx))], 'f64')),
      m.f64.store(0, 8, at(f.get(dst), f.get(k)), f.get(e)),
      f.set(s, m.f64.add(f.get(s), f.get(e))),
    ]),
    forRange(f, f.get(n), (k) => [m.f64.store(0, 8, at(f.get(dst), f.get(k)), m.f64.div(ld(m, f.get(dst), f.get(k)), f.get(s)))]),
  ]);
}

/** f64_log_sum_exp(p, n) = m + log(Σ exp(x_k - m)); the maximum itself when it is ±Infinity. */
function emitLogSumExp(m: WasmModule): void {
  const f = m.fn(F64_HELPERS.logSumExp, ['i32', 'i32'], 'f64');
  const [p, n] = [f.param(0), f.param(1)];
  const mx = f.local('f64');
  const s = f.local('f64');
  f.finish([
    f.set(mx, m.call(F64_HELPERS.rowMax, [f.get(p), f.get(n)], 'f64')),
    m.if(m.f64.eq(m.f64.abs(f.get(mx)), m.f64.const(Infinity)), m.return(f.get(mx))),
    f.set(s, m.f64.const(0)),
    forRange(f, f.get(n), (k) => [
      f.set(s, m.f64.add(f.get(s), m.call(E.exp, [m.f64.sub(ld(m, f.get(p), f.get(k)), f.get(mx))], 'f64'))),
    ]),
    m.f64.add(f.get(mx), m.call(E.log, [f.get(s)], 'f64')),
  ]);
}

/** The activation derivative factors of spec/jvp.md 3, as written there. */
function emitDerivatives(m: WasmModule): void {
  const F = m.f64;
  const c = (v: number): Expr => F.const(v);
  {
    const f = m.fn(F64_HELPERS.dsigmoid, ['f64'], 'f64');
    const s = f.local('f64');
    f.finish([f.set(s, m.call(E.sigmoid, [f.get(f.param(0))], 'f64')), F.mul(f.get(s), F.sub(c(1), f.get(s)))]);
  }
  {
    const f = m.fn(F64_HELPERS.dtanh, ['f64'], 'f64');
    const t = f.local('f64');
    f.finish([f.set(t, m.call(E.tanh, [f.get(f.param(0))], 'f64')), F.sub(c(1), F.mul(f.get(t), f.get(t)))]);
  }
  {
    const C = ELEMENTARY_CONSTANTS.GELU_C;
    const K = ELEMENTARY_CONSTANTS.GELU_K;
    const f = m.fn(F64_HELPERS.dgelu, ['f64'], 'f64');
    const x = (): Expr => f.get(f.param(0));
    const t = f.local('f64');
    // 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * C * (1 + 3 * K * (x * x)), t = tanh(C * (x + K * (x * x * x)))
    f.finish([
      f.set(t, m.call(E.tanh, [F.mul(c(C), F.add(x(), F.mul(c(K), F.mul(F.mul(x(), x()), x()))))], 'f64')),
      F.add(
        F.mul(c(0.5), F.add(c(1), f.get(t))),
        F.mul(
          F.mul(F.mul(F.mul(c(0.5), x()), F.sub(c(1), F.mul(f.get(t), f.get(t)))), c(C)),
          F.add(c(1), F.mul(F.mul(c(3), c(K)), F.mul(x(), x()))),
        ),
      ),
    ]);
  }
}

/** Annealed gates: T(k) = from · exp(log(to/from) · (k/steps)); mask = sigmoid((z − log(t/(1−t)))/T). */
function emitAnneal(m: WasmModule): void {
  const F = m.f64;
  {
    // (from, to, steps, k) -> T
    const f = m.fn(F64_HELPERS.annealTemperature, ['f64', 'f64', 'f64', 'f64'], 'f64');
    const [from, to, steps, k] = [0, 1, 2, 3].map((i) => f.param(i)) as [ReturnType<typeof f.param>, ReturnType<typeof f.param>, ReturnType<typeof f.param>, ReturnType<typeof f.param>];
    f.finish([
      F.mul(f.get(from), m.call(E.exp, [F.mul(m.call(E.log, [F.div(f.get(to), f.get(from))], 'f64'), F.div(f.get(k), f.get(steps)))], 'f64')),
    ]);
  }
  {
    // (z, threshold, T) -> mask
    const f = m.fn(F64_HELPERS.annealMask, ['f64', 'f64', 'f64'], 'f64');
    const [z, t, T] = [f.param(0), f.param(1), f.param(2)];
    const centre = m.call(E.log, [F.div(f.get(t), F.sub(F.const(1), f.get(t)))], 'f64');
    f.finish([m.call(E.sigmoid, [F.div(F.sub(f.get(z), centre), f.get(T))], 'f64')]);
  }
}
