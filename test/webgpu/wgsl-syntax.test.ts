// Parses every WGSL source of the WebGPU target with wgsl_reflect, a WGSL front end independent of
// Dawn, so a syntax error shows up even on machines without a GPU adapter; also the pure
// dispatch-size helper the kernels share.
import { describe, expect, it } from 'vitest';
import { WgslReflect } from 'wgsl_reflect/wgsl_reflect.module.js';
import { POSIT32_LIBRARY_WGSL } from '../../targets/webgpu/wgsl/library.ts';
import { binaryOpKernel, convertKernel, dotProductKernel, workgroupsFor, BINARY_OPS, CONVERT_OPS, WORKGROUP_SIZE } from '../../targets/webgpu/wgsl/posit32-kernels.ts';

const LIBRARY_FUNCTIONS = [
  'shl_u32', 'shr_u32', 'mul_u32_wide', 'p32_abs_bits', 'p32_decode', 'p32_encode', 'p32_neg', 'p32_mul',
  'shr_u64_sticky', 'p32_add', 'p32_sub', 'p32_lt', 'p32_le', 'p32_from_f32_bits', 'p32_to_f32_bits',
  'p32_from_f32', 'p32_to_f32', 'q_clear', 'q_set_nar', 'q_is_nar', 'q_add_shifted', 'q_fma', 'q_fms',
  'q_add_posit', 'q_to_p32', 'p32_div', 'p32_sqrt', 'u64_ge', 'u64_sub',
];

describe('WGSL sources parse with wgsl_reflect', () => {
  it('the posit32 + quire32 library declares every documented function', () => {
    const r = new WgslReflect(POSIT32_LIBRARY_WGSL);
    expect(r.functions.map((f) => f.name).sort()).toEqual([...LIBRARY_FUNCTIONS].sort());
    expect(r.structs.map((s) => s.name).sort()).toEqual(['P32Parts', 'Quire']);
  });

  const kernels: [string, string, number][] = [
    ...Object.keys(BINARY_OPS).map((op): [string, string, number] => [op, binaryOpKernel(op as keyof typeof BINARY_OPS), 3]),
    ...Object.keys(CONVERT_OPS).map((op): [string, string, number] => [op, convertKernel(op as keyof typeof CONVERT_OPS), 2]),
    ['fdp', dotProductKernel(), 4],
  ];
  it.each(kernels)('kernel %s has one compute entry point and its storage bindings', (_name, src, bindings) => {
    const r = new WgslReflect(src);
    expect(r.entry.compute.map((e) => e.name)).toEqual(['main']);
    expect(r.storage.map((s) => s.binding).sort()).toEqual(Array.from({ length: bindings }, (_, i) => i));
  });

  it('rejects malformed WGSL (the check can fail)', () => {
    expect(() => new WgslReflect('fn broken( -> u32 { return 1u; }')).toThrow();
  });
});

describe('workgroupsFor', () => {
  it.each([1, 64, 65, 64 * 65535, 64 * 65535 + 1, 10_000_000])('covers %i lanes within the 65535-per-dimension limit', (lanes) => {
    const [x, y] = workgroupsFor(lanes);
    expect(x).toBeLessThanOrEqual(65535);
    expect(y).toBeLessThanOrEqual(65535);
    expect(x * y * WORKGROUP_SIZE).toBeGreaterThanOrEqual(lanes);
    expect((x * y - 1) * WORKGROUP_SIZE).toBeLessThan(lanes + x * WORKGROUP_SIZE);
  });
});
