// The reference's f64 formulas (runtime/interpreter/transcendental.ts over runtime/numerics/
// elementary.ts, and the factors of tangent-ops.ts) written once over RealOps, operation for
// operation in the reference's evaluation order, so the posit32 kernels (software f64) reproduce
// every intermediate double and round once at the end. Each function returns WGSL statements
// that bind the result to the name `out` given.
import type { ActivationFn } from '../../ir/nodes.ts';
import { ELEMENTARY_CONSTANTS } from '../../runtime/numerics/index.ts';
import type { RealOps } from './reals.ts';

const { GELU_C: C, GELU_K: K } = ELEMENTARY_CONSTANTS;

/** `let out = f(x)` for a non-relu activation. */
export function activationReal(R: RealOps, fn: Exclude<ActivationFn, 'relu'>, x: string, out: string): string {
  const f = fn === 'sigmoid' ? R.sigmoid(x) : fn === 'tanh' ? R.tanh(x) : R.gelu(x);
  return `let ${out} = ${f};`;
}

/** `let out = f'(x)` for a non-relu activation, as transcendental.ts activationDerivative writes it. */
export function activationDerivativeReal(R: RealOps, fn: Exclude<ActivationFn, 'relu'>, x: string, out: string): string {
  const one = R.lit(1);
  switch (fn) {
    case 'sigmoid':
      return `let ${out}_s = ${R.sigmoid(x)};\nlet ${out} = ${R.mul(`${out}_s`, R.sub(one, `${out}_s`))};`;
    case 'tanh':
      return `let ${out}_t = ${R.tanh(x)};\nlet ${out} = ${R.sub(one, R.mul(`${out}_t`, `${out}_t`))};`;
    case 'gelu': {
      // t = tanh(C(x + K(x x x))); 0.5(1 + t) + 0.5 x (1 - t t) C (1 + 3K (x x)), left to right.
      const t = `${out}_t`;
      const xx = R.mul(x, x);
      const inner = R.mul(R.lit(C), R.add(x, R.mul(R.lit(K), R.mul(xx, x))));
      const left = R.mul(R.lit(0.5), R.add(one, t));
      const right = R.mul(R.mul(R.mul(R.mul(R.lit(0.5), x), R.sub(one, R.mul(t, t))), R.lit(C)), R.add(one, R.mul(R.lit(3 * K), xx)));
      return `let ${t} = ${R.tanh(inner)};\nlet ${out} = ${R.add(left, right)};`;
    }
  }
}

/**
 * Row softmax and logSumExp as elementary.ts computes them, over `src[base + k]` (k < C): `m` is
 * the row max (NaN when any entry is), then one loop of (1 + phases.length) passes over the row
 * evaluates e = exp(x_k - m) at a single call site (on a software adapter every call site of the
 * soft-f64 library is inlined and compiled again): pass 0 sums s in index order, pass i > 0 runs
 * phases[i - 1](k, p) with p = e / s (the same doubles the reference's p_k holds). After the loop
 * `s` is bound; `lse` is logSumExp (m itself when m is infinite).
 */
export function softmaxLoop(R: RealOps, src: string, phases: readonly ((k: string, p: string) => string)[]): { code: string; lse: string } {
  const xk = (k: string): string => R.from(`${src}[base + ${k}]`);
  const passes = phases
    .map((f, i) => `${i === 0 ? '' : ' else '}if (phase == ${i + 1}u) {\n      ${f('k', 'p').replace(/\n/g, '\n      ')}\n    }`)
    .join('');
  const code = `var m = ${R.lit(-Infinity)};
for (var k = 0u; k < C; k++) {
  let v = ${xk('k')};
  if (${R.isNaN('v')}) {
    m = v;
    break;
  }
  if (${R.gt('v', 'm')}) {
    m = v;
  }
}
var s = ${R.lit(0)};
for (var it = 0u; it < ${phases.length + 1}u * C; it++) {
  let phase = it / C;
  let k = it % C;
  let e = ${R.exp(R.sub(xk('k'), 'm'))};
  if (phase == 0u) {
    s = ${R.add('s', 'e')};
  }${phases.length > 0 ? ` else {\n    let p = ${R.div('e', 's')};\n    ${passes}\n  }` : ''}
}`;
  return { code, lse: `select(${R.add('m', R.log('s'))}, m, ${R.isInf('m')})` };
}
