// Benchmark of the tile-grid simulator engine on a target-sized program: 784 -> 512 -> 10 on
// xdna2 (32 compute tiles), N inferences + N forward-gradient steps, FIFOs between layers.
// Prints engine speed (events/s, simulated tile-cycles per wall second) timing-only, then with
// real functional kernels: f32/f64 dot products (baseline: the same arithmetic in plain JS,
// measured in this run) and posit32 through the exact quire; ratios against the 2 s target.
// Run: node bin/run-ts.mjs bench/sim/index.ts [N=1000] [positN=4] (real model: real-model.ts)
import { GRID_PRESETS } from '../../targets/xdna/grid.ts';
import { runProgram, type RunOutcome } from '../../targets/xdna/sim/index.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';
import { F64, POSIT32, SyntheticModel, type Num } from './kernels.ts';
import { CHUNK, LEARN, NET, syntheticProgram } from './synthetic.ts';

const TARGET_S = 2;
const grid = GRID_PRESETS.xdna2;
const N = Number(process.argv[2] ?? 1000);
const POSIT_N = Number(process.argv[3] ?? 4);

interface Timed {
  readonly out: RunOutcome;
  readonly wall: number;
  /** CPU seconds of this process (user + system): steadier than wall on a shared machine. */
  readonly cpu: number;
  readonly model?: SyntheticModel;
}

function run(n: number, num: Num | undefined, syncEvery = 16): Timed {
  const model = num ? new SyntheticModel(num, true) : undefined;
  const program = syntheticProgram({ inferences: n, steps: n, syncEvery, functional: model !== undefined, format: 'posit32' });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = runProgram(program, grid, model ? { kernels: model.kernels() } : { functional: false });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  if (!out.ok) {
    for (const d of out.diagnostics) console.error(renderOneLine(d));
    throw new Error('synthetic program failed');
  }
  return { out, wall, cpu, ...(model ? { model } : {}) };
}

/**
 * The named baseline: the f64 kernels' arithmetic in straight-line plain JS, no simulator. Per
 * inference 512 dots of 784 and 10 of 512; per step the training rows converted to f32, 2 x 512
 * dots of 784, the host's 2 x 10 dots of 512 and the 784 x 512 update; a snapshot every 16 steps.
 */
