// Throughput of the WGSL posit32 library on the available WebGPU adapter: posit32 multiply and
// quire fused multiply-add in Mops/s, each printed beside its named baseline measured in the same
// run (an f32 WGSL multiply / fma kernel with the same loop shape), plus a plain JS f64 multiply
// loop for scale. Run: node bin/run-ts.mjs bench/webgpu-posit/index.ts [--lanes N] [--target-ms N]
import { renderOneLine } from '../../ir/diagnostics.ts';
import { acquireDevice, type GpuDevice } from '../../targets/webgpu/device.ts';
import { compileKernel, runKernel, type Kernel } from '../../targets/webgpu/runner.ts';
import { POSIT32_LIBRARY_WGSL } from '../../targets/webgpu/wgsl/library.ts';
import { workgroupsFor } from '../../targets/webgpu/wgsl/posit32-kernels.ts';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

const LANES = flag('--lanes', 16_384);
/** Each kernel's loop count doubles until one dispatch takes this long, so fixed costs fade. */
const TARGET_MS = flag('--target-ms', 250);
const REPS = 3;

// Every kernel: one lane per element, ITERS dependent operations (ITERS is the last seed word,
// a runtime value so the compiler cannot fold the loop), result stored so nothing is dead.
const HEAD = `@group(0) @binding(0) var<storage, read> seed: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= arrayLength(&out)) {
    return;
  }
  let s = seed[i];
  let ITERS = seed[arrayLength(&seed) - 1u];`;

const KERNELS = {
  'f32 mul (baseline)': `${HEAD}
  var acc = 1.0 + f32(s & 0xffffu) * 1e-6;
  let y = 1.0 + f32(s >> 16u) * 1e-9;
  for (var k = 0u; k < ITERS; k++) {
    acc = acc * y;
  }
  out[i] = bitcast<u32>(acc);
}`,
  'posit32 mul': `${POSIT32_LIBRARY_WGSL}${HEAD}
  var acc = 0x40000000u + (s & 0xffffu);
  let y = 0x40000000u + (s >> 16u);
  for (var k = 0u; k < ITERS; k++) {
    acc = p32_mul(acc, y);
  }
  out[i] = acc;
}`,
  'f32 fma (baseline)': `${HEAD}
  var acc = 0.0;
  var a = bitcast<f32>(0x3f800000u | (s >> 9u));
  let b = bitcast<f32>(0x3f800000u | (s & 0x7fffffu));
  for (var k = 0u; k < ITERS; k++) {
    acc = fma(a, b, acc);
    a = -a;
  }
  out[i] = bitcast<u32>(acc);
}`,
  'quire32 fma': `${POSIT32_LIBRARY_WGSL}${HEAD}
  var q: Quire;
  q_clear(&q);
  var a = s | 1u;
  let b = 0x40000000u + (s >> 12u);
  for (var k = 0u; k < ITERS; k++) {
    q_fma(&q, a, b);
    a = a * 747796405u + 2891336453u; // new random operand pattern each step
  }
  out[i] = q_to_p32(&q);
}`,
} as const;

type KernelName = keyof typeof KERNELS;

async function timeOnce(dev: GpuDevice, kernel: Kernel, seed: Uint32Array, iters: number): Promise<number> {
  seed[LANES] = iters;
  const t0 = performance.now();
  const out = await runKernel(dev, kernel, { bindings: [{ kind: 'input', data: seed }, { kind: 'output', words: LANES }], workgroups: workgroupsFor(LANES) });
  const ms = performance.now() - t0;
  if (!out.ok) throw new Error(out.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  return ms;
}

/** Loop count at which one dispatch of the kernel takes at least TARGET_MS. */
async function calibrate(dev: GpuDevice, kernel: Kernel, seed: Uint32Array): Promise<number> {
  await timeOnce(dev, kernel, seed, 1); // the first dispatch of a pipeline pays one-off driver costs
  let iters = 16;
  while (iters < 1 << 22 && (await timeOnce(dev, kernel, seed, iters)) < TARGET_MS) iters *= 2;
  return iters;
}

function jsF64MulMops(): number {
  const n = 50_000_000;
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r <= REPS; r++) {
    const t0 = performance.now();
    let acc = 1.000001;
    const y = 1.0000000001 + r * 1e-12;
    for (let k = 0; k < n; k++) acc *= y;
    sink += acc;
    if (r > 0) best = Math.min(best, performance.now() - t0);
  }
  if (!Number.isFinite(sink)) console.log('(sink)', sink);
  return n / (best * 1e3);
}

async function main(): Promise<void> {
  const acquired = await acquireDevice();
  if (!acquired.ok) {
    for (const d of acquired.diagnostics) console.error(`${renderOneLine(d)}${d.hint ? `\n  hint: ${d.hint}` : ''}`);
    process.exitCode = 2;
    return;
  }
  const { device, adapterInfo: info } = acquired;
  console.log(`adapter: ${info.vendor} / ${info.architecture} / ${info.device} — ${info.description}${info.isFallbackAdapter ? ' (fallback adapter)' : ''}`);
  console.log(`${LANES} lanes; loop counts grow until a dispatch takes >= ${TARGET_MS} ms; best of ${REPS} interleaved rounds (upload + dispatch + readback)\n`);
  const seed = Uint32Array.from({ length: LANES + 1 }, (_, i) => Math.imul(i + 1, 2654435761) >>> 0);
  const names = Object.keys(KERNELS) as KernelName[];
  const runs: { name: KernelName; kernel: Kernel; iters: number; best: number }[] = [];
  for (const name of names) {
    const kernel = await compileKernel(device, { label: `${name}.wgsl`, wgsl: KERNELS[name], entryPoint: 'main' });
    if (!kernel.ok) throw new Error(kernel.diagnostics.map((d) => renderOneLine(d)).join('\n'));
    runs.push({ name, kernel: kernel.value, iters: await calibrate(device, kernel.value, seed), best: Infinity });
  }
  // Rounds interleave the kernels, so a burst of load elsewhere hits baseline and posit alike.
  for (let r = 0; r < REPS; r++) for (const run of runs) run.best = Math.min(run.best, await timeOnce(device, run.kernel, seed, run.iters));
  const mops = {} as Record<KernelName, number>;
  for (const run of runs) {
    mops[run.name] = (LANES * run.iters) / (run.best * 1e3);
    console.log(`${run.name.padEnd(20)} ${mops[run.name].toFixed(1).padStart(9)} Mops/s   (${run.iters} ops per lane)`);
  }
  const js = jsF64MulMops();
  console.log(`${'JS f64 mul (scalar)'.padEnd(20)} ${js.toFixed(1).padStart(9)} Mops/s`);
  device.destroy();
  console.log('');
  console.log(`posit32 mul / f32 mul (WGSL):   ${(mops['posit32 mul'] / mops['f32 mul (baseline)']).toFixed(3)}x`);
  console.log(`quire32 fma / f32 fma (WGSL):   ${(mops['quire32 fma'] / mops['f32 fma (baseline)']).toFixed(3)}x`);
  console.log(`posit32 mul (WGSL) / JS f64 mul: ${(mops['posit32 mul'] / js).toFixed(3)}x`);
}

await main();
