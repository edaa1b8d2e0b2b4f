// The "real" arithmetic in which kernels evaluate transcendentals and tangent factors. The
// reference evaluates these in f64 from the exactly converted inputs and rounds once
// (runtime/interpreter/transcendental.ts); the posit32 kernels do exactly that with the software
// f64 library, so they agree bit for bit, and the f32 kernels evaluate the same formulas in native
// f32 (compared within a tolerance). Formulas are written once, over RealOps, in formulas.ts.
import type { GpuFormat } from './formats.ts';
import { ELEMENTARY_CONSTANTS } from '../../runtime/numerics/index.ts';
import { SOFT_F64_WGSL } from './wgsl/soft-f64.ts';

const { GELU_C, GELU_K } = ELEMENTARY_CONSTANTS;

/** Real arithmetic in WGSL: every method returns an expression of type `type`. */
export interface RealOps {
  readonly type: string;
  /** Helper functions the expressions call. */
  readonly prelude: string;
  /** A constant (exact in f64; rounded to nearest in f32). */
  lit(x: number): string;
  /** A stored element of the format, converted exactly. */
  from(elem: string): string;
  /** A real rounded once into the format's storage element. */
  to(real: string): string;
  add(a: string, b: string): string;
  sub(a: string, b: string): string;
  mul(a: string, b: string): string;
  div(a: string, b: string): string;
  exp(a: string): string;
  log(a: string): string;
  tanh(a: string): string;
  sigmoid(a: string): string;
  /** GELU, tanh form, as runtime/numerics/elementary.ts evaluates it. */
  gelu(a: string): string;
  /** Bool expressions: a > b (IEEE), a is NaN, a is infinite. */
  gt(a: string, b: string): string;
  isNaN(a: string): string;
  isInf(a: string): string;
  /** The Run uniform's f64 scalar `name64` (or its f32 copy `name32`) as a real. */
  scalar(name: 'center' | 'temp'): string;
}

/** An f32 constant as an exact WGSL expression. */
export function f32Lit(x: number): string {
  // WGSL constant expressions may not be infinite: ±Infinity becomes ±FLT_MAX, which the f32
  // formulas only use as a starting row maximum.
  const f = Number.isFinite(x) ? Math.fround(x) : Math.sign(x) * 3.4028234663852886e38;
  if (Number.isInteger(f) && Math.abs(f) < 2 ** 24) return `${f}.0`;
  const bits = new Uint32Array(new Float32Array([f]).buffer)[0] as number;
  return `bitcast<f32>(0x${bits.toString(16).padStart(8, '0')}u)`;
}

// tanh and sigmoid from one exp of a non-positive argument, so neither overflows for large |x|.
const F32_PRELUDE = `
fn f32_tanh(x: f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  return sign(x) * (1.0 - e) / (1.0 + e);
}

fn f32_sigmoid(x: f32) -> f32 {
  let e = exp(-abs(x));
  return select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
}

fn f32_gelu(x: f32) -> f32 {
  return 0.5 * x * (1.0 + f32_tanh(${f32Lit(GELU_C)} * (x + ${f32Lit(GELU_K)} * (x * x * x))));
}
`;

const F32_REALS: RealOps = {
  type: 'f32',
  prelude: F32_PRELUDE,
  lit: f32Lit,
  from: (e) => e,
  to: (r) => r,
  add: (a, b) => `(${a} + ${b})`,
  sub: (a, b) => `(${a} - ${b})`,
  mul: (a, b) => `(${a} * ${b})`,
  div: (a, b) => `(${a} / ${b})`,
  exp: (a) => `exp(${a})`,
  log: (a) => `log(${a})`,
  tanh: (a) => `f32_tanh(${a})`,
  sigmoid: (a) => `f32_sigmoid(${a})`,
  gelu: (a) => `f32_gelu(${a})`,
  gt: (a, b) => `(${a} > ${b})`,
  isNaN: (a) => `(${a} != ${a})`,
  isInf: (a) => `(abs(${a}) > ${f32Lit(Infinity)})`,
  scalar: (name) => `run.${name}32`,
};

/** An f64 constant as a soft-f64 vec2<u32>(high word, low word). */
export function f64Lit(x: number): string {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const hex = (w: number): string => `0x${w.toString(16).padStart(8, '0')}u`;
  return `vec2<u32>(${hex(v.getUint32(0))}, ${hex(v.getUint32(4))})`;
}

// posit32 kernels evaluate in software binary64 (wgsl/soft-f64.ts): the reference's doubles, bit for bit.
const SF64_REALS: RealOps = {
  type: 'vec2<u32>',
  prelude: SOFT_F64_WGSL,
  lit: f64Lit,
  from: (e) => `p32_to_sf64(${e})`,
  to: (r) => `sf64_to_p32(${r})`,
  add: (a, b) => `sf64_add(${a}, ${b})`,
  sub: (a, b) => `sf64_sub(${a}, ${b})`,
  mul: (a, b) => `sf64_mul(${a}, ${b})`,
  div: (a, b) => `sf64_div(${a}, ${b})`,
  exp: (a) => `sf64_exp(${a})`,
  log: (a) => `sf64_log(${a})`,
  tanh: (a) => `sf64_tanh(${a})`,
  sigmoid: (a) => `sf64_sigmoid(${a})`,
  gelu: (a) => `sf64_gelu(${a})`,
  gt: (a, b) => `sf64_gt(${a}, ${b})`,
  isNaN: (a) => `sf64_is_nan(${a})`,
  isInf: (a) => `sf64_is_inf(${a})`,
  scalar: (name) => `run.${name}64`,
};

/** The real arithmetic of a format's kernels. */
export function realOps(f: GpuFormat): RealOps {
  return f === 'f32' ? F32_REALS : SF64_REALS;
}
