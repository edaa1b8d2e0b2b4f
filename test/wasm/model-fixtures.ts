// Shared fixtures of the whole-model WASM tests: example graphs, a compiled and instantiated
// model per (graph, format), seeded input batches with labels, and bit-level comparison of f64
// arrays (Object.is, so -0 and NaN patterns count).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileToIR } from '../../compiler/index.ts';
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode, NumericFormat } from '../../ir/meta.ts';
import { fillUniforms } from '../../runtime/interpreter/random.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { emitWasmModel } from '../../targets/wasm/model.ts';
import { WasmModel } from '../../targets/wasm/runtime.ts';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Every example's name (file name without .dg), sorted. */
export const EXAMPLES = readdirSync(examplesDir).filter((f) => f.endsWith('.dg')).map((f) => f.slice(0, -3)).sort();

/** Compiles .dg text to a laid-out graph; throws with the diagnostics on failure (test bug). */
export function graphOf(text: string, file: string): Graph {
  const r = compileToIR(text, file, { verify: true });
  if (!r.graph) throw new Error(`${file}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.graph;
}

/** The graph of an example. */
export function exampleGraph(name: string): Graph {
  return graphOf(readFileSync(`${examplesDir}${name}.dg`, 'utf8'), `examples/${name}.dg`);
}

/** Emits (unoptimised unless asked) and instantiates a model module. */
export async function wasmModel(graph: Graph, format: NumericFormat, opts: { mode?: LearnMode; optimize?: boolean } = {}): Promise<WasmModel> {
  const r = emitWasmModel(graph, { format, ...(opts.mode ? { mode: opts.mode } : {}), optimize: opts.optimize ? { level: 2 } : false });
  if (!r.artifact) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  return WasmModel.create(r.artifact.bytes, r.artifact.manifest);
}

/** A seeded batch: every Input uniform in [0, 1), every Label b·3 mod classes. */
export function batchOf(graph: Graph, B: number, seed: number): { inputs: Record<string, Tensor>; labels: Record<string, Tensor> } {
  const inputs: Record<string, Tensor> = {};
  const labels: Record<string, Tensor> = {};
  let stream = 0;
  for (const n of graph.nodes) {
    if (n.kind === 'Input') {
      const width = n.dims.reduce((a, d) => a * d, 1);
      const data = new Float64Array(B * width);
      fillUniforms(data, seed, stream++, 0, 7);
      inputs[n.name] = { shape: [B, width], data };
    }
    if (n.kind === 'Label') labels[n.name] = { shape: [B], data: Float64Array.from({ length: B }, (_, b) => (3 * b + seed) % n.classes) };
  }
  return { inputs, labels };
}

/** Indices where two arrays differ bitwise (length mismatch counts every index). */
export function bitMismatches(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.length !== b.length || !Object.is(a[i], b[i])) out.push(i);
  return out;
}
