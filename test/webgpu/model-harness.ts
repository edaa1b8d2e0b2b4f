// Shared pieces of the WebGPU model tests: compiling examples, seeded parameters and inputs,
// building a GpuModel on the file's device, and the comparisons (bit-exact for posit32, the
// stated normwise tolerance for f32, spec/webgpu.md 5).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileToIR } from '../../compiler/index.ts';
import type { TangentPlan } from '../../compiler/passes/jvp.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { InputSet, ParamSet, Tensor } from '../../runtime/interpreter/types.ts';
import { initParams } from '../../runtime/params.ts';
import { GpuModel } from '../../targets/webgpu/executor.ts';
import { buildProgram } from '../../targets/webgpu/program.ts';
import { gpuDevice, rng } from './gpu-harness.ts';

/** Normwise relative tolerance of f32 WebGPU results against the reference interpreter in f32. */
export const F32_TOLERANCE = 1e-5;

/** Every example model, by file stem. */
export const EXAMPLES: readonly string[] = readdirSync('examples')
  .filter((f) => f.endsWith('.dg'))
  .map((f) => f.slice(0, -3))
  .sort();

/**
 * A model written for the tests, not in the repo: odd widths (not multiples of any tile), a 2-D
 * input, gelu, sigmoid and tanh, an annealed gate over 3 steps, a top-1 mixture of three experts
 * and a softmax output.
 */
export const ODD_MODEL = `model odd_mix {
  input  img : [5, 7]
  label  t : class[6]
  numeric posit32 quire
  a = dense(img, 45, act: gelu)
  g = gate(a, 45, kind: anneal(from: 1.5, to: 0.02, steps: 3), threshold: 0.35)
  s = dense(a * g, 23, act: sigmoid)
  e = moe(s, 29, experts: 3, route: top1, act: tanh)
  y = dense(e, 6)
  p = softmax(y)
  output y, p
  loss cross_entropy(y, t)
  learn { mode: theta_and_w_inactive, gradient: forward(perturbations: 2, seed: 13), lr: 0.05 }
}
`;

/** ODD_MODEL's parameters: initialised, then scaled far from that range with exact zeros, so quire sums carry large and cancelling terms. */
export function oddParams(graph: Graph): ParamSet {
  return new Map(
    [...seededParams(graph, 3)].map(([n, t]) => {
      const r = rng(n.length * 7919);
      return [n, { shape: t.shape, data: t.data.map((v) => (r() % 9 === 0 ? 0 : v * 2 ** ((r() % 13) - 4))) }] as const;
    }),
  );
}

/** Compiles .dg text to a laid-out graph, or throws with the rendered diagnostics. */
export function graphOf(text: string, file: string): Graph {
  const r = compileToIR(text, file);
  if (!r.graph || r.diagnostics.some((d) => d.severity === 'error')) throw new Error(r.diagnostics.map((d) => renderOneLine(d, r.sources)).join('\n'));
  return r.graph;
}

/** An example's graph. */
export function exampleGraph(name: string): Graph {
  const file = join('examples', `${name}.dg`);
  return graphOf(readFileSync(file, 'utf8'), file);
}

/** Seeded inputs in [0, 1) (and labels) for every Input and Label of the graph. */
export function seededInputs(graph: Graph, batch: number, seed: number): InputSet {
  const r = rng(seed);
  const u = (): number => r() / 4294967296;
  const out: Record<string, Tensor> = {};
  for (const n of graph.nodes) {
    if (n.kind === 'Input') {
      const w = n.dims.reduce((a, d) => a * d, 1);
      out[n.name] = { shape: [batch, w], data: Float64Array.from({ length: batch * w }, u) };
    } else if (n.kind === 'Label') {
      out[n.name] = { shape: [batch], data: Float64Array.from({ length: batch }, () => Math.floor(u() * n.classes)) };
    }
  }
  return out;
}

/** Seeded parameters (runtime/params.ts initialisation). */
export function seededParams(graph: Graph, seed: number): ParamSet {
  return initParams(graph, seed);
}

/** A GpuModel of the graph on the test file's device, parameters loaded; throws on diagnostics. */
export async function gpuModel(graph: Graph, format: 'f32' | 'posit32', params: ParamSet, plan?: TangentPlan): Promise<GpuModel> {
  const built = buildProgram(graph, format, plan ? { plan } : {});
  if (!built.program) throw new Error(built.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  const created = await GpuModel.create(gpuDevice(), built.program);
  if (!created.ok) throw new Error(created.diagnostics.map((d) => renderOneLine(d)).join('\n'));
  const bad = created.value.setParams(params);
  if (bad.length > 0) throw new Error(bad.map((d) => renderOneLine(d)).join('\n'));
  return created.value;
}

/** Elements whose bits differ (Object.is, so -0 vs 0 and NaN count), as readable lines. */
export function bitDiffs(got: ArrayLike<number>, want: ArrayLike<number>, cap = 5): string[] {
  const out: string[] = [];
  if (got.length !== want.length) return [`length ${got.length} vs ${want.length}`];
  for (let i = 0; i < want.length && out.length < cap; i++) if (!Object.is(got[i], want[i])) out.push(`[${i}] got ${got[i]} want ${want[i]}`);
  return out;
}

/** max |got - want| / max(|want|, tiny): the normwise relative error. */
export function normwiseError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    err = Math.max(err, Math.abs((got[i] as number) - (want[i] as number)));
    scale = Math.max(scale, Math.abs(want[i] as number));
  }
  return err / Math.max(scale, 1e-30);
}
