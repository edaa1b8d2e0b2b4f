// `tilegate compile --target webgpu`: the model's WebGPU program as files. Every distinct kernel
// is one self-contained .wgsl module (its numerics library prepended); manifest.json lists the
// buffers, and per kernel its file, bindings, Run uniform sizes and dispatch grid as a function
// of the batch, in dispatch order (spec/webgpu.md 3 documents the format). With a learn mode the
// tangent kernels and the forward-gradient data come too. Unsupported formats: E3401.
import { computeTangentPlan } from '../../compiler/passes/jvp.ts';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { Node } from '../../ir/nodes.ts';
import { formatOps, type GpuFormat } from './formats.ts';
import type { Extent } from './kernel-draft.ts';
import { buildProgram, type GpuProgram, type ProgramKernel } from './program.ts';
import { realOps } from './reals.ts';
import { RUN_WORDS } from './render.ts';

/** Options of emitWebGpu (the compile command passes the target block's options too). */
export interface WebGpuEmitOptions {
  readonly format: NumericFormat;
  readonly targetOptions?: Readonly<Record<string, number | string | boolean>>;
}

/** The files of one emission: paths relative to the target's output directory. */
export interface WebGpuEmitResult {
  readonly files: readonly { readonly path: string; readonly data: string }[];
  readonly diagnostics: readonly Diagnostic[];
  readonly program?: GpuProgram;
}

/** Version of the manifest layout; bumped when a field changes meaning. */
export const MANIFEST_VERSION = 1;

/** Compiles a channels-last graph to WGSL files and a manifest; never throws on user errors. */
export function emitWebGpu(graph: Graph, opts: WebGpuEmitOptions): WebGpuEmitResult {
  const mode = graph.meta.learn.mode;
  const planned = mode === 'none' ? undefined : computeTangentPlan(graph, mode);
  if (planned && !planned.plan) return { files: [], diagnostics: planned.diagnostics };
  const built = buildProgram(graph, opts.format, planned?.plan ? { plan: planned.plan } : {});
  if (!built.program) return { files: [], diagnostics: built.diagnostics };
  const program = built.program;
  const fileOf = kernelFiles(program.kernels);
  const files = [...new Set(fileOf.values())].map((path) => ({ path, data: (program.kernels.find((k) => fileOf.get(k.name) === path) as ProgramKernel).wgsl }));
  files.push({ path: 'manifest.json', data: `${JSON.stringify(manifest(program, fileOf), null, 2)}\n` });
  return { files, diagnostics: [], program };
}

/** File of each kernel: kernels with equal WGSL share the file named after the first of them. */
export function kernelFiles(kernels: readonly ProgramKernel[]): Map<string, string> {
  const byText = new Map<string, string>();
  const out = new Map<string, string>();
  for (const k of kernels) {
    let f = byText.get(k.wgsl);
    if (!f) {
      f = `${k.name}.wgsl`;
      byText.set(k.wgsl, f);
    }
    out.set(k.name, f);
  }
  return out;
}

const extentJson = (e: Extent): Record<string, number> => ('groups' in e ? { groups: e.groups } : { perBatch: e.perBatch });

