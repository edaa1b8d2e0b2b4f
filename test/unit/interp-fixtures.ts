// Shared helpers of the interpreter, jvp and forward-gradient tests: compile .dg text or an
// example through the real front end, and seeded random parameters, inputs and labels.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileToIR } from '../../compiler/index.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { InputSet, Tensor } from '../../runtime/interpreter/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The examples directory of the repository. */
export const EXAMPLES_DIR = join(here, '..', '..', 'examples');
/** Every example model, by file stem. */
export const EXAMPLES = ['dense', 'dg-hard', 'dg-soft', 'dg-anneal', 'moe-top1', 'moe-soft', 'dg-deep', 'drift-digits'] as const;

/**
 * Compiles .dg text to the laid-out graph, failing the test on any diagnostic. It stops after
 * layout: the interpreter runs that graph, and target-capability checks of later passes (a
 * model's `target webgpu` block, say) are not what these tests are about.
 */
export function compileText(text: string, file = 'test.dg'): Graph {
  const r = compileToIR(text, file, { verify: true, stopAfter: 'layout' });
  if (!r.graph || r.diagnostics.length > 0) throw new Error(r.diagnostics.map((d) => renderOneLine(d, r.sources)).join('\n'));
  return r.graph;
}

/** Compiles examples/<name>.dg. */
export function compileExample(name: string): Graph {
  return compileText(readFileSync(join(EXAMPLES_DIR, `${name}.dg`), 'utf8'), `examples/${name}.dg`);
}

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random parameters uniform in ±scale/sqrt(fanIn) (gate biases spread around 0 so both mask values occur). */
export function randomParams(graph: Graph, rnd: () => number, scale = 1): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const n of graph.nodes) {
    if (n.kind !== 'Param') continue;
    const size = n.shape.reduce((a, d) => a * d, 1);
    const bound = scale / Math.sqrt(n.fanIn);
    out.set(n.name, { shape: n.shape, data: Float64Array.from({ length: size }, () => bound * (2 * rnd() - 1)) });
  }
  return out;
}

/** Random inputs in [0, 1) and random labels, for every Input and Label of the graph. */
export function randomInputs(graph: Graph, batch: number, rnd: () => number): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const n of graph.nodes) {
    if (n.kind === 'Input') {
      const width = n.dims.reduce((a, d) => a * d, 1);
      out[n.name] = { shape: [batch, width], data: Float64Array.from({ length: batch * width }, () => rnd()) };
    } else if (n.kind === 'Label') {
      out[n.name] = { shape: [batch], data: Float64Array.from({ length: batch }, () => Math.floor(rnd() * n.classes)) };
    }
  }
  return out;
}

/** Splits an input set into model inputs and labels (as forwardGradientStep takes them). */
export function splitLabels(graph: Graph, all: InputSet): { batch: InputSet; labels: InputSet } {
  const labels = new Set(graph.nodes.flatMap((n) => (n.kind === 'Label' ? [n.name] : [])));
  const batch: Record<string, Tensor> = {};
  const lab: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(all)) (labels.has(k) ? lab : batch)[k] = v;
  return { batch, labels: lab };
}
