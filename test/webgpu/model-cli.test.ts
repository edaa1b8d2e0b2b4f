// The WebGPU target from the command line and its refusals: `tilegate compile --target webgpu`
// writes one .wgsl per distinct kernel and a manifest whose every kernel file exists; formats the
// target cannot run (posit16, b-posits, f64) are E3401 with no output written, never an f32
// fallback; `tilegate run --target webgpu` writes the reference's posit32 outputs bit for bit; with
// no adapter the run fails with E5101 naming the lavapipe install; a mixture wider than the
// device's storage-buffer limit is E3402.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { readNpy, writeNpy } from '../../runtime/io/npy.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { loadTarget } from '../../runtime/targets-registry.ts';
import { GpuModel } from '../../targets/webgpu/executor.ts';
import { buildProgram } from '../../targets/webgpu/program.ts';
import { outputTensors } from '../../targets/webgpu/run-target.ts';
import { gpuDevice, noGpuReason, releaseGpu, skipWithoutGpu } from './gpu-harness.ts';
import { bitDiffs, exampleGraph, graphOf, seededInputs, seededParams } from './model-harness.ts';

const TMP = mkdtempSync(join(tmpdir(), 'tilegate-webgpu-cli-'));
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  releaseGpu();
});
const p = (name: string): string => join(TMP, name);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface ManifestKernel {
  name: string;
  file: string;
  phase: string;
  bindings: { binding: number; buffer: string }[];
}

describe('tilegate compile --target webgpu', () => {
  it('writes every distinct kernel and a manifest that names them, with the tangent kernels of the learn mode', async () => {
    const r = await cli('compile', 'examples/moe-top1.dg', '--target', 'webgpu', '-o', p('out'), '--json');
    expect(r.code, r.err).toBe(0);
    const dir = p('out/webgpu');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { format: string; kernels: ManifestKernel[]; buffers: { name: string }[]; learn?: { mode: string } };
    expect(manifest.format).toBe('posit32');
    expect(manifest.learn?.mode).toBe('theta_and_w_inactive');
    const files = readdirSync(dir).filter((f) => f.endsWith('.wgsl'));
    expect(new Set(manifest.kernels.map((k) => k.file))).toEqual(new Set(files));
    expect(manifest.kernels.some((k) => k.phase === 'tangent')).toBe(true);
    const buffers = new Set(manifest.buffers.map((b) => b.name));
    for (const k of manifest.kernels) for (const b of k.bindings) expect(buffers.has(b.buffer), `${k.name} binds ${b.buffer}`).toBe(true);
    const summary = JSON.parse(r.out) as { targets: { files: string[] }[] };
    expect(summary.targets[0]?.files).toHaveLength(files.length + 1);
    // No temporary files are left behind by the atomic writes.
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it.each([
    ['examples/dg-soft.dg', []],
    ['examples/dg-hard.dg', ['--format', 'f64']],
    ['examples/dg-hard.dg', ['--format', 'bposit32']],
  ] as [string, string[]][])('refuses %s %j with E3401 and writes nothing', async (model, extra) => {
    const out = p(`refused-${extra.join('') || 'declared'}`);
    const r = await cli('compile', model, '--target', 'webgpu', '-o', out, ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error\[E3401\]: the webgpu target cannot run (posit16|f64|bposit32)/);
    expect(r.err).toMatch(/hint: webgpu runs f32 and posit32/);
    expect(existsSync(out)).toBe(false);
  });

  it('compiles a refused model once the format is overridden to one the target runs', async () => {
    const r = await cli('compile', 'examples/dg-soft.dg', '--target', 'webgpu', '--format', 'f32', '-o', p('soft-f32'));
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(readFileSync(p('soft-f32/webgpu/manifest.json'), 'utf8')) as { format: string }).format).toBe('f32');
  });
});

describe('unsupported formats at run time', () => {
  it.each(['posit8', 'posit16', 'bposit16', 'bposit32', 'f64'] as const)('the run target refuses %s with E3401', async (format) => {
    const target = (await loadTarget('webgpu')).target;
    const g = exampleGraph('dg-hard');
    const r = await target?.run(g, seededParams(g, 1), seededInputs(g, 1, 1), format);
    expect(r?.ok).toBe(false);
    expect(r && !r.ok ? r.diagnostics.map((d) => d.code) : []).toEqual(['E3401']);
    expect(buildProgram(g, format).program).toBeUndefined();
  });
});

