// Unit tests of the xdna lowering (tile plan -> simulator program): every example lowers to a
// program that passes the simulator's static checks, uses exactly the plan's routes as FIFOs
// (sizes grown only where the lowering's layouts need it), runs to completion without deadlock
// or version mixes, marks one item per inference and per learning step and publishes every
// sync_every steps; timing-only and functional runs take the same cycles; the learning-tile
// sweep trades inference rate for gradient rate.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../compiler/allocate/index.ts';
import { compileToIR } from '../../compiler/index.ts';
import type { Graph } from '../../ir/graph.ts';
import { initParams } from '../../runtime/params.ts';
import { seededData } from '../../targets/xdna/functional-data.ts';
import { FunctionalModel } from '../../targets/xdna/functional.ts';
import { GRID_PRESETS } from '../../targets/xdna/grid.ts';
import { lowerPlan } from '../../targets/xdna/lower.ts';
import { checkProgram, runProgram } from '../../targets/xdna/sim/index.ts';
import { sweepGraph } from '../../targets/xdna/simulate.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const grid = GRID_PRESETS.xdna2;

function compile(file: string): Graph {
  const r = compileToIR(readFileSync(join(EXAMPLES, file), 'utf8'), file);
  if (!r.graph) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.graph;
}

function lowered(graph: Graph, inferences: number, steps: number, syncEvery?: number) {
  const { plan } = allocate(graph, grid, { format: graph.meta.numeric.format, batch: graph.meta.learn.batch });
  if (!plan?.ok) throw new Error(`${graph.meta.name} does not plan`);
  return lowerPlan(graph, plan, grid, { inferences, steps, ...(syncEvery ? { syncEvery } : {}) });
}

describe('xdna lowering', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.dg')).sort();

  for (const f of files) {
    it(`lowers and runs ${f} (timing only)`, () => {
      const graph = compile(f);
      const learns = graph.meta.learn.mode !== 'none';
      const low = lowered(graph, 3, learns ? 3 : 0, 2);
      expect(checkProgram(low.program, grid).diagnostics).toEqual([]);
      // Every FIFO is a route of the plan, never smaller and never shallower than planned.
      const routes = new Map(low.plan.routes.map((r) => [r.id, r] as const));
      expect(low.program.fifos.map((x) => x.id).sort()).toEqual([...routes.keys()].sort());
      for (const x of low.program.fifos) {
        const r = routes.get(x.id);
        expect(x.bufferBytes).toBeGreaterThanOrEqual((r?.bytesPerTransfer ?? 0) + (r?.tangentBytes ?? 0));
        expect(x.depth).toBeGreaterThanOrEqual(r?.depth ?? 0);
      }
      const out = runProgram(low.program, grid, { functional: false });
      expect(out.diagnostics).toEqual([]);
      const res = out.result;
      expect(res?.completed).toBe(true);
      expect(res?.versionMixes).toBe(0);
      expect(res?.streams.find((s) => s.name === 'inference')?.count).toBe(3);
      expect(res?.streams.find((s) => s.name === 'gradient')?.count ?? 0).toBe(learns ? 3 : 0);
      expect(res?.publications.length).toBe(learns ? 1 : 0);
      // Roles on the tiles follow the plan.
      for (const t of low.plan.computeTiles) expect(res?.tiles.find((x) => x.id === t.id)?.role).toBe(t.role);
    });
  }

  it('runs timing-only and functional in the same cycles', () => {
    const graph = compile('dg-soft.dg');
    const low = lowered(graph, 4, 2, 1);
    const timing = runProgram(low.program, grid, { functional: false }).result;
    const model = new FunctionalModel(low, initParams(graph, 0), seededData(graph, 1, low.plan.batch));
    const functional = runProgram(low.program, grid, { kernels: model.kernels() }).result;
    expect(functional?.completed).toBe(true);
    expect(functional?.totalCycles).toBe(timing?.totalCycles);
    expect(functional?.tiles.map((t) => t.stallCycles)).toEqual(timing?.tiles.map((t) => t.stallCycles));
    expect(model.records.map((r) => r.item)).toEqual([0, 1, 2, 3]);
    expect(model.host.updates).toBe(2);
  });

  it('trades inference rate for gradient rate as learning tiles grow', () => {
    const graph = compile('dg-hard.dg');
    const s = sweepGraph(graph, [0, 4, 8, 12, 16], { steps: 2, inferences: 8 });
    expect(s.points.map((p) => p.diagnostics.filter((d) => d.severity === 'error'))).toEqual([[], [], [], [], []]);
    const grad = s.points.map((p) => p.gradientsPerSecond);
    const inf = s.points.map((p) => p.inferencesPerSecond);
    expect(grad[0]).toBe(0);
    for (let i = 1; i < grad.length; i++) {
      expect(grad[i]).toBeGreaterThan(grad[i - 1] as number);
      expect(inf[i]).toBeLessThan(inf[i - 1] as number);
    }
  });

  it('reports a learning-tile count the grid cannot route as a failed point', () => {
    const s = sweepGraph(compile('dg-hard.dg'), [3], { steps: 1, inferences: 2 });
    expect(s.points[0]?.gradientsPerSecond).toBe(0);
    expect(s.points[0]?.diagnostics.map((d) => d.code)).toContain('E3206');
  });
});
