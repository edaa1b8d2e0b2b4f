// The WGSL soft f64 (targets/webgpu/wgsl/soft-f64.ts) on a real WebGPU device (lavapipe in CI):
// + − × ÷ correctly rounded like JS doubles, IEEE comparisons, exact integer and posit32
// conversions, and the elementary functions bit-identical to the TS definition on 2^17 doubles
// each and, through the transcendental rule, on 2^17 posit32 patterns each. The library also
// parses with wgsl_reflect, which needs no GPU.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WgslReflect } from 'wgsl_reflect/wgsl_reflect.module.js';
import { renderOneLine } from '../../ir/diagnostics.ts';
import { exp, expm1, gelu, log, positOps, sigmoid, tanh, viaF64 } from '../../runtime/numerics/index.ts';
import { compileKernel, runKernel, type Kernel } from '../../targets/webgpu/runner.ts';
import { workgroupsFor } from '../../targets/webgpu/wgsl/posit32-kernels.ts';
import { SOFT_F64_LIBRARY_WGSL, SOFT_F64_WGSL } from '../../targets/webgpu/wgsl/soft-f64.ts';
import { elementaryInputs, fromBits, rng32, SPECIAL_INPUTS, toBits } from '../unit/elementary-inputs.ts';
import { gpuDevice, hex32, noGpuReason, releaseGpu, skipWithoutGpu } from './gpu-harness.ts';

afterAll(releaseGpu);

const N = 1 << 17;
const FNS = { exp, expm1, log, tanh, sigmoid, gelu } as const;
type Fn = keyof typeof FNS;
const FN_IDS = Object.keys(FNS) as Fn[];
const RANGE: Record<Fn, number> = { exp: 800, expm1: 800, log: 1e6, tanh: 25, sigmoid: 800, gelu: 12 };
const P32 = positOps('posit32');

const ENTRY = `@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= arrayLength(&out)) {
    return;
  }`;

/** Binary ops by index; comparisons return (lt, eq); 6..8 convert through i32 and build 2^k. */
const BINARY = ['sf64_add(x, y)', 'sf64_sub(x, y)', 'sf64_mul(x, y)', 'sf64_div(x, y)',
  'vec2<u32>(select(0u, 1u, sf64_lt(x, y)), select(0u, 1u, sf64_eq(x, y)))',
  'sf64_from_i32(bitcast<i32>(x.y))', 'vec2<u32>(bitcast<u32>(sf64_trunc_i32(x)), 0u)'];

function binaryKernel(): string {
  const cases = BINARY.map((e, i) => `    case ${i}u: { r = ${e}; }`).join('\n');
  return `${SOFT_F64_LIBRARY_WGSL}
@group(0) @binding(0) var<storage, read> a: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read> b: array<vec2<u32>>;
@group(0) @binding(2) var<uniform> op: vec4<u32>;
@group(0) @binding(3) var<storage, read_write> out: array<vec2<u32>>;
${ENTRY}
  let x = a[i];
  let y = b[i];
  var r = SF64_ZERO;
  switch op.x {
${cases}
    default: {}
  }
  out[i] = r;
}`;
}

/**
 * One kernel for all six functions (mode.y = index in FNS), on doubles (mode.x = 0) or, by the
 * transcendental rule, on posit32 patterns in .x (mode.x = 1). tanh, sigmoid and gelu go through
 * their arg/finish steps around one shared copy of each core (exp, expm1, log), which keeps the
 * shader small enough to compile quickly on a software GPU.
 */
