// The numeric formats the WebGPU target supports, as the renderer sees them: for each format the
// WGSL element type, the library it needs, and snippets for every scalar operation a kernel
// template uses (multiply, compare, exact-or-IEEE accumulation, relu). The host side (one rounding
// from f64 into the format, exact decoding back to f64) lives here too. f32 is native WGSL;
// posit32 runs on the u32 posit32 + quire32 library. Other formats are refused with E3401.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import { positOps } from '../../runtime/numerics/index.ts';
import { POSIT32_LIBRARY_WGSL } from './wgsl/library.ts';
import { QUIRE_DIV_WGSL } from './wgsl/quire-div.ts';

/** Formats with WebGPU kernels. */
export const WEBGPU_FORMATS = ['f32', 'posit32'] as const;
/** One supported format. */
export type GpuFormat = (typeof WEBGPU_FORMATS)[number];

/** Why each other format has no WebGPU kernels (E3401 hints and spec/webgpu.md). */
export const UNSUPPORTED_WHY: Readonly<Record<Exclude<NumericFormat, GpuFormat>, string>> = {
  f64: 'WGSL has no f64 type',
  posit8: 'the WGSL library has no posit8 arithmetic or 128-bit quire',
  posit16: 'the WGSL library has no posit16 arithmetic or 256-bit quire',
  bposit16: 'the WGSL library has no b-posit arithmetic or quire',
  bposit32: 'the WGSL library has no b-posit arithmetic or quire',
};

/** Scalar WGSL snippets of one format; arguments are WGSL expressions, results are expressions or statements. */
export interface FormatOps {
  readonly format: GpuFormat;
  /** WGSL storage element type. */
  readonly elem: 'f32' | 'u32';
  /** Type of one accumulator (an exact quire, or the f32 running sum). */
  readonly acc: 'f32' | 'Quire';
  readonly zero: string;
  readonly one: string;
  /** Library source the kernels of this format prepend. */
  readonly library: string;
  mul(a: string, b: string): string;
  /** a >= b compared in the format (false for NaR/NaN). */
  ge(a: string, b: string): string;
  /** a > b in the format; NaR/NaN never wins. */
  gt(a: string, b: string): string;
  /** a > 0 (what relu keeps). */
  positive(a: string): string;
  /** relu(x): x for x > 0 and for NaR/NaN, else 0. */
  relu(x: string): string;
  /** Statement: sets accumulator `lv` to exact zero. */
  accClear(lv: string): string;
  /** Statement: lv += a·b (exact in posits; rounded product and sum in f32). */
  accProduct(lv: string, a: string, b: string): string;
  /** Statement: lv += a. */
  accAdd(lv: string, a: string): string;
  /** Expression: the accumulator rounded once. */
  accRound(lv: string): string;
  /** Expression: the accumulator divided by the u32 expression d, rounded once. */
  accRoundQuotient(lv: string, d: string): string;
}

const F32_OPS: FormatOps = {
  format: 'f32',
  elem: 'f32',
  acc: 'f32',
  zero: '0.0',
  one: '1.0',
  library: '',
  mul: (a, b) => `(${a} * ${b})`,
  ge: (a, b) => `(${a} >= ${b})`,
  gt: (a, b) => `(${a} > ${b})`,
  positive: (a) => `(${a} > 0.0)`,
  relu: (x) => `select(0.0, ${x}, ${x} > 0.0 || ${x} != ${x})`,
  accClear: (lv) => `${lv} = 0.0;`,
  accProduct: (lv, a, b) => `${lv} = ${lv} + ${a} * ${b};`,
  accAdd: (lv, a) => `${lv} = ${lv} + ${a};`,
  accRound: (lv) => lv,
  accRoundQuotient: (lv, d) => `(${lv} / f32(${d}))`,
};

const POSIT32_OPS: FormatOps = {
  format: 'posit32',
  elem: 'u32',
  acc: 'Quire',
  zero: '0u',
  one: 'P32_ONE',
  library: POSIT32_LIBRARY_WGSL + QUIRE_DIV_WGSL,
  mul: (a, b) => `p32_mul(${a}, ${b})`,
  ge: (a, b) => `(${a} != P32_NAR && ${b} != P32_NAR && bitcast<i32>(${a}) >= bitcast<i32>(${b}))`,
  gt: (a, b) => `(${a} != P32_NAR && (${b} == P32_NAR || bitcast<i32>(${a}) > bitcast<i32>(${b})))`,
  positive: (a) => `(bitcast<i32>(${a}) > 0)`,
  relu: (x) => `select(0u, ${x}, bitcast<i32>(${x}) > 0 || ${x} == P32_NAR)`,
  accClear: (lv) => `q_clear(&${lv});`,
  accProduct: (lv, a, b) => `q_fma(&${lv}, ${a}, ${b});`,
  accAdd: (lv, a) => `q_add_posit(&${lv}, ${a});`,
  accRound: (lv) => `q_to_p32(&${lv})`,
  accRoundQuotient: (lv, d) => `q_to_p32_div(&${lv}, ${d})`,
};

/** The ops of a supported format. */
export function formatOps(f: GpuFormat): FormatOps {
  return f === 'f32' ? F32_OPS : POSIT32_OPS;
}

/** True when the WebGPU target has kernels for the format. */
export function isGpuFormat(f: NumericFormat): f is GpuFormat {
  return (WEBGPU_FORMATS as readonly string[]).includes(f);
}

/** E3401 for a format the target cannot run: never a silent fallback to f32. */
export function unsupportedFormat(f: NumericFormat): Diagnostic {
  const why = isGpuFormat(f) ? '' : UNSUPPORTED_WHY[f];
  return {
    code: 'E3401',
    severity: 'error',
    message: `the webgpu target cannot run ${f}: ${why}`,
    hint: `webgpu runs ${WEBGPU_FORMATS.join(' and ')}; use --format posit32 (bit-exact) or f32, or run ${f} on the wasm target or the reference interpreter`,
  };
}

/** Host conversions of a format: one rounding from f64 into storage words, and exact decoding back. */
export interface HostCodec {
  /** Rounds every f64 once into the format; returns the 32-bit storage words. */
  encode(data: ArrayLike<number>): Uint32Array;
  /** Exact f64 values of storage words. */
  decode(words: Uint32Array): Float64Array;
}

/** The host codec of a format. */
export function hostCodec(f: GpuFormat): HostCodec {
  if (f === 'f32') {
    return {
      encode: (data) => new Uint32Array(Float32Array.from(data).buffer),
      decode: (words) => Float64Array.from(new Float32Array(words.buffer, words.byteOffset, words.length)),
    };
  }
  const ops = positOps('posit32');
  return {
    encode: (data) => Uint32Array.from({ length: data.length }, (_, i) => ops.fromF64(data[i] as number)),
    decode: (words) => Float64Array.from(words, (w) => ops.toF64(w)),
  };
}
