// Smoke benchmark for the named baselines: runs every baseline on both MLP shapes at batch 1
// and 64, checks each result against the f64 reference and prints ms per forward and GFLOP/s.
// Usage: node bin/run-ts.mjs bench/baselines/smoke.ts [--iters N] [--skip NAME,...]
// Exit status 1 when any baseline fails its check or cannot run. Timings are never asserted.

import Table from 'cli-table3';
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { BASELINE_NAMES, BASELINES } from './index.ts';
import type { BaselineName } from './index.ts';
import {
  MLP_BATCHES,
  MLP_SHAPES,
  checkAgainstReference,
  forwardFlops,
  makeInput,
  namedMlp,
  referenceForward,
} from './mlp.ts';
import type { BaselineRunner, MlpWorkload, Timing } from './mlp.ts';

/** Relative (normwise) tolerance for every baseline against the f64 reference. */
const REL_TOL = 1e-4;

/** Per-cell time budget when --iters is not given. */
const BUDGET_MS = 1500;

type Row =
  | { readonly kind: 'ok'; readonly shape: string; readonly batch: number; readonly name: string; readonly timing: Timing; readonly flops: number; readonly relErr: number; readonly pass: boolean; readonly iters: number }
  | { readonly kind: 'error'; readonly shape: string; readonly batch: number; readonly name: string; readonly message: string };

/** Picks an iteration count that fits the budget, from a few timed calls. */
async function chooseIters(runner: BaselineRunner, fixed: number | undefined): Promise<number> {
  if (fixed !== undefined) return fixed;
  const probe = await runner.timeMs(3);
  return Math.max(5, Math.min(500, Math.round(BUDGET_MS / Math.max(probe.median, 1e-3))));
}

async function measure(
  name: BaselineName,
  workload: MlpWorkload,
  batch: number,
  fixedIters: number | undefined,
  configs: Map<string, string>,
): Promise<Row> {
  const base = { shape: workload.name, batch, name };
  let runner: BaselineRunner | undefined;
  try {
    runner = await BASELINES[name](workload, batch);
    configs.set(name, runner.config);
    const ref = referenceForward(workload, makeInput(workload, batch), batch);
    const check = checkAgainstReference(await runner.forward(), ref, REL_TOL);
    const iters = await chooseIters(runner, fixedIters);
    const timing = await runner.timeMs(iters);
    const flops = forwardFlops(workload, batch);
    return { kind: 'ok', ...base, timing, flops, relErr: check.relErr, pass: check.ok, iters };
  } catch (e) {
    return { kind: 'error', ...base, message: e instanceof Error ? e.message : String(e) };
  } finally {
    await runner?.dispose();
  }
}

function render(rows: readonly Row[]): string {
  const table = new Table({
    head: ['shape', 'batch', 'baseline', 'ms median', 'ms min', 'GFLOP/s', 'vs js-loop', 'rel err', 'check'],
    colAligns: ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    // No ANSI colours when the output goes to a file or a pipe.
    style: process.stdout.isTTY ? {} : { head: [], border: [] },
  });
  for (const r of rows) {
    if (r.kind === 'error') {
      table.push([r.shape, r.batch, r.name, { colSpan: 5, content: `error: ${r.message.slice(0, 90)}` }, 'FAIL']);
      continue;
    }
    const js = rows.find((o) => o.kind === 'ok' && o.name === 'js-loop' && o.shape === r.shape && o.batch === r.batch);
    const speedup = js?.kind === 'ok' ? `${(js.timing.median / r.timing.median).toFixed(2)}x` : '-';
    table.push([
      r.shape,
      r.batch,
      r.name,
      r.timing.median.toFixed(3),
      r.timing.min.toFixed(3),
      (r.flops / (r.timing.median * 1e6)).toFixed(2),
      speedup,
      r.relErr.toExponential(1),
      r.pass ? 'ok' : 'FAIL',
    ]);
  }
  return table.toString();
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { iters: { type: 'string' }, skip: { type: 'string', default: '' } },
  });
  const fixedIters = values.iters === undefined ? undefined : Number.parseInt(values.iters, 10);
  if (fixedIters !== undefined && !(fixedIters > 0)) {
    console.error(`--iters must be a positive integer, got ${values.iters}`);
    return 2;
  }
  const skip = new Set(values.skip.split(',').filter((s) => s !== ''));
  const unknown = [...skip].filter((s) => !(BASELINE_NAMES as string[]).includes(s));
  if (unknown.length > 0) {
    console.error(`unknown baseline(s) in --skip: ${unknown.join(', ')}; known: ${BASELINE_NAMES.join(', ')}`);
    return 2;
  }
  const names = BASELINE_NAMES.filter((n) => !skip.has(n));
  console.log(`machine: ${cpus()[0]?.model ?? '?'} x${cpus().length}, node ${process.version}`);
  const configs = new Map<string, string>();
  const rows: Row[] = [];
  for (const shape of Object.keys(MLP_SHAPES) as (keyof typeof MLP_SHAPES)[]) {
    const workload = namedMlp(shape);
    for (const batch of MLP_BATCHES) {
      for (const name of names) rows.push(await measure(name, workload, batch, fixedIters, configs));
    }
  }
  for (const [name, config] of configs) console.log(`${name}: ${config}`);
  console.log(render(rows));
  console.log(`check: normwise relative error vs f64 reference <= ${REL_TOL}; GFLOP/s from the median.`);
  console.log('Numbers are machine-dependent; forward = upload input + run + read output.');
  const failed = rows.filter((r) => r.kind === 'error' || !r.pass).length;
  if (failed > 0) console.log(`${failed} baseline run(s) failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
