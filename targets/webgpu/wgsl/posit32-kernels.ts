// Small whole-array posit32 kernels over the WGSL library: element-wise binary ops, conversions
// and quire dot products, one lane per element. The conformance tests and benchmarks run the
// library through these, and model code can use them for element-wise steps (mask multiply).
import { POSIT32_LIBRARY_WGSL } from './library.ts';

/** Lanes per workgroup of these kernels. */
export const WORKGROUP_SIZE = 64;

/** Element-wise binary posit32 operations the kernels offer, by WGSL function. */
export const BINARY_OPS = { add: 'p32_add', sub: 'p32_sub', mul: 'p32_mul', div: 'p32_div' } as const;
/** A binary op name. */
export type BinaryOp = keyof typeof BINARY_OPS;

/** Element-wise unary ops: sqrt and the posit32 <-> IEEE binary32 bit-pattern conversions. */
export const CONVERT_OPS = { sqrt: 'p32_sqrt', from_f32: 'p32_from_f32_bits', to_f32: 'p32_to_f32_bits' } as const;
/** A unary op name. */
export type ConvertOp = keyof typeof CONVERT_OPS;

// Lane index over a 2-D grid of workgroups, since one dimension stops at 65535 workgroups.
const LANE = `
fn lane_index(gid: vec3<u32>, nwg: vec3<u32>) -> u32 {
  return gid.x + gid.y * nwg.x * ${WORKGROUP_SIZE}u;
}
`;

const ENTRY = `@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>)`;

/** out[i] = op(lhs[i], rhs[i]); bindings: lhs, rhs (input), out (output). */
export function binaryOpKernel(op: BinaryOp): string {
  return `${POSIT32_LIBRARY_WGSL}${LANE}
@group(0) @binding(0) var<storage, read> lhs: array<u32>;
@group(0) @binding(1) var<storage, read> rhs: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;

${ENTRY} {
  let i = lane_index(gid, nwg);
  if (i >= arrayLength(&out)) {
    return;
  }
  out[i] = ${BINARY_OPS[op]}(lhs[i], rhs[i]);
}
`;
}

/** out[i] = op(src[i]); bindings: src (input), out (output). */
export function convertKernel(op: ConvertOp): string {
  return `${POSIT32_LIBRARY_WGSL}${LANE}
@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;

${ENTRY} {
  let i = lane_index(gid, nwg);
  if (i >= arrayLength(&out)) {
    return;
  }
  out[i] = ${CONVERT_OPS[op]}(src[i]);
}
`;
}

/**
 * out[i] = round(sum_j a[s + j] * b[s + j]) for j < n, with (s, n) = (ranges[2i], ranges[2i+1]):
 * a batch of dot products of any lengths, each accumulated exactly in a quire and rounded once.
 * Bindings: a, b, ranges (input), out (output).
 */
export function dotProductKernel(): string {
  return `${POSIT32_LIBRARY_WGSL}${LANE}
@group(0) @binding(0) var<storage, read> a: array<u32>;
@group(0) @binding(1) var<storage, read> b: array<u32>;
@group(0) @binding(2) var<storage, read> ranges: array<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<u32>;

${ENTRY} {
  let i = lane_index(gid, nwg);
  if (i >= arrayLength(&out)) {
    return;
  }
  let start = ranges[2u * i];
  let count = ranges[2u * i + 1u];
  var q: Quire;
  q_clear(&q);
  for (var j = 0u; j < count; j++) {
    q_fma(&q, a[start + j], b[start + j]);
  }
  out[i] = q_to_p32(&q);
}
`;
}

/** Workgroup counts covering `lanes` lanes: a 2-D grid once one row would pass 65535 workgroups. */
export function workgroupsFor(lanes: number): [number, number] {
  const groups = Math.max(1, Math.ceil(lanes / WORKGROUP_SIZE));
  if (groups <= 65535) return [groups, 1];
  const y = Math.ceil(groups / 65535);
  return [Math.ceil(groups / y), y];
}
