// `tilegate compile --target wasm` and `tilegate run --target wasm` through main(): the three
// files (model.wasm, manifest.json, the ts-morph binding), the binding importing and running
// the module bit-identically to the reference (and learning), --format overrides, a format
// without WASM kernels refused with no file written, and `run --target wasm` writing the same
// output bytes as `--target reference`.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { compileToIR } from '../../compiler/index.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import { writeNpy } from '../../runtime/io/npy.ts';
import { initParams } from '../../runtime/params.ts';
import type { ModelManifest } from '../../targets/wasm/model-manifest.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const TMP = mkdtempSync(join(tmpdir(), 'tilegate-compile-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Binding {
  load(): Promise<{
    loadParams(file: string): readonly unknown[];
    saveParams(file: string): readonly unknown[];
    infer(inputs: Record<string, Float64Array>): { outputs?: Record<string, Float64Array>; diagnostics: readonly { code: string }[] };
    jvp(inputs: Record<string, Float64Array>, labels: Record<string, number[]>, opts: { perturbations: number }): { loss: number; diagnostics: readonly unknown[] };
  }>;
}

describe('tilegate compile --target wasm', () => {
  it('writes model.wasm, manifest.json and a binding that runs bit-identically to the reference', async () => {
    const out = join(TMP, 'hard');
    const r = await run('compile', join(EXAMPLES, 'dg-hard.dg'), '--target', 'wasm', '-o', out, '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { targets: { files: string[] }[] }).targets[0]?.files.map((f) => f.slice(out.length + 1))).toEqual(['wasm/model.wasm', 'wasm/manifest.json', 'wasm/model.ts']);
    const dir = join(out, 'wasm');
    const wasm = readFileSync(join(dir, 'model.wasm'));
    expect([...wasm.subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ModelManifest;
    expect(manifest.format).toBe('posit32');
    expect(manifest.exports.map((e) => e.name)).toEqual(['infer', 'forward', 'value_from_f64', 'value_to_f64', 'jvp_begin', 'jvp_dir', 'jvp_end']);
    expect(manifest.params.map((p) => p.name)).toEqual(['h.weight', 'h.bias', 'g.weight', 'g.bias', 'y.weight', 'y.bias']);
    expect(readFileSync(join(dir, 'model.ts'), 'utf8')).toContain('export class DgHard');

    const graph = compileToIR(readFileSync(join(EXAMPLES, 'dg-hard.dg'), 'utf8'), 'dg-hard.dg').graph!;
    const params = join(TMP, 'p.safetensors');
    expect((await run('init', join(EXAMPLES, 'dg-hard.dg'), '-o', params, '--dtype', 'f64', '--seed', '2')).code).toBe(0);
    const { DgHard } = (await import(pathToFileURL(join(dir, 'model.ts')).href)) as { DgHard: Binding };
    const m = await DgHard.load();
    expect(m.loadParams(params)).toEqual([]);
    const x = Float64Array.from({ length: 2 * 784 }, (_, i) => (i % 29) / 29);
    const y = m.infer({ x });
    expect(y.diagnostics).toEqual([]);
    const ref = runGraph(graph, initParams(graph, 2), { x: { shape: [2, 784], data: x } }, { format: 'posit32' });
    expect(Array.from(y.outputs?.y ?? [])).toEqual(Array.from(ref.outputs.get('y')?.data ?? []));
    expect(m.infer({ x: new Float64Array(783) }).diagnostics.map((d) => d.code)).toEqual(['E4502']);
    const step = m.jvp({ x }, { t: [3, 7] }, { perturbations: 2 });
    expect(step.diagnostics).toEqual([]);
    expect(step.loss).toBeGreaterThan(0);
    const saved = join(TMP, 'after.safetensors');
    expect(m.saveParams(saved)).toEqual([]);
    expect(readFileSync(saved).length).toBeGreaterThan(269322 * 8);
  });

  it('--format overrides the model; f64 has no WASM kernels: E3103 and nothing written', async () => {
    const ok = await run('compile', join(EXAMPLES, 'dense.dg'), '--target', 'wasm', '-o', join(TMP, 'd16'), '--format', 'bposit16');
    expect(ok.code).toBe(0);
    expect((JSON.parse(readFileSync(join(TMP, 'd16', 'wasm', 'manifest.json'), 'utf8')) as ModelManifest).format).toBe('bposit16');
    const bad = await run('compile', join(EXAMPLES, 'dense.dg'), '--target', 'wasm', '-o', join(TMP, 'd64'), '--format', 'f64');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('E3103');
    expect(existsSync(join(TMP, 'd64'))).toBe(false);
  });
});

describe('tilegate compile --dump-after / --stop-after', () => {
  it('prints the IR of the requested stages; --stop-after writes nothing', async () => {
    const stop = await run('compile', join(EXAMPLES, 'dense.dg'), '--target', 'wasm', '-o', join(TMP, 'stopped'), '--stop-after', 'lower');
    expect(stop.code).toBe(0);
    expect(stop.out).toContain('// ---- IR after lower ----');
    expect(stop.out).toContain('graph dense form=logical');
    expect(existsSync(join(TMP, 'stopped'))).toBe(false);
    const dump = await run('compile', join(EXAMPLES, 'dense.dg'), '--target', 'wasm', '-o', join(TMP, 'dumped'), '--dump-after', 'layout');
    expect(dump.code).toBe(0);
    expect(dump.out).toContain('graph dense form=channels-last');
    expect(existsSync(join(TMP, 'dumped', 'wasm', 'model.wasm'))).toBe(true);
    const bad = await run('compile', join(EXAMPLES, 'dense.dg'), '--target', 'wasm', '-o', join(TMP, 'bad'), '--stop-after', 'nope');
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining('E2002')]);
  });
});

describe('tilegate run --target wasm', () => {
  it('writes the same output bytes as the reference interpreter', async () => {
    const model = join(EXAMPLES, 'drift-digits.dg');
    const params = join(TMP, 'dd.safetensors');
    expect((await run('init', model, '-o', params)).code).toBe(0);
    const x = join(TMP, 'x.npy');
    writeFileSync(x, writeNpy([3, 784], Float64Array.from({ length: 3 * 784 }, (_, i) => ((i * 7919) % 1000) / 1000), 'f32'));
    for (const format of ['posit32', 'posit16']) {
      const files = ['reference', 'wasm'].map((t) => join(TMP, `y-${t}-${format}.npy`));
      for (const [i, target] of ['reference', 'wasm'].entries()) {
        const r = await run('run', model, '--params', params, '--input', x, '--target', target, '--format', format, '--output', files[i]!);
        expect(r.code, r.err).toBe(0);
      }
      expect(readFileSync(files[1]!).equals(readFileSync(files[0]!))).toBe(true);
    }
  });

  it('bad inputs come back as diagnostics', async () => {
    const model = join(EXAMPLES, 'dense.dg');
    const params = join(TMP, 'dense.safetensors');
    await run('init', model, '-o', params);
    const x = join(TMP, 'narrow.npy');
    writeFileSync(x, writeNpy([2, 100], new Float64Array(200), 'f64'));
    const r = await run('run', model, '--params', params, '--input', x, '--target', 'wasm');
    expect(r.code).toBe(2);
    expect(r.err).toContain('E4502');
  });
});
