// Randomized checks of the WGSL posit32 library against the exact BigInt oracle in posit32-exact.ts:
// seeded operand patterns chosen to hit every regime length, near-1 values, near-cancellation and
// the saturation edges; long quire dot products (carries across many limbs, cancellation of huge
// terms); and the quire's add/subtract/NaR entry points through a dedicated kernel.
import { afterAll, describe, expect, it } from 'vitest';
import { POSIT32_LIBRARY_WGSL } from '../../targets/webgpu/wgsl/library.ts';
import { binaryOpKernel, convertKernel, dotProductKernel, type BinaryOp } from '../../targets/webgpu/wgsl/posit32-kernels.ts';
import { hex32, mismatches, noGpuReason, releaseGpu, rng, runOrThrow, skipWithoutGpu } from './gpu-harness.ts';
import { NAR, refAdd, refDiv, refDot, refFromF32Bits, refMul, refSqrt, refToF32Bits } from './posit32-exact.ts';

afterAll(releaseGpu);

/** A posit pattern from one of several families, so rare cases are not left to luck. */
function pattern(next: () => number): number {
  const r = next();
  switch (r % 8) {
    case 0: // any pattern
    case 1:
      return next();
    case 2: // near +-1: long fractions, ties after multiplication
      return (0x40000000 + ((next() % 4096) - 2048)) ^ (r & 0x80000000 ? 0xffffffff : 0);
    case 3: // short fractions: huge or tiny magnitudes, long regimes
      return (next() >>> (next() % 31)) ^ (r & 0x80000000 ? 0xffffffff : 0);
    case 4: // the largest and smallest magnitudes, where exponent bits are cut off
      return [1, 2, 3, 4, 0x7fffffff, 0x7ffffffe, 0x7ffffff0, 0x80000001, 0xffffffff, 0xfffffffe][next() % 10] ?? 0;
    case 5: // specials
      return [0, NAR, 0x40000000, 0xc0000000][next() % 4] ?? 0;
    default: // random magnitude with a random few-bit fraction
      return next() & 0xfff00000;
  }
}

/** Operand pairs: independent, or b close to -a (cancellation), or b close to a. */
function pairs(seed: number, n: number): [Uint32Array, Uint32Array] {
  const next = rng(seed);
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = pattern(next);
    const mode = next() % 4;
    const near = (a[i]! + (next() % 64) - 32) >>> 0;
    b[i] = mode === 0 ? -near >>> 0 : mode === 1 ? near : pattern(next);
  }
  return [a, b];
}

