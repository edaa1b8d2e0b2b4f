// Conformance of the WGSL posit32 library on a real WebGPU device (lavapipe in CI): every add, sub
// and mul vector in one dispatch per op, every fused dot product through the quire, and the f32
// conversions, compared bit for bit with the SoftPosit results in the vector file.
import { afterAll, describe, expect, it } from 'vitest';
import { binaryOpKernel, convertKernel, dotProductKernel, type BinaryOp } from '../../targets/webgpu/wgsl/posit32-kernels.ts';
import { gpuDevice, hex32, mismatches, noGpuReason, releaseGpu, runOrThrow, skipWithoutGpu } from './gpu-harness.ts';
import { loadOp, word, words } from './p32-vectors.ts';

afterAll(releaseGpu);

// Outside CI a machine without an adapter skips these (reason printed below); in CI they fail.
describe.skipIf(skipWithoutGpu)(`posit32 WGSL vs p32.jsonl${noGpuReason ? ` (no adapter: ${noGpuReason})` : ''}`, () => {
  it('has a device (fails in CI when no adapter is found)', () => {
    expect(gpuDevice().lost).toBeUndefined();
  });

  it.each(['add', 'sub', 'mul', 'div'] as const)('%s: every vector bit-exact in one dispatch', async (op: BinaryOp) => {
    const cases = loadOp(op);
    expect(cases.length).toBeGreaterThan(9000);
    const lhs = Uint32Array.from(cases, (c) => word(c.v.a));
    const rhs = Uint32Array.from(cases, (c) => word(c.v.b));
    const [out] = await runOrThrow(
      { label: `${op}.wgsl`, wgsl: binaryOpKernel(op), entryPoint: 'main' },
      [{ kind: 'input', data: lhs }, { kind: 'input', data: rhs }, { kind: 'output', words: cases.length }],
      cases.length,
    );
    const want = cases.map((c) => word(c.v.r));
    expect(mismatches(out!, want, (i) => `line ${cases[i]?.line} ${hex32(lhs[i] ?? 0)} ${op} ${hex32(rhs[i] ?? 0)}`)).toEqual([]);
  });

  it('fdp: every dot product (1..256 terms) through the quire, rounded once', async () => {
    const cases = loadOp('fdp');
    expect(cases.length).toBeGreaterThan(400);
    const a: number[] = [];
    const b: number[] = [];
    const ranges: number[] = [];
    for (const c of cases) {
      const xs = words(c.v.a);
      const ys = words(c.v.b);
      expect(ys.length).toBe(xs.length);
      ranges.push(a.length, xs.length);
      a.push(...xs);
      b.push(...ys);
    }
    expect(Math.max(...cases.map((c) => c.v.a.length))).toBeGreaterThan(250);
    const [out] = await runOrThrow(
      { label: 'fdp.wgsl', wgsl: dotProductKernel(), entryPoint: 'main' },
      [
        { kind: 'input', data: Uint32Array.from(a) },
        { kind: 'input', data: Uint32Array.from(b) },
        { kind: 'input', data: Uint32Array.from(ranges) },
        { kind: 'output', words: cases.length },
      ],
      cases.length,
    );
    const want = cases.map((c) => word(c.v.r));
    expect(mismatches(out!, want, (i) => `line ${cases[i]?.line} (${cases[i]?.v.a.length} terms)`)).toEqual([]);
  });

  it('sqrt: every vector bit-exact in one dispatch', async () => {
    const cases = loadOp('sqrt');
    expect(cases.length).toBeGreaterThan(4000);
    const src = Uint32Array.from(cases, (c) => word(c.v.a));
    const [out] = await runOrThrow(
      { label: 'sqrt.wgsl', wgsl: convertKernel('sqrt'), entryPoint: 'main' },
      [{ kind: 'input', data: src }, { kind: 'output', words: src.length }],
      src.length,
    );
    expect(mismatches(out!, cases.map((c) => word(c.v.r)), (i) => `line ${cases[i]?.line} sqrt ${hex32(src[i] ?? 0)}`)).toEqual([]);
  });

  it('from_f32: the from_f64 vectors whose input is exactly a binary32 value', async () => {
    const f64 = new DataView(new ArrayBuffer(8));
    const f32 = new DataView(new ArrayBuffer(4));
    const src: number[] = [];
    const want: number[] = [];
    for (const c of loadOp('from_f64')) {
      f64.setBigUint64(0, BigInt(`0x${String(c.v.a)}`));
      const d = f64.getFloat64(0);
      f32.setFloat32(0, d);
      if (f32.getFloat32(0) !== d && !Number.isNaN(d)) continue;
      src.push(f32.getUint32(0));
      want.push(word(c.v.r));
    }
    expect(src.length).toBeGreaterThan(300);
    const [out] = await runOrThrow(
      { label: 'from_f32.wgsl', wgsl: convertKernel('from_f32'), entryPoint: 'main' },
      [{ kind: 'input', data: Uint32Array.from(src) }, { kind: 'output', words: src.length }],
      src.length,
    );
    expect(mismatches(out!, want, (i) => `f32 ${hex32(src[i] ?? 0)}`)).toEqual([]);
  });

  it('to_f32: the to_f64 vectors rounded once more to binary32', async () => {
    const cases = loadOp('to_f64');
    const f64 = new DataView(new ArrayBuffer(8));
    const f32 = new DataView(new ArrayBuffer(4));
    const src = Uint32Array.from(cases, (c) => word(c.v.a));
    const want = cases.map((c) => {
      f64.setBigUint64(0, BigInt(`0x${c.v.r}`));
      const d = f64.getFloat64(0);
      // The exact double rounds once to binary32; NaR's NaN becomes the canonical quiet NaN.
      f32.setFloat32(0, Number.isNaN(d) ? NaN : d);
      return Number.isNaN(d) ? 0x7fc00000 : f32.getUint32(0);
    });
    const [out] = await runOrThrow(
      { label: 'to_f32.wgsl', wgsl: convertKernel('to_f32'), entryPoint: 'main' },
      [{ kind: 'input', data: src }, { kind: 'output', words: src.length }],
      src.length,
    );
    expect(mismatches(out!, want, (i) => `line ${cases[i]?.line} posit ${hex32(src[i] ?? 0)}`)).toEqual([]);
  });
});
