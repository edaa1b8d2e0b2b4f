// `tilegate conform FILE...`: checks the reference numerics (runtime/numerics) against posit
// test-vector files and prints pass counts per op, the first mismatches and a final
// `N passed, M failed` line. Exit 0 all pass, 1 any mismatch, 2 malformed input.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import Table from 'cli-table3';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { isPositFormat, POSIT_FORMATS, type PositFormat } from '../../runtime/numerics/index.ts';
import { checkVectorText, formatFromFileName, type VectorFileReport, type VectorMismatch } from '../../runtime/numerics/vector-file.ts';
import { EXIT, palette, printDiagnostics, type CliIO } from '../io.ts';
import type { CommandModule } from './index.ts';

interface ConformOptions {
  readonly format?: string;
  readonly json?: boolean;
  readonly maxMismatches?: number;
}

/** The conform subcommand. */
export const command: CommandModule = {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('conform')
      .description('check the posit/b-posit numerics against JSON-lines test-vector files')
      .argument('<files...>', 'vector files (p8*, p16*, p32*, bp16*, bp32* name the format)')
      .option('--format <format>', `number format of every file: ${POSIT_FORMATS.join(', ')}`)
      .option('--max-mismatches <n>', 'mismatches to show per file', parseCount, 5)
      .option('--json', 'print a JSON report on stdout')
      .action((files: string[], opts: ConformOptions) => setExit(runConform(io, files, opts)));
  },
};

/** Runs the check over every file and prints the report; returns the exit code. */
export function runConform(io: CliIO, files: readonly string[], opts: ConformOptions): number {
  const diagnostics: Diagnostic[] = [];
  let forced: PositFormat | undefined;
  if (opts.format !== undefined) {
    if (!isPositFormat(opts.format)) {
      printDiagnostics(io, [{ code: 'E4108', severity: 'error', message: `unknown number format ${JSON.stringify(opts.format)}`, hint: `--format takes one of ${POSIT_FORMATS.join(', ')}` }], undefined, opts.json);
      return EXIT.badInput;
    }
    forced = opts.format;
  }
  const maxMismatches = opts.maxMismatches ?? 5;
  const reports: VectorFileReport[] = [];
  for (const file of files) {
    const format = forced ?? formatFromFileName(file);
    if (!format) {
      diagnostics.push({
        code: 'E4107',
        severity: 'error',
        message: `cannot tell the number format of ${file} from its name`,
        at: { file, line: 1, column: 1 },
        hint: `name it p8*, p16*, p32*, bp16* or bp32* (e.g. p32.jsonl), or pass --format posit32`,
      });
      continue;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
      diagnostics.push({ code: 'E4001', severity: 'error', message: `cannot read vector file ${file} (${why})`, hint: 'check the path' });
      continue;
    }
    const report = checkVectorText(file, text, format, { maxMismatches });
    diagnostics.push(...report.diagnostics);
    reports.push(report);
  }
  const passed = reports.reduce((s, r) => s + r.passed, 0);
  const failed = reports.reduce((s, r) => s + r.failed, 0);
  if (opts.json) io.out(JSON.stringify({ files: reports.map(reportJson), passed, failed, errors: diagnostics.length }, null, 2));
  else printHuman(io, reports, passed, failed);
  printDiagnostics(io, diagnostics, undefined, opts.json);
  if (diagnostics.length > 0) return EXIT.badInput;
  return failed > 0 ? EXIT.checkFailed : EXIT.ok;
}

function parseCount(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function reportJson(r: VectorFileReport): Record<string, unknown> {
  return { file: r.file, format: r.format, passed: r.passed, failed: r.failed, ops: r.ops, mismatches: r.mismatches, malformedLines: r.diagnostics.length };
}

function printHuman(io: CliIO, reports: readonly VectorFileReport[], passed: number, failed: number): void {
  const p = palette(io);
  for (const r of reports) {
    const table = new Table({ head: ['op', 'cases', 'passed', 'failed'], style: { head: [], border: [], compact: true }, colAligns: ['left', 'right', 'right', 'right'] });
    for (const [op, t] of Object.entries(r.ops)) {
      table.push([op, String(t.passed + t.failed), p.ok(String(t.passed)), t.failed > 0 ? p.error(String(t.failed)) : '0']);
    }
    io.out(`${p.bold(r.file)} ${p.dim(`(${r.format})`)}`);
    io.out(table.toString());
    for (const m of r.mismatches) io.out(`  ${p.error('mismatch')} ${formatMismatch(m)}`);
    if (r.failed > r.mismatches.length) io.out(p.dim(`  ... ${r.failed - r.mismatches.length} more mismatches`));
  }
  io.out(`${passed} passed, ${failed} failed`);
}

/** `p32.jsonl:12 add a=4000 b=0001: expected 4000, got 4001` (long fdp operands abbreviated). */
function formatMismatch(m: VectorMismatch): string {
  const show = (v: string | readonly string[]): string => {
    if (typeof v === 'string') return v;
    return v.length <= 8 ? `[${v.join(',')}]` : `[${v.slice(0, 8).join(',')},... ${v.length} elements]`;
  };
  const operands = m.b === undefined ? `a=${show(m.a)}` : `a=${show(m.a)} b=${show(m.b)}`;
  return `${m.file}:${m.line} ${m.op} ${operands}: expected ${m.expected}, got ${m.got}`;
}
