// `tilegate simulate model.dg [--grid G] [--learning-tiles N] [--steps N] [--inferences N]
// [--format F] [--params p.safetensors] [--json] [--svg grid.svg] [--trace trace.json]
// [--timing-only] [--sweep learning-tiles=A..B]`: plans the model on an XDNA-style grid, runs the
// lowered program on the simulator (library: targets/xdna/simulate.ts) and prints per-tile
// numbers, rates, snapshot latency and verdicts. Exit 0 pass, 1 a verdict fails, 2 bad input
// (a model too large for the grid included); files are written atomically, none on failure.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { Presets, SingleBar } from 'cli-progress';
import { compileToIR } from '../../compiler/index.ts';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { writeFileAtomic } from '../../runtime/io/atomic-write.ts';
import { gridSvg, sweepSvg } from '../../targets/xdna/svg.ts';
import { chromeTraceJson } from '../../targets/xdna/trace.ts';
import { simulateGraph, sweepGraph, sweepReport, type SimulateOptions, type SimulateReport, type SweepReport } from '../../targets/xdna/simulate.ts';
import { EXIT, palette, printDiagnostics, type CliIO } from '../io.ts';
import type { CommandModule } from './index.ts';
import { diagnostic, readParams } from '../load.ts';

interface SimulateCliOptions {
  readonly grid?: string;
  readonly learningTiles?: string;
  readonly steps?: string;
  readonly inferences?: string;
  readonly format?: string;
  readonly params?: string;
  readonly syncEvery?: string;
  readonly seed?: string;
  readonly json?: boolean;
  readonly svg?: string;
  readonly trace?: string;
  readonly timingOnly?: boolean;
  readonly sweep?: string;
  readonly check?: boolean;
}

/** The simulate subcommand. */
export const command: CommandModule = {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('simulate')
      .description('simulate the tile partition on an XDNA-style grid: inference and forward-gradient learning at once, per-tile cycles and verdicts')
      .argument('<model>', '.dg model file')
      .option('--grid <grid>', 'xdna1, xdna2 or a grid JSON file (default: the model xdna block, else xdna2)')
      .option('--learning-tiles <n>', 'compute tiles given to learning (default: the model xdna block)')
      .option('--steps <n>', 'forward-gradient steps to run (default 8)')
      .option('--inferences <n>', 'inference batches to run (default: enough to keep serving while learning runs)')
      .option('--format <format>', 'numeric format instead of the model declaration')
      .option('--params <file>', 'initial parameters (.safetensors; default: tilegate init seed 0)')
      .option('--sync-every <n>', 'publish a snapshot every N steps (default: the model learn block)')
      .option('--seed <n>', 'seed of the synthetic input stream', '1')
      .option('--timing-only', 'cycle model only: no values and no checks (fast; for long runs)')
      .option('--no-check', 'skip the spot checks against the reference interpreter')
      .option('--sweep <spec>', 'timing-only sweep, e.g. learning-tiles=0..16 or learning-tiles=4,8,12')
      .option('--json', 'print the report as JSON (spec/simulate.schema.json)')
      .option('--svg <file>', 'write the grid picture (or the sweep plot with --sweep)')
      .option('--trace <file>', 'write a Chrome trace-event JSON of the run')
      .action((model: string, opts: SimulateCliOptions) => setExit(runSimulate(io, model, opts)));
  },
};

/** A whole number option, or an error message. */
function wholeNumber(name: string, v: string | undefined): { value?: number; error?: string } {
  if (v === undefined) return {};
  const n = Number(v);
  return /^\d+$/.test(v.trim()) && Number.isSafeInteger(n) ? { value: n } : { error: `--${name} '${v}' is not a whole number` };
}

/** Parses `learning-tiles=A..B` or `learning-tiles=a,b,c`. */
export function parseSweep(spec: string): { counts?: number[]; error?: string } {
  const m = /^learning-tiles=(\d+)\.\.(\d+)$/.exec(spec.trim()) ?? /^learning-tiles=(\d+(?:,\d+)*)$/.exec(spec.trim());
  if (!m) return { error: `--sweep '${spec}' is not learning-tiles=A..B or learning-tiles=a,b,...` };
  if (m[2] !== undefined) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b < a || b - a > 4096) return { error: `--sweep range ${a}..${b} is empty or too long` };
    return { counts: Array.from({ length: b - a + 1 }, (_, i) => a + i) };
  }
  return { counts: (m[1] as string).split(',').map(Number) };
}


