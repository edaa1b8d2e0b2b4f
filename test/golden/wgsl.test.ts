// Golden WGSL of every example in f32 and posit32 (test/golden/<example>.<format>.wgsl): each
// distinct kernel the WebGPU target emits, without the numerics library it prepends, and the
// dispatch order with sizes, grids and bindings. Every emitted shader (library included) also
// parses with wgsl_reflect, a WGSL front end independent of Dawn, and its entry point uses
// exactly the bindings the manifest gives it, so the pipeline's automatic layout matches.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WgslReflect } from 'wgsl_reflect/wgsl_reflect.module.js';
import { compileToIR } from '../../compiler/index.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import { emitWebGpu, goldenText } from '../../targets/webgpu/emit.ts';
import type { GpuProgram } from '../../targets/webgpu/program.ts';

const here = dirname(fileURLToPath(import.meta.url));
const examplesDir = join(here, '..', '..', 'examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.dg'))
  .sort();
const FORMATS = ['f32', 'posit32'] as const;

function program(file: string, format: 'f32' | 'posit32'): GpuProgram {
  const r = compileToIR(readFileSync(join(examplesDir, file), 'utf8'), `examples/${file}`);
  if (!r.graph) throw new Error(r.diagnostics.map((d) => renderOneLine(d, r.sources)).join('\n'));
  const e = emitWebGpu(r.graph, { format });
  if (!e.program) throw new Error(e.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  return e.program;
}

describe('golden WGSL of the examples', () => {
  for (const file of examples) {
    for (const format of FORMATS) {
      it(`${file} in ${format}`, async () => {
        await expect(goldenText(program(file, format))).toMatchFileSnapshot(join(here, file.replace(/\.dg$/, `.${format}.wgsl`)));
      });
    }
  }
});

describe('every emitted shader parses with wgsl_reflect and uses exactly its bindings', () => {
  // Kernels of equal text are one shader; check each distinct one once, with every binding list it serves.
  const shaders = new Map<string, { name: string; bindings: number }>();
  for (const file of examples) {
    for (const format of FORMATS) for (const k of program(file, format).kernels) shaders.set(k.wgsl, { name: `${file} ${format} ${k.name}`, bindings: k.bindings.length });
  }

  it('there are shaders of every kind to check', () => {
    const names = [...shaders.values()].map((s) => s.name.split(' ')[2]?.replace(/^t?\d+-/, '') ?? '');
    for (const kind of ['dense-narrow', 'dense-wide', 'activation', 'gate', 'mul', 'softmax', 'top1', 'combine', 'crossentropy', 'mean']) expect(names).toContain(kind);
  });

  it.each([...shaders].map(([wgsl, s]) => [s.name, wgsl, s.bindings] as const))('%s', (_name, wgsl, bindings) => {
    const r = new WgslReflect(wgsl);
    expect(r.entry.compute.map((e) => e.name)).toEqual(['main']);
    const used = (r.entry.compute[0]?.resources ?? []).map((x) => `${x.group}:${x.binding}`).sort();
    expect(used).toEqual(Array.from({ length: bindings + 1 }, (_, i) => `0:${i}`).sort());
    expect(r.uniforms.map((u) => u.binding)).toEqual([0]);
  });

  it('rejects malformed WGSL (the check can fail)', () => {
    expect(() => new WgslReflect('fn main( -> u32 { return 1u; }')).toThrow();
  });
});
