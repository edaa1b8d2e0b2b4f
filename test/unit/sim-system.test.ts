// System tests of the simulator on whole programs: the target-sized synthetic 784-512-10
// program (bench/sim) fits xdna2's budgets, runs both streams with snapshot publication, and
// its outputs replay bit for bit on their snapshot (f32/f64 and posit32 via the quire); and a
// learning-tile sweep moves throughput from inference to learning as tiles move over.
import { describe, expect, it } from 'vitest';
import { F64, POSIT32, SyntheticModel } from '../../bench/sim/kernels.ts';
import { syntheticProgram } from '../../bench/sim/synthetic.ts';
import { GRID_PRESETS } from '../../targets/xdna/grid.ts';
import { runProgram, runSweep, type SimProgram, type SimTask, type SimTile } from '../../targets/xdna/sim/index.ts';

describe('synthetic 784-512-10 system on xdna2', () => {
  it('fits the budgets, runs both streams and replays every output on its snapshot (f32/f64)', () => {
    const model = new SyntheticModel(F64, true);
    const program = syntheticProgram({ inferences: 6, steps: 6, syncEvery: 2, functional: true, format: 'posit32' });
    const r = runProgram(program, GRID_PRESETS.xdna2, { kernels: model.kernels() });
    expect(r.diagnostics).toEqual([]);
    expect(r.result?.streams.map((s) => [s.name, s.count])).toEqual([['inference', 6], ['gradient', 6]]);
    expect(r.result?.publications.map((p) => p.version)).toEqual([1, 2, 3]);
    expect(r.result?.versionMixes).toBe(0);
    expect(model.outputs.length).toBe(6);
    model.outputs.forEach((o, i) => expect(o.y).toEqual(model.reference(i, o.version)));
    // The learning stream changed the parameters, so a later version serves different outputs.
    const last = model.outputs.at(-1);
    if (last && last.version > 0) expect(model.reference(5, 0)).not.toEqual(last.y);
  });

  it('computes posit32 layers bit-exactly through the quire', () => {
    const model = new SyntheticModel(POSIT32, true);
    const program = syntheticProgram({ inferences: 1, steps: 1, syncEvery: 1, functional: true, format: 'posit32' });
    const r = runProgram(program, GRID_PRESETS.xdna2, { kernels: model.kernels() });
    expect(r.diagnostics).toEqual([]);
    expect(model.outputs.map((o) => o.y)).toEqual([model.reference(0, 0)]);
    expect(model.outputs[0]?.y.every((p) => Number.isInteger(p) && p >= 0 && p < 2 ** 32)).toBe(true);
  });
});

/** xdna1 (4 x 4 compute tiles): `learning` tiles, whole columns from the right, run gradients; the rest inference. */
function partition(learning: number): SimProgram {
  const grid = GRID_PRESETS.xdna1;
  const tiles: SimTile[] = [];
  const fifos: SimProgram['fifos'] = [];
  const learnCols = learning / grid.computeRows;
  for (let c = 0; c < grid.cols; c++) {
    const learn = c >= grid.cols - learnCols;
    const stream = learn ? 'gradient' : 'inference';
    const rows = [2, 3, 4, 5];
    const x = `x${c}`;
    (fifos as SimProgram['fifos'][number][]).push({ id: x, producer: `m${c}`, consumers: rows.map((r) => `c${c}r${r}`), depth: 2, bufferBytes: 3136, transfer: 'dma' });
    const feed: SimTask = { kind: 'loop', repeat: 40, body: [{ kind: 'dma', bytes: 3136, route: ['ddr', `s${c}`, `m${c}`] }, { kind: 'acquire', fifo: x, side: 'produce' }, { kind: 'release', fifo: x, side: 'produce' }] };
    tiles.push({ id: `s${c}`, col: c, row: 0, kind: 'shim', role: 'io', threads: [] });
    tiles.push({ id: `m${c}`, col: c, row: 1, kind: 'memory', role: 'memory', threads: [{ name: 'feed', tasks: [feed] }] });
    for (const r of rows) {
      const work: SimTask = { kind: 'compute', macs: learn ? 2 * 784 * 32 : 784 * 32, dots: learn ? 64 : 32, format: 'posit16' };
      const body: SimTask[] = [{ kind: 'acquire', fifo: x, side: 'consume' }, work, { kind: 'release', fifo: x, side: 'consume' }];
      if (r === 2) body.push({ kind: 'mark', stream });
      tiles.push({ id: `c${c}r${r}`, col: c, row: r, kind: 'compute', role: learn ? 'forward-gradient' : 'inference', threads: [{ name: 'core', tasks: [{ kind: 'loop', repeat: 40, body }] }] });
    }
  }
  return { name: `partition-${learning}`, tiles, fifos };
}

describe('learning-tile sweep', () => {
  it('trades inference rate for gradient rate as learning tiles grow', () => {
    const points = runSweep(partition, GRID_PRESETS.xdna1, [0, 4, 8, 12]);
    expect(points.every((p) => p.diagnostics.length === 0)).toBe(true);
    expect(points[0]?.gradientsPerSecond).toBe(0);
    const inf = points.map((p) => p.inferencesPerSecond);
    const grad = points.map((p) => p.gradientsPerSecond);
    // Every column runs 40 items at its own pace; inference columns all finish together, so the
    // inference rate falls by a quarter per learning column while the gradient rate grows.
    inf.forEach((v, k) => expect(v / (inf[0] ?? 1)).toBeCloseTo((4 - k) / 4, 9));
    expect(grad[2]).toBeCloseTo(2 * (grad[1] ?? 0), 6);
    expect(grad[3]).toBeCloseTo(3 * (grad[1] ?? 0), 6);
    expect(grad[1]).toBeLessThan(inf[3] ?? 0);
    expect(points.map((p) => p.totalCycles).every((c) => c > 0)).toBe(true);
  });
});
