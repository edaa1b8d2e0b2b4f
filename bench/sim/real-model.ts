// Benchmark of `tilegate simulate` on the real DG-Hard 784 -> 512 -> 10 model (drift-digits.dg:
// hard gate, mode D, k = 8, sync_every 16) on xdna2: 1,000 inferences + 1,000 forward-gradient
// steps lowered from its tile plan. Wall time against the 2 s target, simulated compute-tile
// cycles per wall second, and the reference interpreter doing the same work in this run. Timing
// only runs all of it; functional f32/posit32 run fewer items, extrapolated (labelled as such).
// Run: node bin/run-ts.mjs bench/sim/real-model.ts [stepsF32=4] [stepsPosit32=2] [inferences=40]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileToIR } from '../../compiler/index.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import { runGraph } from '../../runtime/interpreter/run-graph.ts';
import { forwardGradientStep } from '../../runtime/learn/forward-gradient.ts';
import type { ParamSet } from '../../runtime/interpreter/types.ts';
import { initParams } from '../../runtime/params.ts';
import { seededBatch } from '../../targets/xdna/functional-data.ts';
import { simulateGraph, type SimulateReport } from '../../targets/xdna/simulate.ts';

const TARGET_S = 2;
const N = 1000;
const STEPS_F32 = Number(process.argv[2] ?? 4);
const STEPS_P32 = Number(process.argv[3] ?? 2);
const INFER = Number(process.argv[4] ?? 40);
const MODEL = join(import.meta.dirname, '..', '..', 'examples', 'drift-digits.dg');

function compile(): Graph {
  const r = compileToIR(readFileSync(MODEL, 'utf8'), MODEL);
  if (!r.graph) throw new Error('drift-digits.dg does not compile');
  return r.graph;
}

interface Timed {
  readonly report: SimulateReport;
  readonly wall: number;
  readonly cpu: number;
}

/** One simulation, timed without its reference checks (`check` runs them, untimed, in a separate run). */
function simulateTimed(graph: Graph, format: NumericFormat, inferences: number, steps: number, timingOnly: boolean, check = false): Timed {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = simulateGraph(graph, { format, inferences, steps, timingOnly, checkInferences: check ? 2 : 0, checkSteps: check ? 1 : 0 });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  if (!r.report) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  const bad = r.report.verdicts.filter((v) => v.blocking && v.status === 'fail');
  if (bad.length > 0) throw new Error(bad.map((v) => `${v.check}: ${v.detail}`).join('; '));
  return { report: r.report, wall, cpu: (c.user + c.system) / 1e6 };
}

/** The baseline: the same arithmetic on the reference interpreter, no simulator. */
function reference(graph: Graph, format: NumericFormat, inferences: number, steps: number): number {
  const params = initParams(graph, 0);
  const t0 = performance.now();
  for (let i = 0; i < inferences; i++) runGraph(graph, params, { x: seededBatch(graph, 1, 1, i, 0).x! }, { format });
  let p: ParamSet = params;
  for (let s = 0; s < steps; s++) {
    const b = seededBatch(graph, 1, 1, s, 1);
    p = forwardGradientStep(graph, p, { x: b.x! }, { t: b.t! }, { format, step: s }).newParams;
  }
  return (performance.now() - t0) / 1000;
}

function line(label: string, t: Timed): void {
  const T = t.report.totals;
  console.log(`${label}: wall ${t.wall.toFixed(2)} s (cpu ${t.cpu.toFixed(2)} s, this process); simulated ${T.cycles} cycles = ${(T.seconds * 1e3).toFixed(1)} ms; ` +
    `${(T.tileCyclesPerWallSecond / 1e9).toFixed(2)} G compute-tile-cycles per wall second; inferences/s ${T.inferencesPerSecond.toFixed(0)}, gradient estimates/s ${T.gradientsPerSecond.toFixed(1)} (simulated)`);
}

/** Wall seconds for N inferences + N steps, from separate inference-only and learning runs. */
function extrapolate(inf: Timed, learn: Timed, inferences: number, steps: number): number {
  return (inf.wall / inferences) * N + (Math.max(0, learn.wall - (inf.wall / inferences) * learn.report.inferences) / steps) * N;
}

function main(): void {
  const graph = compile();
  console.log(`tilegate simulate benchmark: ${graph.meta.name} (784-512-10, hard gate, mode D, k=${graph.meta.learn.gradient.perturbations}) on xdna2, ${N} inferences + ${N} forward-gradient steps; target ${TARGET_S} s`);
  const timing = simulateTimed(graph, 'posit32', N, N, true);
  line(`timing only, ${N} + ${N} (cycle model, no values)`, timing);
  console.log(`  publications ${timing.report.totals.publications}, mean latency ${timing.report.totals.meanPublicationLatencyCycles?.toFixed(0) ?? 'n/a'} cycles, version mixes ${timing.report.totals.versionMixes}`);
  console.log(`  ratio timing-only wall / ${TARGET_S} s target: ${(timing.wall / TARGET_S).toFixed(3)}`);
  for (const [format, steps] of [['f32', STEPS_F32], ['posit32', STEPS_P32]] as const) {
    const inf = simulateTimed(graph, format, INFER, 0, false);
    line(`functional ${format}, ${INFER} inferences`, inf);
    const learn = simulateTimed(graph, format, 1, steps, false);
    line(`functional ${format}, ${steps} steps (+1 inference)`, learn);
    const est = extrapolate(inf, learn, INFER, steps);
    const checked = simulateTimed(graph, format, 2, 1, false, true).report.checks;
    const k = Math.min(INFER, 10);
    const refInf = reference(graph, format, k, 0) / k;
    const refStep = reference(graph, format, 0, steps) / steps;
    const refFull = (refInf + refStep) * N;
    console.log(`  check run (untimed): ${checked?.stepsEqual}/${checked?.stepsChecked} learning steps and ${checked?.inferencesEqual}/${checked?.inferencesChecked} predictions bit-identical to the reference`);
    console.log(`  per item: inference ${((inf.wall / INFER) * 1e3).toFixed(1)} ms, learning step ${(((learn.wall - inf.wall / INFER) / steps) * 1e3).toFixed(0)} ms; reference interpreter (baseline, same run): inference ${(refInf * 1e3).toFixed(1)} ms, step ${(refStep * 1e3).toFixed(0)} ms`);
    console.log(`  ratio functional ${format} (EXTRAPOLATED from ${INFER} inferences + ${steps} steps to ${N} + ${N}: ${est.toFixed(0)} s) / ${TARGET_S} s target: ${(est / TARGET_S).toFixed(0)}`);
    console.log(`  ratio functional ${format} / reference interpreter (both extrapolated to ${N} + ${N}; reference ${refFull.toFixed(0)} s): ${(est / refFull).toFixed(2)}`);
  }
}

main();
