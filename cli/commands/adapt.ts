// `tilegate adapt model.dg --data synthetic:rotate|dir --mode M [--params p] [--format F]
// [--steps N] [--sync-every N] [--lr x] [--seed N] [--json] [--out params.safetensors]`: learns
// while serving a drifting stream (compiler/adapt.ts) and prints the paper's metrics as a table,
// or as JSON (spec/adapt.schema.json) with --json. Progress bar on a TTY. --out writes the final
// snapshot (F64, exact) atomically. Exit 0 done (skipped modes included), 2 bad input.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { Presets, SingleBar } from 'cli-progress';
import { adapt, type AdaptOptions, type AdaptReport } from '../../compiler/adapt.ts';
import { writeFileAtomic } from '../../runtime/io/atomic-write.ts';
import { DRIFT_KINDS } from '../../runtime/data/drift.ts';
import { paramsToSafetensors } from '../../runtime/params.ts';
import { EXIT, palette, printDiagnostics, type CliIO } from '../io.ts';
import type { CommandModule } from './index.ts';
import { diagnostic, tilegateVersion } from '../load.ts';

interface AdaptCliOptions {
  readonly data: string;
  readonly drift?: string;
  readonly mode?: string;
  readonly params?: string;
  readonly format?: string;
  readonly steps?: string;
  readonly batch?: string;
  readonly syncEvery?: string;
  readonly lr?: string;
  readonly perturbations?: string;
  readonly seed?: string;
  readonly tangentSeed?: string;
  readonly pretrainSteps?: string;
  readonly trainSize?: string;
  readonly testSize?: string;
  readonly servers?: string;
  readonly requestSize?: string;
  readonly out?: string;
  readonly json?: boolean;
}

/** Numeric flags and the option each fills. */
const NUMERIC_FLAGS = ['steps', 'batch', 'syncEvery', 'lr', 'perturbations', 'seed', 'tangentSeed', 'pretrainSteps', 'trainSize', 'testSize', 'servers', 'requestSize'] as const;

/** The adapt subcommand. */
export const command: CommandModule = {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('adapt')
      .description('learn while inferring on a drifting stream: snapshot serving + forward-gradient learning in threads, with the paper\'s metrics')
      .argument('<model>', '.dg model file')
      .requiredOption('--data <source>', `synthetic:<drift>[:<strength>] (drifts: ${DRIFT_KINDS.join(', ')}) or a directory with x.npy and t.npy`)
      .option('--mode <mode>', 'learning mode: none, theta_only, w_inactive_only, theta_and_w_inactive (default: the model\'s)')
      .option('--drift <drift>', 'drift for a data directory without x_drift.npy (default rotate)')
      .option('--params <file>', 'starting parameters (.safetensors); default: seeded init + offline pre-training')
      .option('--format <format>', 'numeric format of serving and learning (default f32)')
      .option('--steps <n>', 'learning steps (default 48)')
      .option('--batch <n>', 'samples per learning step (default 8)')
      .option('--sync-every <n>', 'publish a snapshot every n steps (default: the model\'s sync_every)')
      .option('--lr <x>', 'learning rate (default: the model\'s lr)')
      .option('--perturbations <k>', 'tangent directions per step (default: the model\'s)')
      .option('--seed <n>', 'seed of data, initial parameters and pre-training (default 1)')
      .option('--tangent-seed <n>', 'seed of the tangent generator (default: the model\'s)')
      .option('--pretrain-steps <n>', 'offline pre-training steps without --params (default 100; 0 = none)')
      .option('--train-size <n>', 'clean training samples for pre-training (default 1500)')
      .option('--test-size <n>', 'samples in each test split (default 400)')
      .option('--servers <n>', 'server threads (default 1)')
      .option('--request-size <n>', 'samples per served request (default 4)')
      .option('--out <file>', 'write the final snapshot as .safetensors (F64)')
      .option('--json', 'print the report as JSON on stdout')
      .action(async (model: string, opts: AdaptCliOptions) => setExit(await runAdaptCli(io, model, opts)));
  },
};

