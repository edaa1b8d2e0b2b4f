// Differential tests of the xdna target: `run --target xdna` (the functional tile-grid simulator
// through runtime/targets-registry.ts) against the reference interpreter, bit for bit, on every
// example in posit32 and on a model generated here (gelu, tanh, hard gate, top-1 mixture,
// softmax output) in posit32, bposit32 and f32; and simulated learning (forward-gradient steps on
// the learning tiles, host updates, snapshot publishes) against forwardGradientStep.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileToIR } from '../../compiler/index.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import { runGraph } from '../../runtime/interpreter/run-graph.ts';
import type { InputSet } from '../../runtime/interpreter/types.ts';
import { initParams } from '../../runtime/params.ts';
import { loadTarget } from '../../runtime/targets-registry.ts';
import { seededBatch } from '../../targets/xdna/functional-data.ts';
import { simulateGraph } from '../../targets/xdna/simulate.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

function compile(text: string, file: string): Graph {
  const r = compileToIR(text, file);
  if (!r.graph) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.graph;
}

/** Inputs only (no labels) of a seeded batch. */
function inputsOf(graph: Graph, batch: number, index: number): InputSet {
  const set = seededBatch(graph, 11, batch, index, 0);
  const labels = new Set(graph.nodes.flatMap((n) => (n.kind === 'Label' ? [n.name] : [])));
  return Object.fromEntries(Object.entries(set).filter(([k]) => !labels.has(k)));
}

/** Runs the xdna target and the reference; returns the number of output elements compared. */
async function compare(graph: Graph, format: NumericFormat, batch: number): Promise<number> {
  const params = initParams(graph, 3);
  const inputs = inputsOf(graph, batch, 0);
  const ref = runGraph(graph, params, inputs, { format });
  expect(ref.diagnostics).toEqual([]);
  const { target } = await loadTarget('xdna');
  if (!target) throw new Error('the xdna target is not registered');
  const got = await target.run(graph, params, inputs, format);
  if (!got.ok) throw new Error(got.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  let n = 0;
  for (const [name, want] of ref.outputs) {
    if (name === 'loss') continue;
    const have = got.outputs.get(name);
    expect(have?.shape).toEqual(want.shape);
    const a = Array.from(have?.data ?? []);
    const b = Array.from(want.data);
    // Object.is: -0 and 0 differ, NaN equals NaN: bit-level agreement of exact f64 values.
    const firstDiff = a.findIndex((v, i) => !Object.is(v, b[i]));
    expect(firstDiff, `${graph.meta.name} ${format} output ${name}`).toBe(-1);
    n += a.length;
  }
  return n;
}

/** A model that is not in examples/: odd widths, every activation kind, a hard gate and a top-1 mixture. */
const GENERATED = `
model generated {
  input  x : [37]
  label  t : class[5]
  numeric posit32 quire

  a = dense(x, 23, act: tanh)
  g = gate(x, 23, kind: hard, threshold: 0.45)
  e = moe(a * g, 11, experts: 3, route: top1, act: gelu)
  y = dense(e, 5)
  p = softmax(y)
  output y, p
  loss cross_entropy(y, t)

  learn {
    mode: theta_and_w_inactive
    gradient: forward(perturbations: 2, seed: 5)
    lr: 0.05
    sync_every: 2
    batch: 3
  }
  target xdna { grid: xdna1, learning_tiles: 4 }
}
`;

describe('run --target xdna', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.dg')).sort();

  it('covers every example', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  for (const f of files) {
    it(`is bit-identical to the reference interpreter in posit32: ${f}`, async () => {
      const graph = compile(readFileSync(join(EXAMPLES, f), 'utf8'), f);
      expect(await compare(graph, 'posit32', 2)).toBeGreaterThan(0);
    });
  }

  for (const format of ['posit32', 'bposit32', 'f32'] as const) {
    it(`is bit-identical on a generated model in ${format}, batch 5`, async () => {
      expect(await compare(compile(GENERATED, 'generated.dg'), format, 5)).toBe(5 * (5 + 5));
    });
  }
});

describe('simulated learning', () => {
  it('matches forwardGradientStep bit for bit and serves published snapshots', () => {
    const graph = compile(GENERATED, 'generated.dg');
    const r = simulateGraph(graph, { steps: 3, checkSteps: 3, checkInferences: 8, params: initParams(graph, 2) });
    const rep = r.report;
    if (!rep) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
    expect(rep.checks).toMatchObject({ stepsChecked: 3, stepsEqual: 3, firstMismatch: null });
    expect(rep.checks?.inferencesChecked).toBeGreaterThan(0);
    expect(rep.checks?.inferencesEqual).toBe(rep.checks?.inferencesChecked);
    // sync_every 2 with 3 steps: one publish, adopted by serving (its latency is measured).
    expect(rep.totals.publications).toBe(1);
    expect(rep.publications[0]?.latencyCycles).toBeGreaterThan(0);
    expect(rep.totals.versionMixes).toBe(0);
    expect(rep.losses).toHaveLength(3);
    expect(rep.verdicts.filter((v) => v.blocking && v.status !== 'pass')).toEqual([]);
  });
});