describe.skipIf(skipWithoutGpu)(`posit32 WGSL vs exact BigInt reference${noGpuReason ? ` (no adapter: ${noGpuReason})` : ''}`, () => {
  const N = 12_000;
  const refs: Record<BinaryOp, (a: number, b: number) => number> = {
    add: refAdd,
    sub: (a, b) => refAdd(a, -b >>> 0),
    mul: refMul,
    div: refDiv,
  };

  it.each(['add', 'sub', 'mul', 'div'] as const)(`%s: ${N} seeded random pairs`, async (op: BinaryOp) => {
    const [a, b] = pairs(op.charCodeAt(0) * 7919, N);
    const [out] = await runOrThrow(
      { label: `${op}.wgsl`, wgsl: binaryOpKernel(op), entryPoint: 'main' },
      [{ kind: 'input', data: a }, { kind: 'input', data: b }, { kind: 'output', words: N }],
      N,
    );
    const want = Array.from(a, (x, i) => refs[op](x, b[i] ?? 0));
    expect(mismatches(out!, want, (i) => `${hex32(a[i] ?? 0)} ${op} ${hex32(b[i] ?? 0)}`)).toEqual([]);
  });

  it('sqrt: seeded random patterns', async () => {
    const next = rng(777);
    const p = Uint32Array.from({ length: 6000 }, () => pattern(next));
    const [out] = await runOrThrow(
      { label: 'sqrt.wgsl', wgsl: convertKernel('sqrt'), entryPoint: 'main' },
      [{ kind: 'input', data: p }, { kind: 'output', words: p.length }],
      p.length,
    );
    expect(mismatches(out!, Array.from(p, refSqrt), (i) => `sqrt ${hex32(p[i] ?? 0)}`)).toEqual([]);
  });

  it('from_f32 and to_f32: random binary32 and posit patterns', async () => {
    const next = rng(1234);
    const f = Uint32Array.from({ length: 4000 }, (_, i) => (i % 4 === 0 ? next() & 0x807fffff : next()));
    const [fromOut] = await runOrThrow(
      { label: 'from_f32.wgsl', wgsl: convertKernel('from_f32'), entryPoint: 'main' },
      [{ kind: 'input', data: f }, { kind: 'output', words: f.length }],
      f.length,
    );
    expect(mismatches(fromOut!, Array.from(f, refFromF32Bits), (i) => `f32 ${hex32(f[i] ?? 0)}`)).toEqual([]);
    const p = Uint32Array.from({ length: 4000 }, () => pattern(next));
    const [toOut] = await runOrThrow(
      { label: 'to_f32.wgsl', wgsl: convertKernel('to_f32'), entryPoint: 'main' },
      [{ kind: 'input', data: p }, { kind: 'output', words: p.length }],
      p.length,
    );
    expect(mismatches(toOut!, Array.from(p, refToF32Bits), (i) => `posit ${hex32(p[i] ?? 0)}`)).toEqual([]);
  });

  it('fdp: long dot products with huge cancelling terms and saturating sums', async () => {
    const next = rng(99);
    const dots: [number[], number[]][] = [];
    for (let d = 0; d < 160; d++) {
      const len = 1 + (next() % 600);
      const xs = Array.from({ length: len }, () => pattern(next));
      const ys = Array.from({ length: len }, () => pattern(next));
      if (d % 4 === 1) {
        // [big, ..., -big]: the big products cancel exactly, only the small ones may remain.
        xs[0] = 0x7fffffff;
        ys[0] = 0x7ffffff0;
        xs[len - 1] = 0x80000001;
        ys[len - 1] = 0x7ffffff0;
      }
      if (d % 4 === 2) for (let i = 0; i < len; i++) if (xs[i] === NAR || ys[i] === NAR) xs[i] = 0x40000000;
      if (d % 8 === 3) {
        xs.fill(0x7fffffff); // maxpos^2 summed len times: far above maxpos, must saturate
        ys.fill(0x7fffffff);
      }
      dots.push([xs, ys]);
    }
    const ranges: number[] = [];
    let offset = 0;
    for (const [xs] of dots) {
      ranges.push(offset, xs.length);
      offset += xs.length;
    }
    const [out] = await runOrThrow(
      { label: 'fdp.wgsl', wgsl: dotProductKernel(), entryPoint: 'main' },
      [
        { kind: 'input', data: Uint32Array.from(dots.flatMap(([xs]) => xs)) },
        { kind: 'input', data: Uint32Array.from(dots.flatMap(([, ys]) => ys)) },
        { kind: 'input', data: Uint32Array.from(ranges) },
        { kind: 'output', words: dots.length },
      ],
      dots.length,
    );
    const want = dots.map(([xs, ys]) => refDot(xs, ys));
    expect(want.filter((w) => w === 0x7fffffff).length).toBeGreaterThan(0);
    expect(mismatches(out!, want, (i) => `dot #${i} (${dots[i]?.[0].length} terms)`)).toEqual([]);
  });

  it('quire: q_add_posit, q_fms and sticky NaR agree with exact sums', async () => {
    // out[i] = round(c + a*b - d*e), and a NaR anywhere stays NaR after later additions.
    const kernel = `${POSIT32_LIBRARY_WGSL}
@group(0) @binding(0) var<storage, read> ops: array<vec4<u32>>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= arrayLength(&out)) {
    return;
  }
  let v = ops[i];
  var q: Quire;
  q_clear(&q);
  q_add_posit(&q, v.x);
  q_fma(&q, v.y, v.z);
  q_fms(&q, v.w, v.x);
  out[i] = q_to_p32(&q);
}
`;
    const next = rng(4242);
    const n = 3000;
    const ops = Uint32Array.from({ length: 4 * n }, () => pattern(next));
    const [out] = await runOrThrow({ label: 'quire-ops.wgsl', wgsl: kernel, entryPoint: 'main' }, [{ kind: 'input', data: ops }, { kind: 'output', words: n }], n);
    const want = Array.from({ length: n }, (_, i) => {
      const [x = 0, y = 0, z = 0, w = 0] = ops.subarray(4 * i, 4 * i + 4);
      return refDot([x, y, -w >>> 0], [0x40000000, z, x]);
    });
    expect(want.filter((w) => w === NAR).length).toBeGreaterThan(10);
    expect(mismatches(out!, want, (i) => `ops #${i} ${Array.from(ops.subarray(4 * i, 4 * i + 4), hex32).join(' ')}`)).toEqual([]);
  });
});