/** Parses the numeric flags; a flag that is not a number is E4708. */
function numericOptions(opts: AdaptCliOptions): { values: Partial<Record<(typeof NUMERIC_FLAGS)[number], number>>; bad: string[] } {
  const values: Partial<Record<(typeof NUMERIC_FLAGS)[number], number>> = {};
  const bad: string[] = [];
  for (const k of NUMERIC_FLAGS) {
    const text = opts[k];
    if (text === undefined) continue;
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) bad.push(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${JSON.stringify(text)} is not a number`);
    else values[k] = v;
  }
  return { values, bad };
}

/** Runs adapt and prints the report; returns the exit code. */
export async function runAdaptCli(io: CliIO, model: string, opts: AdaptCliOptions): Promise<number> {
  const json = opts.json ?? false;
  const nums = numericOptions(opts);
  if (nums.bad.length > 0) {
    printDiagnostics(io, nums.bad.map((m) => diagnostic('E4708', m)), undefined, json);
    return EXIT.badInput;
  }
  let text: string;
  try {
    text = readFileSync(model, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    printDiagnostics(io, [diagnostic('E4001', `cannot read model file ${model} (${why})`, 'check the path')], undefined, json);
    return EXIT.badInput;
  }
  const bar = io.isTTY ? new SingleBar({ stream: process.stderr, format: ' {phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic) : undefined;
  let phase = '';
  const options: AdaptOptions = {
    data: opts.data,
    ...(opts.drift !== undefined ? { drift: opts.drift } : {}),
    ...(opts.mode !== undefined ? { mode: opts.mode } : {}),
    ...(opts.format !== undefined ? { format: opts.format } : {}),
    ...(opts.params !== undefined ? { params: opts.params } : {}),
    ...nums.values,
    onProgress: (p) => {
      if (!bar) return;
      if (p.phase !== phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(p.total, p.done, { phase: p.phase.padEnd(8) });
      } else bar.update(p.done);
    },
  };
  const r = await adapt(text, model, options);
  bar?.stop();
  if (!r.report) {
    printDiagnostics(io, r.diagnostics, r.sources, json);
    return EXIT.badInput;
  }
  if (r.diagnostics.length > 0) printDiagnostics(io, r.diagnostics, r.sources, json);
  if (opts.out !== undefined && r.params) {
    const last = r.report.serving.versions[r.report.serving.versions.length - 1];
    const meta = { format: 'pt', model: r.report.model, tilegate: tilegateVersion(), numeric: r.report.format, mode: r.report.mode, data: r.report.data.source, version: String(last?.version ?? 0), step: String(last?.step ?? 0) };
    try {
      writeFileAtomic(opts.out, paramsToSafetensors(r.params, 'F64', meta));
    } catch (e) {
      const why = e instanceof Error && 'code' in e ? String(e.code) : 'unwritable';
      printDiagnostics(io, [diagnostic('E4001', `cannot write ${opts.out} (${why})`, 'check that the directory exists and is writable')], undefined, json);
      return EXIT.badInput;
    }
  }
  if (json) io.out(JSON.stringify(r.report, null, 2));
  else io.out(renderReport(r.report, io));
  if (opts.out !== undefined) io.err(`wrote the final snapshot to ${opts.out}`);
  return EXIT.ok;
}

/** A number with a sign (percentage points), or '-'. */
const signed = (x: number | null): string => (x === null ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`);
const fixed = (x: number | null, d: number): string => (x === null ? '-' : x.toFixed(d));

/** The human form: a headline, the metrics row, per-version serving, learning facts. */
export function renderReport(r: AdaptReport, io: CliIO): string {
  const p = palette(io);
  const m = r.metrics;
  const t = new Table({ head: ['CleanAcc', 'DriftAcc', 'AdaptAcc', 'Recovery', 'CleanDrop', 'Flip', 'RouteFlip', 'AR', 'FLOPs~', 'MACs', 'params'], style: { head: [], border: [] } });
  t.push([fixed(m.cleanAcc, 2), fixed(m.driftAcc, 2), fixed(m.adaptAcc, 2), signed(m.recovery), signed(m.cleanDrop), fixed(m.flip, 3), fixed(m.routingFlip, 3), fixed(m.ar ?? m.arBefore, 3), fixed(m.flops, 2), fixed(m.macRatio, 2), r.learning.updatableParams.toLocaleString('en-US')]);
  const lines = [p.bold(`${r.model}: ${r.modeLetter} ${r.mode} on ${r.data.source} in ${r.format}`), t.toString()];
  if (r.status === 'skipped') lines.push(p.warn(`skipped: ${r.skipReason ?? ''}; only the accuracies before adaptation are measured`));
  else {
    const v = new Table({ head: ['version', 'step', 'checksum', 'requests', 'served acc'], style: { head: [], border: [] } });
    for (const x of r.serving.versions) v.push([x.version, x.step, x.checksum, x.requests, fixed(x.accuracy, 2)]);
    lines.push(v.toString());
    const rp = r.serving.replay;
    const ok = rp.identical === rp.checked && r.serving.intact && r.serving.monotone;
    lines.push(`serving: ${r.serving.requests} requests by ${r.learning.servers} server thread(s), online accuracy ${fixed(m.onlineAcc, 2)}%, ${r.timing.serveP50Ms.toFixed(1)} ms per request (median); replay ${rp.identical}/${rp.checked} bit-identical; snapshots ${r.serving.intact ? 'intact' : p.error('TORN')}, versions ${r.serving.monotone ? 'monotone' : p.error('NOT monotone')} ${ok ? p.ok('ok') : p.error('FAILED')}`);
  }
  const pre = r.pretrain ? `pre-trained ${r.pretrain.steps} steps (loss ${r.pretrain.finalLoss}); ` : '';
  lines.push(p.dim(`${pre}learning: ${r.learning.steps} steps x ${r.learning.batch} samples, k=${r.learning.perturbations}, lr ${r.learning.lr}, sync every ${r.learning.syncEvery} (${r.timing.stepsPerSecond} steps/s); total ${(r.timing.totalMs / 1000).toFixed(1)} s`));
  return lines.join('\n');
}
