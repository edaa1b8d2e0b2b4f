// Learning while serving, measured against baselines from the same run:
// (1) snapshot publication and lease cost against a plain copy of the same parameters
//     (baseline: Float64Array.set), with a torn-read stress check;
// (2) time per served request (pin to output) while a learner thread takes steps, against the
//     same server beside a learner that only evaluates (baseline: mode A);
// (3) the paper's metrics for modes A-D on a small DG model over the rotation drift (baseline: A).
// Checks come first, then numbers; exit 1 on a failed check.
// Run: node bin/run-ts.mjs bench/adapt/index.ts [--quick]
import Table from 'cli-table3';
import { adapt } from '../../compiler/adapt.ts';
import { compileToIR } from '../../compiler/index.ts';
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode } from '../../ir/meta.ts';
import { syntheticData } from '../../runtime/data/dataset.ts';
import { learnWhileServe } from '../../runtime/learn/learn-while-serve.ts';
import { paramLayout, SnapshotStore } from '../../runtime/learn/snapshot-store.ts';
import { stressStore } from '../../runtime/learn/threads.ts';
import { initParams } from '../../runtime/params.ts';
import { quantile } from '../../runtime/learn/adapt-report.ts';

const quick = process.argv.includes('--quick');
let failed = false;
const check = (ok: boolean, what: string): void => {
  if (!ok) {
    failed = true;
    console.error(`CHECK FAILED: ${what}`);
  }
};

const SMALL = `model small_dg {
  input  x : [784]
  label  t : class[10]
  numeric f32
  h = dense(x, 32, act: relu)
  g = gate(x, 32, kind: hard, threshold: 0.5)
  y = dense(h * g, 10)
  output y
  loss cross_entropy(y, t)
  learn { mode: theta_and_w_inactive  gradient: forward(perturbations: 8, seed: 7)  lr: 0.05  sync_every: 4 }
}
`;
const DG_HARD = `model dg_hard_f32 {
  input x : [784]  label t : class[10]  numeric f32
  h = dense(x, 256, act: relu)  g = gate(h, 256, kind: hard, threshold: 0.5)  y = dense(h * g, 10)
  output y  loss cross_entropy(y, t)
  learn { mode: theta_and_w_inactive  gradient: forward(perturbations: 8, seed: 7)  lr: 0.01  sync_every: 16 }
}
`;

function graphOf(text: string): Graph {
  const r = compileToIR(text, 'bench.dg');
  if (!r.graph) throw new Error('bench model does not compile');
  return r.graph;
}

/** Median of `reps` timings (ms) of f. */
function time(reps: number, f: () => void): number {
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[Math.floor(reps / 2)] ?? NaN;
}

async function storeCosts(): Promise<void> {
  const g = graphOf(DG_HARD);
  const params = initParams(g, 1);
  const names = [...params.keys()];
  const layout = paramLayout(names, params);
  const store = SnapshotStore.create(layout, 3);
  store.publish(params, 0);
  const flat = new Float64Array(layout.size);
  const reps = quick ? 20 : 100;
  const copy = time(reps, () => names.forEach((n, i) => flat.set(params.get(n)?.data ?? [], layout.offsets[i])));
  const publish = time(reps, () => store.publish(params, 1));
  const lease = time(reps, () => store.acquire().release());
  const leaseVerify = time(reps, () => {
    const l = store.acquire();
    check(store.verify(l), 'a fresh lease verifies');
    l.release();
  });
  const t = new Table({ head: ['dg_hard parameters (268,554 f64)', 'ms (median)', 'x plain copy'] });
  t.push(['plain copy (baseline)', copy.toFixed(3), '1.00']);
  t.push(['publish (copy + FNV-1a + atomics)', publish.toFixed(3), (publish / copy).toFixed(2)]);
  t.push(['acquire + release (zero copy)', lease.toFixed(4), (lease / copy).toFixed(3)]);
  t.push(['acquire + verify checksum + release', leaseVerify.toFixed(3), (leaseVerify / copy).toFixed(2)]);
  console.log(t.toString());
  const small = SnapshotStore.create(paramLayout(['w'], new Map([['w', { shape: [4096], data: new Float64Array(4096) }]])), 4);
  small.publish(new Map([['w', { shape: [4096], data: new Float64Array(4096) }]]), 0);
  const pubs = quick ? 500 : 3000;
  const t0 = performance.now();
  const s = await stressStore(small, pubs, 2, 1000);
  const ms = performance.now() - t0;
  for (const r of s.readers) check(r.torn === 0 && r.backwards === 0, 'stress readers saw no torn or backwards snapshot');
  console.log(`stress: ${pubs} publications of 4096 f64 against 2 reader threads in ${ms.toFixed(0)} ms; reads ${s.readers.map((r) => r.reads).join(', ')}, torn ${s.readers.map((r) => r.torn).join(', ')}, distinct versions seen ${s.readers.map((r) => r.versions.length).join(', ')}`);
}

