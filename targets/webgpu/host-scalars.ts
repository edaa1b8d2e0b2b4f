// Host-side scalars the WebGPU kernels take as constants or uniforms. A hard gate's rule
// `round(sigmoid(z)) >= round(t)` is monotone in z (sigmoid, the roundings and the comparison all
// are), so it equals `z >= z*` for the smallest z* in the format that passes: found here by binary
// search over the format's ordered bit patterns with the reference interpreter's own f64 rule, so
// the kernel's compare is bit-exact without evaluating sigmoid. Annealed gates get their f64
// temperature and centre per served step (the Run uniform, render.ts).
import type { GateNode } from '../../ir/nodes.ts';
import { arithFor } from '../../runtime/interpreter/arith.ts';
import { annealTemperature, sigmoid } from '../../runtime/interpreter/transcendental.ts';
import { log } from '../../runtime/numerics/index.ts';
import type { GpuFormat } from './formats.ts';
import { RUN_WORDS } from './render.ts';

/** The z-threshold of a hard gate: on for no z, for every z but NaR/NaN, or for z >= the pattern `bits`. */
export type HardThreshold = { readonly kind: 'never' } | { readonly kind: 'always' } | { readonly kind: 'from'; readonly bits: number };

/** Ordered integer keys of a format's non-NaN values, and their bit patterns. */
interface OrderedFormat {
  readonly lo: number;
  readonly hi: number;
  bits(key: number): number;
}

const ORDERED: Readonly<Record<GpuFormat, OrderedFormat>> = {
  // Posit patterns order like two's-complement integers; NaR (the minimum) is left out.
  posit32: { lo: -0x7fffffff, hi: 0x7fffffff, bits: (k) => k >>> 0 },
  // IEEE binary32 by sign-magnitude; keys span -Infinity .. +Infinity, -0 and +0 share key 0.
  f32: { lo: -0x7f800000, hi: 0x7f800000, bits: (k) => (k >= 0 ? k : (0x80000000 | -k) >>> 0) },
};

const F32_VIEW = new Float32Array(1);
const U32_VIEW = new Uint32Array(F32_VIEW.buffer);

/** The decoded value of a format's bit pattern. */
function valueOf(format: GpuFormat, bits: number): number {
  if (format === 'posit32') return arithFor('posit32').value(bits);
  U32_VIEW[0] = bits;
  return F32_VIEW[0] as number;
}

/** Finds the hard gate's z-threshold; throws if the rule is not monotone around it (it always is). */
export function hardGateThreshold(format: GpuFormat, threshold: number): HardThreshold {
  const A = arithFor(format);
  const t = A.round(threshold);
  const o = ORDERED[format];
  const passes = (key: number): boolean => A.ge(A.roundResult(sigmoid(valueOf(format, o.bits(key)))), t);
  if (!passes(o.hi)) return { kind: 'never' };
  if (passes(o.lo)) return { kind: 'always' };
  let lo = o.lo; // fails
  let hi = o.hi; // passes
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (passes(mid)) hi = mid;
    else lo = mid;
  }
  for (let d = 1; d <= 64; d++) {
    if ((hi - d >= o.lo && passes(hi - d)) || (hi + d <= o.hi && !passes(hi + d))) {
      throw new Error(`hard gate threshold ${threshold} in ${format}: the rule is not monotone near pattern ${o.bits(hi).toString(16)}`);
    }
  }
  return { kind: 'from', bits: o.bits(hi) };
}

/** WGSL bool expression: the hard gate is on for the stored logit `z`. */
export function hardGateExpr(format: GpuFormat, th: HardThreshold, z: string): string {
  const notNaN = format === 'posit32' ? `${z} != P32_NAR` : `${z} == ${z}`;
  switch (th.kind) {
    case 'never':
      return 'false';
    case 'always':
      return `(${notNaN})`;
    case 'from':
      return format === 'posit32'
        ? `(bitcast<i32>(${z}) >= ${th.bits | 0}i)`
        : `(${z} >= bitcast<f32>(0x${th.bits.toString(16).padStart(8, '0')}u))`;
  }
}

/** f64 bit pattern of x as (high word, low word), the soft-f64 vec2<u32> order. */
export function f64Words(x: number): [number, number] {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return [v.getUint32(0), v.getUint32(4)];
}

/**
 * The Run uniform of a kernel: the batch; for an annealed gate whether the served step is past
 * the schedule, logit(t) and T (f32 copies and f64 words), per spec/ir.md 2.1; and its sizes.
 */
export function runUniform(batch: number, gate: GateNode | undefined, step: number, dims: readonly number[]): Uint32Array {
  const u = new Uint32Array(RUN_WORDS);
  const f = new Float32Array(u.buffer);
  u[0] = batch;
  dims.forEach((d, i) => (u[8 + i] = d));
  if (gate?.mode !== 'anneal' || !gate.schedule) return u;
  const hard = step >= gate.schedule.steps;
  // As transcendental.ts annealMask: log(t / (1 - t)) with the deterministic log.
  const center = log(gate.threshold / (1 - gate.threshold));
  const temp = hard ? 1 : annealTemperature(gate.schedule, step);
  u[1] = hard ? 1 : 0;
  f[2] = center;
  f[3] = temp;
  [u[4], u[5]] = f64Words(center);
  [u[6], u[7]] = f64Words(temp);
  return u;
}
