// Benchmark of tilegate's whole-model WASM target, every figure from one run with the same
// seeded weights and inputs (bench/baselines/mlp.ts): the f32 MLPs 784-512-10 and 784-2048-10 at
// batch 1 and 64 against tfjs-wasm (SIMD, XNNPACK) and onnxruntime-web; DG-Hard at activation
// ratio 0.3 against the tfjs dense 784-2048-10 forward (target >= 2.5x); posit32 mul/add and
// quire32 FMA throughput of the kernel library (targets >= 75 / >= 55 M ops/s); and the posit32
// MLP forward. Results are checked (f32 against f64, posits bit for bit) before anything is timed.
// Run: node bin/run-ts.mjs bench/wasm/index.ts [--budget MS_PER_CELL] [--skip ort-web,tfjs-wasm]
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import Table from 'cli-table3';
import { runGraph } from '../../runtime/interpreter/index.ts';
import { BASELINES, checkAgainstReference, forwardFlops, makeInput, namedMlp, referenceForward, type MlpWorkload, type Timing } from '../baselines/index.ts';
import { dgHardParams, dgHardSource, forwardOnce, graphOf, loadModel, mlpParams, mlpSource } from './models.ts';
import { positThroughput } from './posit-ops.ts';

const { values: flags } = parseArgs({ options: { budget: { type: 'string', default: '800' }, skip: { type: 'string', default: '' } } });
const BUDGET = Number(flags.budget);
const SKIP = new Set((flags.skip ?? '').split(',').filter((s) => s !== ''));
const TARGETS = { dgHard: 2.5, mul: 75, fma: 55 } as const;
const STYLE = process.stdout.isTTY ? {} : { head: [], border: [] };

let failures = 0;
function check(what: string, ok: boolean): void {
  if (ok) return;
  failures++;
  console.error(`CHECK FAILED: ${what}`);
}

/** Median and min ms per call over a time budget (after one warm-up call). */
async function timeFor(fn: () => unknown): Promise<Timing> {
  await fn();
  const samples: number[] = [];
  const end = performance.now() + BUDGET;
  while (performance.now() < end || samples.length < 5) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1] as number, min: samples[0] as number };
}

const fmt = (t: Timing): string => `${t.median.toFixed(3)} (${t.min.toFixed(3)})`;

interface MlpRow {
  readonly shape: string;
  readonly batch: number;
  readonly times: Map<string, Timing>;
  readonly flops: number;
}

/** tilegate f32 and every baseline on one (shape, batch). */
async function mlpCell(w: MlpWorkload, batch: number): Promise<MlpRow> {
  const x = makeInput(w, batch);
  const ref = referenceForward(w, x, batch);
  const times = new Map<string, Timing>();
  const ours = await loadModel(graphOf(mlpSource(w, 'f32')), mlpParams(w), 'f32');
  const got = forwardOnce(ours, x, batch);
  check(`tilegate f32 ${w.name} b${batch} (rel err ${checkAgainstReference(got, ref).relErr.toExponential(1)})`, checkAgainstReference(got, ref).ok);
  times.set('tilegate', await timeFor(() => forwardOnce(ours, x, batch)));
  for (const name of ['tfjs-wasm', 'ort-web'] as const) {
    if (SKIP.has(name)) continue;
    const runner = await BASELINES[name](w, batch);
    try {
      check(`${name} ${w.name} b${batch}`, checkAgainstReference(await runner.forward(), ref).ok);
      times.set(name, await timeFor(() => runner.forward()));
    } finally {
      await runner.dispose();
    }
  }
  return { shape: w.name, batch, times, flops: forwardFlops(w, batch) };
}

function ratio(base: Timing | undefined, ours: Timing | undefined): string {
  if (!base || !ours) return '-';
  return `${(base.median / ours.median).toFixed(2)}x (${(base.min / ours.min).toFixed(2)}x)`;
}

async function mlpSection(): Promise<MlpRow[]> {
  const rows: MlpRow[] = [];
  for (const shape of ['mlp-784-512-10', 'mlp-784-2048-10'] as const) for (const batch of [1, 64]) rows.push(await mlpCell(namedMlp(shape), batch));
  const t = new Table({ head: ['shape', 'batch', 'tilegate ms', 'tfjs-wasm ms', 'ort-web ms', 'tilegate GFLOP/s', 'vs tfjs-wasm', 'vs ort-web'], style: STYLE });
  for (const r of rows) {
    const ours = r.times.get('tilegate');
    const cell = (k: string): string => (r.times.get(k) ? fmt(r.times.get(k) as Timing) : '-');
    t.push([r.shape, r.batch, cell('tilegate'), cell('tfjs-wasm'), cell('ort-web'), ours ? (r.flops / (ours.median * 1e6)).toFixed(2) : '-', ratio(r.times.get('tfjs-wasm'), ours), ratio(r.times.get('ort-web'), ours)]);
  }
  console.log('\nf32 MLP forward, ms per call: median (min); ratios are baseline time / tilegate time');
  console.log(t.toString());
  return rows;
}

