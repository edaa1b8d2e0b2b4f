// Offline pre-training on clean data before an adapt run (when no --params are given): Adam on
// exact f64 reverse-mode gradients (backprop.ts) over seeded minibatches. This is the paper's
// "train offline on the clean distribution" stage; it is not part of learning while serving,
// which uses forward gradients only. Deterministic for a given seed.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { Samples } from '../data/dataset.ts';
import { batchOf } from '../data/dataset.ts';
import { hashSeed, mulberry32 } from '../data/prng.ts';
import type { ParamSet, Tensor } from '../interpreter/types.ts';
import { backprop } from './backprop.ts';

/** Pre-training budget and optimiser settings. */
export interface PretrainOptions {
  readonly steps: number;
  readonly batch: number;
  /** Adam step size. */
  readonly lr: number;
  readonly seed: number;
  /** Called after every step with (step index, loss). */
  readonly onStep?: (step: number, loss: number) => void;
}

/** Defaults that bring the bundled examples to high clean accuracy on the synthetic stream in seconds. */
export const PRETRAIN_DEFAULTS = { steps: 100, batch: 32, lr: 0.002 } as const;

/** Trained parameters and the loss of each step. */
export interface PretrainResult {
  readonly params: ParamSet;
  readonly losses: readonly number[];
  readonly diagnostics: Diagnostic[];
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;

/** Runs Adam for `steps` minibatches drawn (with a seeded reshuffle per epoch) from `data`. */
export function pretrain(graph: Graph, init: ParamSet, data: Samples, o: PretrainOptions): PretrainResult {
  const input = graph.nodes.find((n) => n.kind === 'Input');
  const label = graph.nodes.find((n) => n.kind === 'Label');
  if (input?.kind !== 'Input' || label?.kind !== 'Label') return { params: init, losses: [], diagnostics: [] };
  const params = new Map<string, Tensor>([...init].map(([k, t]) => [k, { shape: t.shape, data: t.data.slice() }]));
  const m = new Map([...params].map(([k, t]) => [k, new Float64Array(t.data.length)]));
  const v = new Map([...params].map(([k, t]) => [k, new Float64Array(t.data.length)]));
  const order = shuffled(data.n, o.seed, 0);
  const losses: number[] = [];
  let pos = 0;
  let epoch = 0;
  for (let step = 0; step < o.steps; step++) {
    const idx: number[] = [];
    while (idx.length < o.batch) {
      if (pos === order.length) {
        epoch++;
        order.set(shuffled(data.n, o.seed, epoch));
        pos = 0;
      }
      idx.push(order[pos++]!);
    }
    const b = gather(data, idx);
    const r = backprop(graph, params, { [input.name]: b.x, [label.name]: b.t });
    if (r.diagnostics.length > 0) return { params: init, losses, diagnostics: r.diagnostics };
    losses.push(r.loss);
    const c1 = 1 - BETA1 ** (step + 1);
    const c2 = 1 - BETA2 ** (step + 1);
    for (const [name, g] of r.grads) {
      const p = params.get(name)?.data;
      const mm = m.get(name);
      const vv = v.get(name);
      if (!p || !mm || !vv) continue;
      for (let i = 0; i < p.length; i++) {
        mm[i] = BETA1 * mm[i]! + (1 - BETA1) * g[i]!;
        vv[i] = BETA2 * vv[i]! + (1 - BETA2) * g[i]! * g[i]!;
        p[i]! -= (o.lr * (mm[i]! / c1)) / (Math.sqrt(vv[i]! / c2) + EPS);
      }
    }
    o.onStep?.(step, r.loss);
  }
  return { params, losses, diagnostics: [] };
}

/** A seeded permutation of 0..n-1 (Fisher-Yates). */
function shuffled(n: number, seed: number, epoch: number): Int32Array {
  const rnd = mulberry32(hashSeed(seed, 0x7e7a, epoch));
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** The samples at `idx` as one batch. */
function gather(s: Samples, idx: readonly number[]): { x: Tensor; t: Tensor } {
  const x = new Float64Array(idx.length * s.features);
  const t = new Float64Array(idx.length);
  idx.forEach((i, k) => {
    x.set(batchOf(s, i, 1).x.data, k * s.features);
    t[k] = s.t[i]!;
  });
  return { x: { shape: [idx.length, s.features], data: x }, t: { shape: [idx.length], data: t } };
}
