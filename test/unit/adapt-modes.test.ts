// Learning modes through the learner loop of learning while serving (runtime/learn/serve-loop.ts,
// run in this thread without pacing): after one step the published snapshot differs from the
// served one only where the mode allows. A none: nothing is published. B theta_only: only gate
// parameters move. C w_inactive_only: only rows of the gated layer whose unit was inactive for
// the sample. D: both. The output layer (no units) never moves.
import { describe, expect, it } from 'vitest';
import type { LearnMode } from '../../ir/meta.ts';
import { runGraph } from '../../runtime/interpreter/index.ts';
import type { ParamSet, Tensor } from '../../runtime/interpreter/types.ts';
import { shareStream } from '../../runtime/learn/learn-while-serve.ts';
import { COORD, type LearnerMessage } from '../../runtime/learn/protocol.ts';
import { learnLoop } from '../../runtime/learn/serve-loop.ts';
import { paramLayout, SnapshotStore } from '../../runtime/learn/snapshot-store.ts';
import { initParams } from '../../runtime/params.ts';
import { compileText, mulberry32 } from './interp-fixtures.ts';

const MODEL = `model modes {
  input  x : [16]
  label  t : class[4]
  numeric f32
  h = dense(x, 12, act: relu)
  g = gate(x, 12, kind: hard, threshold: 0.5)
  y = dense(h * g, 4)
  output y
  loss cross_entropy(y, t)
  learn { mode: theta_and_w_inactive  gradient: forward(perturbations: 3, seed: 4)  lr: 0.5  sync_every: 1 }
}
`;
const graph = compileText(MODEL);
const rnd = mulberry32(21);
const sample = { n: 1, features: 16, x: Float64Array.from({ length: 16 }, () => rnd() * 2 - 1), t: Float64Array.of(2) };
// Gate biases spread around the threshold so that some units are active and some are not. Values
// are made f32 already: a step returns perturbed tensors rounded into the format, and rows it
// does not update must then come back bit-identical.
const start = initParams(graph, 6);
(start.get('g.bias') as Tensor).data.forEach((_, i, a) => (a[i] = i % 2 === 0 ? 3 : -3));
for (const t of start.values()) t.data.forEach((v, i, a) => (a[i] = Math.fround(v)));

/** One learner step in this thread; returns the published snapshots. */
function oneStep(mode: LearnMode): ParamSet[] {
  const names = graph.nodes.flatMap((n) => (n.kind === 'Param' ? [n.name] : []));
  const layout = paramLayout(names, start);
  const store = SnapshotStore.create(layout, 3);
  store.publish(start, 0);
  const published: ParamSet[] = [];
  const common = { graph, store: store.shared, stream: shareStream(sample), coord: new SharedArrayBuffer((COORD.FLAGS + 1) * 4), format: 'f32' as const, requestSize: 1, requests: 1, batch: 1, pace: false, lookahead: 2 };
  learnLoop({ ...common, role: 'learner', mode, perturbations: 3, seed: 4, lr: 0.5, syncEvery: 1, steps: 1 }, (m: LearnerMessage) => {
    if (m.kind === 'error') throw new Error(JSON.stringify(m.diagnostics));
    if (m.kind === 'published') {
      const p = new Map<string, Tensor>();
      layout.names.forEach((n, i) => p.set(n, { shape: layout.shapes[i]!, data: m.data.subarray(layout.offsets[i]!, layout.offsets[i]! + (layout.shapes[i]!.reduce((a, d) => a * d, 1))) }));
      published.push(p);
    }
  });
  return published;
}

/** Unit rows (of a [12, k] weight or [12] bias) whose values changed. */
function changedRows(name: string, after: ParamSet): number[] {
  const a = (start.get(name) as Tensor).data;
  const b = (after.get(name) as Tensor).data;
  const cols = a.length / 12;
  return Array.from({ length: 12 }, (_, j) => j).filter((j) => a.subarray(j * cols, (j + 1) * cols).some((v, i) => v !== b[j * cols + i]));
}

const gateNode = graph.nodes.find((n) => n.kind === 'Gate')?.id ?? -1;
const mask = runGraph(graph, start, { x: { shape: [1, 16], data: sample.x } }, { format: 'f32', keepValues: true }).values?.get(gateNode)?.data ?? new Float64Array(0);
const inactive = [...mask].flatMap((m, j) => (m === 0 ? [j] : []));
const all = Array.from({ length: 12 }, (_, j) => j);

describe('learning modes in the learner loop', () => {
  it('the sample has active and inactive units', () => {
    expect(inactive.length).toBeGreaterThan(0);
    expect(inactive.length).toBeLessThan(12);
  });

  it('A none publishes nothing', () => {
    expect(oneStep('none')).toEqual([]);
  });

  it('B theta_only moves the gate only', () => {
    const [p] = oneStep('theta_only');
    expect(p).toBeDefined();
    expect(changedRows('g.weight', p!)).toEqual(all);
    expect(changedRows('g.bias', p!)).toEqual(all);
    expect(changedRows('h.weight', p!)).toEqual([]);
    expect(changedRows('h.bias', p!)).toEqual([]);
    expect([...(p!.get('y.weight') as Tensor).data]).toEqual([...(start.get('y.weight') as Tensor).data]);
  });

  it('C w_inactive_only moves exactly the rows of inactive units of the gated layer', () => {
    const [p] = oneStep('w_inactive_only');
    expect(changedRows('h.weight', p!)).toEqual(inactive);
    expect(changedRows('h.bias', p!)).toEqual(inactive);
    expect(changedRows('g.weight', p!)).toEqual([]);
    expect(changedRows('g.bias', p!)).toEqual([]);
    expect([...(p!.get('y.weight') as Tensor).data]).toEqual([...(start.get('y.weight') as Tensor).data]);
  });

  it('D theta_and_w_inactive moves the gate and the inactive rows, never an active row', () => {
    const [p] = oneStep('theta_and_w_inactive');
    expect(changedRows('g.weight', p!)).toEqual(all);
    expect(changedRows('h.weight', p!)).toEqual(inactive);
    expect(changedRows('h.bias', p!)).toEqual(inactive);
    expect([...(p!.get('y.bias') as Tensor).data]).toEqual([...(start.get('y.bias') as Tensor).data]);
  });
});