/** Runs the command; returns the exit code. */
export function runSimulate(io: CliIO, model: string, opts: SimulateCliOptions): number {
  const json = opts.json ?? false;
  const fail = (ds: readonly Diagnostic[], sources?: Parameters<typeof printDiagnostics>[2]): number => {
    printDiagnostics(io, ds, sources, json);
    return EXIT.badInput;
  };
  const nums = { learningTiles: wholeNumber('learning-tiles', opts.learningTiles), steps: wholeNumber('steps', opts.steps), inferences: wholeNumber('inferences', opts.inferences), syncEvery: wholeNumber('sync-every', opts.syncEvery), seed: wholeNumber('seed', opts.seed) };
  const bad = Object.values(nums).flatMap((x) => (x.error ? [diagnostic('E3501', x.error, 'give a whole number')] : []));
  const sweep = opts.sweep === undefined ? undefined : parseSweep(opts.sweep);
  if (sweep?.error) bad.push(diagnostic('E3501', sweep.error, 'for example --sweep learning-tiles=0..16'));
  if (bad.length > 0) return fail(bad);
  let text: string;
  try {
    text = readFileSync(model, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    return fail([diagnostic('E4001', `cannot read model file ${model} (${why})`, 'check the path')]);
  }
  const compiled = compileToIR(text, model);
  if (!compiled.graph || compiled.diagnostics.some((d) => d.severity === 'error')) return fail(compiled.diagnostics, compiled.sources);
  const graph = compiled.graph;
  const options: SimulateOptions = {
    ...(opts.grid === undefined ? {} : { grid: opts.grid }),
    ...(opts.format === undefined ? {} : { format: opts.format }),
    ...(nums.learningTiles.value === undefined ? {} : { learningTiles: nums.learningTiles.value }),
    ...(nums.steps.value === undefined ? {} : { steps: nums.steps.value }),
    ...(nums.inferences.value === undefined ? {} : { inferences: nums.inferences.value }),
    ...(nums.syncEvery.value === undefined ? {} : { syncEvery: nums.syncEvery.value }),
    ...(nums.seed.value === undefined ? {} : { seed: nums.seed.value }),
    ...(opts.check === false ? { checkInferences: 0, checkSteps: 0 } : {}),
    timingOnly: opts.timingOnly ?? false,
    trace: opts.trace !== undefined,
  };
  if (sweep?.counts) return runSweepCli(io, graph, sweep.counts, options, opts);
  if (opts.params !== undefined) {
    const p = readParams(graph, opts.params);
    if (!p.params) return fail(p.diagnostics);
    Object.assign(options, { params: p.params });
  }
  const bar = io.isTTY && !options.timingOnly ? new SingleBar({ stream: process.stderr, format: ' simulating [{bar}] {value}/{total} items', hideCursor: true, clearOnComplete: true }, Presets.shades_classic) : undefined;
  let started = false;
  const r = simulateGraph(graph, {
    ...options,
    onProgress: (p) => {
      if (!bar) return;
      if (!started) bar.start(p.totalInferences + p.totalSteps, 0);
      started = true;
      bar.update(p.inferences + p.steps);
    },
  }, compiled.sources);
  bar?.stop();
  if (!r.report || !r.program || !r.grid) return fail(r.diagnostics, r.sources);
  const files: { path: string; data: string }[] = [];
  if (opts.svg !== undefined) {
    const title = `${r.report.model} on ${r.grid.name} (${r.report.format}, ${r.report.learningTiles} learning tiles)`;
    files.push({ path: opts.svg, data: gridSvg({ grid: r.grid, program: r.program, ...(r.result ? { result: r.result } : {}), ...(r.usage ? { usage: r.usage } : {}), title }) });
  }
  if (opts.trace !== undefined && r.result) files.push({ path: opts.trace, data: chromeTraceJson(r.program, r.result) });
  const written = writeAll(files);
  if (written) return fail([written]);
  io.out(json ? JSON.stringify(r.report, null, 2) : renderReport(r.report, palette(io)));
  printDiagnostics(io, r.diagnostics, r.sources, json);
  for (const f of files) io.err(`wrote ${f.path}`);
  return r.report.verdicts.some((v) => v.status === 'fail' && v.blocking) ? EXIT.checkFailed : EXIT.ok;
}

/** Writes every file (atomically each); the first failure as a diagnostic. */
function writeAll(files: readonly { path: string; data: string }[]): Diagnostic | undefined {
  for (const f of files) {
    try {
      writeFileAtomic(f.path, f.data);
    } catch (e) {
      const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
      return diagnostic('E4001', `cannot write ${f.path} (${why})`, 'check that the directory exists and is writable');
    }
  }
  return undefined;
}

function runSweepCli(io: CliIO, graph: Parameters<typeof sweepGraph>[0], counts: readonly number[], options: SimulateOptions, opts: SimulateCliOptions): number {
  const json = opts.json ?? false;
  const bar = io.isTTY ? new SingleBar({ stream: process.stderr, format: ' sweeping [{bar}] {value}/{total} partitions', hideCursor: true, clearOnComplete: true }, Presets.shades_classic) : undefined;
  bar?.start(counts.length, 0);
  const s = sweepGraph(graph, counts, { ...options, timingOnly: true, onSweepPoint: (done) => bar?.update(done) });
  bar?.stop();
  if (!s.grid || !s.format) {
    printDiagnostics(io, s.diagnostics, undefined, json);
    return EXIT.badInput;
  }
  const rep = sweepReport(graph.meta.name, s.grid, s.format, s.points);
  if (opts.svg !== undefined) {
    const ok = s.points.filter((p) => p.diagnostics.every((d) => d.severity !== 'error'));
    const d = writeAll([{ path: opts.svg, data: sweepSvg(ok, `${graph.meta.name} on ${s.grid.name} (${s.format}): inference vs gradient rate`) }]);
    if (d) {
      printDiagnostics(io, [d], undefined, json);
      return EXIT.badInput;
    }
  }
  io.out(json ? JSON.stringify(rep, null, 2) : renderSweep(rep, palette(io)));
  if (opts.svg !== undefined) io.err(`wrote ${opts.svg}`);
  return rep.points.some((p) => p.ok) ? EXIT.ok : EXIT.checkFailed;
}

type Palette = ReturnType<typeof palette>;

const kib = (b: number): string => (b >= 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${b} B`);
const rateText = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

function roleText(role: string, p: Palette): string {
  if (role === 'inference') return p.cyan(role);
  if (role === 'forward-gradient') return p.warn(role);
  if (role === 'host-optimizer') return p.bold(role);
  return p.dim(role);
}

/** The human report: tile table, totals, verdicts. */
export function renderReport(r: SimulateReport, p: Palette): string {
  const table = new Table({ head: ['tile', 'kind', 'role', 'memory used / capacity', 'util', 'busy cycles', 'stall cycles', 'DMA in', 'DMA out'], style: { head: [], border: [], compact: true } });
  const idle = r.tiles.filter((t) => t.role === 'idle').length;
  for (const t of r.tiles) {
    if (t.role === 'idle') continue;
    const mem = t.memoryCapacity > 0 ? `${kib(t.memoryBytes)} / ${kib(t.memoryCapacity)}` : '-';
    table.push([`(${t.col},${t.row})`, t.kind, roleText(t.role, p), mem, `${(100 * t.utilization).toFixed(1)}%`, String(t.busyCycles), String(t.stallCycles), kib(t.dmaBytesIn), kib(t.dmaBytesOut)]);
  }
  const T = r.totals;
  const lat = T.meanPublicationLatencySeconds === null ? 'n/a (no published snapshot was adopted; run more --steps or --inferences)' : `${(T.meanPublicationLatencySeconds * 1e6).toFixed(1)} us mean (${T.meanPublicationLatencyCycles?.toFixed(0)} cycles; max ${T.maxPublicationLatencyCycles})`;
  const lines = [
    p.bold(`${r.model} on ${r.grid.name} (${r.grid.cols}x${r.grid.computeRows} compute tiles, ${r.grid.clockGHz} GHz), ${r.format}, batch ${r.batch}, ${r.learningTiles} learning tiles, ${r.mode}`),
    table.toString(),
    idle > 0 ? p.dim(`${idle} idle tiles not shown`) : '',
    `simulated ${T.cycles} cycles = ${(T.seconds * 1e3).toFixed(3)} ms (${T.events} events, ${T.wallSeconds.toFixed(2)} s wall, ${(T.tileCyclesPerWallSecond / 1e6).toFixed(1)} M compute-tile-cycles per wall second)`,
    `inferences/s: ${rateText(T.inferencesPerSecond)} (${r.inferences} batches of ${r.batch})    gradient estimates/s: ${r.steps > 0 ? rateText(T.gradientsPerSecond) : 'n/a'} (${r.steps} steps, k=${r.perturbations})`,
    `snapshots published: ${T.publications} (every ${r.syncEvery} steps); publication latency: ${lat}; version mixes: ${T.versionMixes}`,
    '',
    ...r.verdicts.map((v) => `${v.status === 'pass' ? p.ok('PASS   ') : v.status === 'fail' ? (v.blocking ? p.error('FAIL   ') : p.warn('FAIL*  ')) : p.warn('UNKNOWN')} ${v.check}: ${v.detail}`),
    p.dim(`${r.counts.pass} pass, ${r.counts.fail} fail, ${r.counts.unknown} unknown${r.verdicts.some((v) => v.status === 'fail' && !v.blocking) ? ' (* non-blocking)' : ''}`),
  ];
  return lines.filter((l, i) => l !== '' || i > 0).join('\n');
}

/** The human sweep table. */
export function renderSweep(r: SweepReport, p: Palette): string {
  const table = new Table({ head: ['learning tiles', 'inferences/s', 'gradient estimates/s', 'cycles', 'plan'], style: { head: [], border: [], compact: true } });
  for (const pt of r.points) table.push([String(pt.learningTiles), rateText(pt.inferencesPerSecond), rateText(pt.gradientsPerSecond), String(pt.totalCycles), pt.ok ? p.ok('ok') : p.error(pt.diagnostics[0]?.replace(/^.*error\[/, 'error[') ?? 'failed')]);
  return [p.bold(`${r.model} on ${r.grid} (${r.format}): sweep of learning tiles (timing only)`), table.toString()].join('\n');
}
