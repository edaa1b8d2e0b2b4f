// The WebGPU device layer's failure paths become diagnostics: WGSL compile errors at their line,
// validation errors, uncaptured errors, use after destroy, timeouts (in a child process, which
// must still exit by itself) and a machine without a Vulkan driver (simulated in a child process).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderOneLine, renderPretty, type Diagnostic } from '../../ir/diagnostics.ts';
import { acquireDevice } from '../../targets/webgpu/device.ts';
import { compileKernel, kernelSourceMap, runKernel } from '../../targets/webgpu/runner.ts';
import { gpuDevice, noGpuReason, releaseGpu, skipWithoutGpu } from './gpu-harness.ts';

afterAll(releaseGpu);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = 'test/webgpu/probes/device-probe.ts';

/** Runs the probe in a fresh Node process; a process that fails to exit is killed after 60 s. */
function probe(mode: string, env: NodeJS.ProcessEnv = process.env): { status: number | null; signal: string | null; out: { diagnostics: Diagnostic[]; again?: Diagnostic[]; adapter?: string } } {
  const r = spawnSync(process.execPath, ['bin/run-ts.mjs', PROBE, mode], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{')) ?? '{"diagnostics":[]}';
  return { status: r.status, signal: r.signal, out: JSON.parse(line) as { diagnostics: Diagnostic[] } };
}

const ADD_ONE = `@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read_write> dst: array<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x < arrayLength(&dst)) {
    dst[gid.x] = src[gid.x] + 1u;
  }
}
`;

describe('without a Vulkan driver', () => {
  it('acquireDevice returns E5101 whose hint names the lavapipe install', () => {
    const r = probe('idle', { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '/nonexistent/icd.json' });
    expect(r.status).toBe(0);
    const [d] = r.out.diagnostics;
    expect(d?.code).toBe('E5101');
    expect(d?.hint).toContain('bookworm-backports');
    expect(d?.hint).toContain('mesa-vulkan-drivers');
    expect(d?.hint).toContain('scripts/ensure-webgpu.sh');
  });
});

describe.skipIf(skipWithoutGpu)(`WebGPU device layer${noGpuReason ? ` (no adapter: ${noGpuReason})` : ''}`, () => {
  it('runs a kernel and reads the result back', async () => {
    const dev = gpuDevice();
    const kernel = await compileKernel(dev, { label: 'add-one.wgsl', wgsl: ADD_ONE, entryPoint: 'main' });
    expect(kernel.ok).toBe(true);
    if (!kernel.ok) return;
    const src = Uint32Array.from({ length: 1000 }, (_, i) => i * 3);
    const out = await runKernel(dev, kernel.value, { bindings: [{ kind: 'input', data: src }, { kind: 'output', words: 1000 }], workgroups: [16] });
    expect(out.ok && Array.from(out.value[0] ?? [])).toEqual(Array.from(src, (x) => x + 1));
  });

  it('reports a WGSL compile error as E5104 at the WGSL line and column', async () => {
    const wgsl = ADD_ONE.replace('src[gid.x] + 1u', 'src[gid.x] + 1.5');
    const r = await compileKernel(gpuDevice(), { label: 'broken.wgsl', wgsl, entryPoint: 'main' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('E5104');
    expect(d.at).toMatchObject({ file: 'broken.wgsl', line: 6 });
    expect(d.hint).toContain('dst[gid.x] = src[gid.x] + 1.5;');
    expect(renderOneLine(d)).toMatch(/^broken\.wgsl:6:\d+: error\[E5104\]: WGSL: /);
    const pretty = renderPretty(d, kernelSourceMap({ label: 'broken.wgsl', wgsl, entryPoint: 'main' })).split('\n');
    expect(pretty).toContain('6 |     dst[gid.x] = src[gid.x] + 1.5;');
    expect(pretty.find((l) => l.includes('^'))).toMatch(/\^+$/);
  });

  it('reports a missing entry point as a validation error (E5105)', async () => {
    const r = await compileKernel(gpuDevice(), { label: 'add-one.wgsl', wgsl: ADD_ONE, entryPoint: 'nope' });
    expect(r.ok ? [] : r.diagnostics.map((d) => d.code)).toEqual(['E5105']);
  });

  it('reports bindings that do not match the kernel as E5105, and the device stays usable', async () => {
    const dev = gpuDevice();
    const kernel = await compileKernel(dev, { label: 'add-one.wgsl', wgsl: ADD_ONE, entryPoint: 'main' });
    if (!kernel.ok) throw new Error('add-one.wgsl should compile');
    const bad = await runKernel(dev, kernel.value, { bindings: [{ kind: 'output', words: 4 }], workgroups: [1] });
    expect(bad.ok ? [] : bad.diagnostics.map((d) => d.code)).toContain('E5105');
    const good = await runKernel(dev, kernel.value, { bindings: [{ kind: 'input', data: Uint32Array.of(41) }, { kind: 'output', words: 1 }], workgroups: [1] });
    expect(good.ok && good.value[0]?.[0]).toBe(42);
  });

  it('collects errors raised outside any error scope', async () => {
    const dev = gpuDevice();
    dev.raw.createBuffer({ size: 4, usage: 0x1 | 0x80 }); // MAP_READ with STORAGE is invalid
    // The event arrives asynchronously; poll for it (bounded) rather than guess a delay.
    let got: Diagnostic[] = [];
    for (let i = 0; i < 100 && got.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      got = dev.takeUncapturedErrors();
    }
    expect(got.map((d) => d.code)).toEqual(['E5105']);
    expect(dev.takeUncapturedErrors()).toEqual([]);
  });

  it('refuses work on a destroyed device with E5106 instead of throwing', async () => {
    const second = await acquireDevice();
    if (!second.ok) throw new Error('a second device should open');
    const kernel = await compileKernel(second.device, { label: 'add-one.wgsl', wgsl: ADD_ONE, entryPoint: 'main' });
    if (!kernel.ok) throw new Error('add-one.wgsl should compile');
    second.device.destroy();
    const r = await runKernel(second.device, kernel.value, { bindings: [{ kind: 'input', data: Uint32Array.of(1) }, { kind: 'output', words: 1 }], workgroups: [1] });
    expect(r.ok ? [] : r.diagnostics.map((d) => d.code)).toEqual(['E5106']);
  });

  it('turns a kernel that overruns its deadline into E5107, and the process still exits', () => {
    const r = probe('timeout');
    expect({ status: r.status, signal: r.signal }).toEqual({ status: 0, signal: null });
    expect(r.out.diagnostics.map((d) => d.code)).toEqual(['E5107']);
    expect(r.out.again?.map((d) => d.code)).toEqual(['E5107']);
  });

  it.each(['idle', 'destroy'])('a process that used the device exits by itself (%s)', (mode) => {
    const r = probe(mode);
    expect({ status: r.status, signal: r.signal }).toEqual({ status: 0, signal: null });
    expect(r.out.adapter).toBeTruthy();
  });
});