async function dgHardSection(mlp: readonly MlpRow[]): Promise<void> {
  const w = namedMlp('mlp-784-2048-10');
  const graph = graphOf(dgHardSource(w));
  const model = await loadModel(graph, dgHardParams(w, 0.3), 'f32');
  const dense = await loadModel(graphOf(mlpSource(w, 'f32')), mlpParams(w), 'f32');
  const gate = graph.nodes.find((n) => n.kind === 'Gate')?.id ?? -1;
  const t = new Table({ head: ['batch', 'AR', 'DG-Hard infer (skip) ms', 'DG-Hard forward (no skip) ms', 'tilegate dense ms', 'tfjs dense ms', 'tfjs / DG-Hard', `target ${TARGETS.dgHard}x`], style: STYLE });
  for (const batch of [1, 64]) {
    const x = makeInput(w, batch);
    const a = forwardOnce(model, x, batch, 'infer');
    const gateValues = model.value(gate, batch) ?? new Float64Array();
    const b = forwardOnce(model, x, batch, 'forward');
    check(`DG-Hard b${batch}: infer equals forward bit for bit`, a.every((v, i) => Object.is(v, b[i])));
    const ar = gateValues.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0) / gateValues.length;
    const skip = await timeFor(() => forwardOnce(model, x, batch, 'infer'));
    const full = await timeFor(() => forwardOnce(model, x, batch, 'forward'));
    const ours = await timeFor(() => forwardOnce(dense, x, batch));
    const tfjs = mlp.find((r) => r.shape === w.name && r.batch === batch)?.times.get('tfjs-wasm');
    const met = tfjs ? (tfjs.median / skip.median >= TARGETS.dgHard ? 'met' : 'not met') : '-';
    t.push([batch, ar.toFixed(3), fmt(skip), fmt(full), fmt(ours), tfjs ? fmt(tfjs) : '-', ratio(tfjs, skip), met]);
  }
  console.log('\nDG-Hard 784-2048-10 (hard gate over a 32-wide routing code), activation ratio 0.3, f32');
  console.log(t.toString());
}

async function positSection(): Promise<void> {
  let rates: Awaited<ReturnType<typeof positThroughput>> = [];
  try {
    rates = await positThroughput(BUDGET);
  } catch (e) {
    check(e instanceof Error ? e.message : String(e), false);
  }
  const t = new Table({ head: ['kernel', 'M ops/s best', 'M ops/s median', 'target', 'best / target'], style: STYLE });
  for (const r of rates) {
    const target = r.name.includes('FMA') ? TARGETS.fma : r.name.includes('mul') ? TARGETS.mul : undefined;
    t.push([r.name, r.bestMops.toFixed(1), r.medianMops.toFixed(1), target ?? '-', target ? `${(r.bestMops / target).toFixed(2)}` : '-']);
  }
  console.log('\nposit32 kernels of the WASM library (2^16 operands, results checked against runtime/numerics)');
  console.log(t.toString());

  const w = namedMlp('mlp-784-512-10');
  const graph = graphOf(mlpSource(w, 'posit32'));
  const params = mlpParams(w);
  const model = await loadModel(graph, params, 'posit32');
  const f32 = await loadModel(graphOf(mlpSource(w, 'f32')), params, 'f32');
  const m = new Table({ head: ['batch', 'posit32 WASM ms', 'f32 WASM ms', 'posit32 / f32', 'interpreter posit32 ms', 'interpreter / WASM'], style: STYLE });
  for (const batch of [1, 64]) {
    const x = makeInput(w, batch);
    const got = forwardOnce(model, x, batch);
    const ref = runGraph(graph, params, { x: { shape: [batch, 784], data: Float64Array.from(x) } }, { format: 'posit32' }).outputs.get('y')?.data ?? [];
    check(`posit32 MLP b${batch} bit for bit with the interpreter`, model.stagingView('y', batch).every((v, i) => Object.is(v, ref[i])) && got.length === ref.length);
    const tp = await timeFor(() => forwardOnce(model, x, batch));
    const tf = await timeFor(() => forwardOnce(f32, x, batch));
    const ti = await timeFor(() => runGraph(graph, params, { x: { shape: [batch, 784], data: Float64Array.from(x) } }, { format: 'posit32' }));
    m.push([batch, fmt(tp), fmt(tf), (tp.median / tf.median).toFixed(1), fmt(ti), (ti.median / tp.median).toFixed(1)]);
  }
  console.log('\nposit32 MLP 784-512-10 forward (quire dense, one rounding per output)');
  console.log(m.toString());
}

console.log(`tilegate WASM benchmark: Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, budget ${BUDGET} ms per cell`);
const mlp = await mlpSection();
await dgHardSection(mlp);
await positSection();
if (failures > 0) {
  console.error(`${failures} check(s) failed`);
  process.exitCode = 1;
}
