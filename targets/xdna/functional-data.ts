// Where the simulated streams get their samples: seeded synthetic batches (uniform inputs in
// (0, 1) and uniform class labels, from the Philox generator so every run replays), or rows of a
// caller's input tensors cut into batches of the plan's size (the last one zero-padded) for
// `tilegate run --target xdna`.
import type { Graph } from '../../ir/graph.ts';
import { fillUniforms } from '../../runtime/interpreter/random.ts';
import type { InputSet, Tensor } from '../../runtime/interpreter/types.ts';
import type { StreamData } from './functional.ts';

/** Philox stream words of the synthetic data (distinct from init and tangent streams). */
const DATA_STREAM = 0xda7a;
const LABEL_STREAM = 0xda7b;

/** Features per sample of an Input. */
function features(dims: readonly number[]): number {
  return dims.reduce((a, d) => a * d, 1);
}

/** One seeded batch: inputs uniform in (0, 1), labels uniform over the classes. */
export function seededBatch(graph: Graph, seed: number, batch: number, index: number, stream: number): InputSet {
  const set: Record<string, Tensor> = {};
  for (const n of graph.nodes) {
    if (n.kind === 'Input') {
      const w = features(n.dims);
      const data = new Float64Array(batch * w);
      fillUniforms(data, seed, DATA_STREAM, index, stream);
      set[n.name] = { shape: [batch, w], data };
    } else if (n.kind === 'Label') {
      const u = new Float64Array(batch);
      fillUniforms(u, seed, LABEL_STREAM, index, stream);
      set[n.name] = { shape: [batch], data: u.map((x) => Math.min(n.classes - 1, Math.floor(x * n.classes))) };
    }
  }
  return set;
}

/** Seeded data for both streams: inference item i and learning step s draw from separate streams. */
export function seededData(graph: Graph, seed: number, batch: number): StreamData {
  return { inference: (i) => seededBatch(graph, seed, batch, i, 0), learning: (s) => seededBatch(graph, seed, batch, s, 1) };
}

/** Inference items cut from the caller's inputs: rows [i*batch, (i+1)*batch), the last batch zero-padded. */
export function batchedInputs(inputs: InputSet, batch: number): StreamData {
  const cut = (item: number): InputSet => {
    const out: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(inputs)) {
      const rows = t.shape[0] ?? 0;
      const width = rows === 0 ? 0 : t.data.length / rows;
      const data = new Float64Array(batch * width);
      const from = item * batch;
      data.set(t.data.subarray(from * width, Math.min(rows, from + batch) * width));
      out[name] = { shape: [batch, ...t.shape.slice(1)], data };
    }
    return out;
  };
  return { inference: cut, learning: () => ({}) };
}