function elementaryKernel(): string {
  return `${SOFT_F64_LIBRARY_WGSL}
@group(0) @binding(0) var<storage, read> src: array<vec2<u32>>;
@group(0) @binding(1) var<uniform> mode: vec4<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<vec2<u32>>;
${ENTRY}
  let posit = mode.x == 1u;
  let fn_id = mode.y; // exp, expm1, log, tanh, sigmoid, gelu
  let x = select(src[i], p32_to_sf64(src[i].x), posit);
  let u = sf64_gelu_arg(x);
  let th_in = select(x, u, fn_id == 5u);
  var arg = x;
  if (fn_id == 3u || fn_id == 5u) {
    arg = sf64_tanh_arg(th_in);
  } else if (fn_id == 4u) {
    arg = sf64_sigmoid_arg(x);
  }
  var core: vec2<u32>;
  if (fn_id == 2u) {
    core = sf64_log(arg);
  } else if (fn_id == 0u || fn_id == 4u) {
    core = sf64_exp(arg);
  } else {
    core = sf64_expm1(arg);
  }
  let th = sf64_tanh_finish(th_in, core);
  var y = core;
  if (fn_id == 3u) {
    y = th;
  } else if (fn_id == 4u) {
    y = sf64_sigmoid_finish(x, core);
  } else if (fn_id == 5u) {
    y = sf64_gelu_finish(x, th);
  }
  out[i] = select(y, vec2<u32>(sf64_to_p32(y), 0u), posit);
}`;
}

/**
 * The composed posit32 wrappers sf64_p32_sigmoid (over sf64_sigmoid, sf64_exp) and sf64_p32_gelu
 * (over sf64_gelu, sf64_tanh, sf64_expm1), picked by mode.x; sf64_p32_exp and sf64_p32_tanh are
 * the same one-line composition and would only double the compile time.
 */
function wrapperKernel(): string {
  return `${SOFT_F64_LIBRARY_WGSL}
@group(0) @binding(0) var<storage, read> src: array<vec2<u32>>;
@group(0) @binding(1) var<uniform> mode: vec4<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<vec2<u32>>;
${ENTRY}
  let p = src[i].x;
  var r = 0u;
  if (mode.x == 0u) {
    r = sf64_p32_sigmoid(p);
  } else {
    r = sf64_p32_gelu(p);
  }
  out[i] = vec2<u32>(r, 0u);
}`;
}

const pack = (xs: ArrayLike<number>): Uint32Array => Uint32Array.from(Array.from(xs).flatMap((x) => toBits(x)));
/** i32s placed in the low words of (0, k) pairs. */
const lowWords = (ks: Int32Array): Uint32Array => {
  const w = new Uint32Array(2 * ks.length);
  ks.forEach((k, i) => (w[2 * i + 1] = k >>> 0));
  return w;
};
const unpackAt = (w: Uint32Array, i: number): number => fromBits(w[2 * i]!, w[2 * i + 1]!);

