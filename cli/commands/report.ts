// `tilegate report model.dg [--json] [--format F] [--grid G] [--learning-tiles N] [--target T,..]`:
// prints the coeffect report of a model: one row per IR value (escape, quire, tile role, bytes),
// the activation tape, per-tile memory and the verdicts. Exit 0 all checks pass or are unknown,
// 1 a verdict fails, 2 bad input (including a quire a requested target lacks).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { formatBytes } from '../../compiler/coeffects/verdicts.ts';
import { TARGET_NAMES as TARGETS, type TargetName } from '../../compiler/coeffects/keys.ts';
import { compileToIR } from '../../compiler/index.ts';
import { analysisPasses, dumpGraph, PASSES } from '../../compiler/pipeline.ts';
import { report, type CoeffectReport, type ReportValue } from '../../compiler/report.ts';
import { isNumericFormat } from '../../runtime/numerics/index.ts';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { EXIT, palette, printDiagnostics, type CliIO } from '../io.ts';
import type { CommandModule } from './index.ts';

interface ReportCliOptions {
  readonly json?: boolean;
  readonly format?: string;
  readonly grid?: string;
  readonly learningTiles?: string;
  readonly target?: string;
  readonly dumpAfter?: string;
  readonly stopAfter?: string;
  readonly debug?: boolean;
}

/** The report subcommand. */
export const command: CommandModule = {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('report')
      .description('print the coeffect report: escape, quire, tile role and bytes of every IR value, the tape and verdicts')
      .argument('<model>', '.dg model file')
      .option('--json', 'print the report as JSON (spec/report.schema.json)')
      .option('--format <format>', 'numeric format instead of the model declaration')
      .option('--grid <grid>', 'xdna1, xdna2 or a grid JSON file (default: the model xdna block, else xdna2)')
      .option('--learning-tiles <n>', 'compute tiles given to learning (default: the model xdna block)')
      .option('--target <targets>', 'comma-separated targets to check quires for (default: the model target blocks)')
      .option('--dump-after <stages>', 'print the IR (with its side tables) after these comma-separated stages')
      .option('--stop-after <stage>', 'stop after this stage and print its IR instead of the report')
      .option('--debug', 'run the IR verifier after every stage')
      .action((model: string, opts: ReportCliOptions) => setExit(runReport(io, model, opts)));
  },
};