function plainJs(n: number): { wall: number; cpu: number } {
  const m = new SyntheticModel(F64);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const x = m.encode(m.inputs[0] as Float64Array);
  const v = m.encode(m.inputs[1] as Float64Array);
  const rows = new Float32Array(NET.hidden * NET.inputs);
  const h = new Float64Array(NET.hidden);
  let sink = 0;
  for (let i = 0; i < n; i++) sink += m.reference(i, 0)[0] as number;
  for (let s = 0; s < n; s++) {
    rows.set(m.train.w1);
    for (let j = 0; j < NET.hidden; j++) {
      const w = rows.subarray(j * NET.inputs, (j + 1) * NET.inputs);
      h[j] = F64.dot(w, x, 0) + F64.dot(v, x, 0);
    }
    for (let o = 0; o < 2 * NET.outputs; o++) sink += F64.dot(m.train.w2.subarray((o % NET.outputs) * NET.hidden, ((o % NET.outputs) + 1) * NET.hidden), h, 0);
    const w1 = m.train.w1;
    for (let j = 0; j < NET.hidden; j++) {
      const d = 1e-9 * (h[j] as number);
      for (let k = 0; k < NET.inputs; k++) w1[j * NET.inputs + k] = (w1[j * NET.inputs + k] as number) - d * (v[k] as number);
    }
    if (s % 16 === 15) sink += m.snapshot().w1[0] as number;
  }
  if (Number.isNaN(sink)) console.log('');
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

/** Counts simulator outputs that match the reference pass on the same snapshot, bit for bit. */
function verify(model: SyntheticModel): { checked: number; equal: number } {
  let checked = 0;
  let equal = 0;
  model.outputs.forEach((o, i) => {
    if (!model.served.has(o.version)) return;
    checked++;
    const ref = model.reference(i, o.version);
    if (ref.every((r, k) => Object.is(r, o.y[k]))) equal++;
  });
  return { checked, equal };
}

function summary(label: string, r: Timed): void {
  const res = r.out.result;
  if (!res) return;
  const computeTiles = res.tiles.filter((t) => t.kind === 'compute').length;
  const tileCycles = res.totalCycles * computeTiles;
  const streams = res.streams.map((s) => `${s.name} ${s.count} (${s.perSecond.toFixed(0)}/s simulated)`).join(', ');
  console.log(`${label}: wall ${r.wall.toFixed(3)} s (cpu ${r.cpu.toFixed(3)} s), ${res.events} events (${(res.events / r.wall / 1e6).toFixed(2)} M events/s wall), ` +
    `${(tileCycles / r.wall / 1e9).toFixed(1)} G simulated compute-tile-cycles/s wall`);
  console.log(`  simulated ${res.totalCycles} cycles = ${(res.seconds * 1e3).toFixed(2)} ms; ${streams}`);
}

function main(): void {
  console.log(`simulator engine benchmark: ${N} inferences + ${N} forward-gradient steps, 784-512-10, ${grid.name} (${grid.cols * grid.computeRows} compute tiles), ${LEARN.cols * LEARN.rows} learning tiles, ${CHUNK} weight rows per streamed buffer`);
  const timing = run(N, undefined);
  summary('timing only (engine cost)', timing);
  const res = timing.out.result;
  if (res) {
    const lat = res.publications.map((p) => p.latencyCycles).filter((x): x is number => x !== null);
    const util = res.tiles.filter((t) => t.kind === 'compute' && t.role !== 'idle');
    const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    console.log(`  ${res.publications.length} snapshots published, mean latency to first use ${avg(lat).toFixed(0)} cycles; ` +
      `mean compute-tile utilization ${(100 * avg(util.map((t) => t.utilization))).toFixed(1)}%; version mixes ${res.versionMixes}`);
  }
  const f64 = run(N, F64);
  summary('functional f32-storage/f64-accumulate kernels', f64);
  const base = plainJs(N);
  console.log(`  baseline plain JS (same dot products and updates, no simulator): wall ${base.wall.toFixed(3)} s (cpu ${base.cpu.toFixed(3)} s)`);
  if (f64.model) {
    const v = verify(f64.model);
    console.log(`  outputs equal to the reference on their snapshot: ${v.equal}/${v.checked} checked (of ${f64.model.outputs.length})`);
  }
  const posit = run(POSIT_N, POSIT32, 2);
  summary(`functional posit32 (quire fdp), ${POSIT_N} + ${POSIT_N}`, posit);
  if (posit.model) {
    const v = verify(posit.model);
    console.log(`  posit32 outputs bit-equal to the reference: ${v.equal}/${v.checked}`);
  }
  const positFull = (posit.wall / POSIT_N) * N;
  const positFullCpu = (posit.cpu / POSIT_N) * N;
  console.log('');
  console.log(`ratio engine-only (timing, no kernels) wall / ${TARGET_S} s target: ${(timing.wall / TARGET_S).toFixed(3)} (cpu ${(timing.cpu / TARGET_S).toFixed(3)})`);
  console.log(`ratio f64-functional wall / ${TARGET_S} s target: ${(f64.wall / TARGET_S).toFixed(3)} (cpu ${(f64.cpu / TARGET_S).toFixed(3)})`);
  console.log(`ratio f64-functional / plain-JS baseline: wall ${(f64.wall / base.wall).toFixed(3)}, cpu ${(f64.cpu / base.cpu).toFixed(3)}`);
  console.log(`ratio posit32-functional (extrapolated from ${POSIT_N} to ${N}: wall ${positFull.toFixed(1)} s, cpu ${positFullCpu.toFixed(1)} s) / ${TARGET_S} s target: wall ${(positFull / TARGET_S).toFixed(1)}, cpu ${(positFullCpu / TARGET_S).toFixed(1)}`);
}

main();