async function run(kernel: Kernel, inputs: readonly Uint32Array[], uniform: readonly number[], lanes: number): Promise<Uint32Array> {
  const out = await runKernel(gpuDevice(), kernel, {
    bindings: [...inputs.map((data) => ({ kind: 'input', data }) as const), { kind: 'uniform', data: Uint32Array.of(...uniform, 0, 0, 0, 0).slice(0, 4) }, { kind: 'output', words: 2 * lanes }],
    workgroups: workgroupsFor(lanes),
  });
  if (!out.ok) throw new Error(out.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  return out.value[0]!;
}

/** Doubles equal as IEEE values with the same sign of zero, any NaN matching any NaN. */
const same = (a: number, b: number): boolean => (a !== a && b !== b) || Object.is(a, b);

/** Operand pairs: independent, near-cancelling, and products/quotients that end subnormal. */
function pairs(seed: number, n: number): [Float64Array, Float64Array] {
  const a = elementaryInputs(seed, n, 1e3);
  const b = elementaryInputs(seed + 1, n, 1e3);
  const next = rng32(seed + 2);
  for (let i = SPECIAL_INPUTS.length; i < n; i++) {
    const mode = next() % 4;
    if (mode === 1) b[i] = -a[i]! * (1 + ((next() % 64) - 32) * 2 ** -52);
    if (mode === 2) [a[i], b[i]] = [fromBits(next() & 0x801fffff, next()), fromBits(next() & 0x9fffffff, next())];
  }
  for (let i = 0; i < SPECIAL_INPUTS.length; i++) b[i] = SPECIAL_INPUTS[(i * 7) % SPECIAL_INPUTS.length]!;
  return [a, b];
}

describe.skipIf(skipWithoutGpu)(`soft f64 on WebGPU${noGpuReason ? ` (no adapter: ${noGpuReason})` : ''}`, () => {
  const kernels = new Map<string, Kernel>();
  beforeAll(async () => {
    // Compile concurrently: the soft ops are inlined at every call site, so these are big shaders.
    const sources = [['binary', binaryKernel()], ['elementary', elementaryKernel()]] as const;
    const compiled = await Promise.all(sources.map(([label, wgsl]) => compileKernel(gpuDevice(), { label: `${label}.wgsl`, wgsl, entryPoint: 'main' })));
    compiled.forEach((k, i) => {
      if (!k.ok) throw new Error(k.diagnostics.map((d) => renderOneLine(d)).join('\n'));
      kernels.set(sources[i]![0], k.value);
    });
  });

  const REF = [(x: number, y: number) => x + y, (x: number, y: number) => x - y, (x: number, y: number) => x * y, (x: number, y: number) => x / y];
  it.each(['add', 'sub', 'mul', 'div'])(`%s: ${N} pairs rounded like IEEE doubles`, async (name) => {
    const op = ['add', 'sub', 'mul', 'div'].indexOf(name);
    const [a, b] = pairs(op * 101 + 5, N);
    const out = await run(kernels.get('binary')!, [pack(a), pack(b)], [op], N);
    const bad: string[] = [];
    for (let i = 0; i < N && bad.length < 8; i++) {
      const want = REF[op]!(a[i]!, b[i]!);
      if (!same(unpackAt(out, i), want)) bad.push(`${a[i]} ${name} ${b[i]}: got ${unpackAt(out, i)}, want ${want}`);
    }
    expect(bad).toEqual([]);
  });

  it('lt and eq follow IEEE order; i32 conversions are exact', async () => {
    const [a, b] = pairs(77, 1 << 14);
    for (let i = 0; i < a.length; i += 5) b[i] = a[i]!; // equal pairs, signed zeros included
    const cmp = await run(kernels.get('binary')!, [pack(a), pack(b)], [4], a.length);
    const badCmp = Array.from(a, (x, i) => [x, b[i]!, cmp[2 * i], cmp[2 * i + 1]] as const)
      .filter(([x, y, lt, eq]) => lt !== (x < y ? 1 : 0) || eq !== (x === y ? 1 : 0));
    expect(badCmp.slice(0, 5)).toEqual([]);
    const next = rng32(9);
    const ints = Int32Array.from({ length: 4096 }, (_, i) => (i < 4 ? [0, -1, 2 ** 31 - 1, -(2 ** 31)][i]! : next() >> (next() % 32)));
    const fromInt = await run(kernels.get('binary')!, [lowWords(ints), new Uint32Array(2 * ints.length)], [5], ints.length);
    expect(Array.from(ints, (_, i) => unpackAt(fromInt, i))).toEqual(Array.from(ints));
    const reals = Float64Array.from({ length: 4096 }, () => ((next() / 2 ** 32) * 2 - 1) * 2 ** (next() % 32));
    const trunc = await run(kernels.get('binary')!, [pack(reals), pack(reals)], [6], reals.length);
    expect(Array.from(reals, (_, i) => trunc[2 * i]! | 0)).toEqual(Array.from(reals, (x) => Math.trunc(x) | 0));
  });

  it.each(FN_IDS)(`%s: ${N} doubles bit-identical to the TS definition`, async (fn) => {
    const xs = elementaryInputs(fn.length * 31 + 3, N, RANGE[fn]);
    const out = await run(kernels.get('elementary')!, [pack(xs)], [0, FN_IDS.indexOf(fn)], N);
    const bad: string[] = [];
    for (let i = 0; i < N && bad.length < 8; i++) {
      const want = FNS[fn](xs[i]!);
      if (!same(unpackAt(out, i), want)) bad.push(`${fn}(${xs[i]} = ${toBits(xs[i]!).map(hex32).join(':')}): got ${unpackAt(out, i)}, want ${want}`);
    }
    expect(bad).toEqual([]);
  });

  it.each(FN_IDS)(`posit32 %s: ${N} patterns by the transcendental rule`, async (fn) => {
    const next = rng32(fn.length * 977);
    // Any pattern, or a double of the function's working range rounded in (moderate magnitudes).
    const specials = [0, 0x80000000, 0x40000000, 0xc0000000, 1, 0xffffffff, 0x7fffffff, 0x80000001];
    const unit = (): number => next() / 2 ** 32;
    const ps = Uint32Array.from({ length: N }, (_, i) => specials[i] ?? (i % 2 ? next() : P32.fromF64((unit() * 2 - 1) * Math.min(RANGE[fn], 40))));
    const words = new Uint32Array(2 * N);
    ps.forEach((p, i) => (words[2 * i] = p));
    const out = await run(kernels.get('elementary')!, [words], [1, FN_IDS.indexOf(fn)], N);
    const bad: string[] = [];
    for (let i = 0; i < N && bad.length < 8; i++) {
      const want = viaF64(P32, ps[i]!, FNS[fn]);
      if (out[2 * i] !== want) bad.push(`${fn}(${hex32(ps[i]!)}): got ${hex32(out[2 * i]!)}, want ${hex32(want)}`);
    }
    expect(bad).toEqual([]);
  });
});

describe.skipIf(skipWithoutGpu)(`posit32 wrappers on WebGPU${noGpuReason ? ` (no adapter: ${noGpuReason})` : ''}`, () => {
  let kernel: Kernel;
  beforeAll(async () => {
    const k = await compileKernel(gpuDevice(), { label: 'wrappers.wgsl', wgsl: wrapperKernel(), entryPoint: 'main' });
    if (!k.ok) throw new Error(k.diagnostics.map((d) => renderOneLine(d)).join('\n'));
    kernel = k.value;
  });

  it.each(['sigmoid', 'gelu'] as const)('sf64_p32_%s: 2^14 patterns by the transcendental rule', async (fn) => {
    const next = rng32(fn.length * 13);
    const n = 1 << 14;
    const words = new Uint32Array(2 * n);
    for (let i = 0; i < n; i++) words[2 * i] = i % 2 ? next() : P32.fromF64(((next() / 2 ** 32) * 2 - 1) * 12);
    const out = await run(kernel, [words], [fn === 'sigmoid' ? 0 : 1], n);
    const bad: string[] = [];
    for (let i = 0; i < n && bad.length < 8; i++) {
      const want = viaF64(P32, words[2 * i]!, FNS[fn]);
      if (out[2 * i] !== want) bad.push(`${fn}(${hex32(words[2 * i]!)}): got ${hex32(out[2 * i]!)}, want ${hex32(want)}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('soft f64 WGSL parses with wgsl_reflect', () => {
  it('declares the documented functions', () => {
    const names = new WgslReflect(SOFT_F64_LIBRARY_WGSL).functions.map((f) => f.name);
    for (const fn of ['sf64_add', 'sf64_sub', 'sf64_mul', 'sf64_div', 'sf64_lt', 'sf64_eq', 'sf64_from_i32', 'sf64_trunc_i32',
      'p32_to_sf64', 'sf64_to_p32', 'sf64_exp', 'sf64_expm1', 'sf64_log', 'sf64_tanh', 'sf64_sigmoid', 'sf64_gelu', 'sf64_p32_sigmoid',
      'sf64_tanh_arg', 'sf64_tanh_finish', 'sf64_sigmoid_arg', 'sf64_sigmoid_finish', 'sf64_gelu_arg', 'sf64_gelu_finish']) {
      expect(names).toContain(fn);
    }
    // No name clashes with the posit32 library it is appended to.
    expect(names.length).toBe(new Set(names).size);
    expect(new WgslReflect(SOFT_F64_WGSL).functions.length).toBeGreaterThan(30);
  });

  it('every kernel of this test parses', () => {
    for (const src of [binaryKernel(), elementaryKernel(), wrapperKernel()]) {
      expect(new WgslReflect(src).entry.compute.map((e) => e.name)).toEqual(['main']);
    }
  });
});