/** Runs the report for one model file and prints it; returns the exit code. */
export function runReport(io: CliIO, model: string, opts: ReportCliOptions): number {
  let text: string;
  try {
    text = readFileSync(model, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    const d: Diagnostic = { code: 'E4001', severity: 'error', message: `cannot read model file ${model} (${why})`, hint: 'check the path' };
    printDiagnostics(io, [d], undefined, opts.json);
    return EXIT.badInput;
  }
  if (opts.dumpAfter !== undefined || opts.stopAfter !== undefined) {
    const code = dumpStages(io, text, model, opts);
    if (code !== EXIT.ok || opts.stopAfter !== undefined) return code;
  }
  const r = report(text, model, {
    ...(opts.format === undefined ? {} : { format: opts.format }),
    ...(opts.grid === undefined ? {} : { grid: opts.grid }),
    ...(opts.learningTiles === undefined ? {} : { learningTiles: parseCount(opts.learningTiles) }),
    ...(opts.target === undefined ? {} : { targets: opts.target.split(',').map((t) => t.trim()).filter((t) => t !== '') }),
  });
  if (r.report) io.out(opts.json ? JSON.stringify(r.report, null, 2) : renderReport(r.report, palette(io)));
  printDiagnostics(io, r.diagnostics, r.sources, opts.json);
  if (r.diagnostics.some((d) => d.severity === 'error')) return EXIT.badInput;
  return r.report && r.report.counts.fail > 0 ? EXIT.checkFailed : EXIT.ok;
}

/** `--dump-after` / `--stop-after`: runs the whole pipeline (analyses included) and prints IR dumps. */
function dumpStages(io: CliIO, text: string, model: string, opts: ReportCliOptions): number {
  const list = (v: string | undefined): string[] => (v ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
  const targets = list(opts.target).filter((t): t is TargetName => (TARGETS as readonly string[]).includes(t));
  const passes = [
    ...PASSES,
    ...analysisPasses({
      ...(opts.format !== undefined && isNumericFormat(opts.format) ? { format: opts.format } : {}),
      ...(targets.length > 0 ? { targets } : {}),
    }),
  ];
  const r = compileToIR(text, model, {
    passes,
    verify: opts.debug === true,
    dumpAfter: list(opts.dumpAfter),
    ...(opts.stopAfter === undefined ? {} : { stopAfter: opts.stopAfter }),
    onDump: (stage, ir) => io.out(`// ---- IR after ${stage} ----\n${ir}`),
  });
  const stoppedHere = opts.stopAfter !== undefined && !list(opts.dumpAfter).includes(opts.stopAfter);
  if (stoppedHere && r.graph && r.tables) io.out(`// ---- IR after ${r.lastStage} ----\n${dumpGraph(r.graph, r.tables)}`);
  printDiagnostics(io, r.diagnostics, r.sources, opts.json);
  return r.diagnostics.some((d) => d.severity === 'error') ? EXIT.badInput : EXIT.ok;
}

/** A whole decimal count, or NaN (the library turns NaN into an E2603 diagnostic). */
function parseCount(s: string): number {
  return /^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN;
}

/** Colour functions the renderer uses (identities when colour is off). */
export type Paint = ReturnType<typeof palette>;

const FMT_ABBREV: Readonly<Record<string, string>> = { f32: 'f32', f64: 'f64', posit8: 'p8', posit16: 'p16', posit32: 'p32', bposit16: 'bp16', bposit32: 'bp32' };
const ESCAPE_ABBREV = { StackScoped: 'Stack', ReturnEscape: 'Return', Persistent: 'Persist' } as const;
const ROLE_ABBREV = { inference: 'inf', 'forward-gradient': 'fg', 'host-optimizer': 'host', memory: 'mem' } as const;
const CAP_ABBREV = { native: 'nat', emulated: 'emu', unavailable: 'n/a' } as const;

/** `q512 k785 +21g w:emu g:emu x:emu`, or `-`. */
export function quireCell(v: ReportValue, paint: Paint): string {
  const q = v.quire;
  if (!q) return '-';
  const cap = (t: 'wasm' | 'webgpu' | 'xdna', letter: string): string => {
    const s = `${letter}:${CAP_ABBREV[q.capability[t]]}`;
    return q.capability[t] === 'unavailable' ? paint.error(s) : s;
  };
  const guard = q.guardBits >= 0 ? `+${q.guardBits}g` : paint.error(`${q.guardBits}g`);
  return `q${q.bits} k${q.terms} ${guard} ${cap('wasm', 'w')} ${cap('webgpu', 'g')} ${cap('xdna', 'x')}`;
}

/** A table drawn with spaces only: columns separated by two spaces, no borders. */
function plainTable(head: string[], aligns: ('left' | 'right')[]): Table.Table {
  const none = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ' };
  return new Table({ head, chars: none, colAligns: aligns, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 1, compact: true } });
}

function valueTable(r: CoeffectReport, paint: Paint): string {
  const t = plainTable(['id', 'name', 'op', 'shape', 'fmt', 'escape', 'quire', 'role', 'bytes'], ['right', 'left', 'left', 'left', 'left', 'left', 'left', 'left', 'right']);
  for (const v of r.values) {
    const role = `${ROLE_ABBREV[v.role]}${v.mirrored ? '+fg' : ''}`;
    t.push([`%${v.id}`, v.name ?? '', v.attr ? `${v.op}(${v.attr})` : v.op, `[${v.shape.join(',')}]`, v.format ? (FMT_ABBREV[v.format] ?? v.format) : '-', ESCAPE_ABBREV[v.escape], quireCell(v, paint), role, formatBytes(v.bytes)]);
  }
  const lines = t.toString().split('\n');
  return [paint.bold(lines[0] ?? ''), ...lines.slice(1)].map((l) => l.trimEnd()).join('\n');
}

function memoryTable(r: CoeffectReport, paint: Paint): string {
  const t = plainTable(['tiles', 'role', 'weights', 'activations', 'tangents', 'quire', 'stack', 'total', 'capacity', 'streamed'], ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right']);
  for (const g of r.memory.tiles) {
    const over = g.capacity !== null && g.total > g.capacity;
    const total = over ? paint.warn(formatBytes(g.total)) : formatBytes(g.total);
    const cap = g.capacity === null ? '-' : formatBytes(g.capacity);
    t.push([String(g.tiles), g.role, formatBytes(g.weights), formatBytes(g.activations), formatBytes(g.tangents), formatBytes(g.quire), formatBytes(g.stack), total, cap, g.capacity === null ? '-' : formatBytes(g.streamedTotal)]);
  }
  return t
    .toString()
    .split('\n')
    .map((l) => `  ${l.trimEnd()}`)
    .join('\n');
}

const LEGEND = [
  'escape  Stack: dies in the step (tile L1)   Return: leaves the step   Persist: parameter, versioned by snapshots',
  'quire   q<bits> k<terms> +<headroom in guard bits>g, then w:wasm g:webgpu x:xdna = nat(ive) | emu(lated) | n/a',
  'role    inf: inference  fg: forward-gradient  host: host-optimizer  mem: memory tile;  +fg: learning tiles recompute it',
];

/** Greedy word wrap of `text` to `width` columns, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** The human report: header, value table, legend, tape, memory estimate, verdicts. */
export function renderReport(r: CoeffectReport, paint: Paint): string {
  const declared = `numeric ${r.declared.format}${r.declared.quire ? ' quire' : ''}`;
  const fmt = r.format === r.declared.format ? declared : `${r.format} (declared: ${declared})`;
  const m = r.memory;
  const out = [
    paint.bold(`model ${r.model}`) + `  ${r.file}`,
    `format ${fmt}; learn ${r.learn.mode}, batch ${r.learn.batch}; targets ${r.targets.join(', ')}`,
    '',
    valueTable(r, paint),
    '',
    ...LEGEND.map((l) => paint.dim(l)),
    '',
    `activation tape: forward mode ${formatBytes(r.tape.forwardBytes)}; reverse mode would keep ${formatBytes(r.tape.reverseBytes)} (${r.tape.reverse.length} tensors at batch ${r.learn.batch})`,
    '',
    `memory per tile on ${m.grid}, ${m.inferenceTiles} inference + ${m.learningTiles} learning tiles (${m.learningTilesFrom}): ` +
      `${m.method === 'even-split-estimate' ? 'ESTIMATE, even channel split' : 'exact, from the tile allocator'}`,
    memoryTable(r, paint),
    paint.dim(
      m.method === 'even-split-estimate'
        ? '  weights stay resident; streamed = per-tile total if weights stream from memory tiles through a 2-row buffer'
        : '  the fullest tile of each group; weights that do not fit L1 already stream, so streamed = total',
    ),
    ...m.issues.map((i) => `  ${i.severity === 'error' ? paint.error(i.code) : paint.warn(i.code)} ${wrap(i.message, 110, 4)}`),
    '',
    'verdicts:',
  ];
  const width = Math.max(...r.verdicts.map((v) => v.check.length));
  for (const v of r.verdicts) {
    const st = v.status === 'pass' ? paint.ok('pass   ') : v.status === 'fail' ? paint.error('FAIL   ') : paint.warn('unknown');
    out.push(`  ${st}  ${v.check.padEnd(width)}  ${wrap(v.detail, Math.max(40, 118 - width - 13), width + 13)}`);
  }
  out.push('', `${r.counts.pass} pass, ${r.counts.fail} fail, ${r.counts.unknown} unknown`);
  return `${out.join('\n')}\n`;
}
