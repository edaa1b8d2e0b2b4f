// `tilegate compile --target xdna`: the tile program of a model. Plans the model on its grid
// (compiler/allocate), lowers the plan to a simulator program for one snapshot period (one
// `sync_every` of learning steps beside the serving stream), times it with the cycle model, and
// writes the plan, the program and a grid picture. `tilegate simulate` runs the same program.
import type { EmitOptions, EmitResult } from '../../cli/commands/compile.ts';
import type { Graph } from '../../ir/graph.ts';
import { simulateGraph } from './simulate.ts';
import { gridSvg } from './svg.ts';

/** Emits plan.json, program.json, timing.json and grid.svg for the model's xdna target. */
export function emitXdna(graph: Graph, opts: EmitOptions): EmitResult {
  const grid = opts.targetOptions.grid;
  const tiles = opts.targetOptions.learning_tiles;
  const learns = graph.meta.learn.mode !== 'none';
  const r = simulateGraph(graph, {
    format: opts.format,
    timingOnly: true,
    steps: learns ? graph.meta.learn.syncEvery : 0,
    ...(typeof grid === 'string' ? { grid } : {}),
    ...(typeof tiles === 'number' ? { learningTiles: tiles } : {}),
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !r.plan || !r.program || !r.grid || !r.report) return { files: [], diagnostics: r.diagnostics };
  const json = (v: unknown): string => `${JSON.stringify(v, (_k, x: unknown): unknown => (x instanceof Map ? (Object.fromEntries(x) as unknown) : x), 2)}\n`;
  const files = [
    { path: 'plan.json', data: json(r.plan) },
    { path: 'program.json', data: json(r.program) },
    { path: 'timing.json', data: json(r.report) },
    { path: 'grid.svg', data: gridSvg({ grid: r.grid, program: r.program, ...(r.result ? { result: r.result } : {}), ...(r.usage ? { usage: r.usage } : {}), title: `${graph.meta.name} on ${r.grid.name} (${opts.format})` }) },
  ];
  return { files, diagnostics: r.diagnostics };
}
