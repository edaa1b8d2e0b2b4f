// The exactness tricks of the WebGPU model kernels, checked directly: a hard gate's z-threshold
// (host-scalars.ts) decides exactly like round(sigmoid(z)) >= round(t) around the threshold and
// at random logits, in posit32 and f32; and the Mean kernel's quire division (wgsl/quire-div.ts)
// equals the reference's exact sum divided by B and rounded once, for batches up to 65535,
// extreme values and exact cancellation.
import { afterAll, describe, expect, it } from 'vitest';
import { arithFor } from '../../runtime/interpreter/arith.ts';
import { sigmoid } from '../../runtime/interpreter/transcendental.ts';
import { positOps } from '../../runtime/numerics/index.ts';
import { hardGateThreshold, type HardThreshold } from '../../targets/webgpu/host-scalars.ts';
import { POSIT32_LIBRARY_WGSL } from '../../targets/webgpu/wgsl/library.ts';
import { QUIRE_DIV_WGSL } from '../../targets/webgpu/wgsl/quire-div.ts';
import { hex32, mismatches, noGpuReason, releaseGpu, rng, runOrThrow, skipWithoutGpu } from './gpu-harness.ts';

afterAll(releaseGpu);

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const f32Of = (bits: number): number => {
  U32[0] = bits;
  return F32[0] as number;
};

/** The kernel's decision for a stored logit, emulated on the host exactly as hardGateExpr writes it. */
function kernelDecides(format: 'posit32' | 'f32', th: HardThreshold, z: number): boolean {
  if (th.kind === 'never') return false;
  if (th.kind === 'always') return format === 'posit32' ? z !== 0x80000000 : f32Of(z) === f32Of(z);
  return format === 'posit32' ? (z | 0) >= (th.bits | 0) : f32Of(z) >= f32Of(th.bits);
}

/** The reference rule on a stored logit. */
function referenceDecides(format: 'posit32' | 'f32', t: number, z: number): boolean {
  const A = arithFor(format);
  const v = format === 'posit32' ? A.value(z) : f32Of(z);
  return A.ge(A.roundResult(sigmoid(v)), A.round(t));
}

describe('hard gate z-thresholds', () => {
  const THRESHOLDS = [0.5, 0.35, 0.4, 0.1, 0.9, 0.999999, 1e-7];
  for (const format of ['posit32', 'f32'] as const) {
    it.each(THRESHOLDS)(`${format}: threshold %f decides like the reference around it and at random logits`, (t) => {
      const th = hardGateThreshold(format, t);
      expect(th.kind).toBe('from');
      const r = rng(Math.round(t * 1e9));
      const zs: number[] = [0, 0x80000000, 0x7fffffff, 0x00000001, 0xffffffff];
      if (th.kind === 'from') {
        for (let d = -400; d <= 400; d++) zs.push((th.bits + (format === 'f32' && th.bits >= 0x80000000 ? -d : d)) >>> 0);
      }
      for (let i = 0; i < 4000; i++) zs.push(r());
      const wrong = zs.filter((z) => !(format === 'f32' && f32Of(z) !== f32Of(z)) && kernelDecides(format, th, z) !== referenceDecides(format, t, z));
      expect(wrong.map(hex32).slice(0, 5)).toEqual([]);
      // The threshold is tight: the pattern just below it is off.
      if (th.kind === 'from') expect(referenceDecides(format, t, th.bits)).toBe(true);
    });
  }
});

describe.skipIf(skipWithoutGpu)(`quire division of the Mean kernel${noGpuReason ? ' (no adapter)' : ''}`, () => {
  it('equals the reference exact sum / B rounded once', async () => {
    const P = positOps('posit32');
    const A = arithFor('posit32');
    const r = rng(99);
    const cases: number[][] = [];
    const batches = [1, 2, 3, 5, 7, 10, 64, 100, 999, 4097, 65535];
    for (const B of batches) {
      for (let c = 0; c < 6; c++) {
        cases.push(Array.from({ length: B }, () => (c === 0 ? r() : P.fromF64((r() / 2 ** 32 - 0.5) * 2 ** ((r() % 60) - 30)))));
      }
    }
    // Extremes: maxpos sums, minpos, exact cancellation to zero, a lone NaR.
    cases.push([0x7fffffff, 0x7fffffff, 0x7fffffff], [0x00000001, 0x00000001, 0x00000001], [P.fromF64(3.5), P.fromF64(-3.5)], [P.fromF64(1), 0x80000000, P.fromF64(2)], [0x00000001]);
    const flat = cases.flat();
    const ranges: number[] = [];
    let start = 0;
    for (const c of cases) {
      ranges.push(start, c.length);
      start += c.length;
    }
    const want = cases.map((c) => {
      A.sumBegin();
      for (const x of c) A.sumAdd(x);
      return A.sumEndQuotient(c.length);
    });
    const wgsl = `${POSIT32_LIBRARY_WGSL}${QUIRE_DIV_WGSL}
@group(0) @binding(0) var<storage, read> xs: array<u32>;
@group(0) @binding(1) var<storage, read> ranges: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= arrayLength(&out)) {
    return;
  }
  var q: Quire;
  q_clear(&q);
  for (var j = 0u; j < ranges[2u * i + 1u]; j++) {
    q_add_posit(&q, xs[ranges[2u * i] + j]);
  }
  out[i] = q_to_p32_div(&q, ranges[2u * i + 1u]);
}
`;
    const [got] = await runOrThrow({ label: 'quire-div-test.wgsl', wgsl, entryPoint: 'main' }, [
      { kind: 'input', data: Uint32Array.from(flat) },
      { kind: 'input', data: Uint32Array.from(ranges) },
      { kind: 'output', words: cases.length },
    ], cases.length);
    expect(mismatches(got as Uint32Array, want, (i) => `case ${i} (B=${cases[i]?.length})`)).toEqual([]);
    expect(want.slice(-5)).toEqual([0x7fffffff, 0x00000001, 0, 0x80000000, 0x00000001]);
  });
});