/** The manifest object (spec/webgpu.md 3). */
function manifest(p: GpuProgram, fileOf: ReadonlyMap<string, string>): Record<string, unknown> {
  const g = p.graph;
  const variants = new Map<string, number[]>();
  for (const k of p.kernels) if (k.variant) variants.set(`${k.phase}:${k.node}`, [...(variants.get(`${k.phase}:${k.node}`) ?? []), k.variant.minBatch]);
  const batches = (k: ProgramKernel): Record<string, number> | undefined => {
    if (!k.variant) return undefined;
    const next = (variants.get(`${k.phase}:${k.node}`) ?? []).filter((m) => m > (k.variant?.minBatch ?? 0));
    return next.length > 0 ? { min: k.variant.minBatch, max: Math.min(...next) - 1 } : { min: k.variant.minBatch };
  };
  return {
    manifestVersion: MANIFEST_VERSION,
    model: g.meta.name,
    format: p.format,
    storageElement: formatOps(p.format).elem,
    uniform: { binding: 0, words: RUN_WORDS, fields: ['batch', 'hard', 'center32', 'temp32', 'center64.hi', 'center64.lo', 'temp64.hi', 'temp64.lo', 'dims.x', 'dims.y', 'dims.z', 'dims.w'] },
    buffers: p.buffers.map((b) => ({ name: b.name, role: b.role, node: b.node, of: sourceName(g.nodes[b.node]), element: b.elem, words: { perSample: b.perSample, fixed: b.fixed }, perPerturbation: b.perPerturbation })),
    kernels: p.kernels.map((k) => ({
      name: k.name,
      file: fileOf.get(k.name),
      entryPoint: 'main',
      node: k.node,
      phase: k.phase,
      ...(batches(k) ? { batches: batches(k) } : {}),
      dims: k.dims,
      ...(k.gate === undefined ? {} : { annealGate: k.gate }),
      bindings: k.bindings.map((v, i) => ({ binding: i + 1, name: v.name, buffer: v.buffer, access: v.write ? 'read_write' : 'read' })),
      dispatch: { x: extentJson(k.dispatch.x), y: extentJson(k.dispatch.y) },
    })),
    outputs: p.outputs.map((o) => ({ name: o.name, role: o.role, node: o.node, buffer: o.buffer, ...(o.tangent ? { tangent: o.tangent } : {}) })),
    ...(p.plan ? { learn: learnJson(p) } : {}),
    limits: { maxStorageBuffersPerShaderStage: Math.max(...p.kernels.map((k) => k.bindings.length)) },
  };
}

/** What a buffer holds, for people: a Param, Input or Label name, else the .dg binding it computes. */
function sourceName(n: Node | undefined): string | null {
  if (!n) return null;
  if (n.kind === 'Param' || n.kind === 'Input' || n.kind === 'Label') return n.name;
  return n.binding ?? null;
}

function learnJson(p: GpuProgram): Record<string, unknown> {
  const learn = p.graph.meta.learn;
  return {
    mode: learn.mode,
    perturbations: learn.gradient.perturbations,
    seed: learn.gradient.seed,
    lr: learn.lr,
    lossTangent: p.lossTangent ?? null,
    directions: p.buffers.filter((b) => b.role === 'direction').map((b) => ({ buffer: b.name, param: sourceName(p.graph.nodes[b.node]), how: p.plan?.perturbed.get(b.node) })),
  };
}

/**
 * A golden-file text of the program: each distinct kernel without the numerics library it
 * prepends (that library has its own tests), under a header naming the kernels that use it.
 */
export function goldenText(p: GpuProgram): string {
  const libs = [formatOps(p.format as GpuFormat).library, p.format === 'posit32' ? realOps('posit32').prelude : ''].filter((l) => l !== '');
  const fileOf = kernelFiles(p.kernels);
  const parts: string[] = [`// ${p.graph.meta.name} in ${p.format}: ${p.kernels.length} kernels, ${new Set(fileOf.values()).size} distinct; library: ${p.format === 'posit32' ? 'posit32 + quire32 + quire division + soft f64 (elided)' : 'none'}\n`];
  for (const file of new Set(fileOf.values())) {
    const users = p.kernels.filter((k) => fileOf.get(k.name) === file);
    let text = (users[0] as ProgramKernel).wgsl;
    for (const l of libs) text = text.replace(l, '');
    parts.push(`// ==== ${file}: ${users.map((k) => k.name).join(', ')}\n${text.trim()}\n`);
  }
  parts.push('// ==== dispatch order: kernel (batches) dims [..] grid (x, y) bindings');
  const grid = (e: Extent): string => ('groups' in e ? `${e.groups}` : `ceil(B/${e.perBatch})`);
  for (const k of p.kernels) {
    const range = k.variant ? ` (B >= ${k.variant.minBatch})` : '';
    parts.push(`// ${k.name}${range} dims [${k.dims.join(', ')}] grid (${grid(k.dispatch.x)}, ${grid(k.dispatch.y)}) ${k.bindings.map((v) => `${v.name}=${v.buffer}`).join(' ')}`);
  }
  return `${parts.join('\n')}\n`;
}