describe.skipIf(skipWithoutGpu)(`tilegate run --target webgpu${noGpuReason ? ' (no adapter)' : ''}`, () => {
  beforeAll(async () => {
    const g = exampleGraph('drift-digits');
    writeFileSync(p('x.npy'), writeNpy([3, 784], (seededInputs(g, 3, 4).x as Tensor).data, 'f64'));
    const r = await cli('init', 'examples/drift-digits.dg', '-o', p('params.safetensors'), '--seed', '5');
    expect(r.code, r.err).toBe(0);
  });

  it('writes the reference interpreter posit32 outputs bit for bit', async () => {
    const r = await cli('run', 'examples/drift-digits.dg', '--params', p('params.safetensors'), '--input', p('x.npy'), '--target', 'webgpu', '--output', p('y-gpu.npy'));
    expect(r.code, r.err).toBe(0);
    const ref = await cli('run', 'examples/drift-digits.dg', '--params', p('params.safetensors'), '--input', p('x.npy'), '--target', 'reference', '--output', p('y-ref.npy'));
    expect(ref.code, ref.err).toBe(0);
    const got = readNpy(readFileSync(p('y-gpu.npy')), 'y-gpu.npy').array;
    const want = readNpy(readFileSync(p('y-ref.npy')), 'y-ref.npy').array;
    expect(got?.shape).toEqual([3, 10]);
    expect(bitDiffs(got?.data ?? [], want?.data ?? [])).toEqual([]);
  });

  it('without an adapter fails with E5101 naming the lavapipe install, and writes nothing', () => {
    const env = { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '/nonexistent/icd.json' };
    const args = ['bin/tilegate.mjs', 'run', 'examples/drift-digits.dg', '--params', p('params.safetensors'), '--input', p('x.npy'), '--target', 'webgpu', '--output', p('y-none.npy')];
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error\[E5101\]/);
    expect(r.stderr).toMatch(/lavapipe/);
    expect(existsSync(p('y-none.npy'))).toBe(false);
  });

  it('a mixture wider than the storage-buffer limit is E3402, not a crash', async (ctx) => {
    const limit = gpuDevice().raw.limits.maxStorageBuffersPerShaderStage;
    // A device with a very high limit cannot be pushed past it by a model of sane size.
    if (limit > 62) ctx.skip();
    const g = graphOf(`model wide_moe {\n  input x : [8]\n  numeric posit32 quire\n  e = moe(x, 4, experts: ${limit - 1}, route: soft, act: relu)\n  output e\n}\n`, 'wide-moe.dg');
    const built = buildProgram(g, 'posit32');
    if (!built.program) throw new Error('no program');
    const created = await GpuModel.create(gpuDevice(), built.program);
    expect(created.ok).toBe(false);
    expect(created.ok ? [] : created.diagnostics.map((d) => d.code)).toEqual(['E3402']);
    // One expert fewer fits, and runs bit-exact.
    const g2 = graphOf(`model ok_moe {\n  input x : [8]\n  numeric posit32 quire\n  e = moe(x, 4, experts: ${limit - 2}, route: soft, act: relu)\n  output e\n}\n`, 'ok-moe.dg');
    const r2 = await GpuModel.create(gpuDevice(), buildProgram(g2, 'posit32').program as NonNullable<ReturnType<typeof buildProgram>['program']>);
    expect(r2.ok).toBe(true);
    if (!r2.ok) return;
    const params = seededParams(g2, 3);
    const inputs = seededInputs(g2, 2, 3);
    expect(r2.value.setParams(params)).toEqual([]);
    const out = await r2.value.run({ inputs });
    if (!out.ok) throw new Error(JSON.stringify(out.diagnostics));
    const want = runGraph(g2, params, inputs, { format: 'posit32' }).outputs.get('e') as Tensor;
    expect(bitDiffs(outputTensors(r2.value, out.value).get('e')?.data ?? [], want.data)).toEqual([]);
  });
});