async function servingUnderLearning(): Promise<void> {
  const g = graphOf(DG_HARD);
  const params = initParams(g, 1);
  const steps = quick ? 8 : 24;
  const stream = syntheticData({ seed: 1, drift: { kind: 'rotate', strength: 40 }, train: 0, test: 1, stream: steps * 8 }).stream;
  const t = new Table({ head: ['dg_hard f32, 1 server, request 8', 'requests', 'serve p50 ms', 'p95 ms', 'x baseline p50', 'versions served'] });
  let base = NaN;
  for (const mode of ['none', 'theta_and_w_inactive'] as LearnMode[]) {
    const r = await learnWhileServe({ graph: g, params, format: 'f32', mode, perturbations: 8, seed: 7, lr: 0.01, syncEvery: 4, batch: 8, steps, stream, requestSize: 8, servers: 1 });
    check(r.diagnostics.length === 0 && r.served.every((x) => x.intact), `serving in mode ${mode} is clean`);
    const ms = r.served.map((x) => x.ms);
    const p50 = quantile(ms, 0.5);
    if (mode === 'none') base = p50;
    t.push([mode === 'none' ? 'A none: no learner work (baseline)' : 'D: learner thread stepping', r.served.length, p50.toFixed(1), quantile(ms, 0.95).toFixed(1), (p50 / base).toFixed(2), new Set(r.served.map((x) => x.version)).size].map(String));
  }
  console.log(t.toString());
}

async function modes(): Promise<void> {
  const t = new Table({ head: ['small_dg, synthetic:rotate', 'CleanAcc', 'DriftAcc', 'AdaptAcc', 'Recovery', 'CleanDrop', 'Flip', 'AR', 'MACs', 'params', 'steps/s'] });
  let baseline = NaN;
  for (const mode of ['none', 'theta_only', 'w_inactive_only', 'theta_and_w_inactive']) {
    const r = await adapt(SMALL, 'small.dg', { data: 'synthetic:rotate', mode, seed: 3, steps: quick ? 16 : 48, pretrainSteps: quick ? 40 : 100, testSize: quick ? 150 : 400, trainSize: quick ? 500 : 1500 });
    const rep = r.report;
    check(rep !== undefined && rep.serving.replay.identical === rep.serving.replay.checked, `mode ${mode} replays bit for bit`);
    if (!rep) continue;
    const m = rep.metrics;
    if (mode === 'none') baseline = m.adaptAcc ?? NaN;
    t.push([`${rep.modeLetter} ${mode}${mode === 'none' ? ' (baseline)' : ''}`, m.cleanAcc, m.driftAcc, `${m.adaptAcc} (${((m.adaptAcc ?? NaN) - baseline >= 0 ? '+' : '') + ((m.adaptAcc ?? NaN) - baseline).toFixed(2)})`, m.recovery, m.cleanDrop, m.flip, m.ar, m.macRatio, rep.learning.updatableParams, rep.timing.stepsPerSecond].map(String));
  }
  console.log(t.toString());
}

await storeCosts();
await servingUnderLearning();
await modes();
process.exitCode = failed ? 1 : 0;
