// `tilegate difftest model.dg [--formats posit32,bposit32,posit16,f32] [--params p.safetensors]
// [--input [name=]x.npy] [--batch N] [--seed N] [--json] [--svg hist.svg]`: runs each format's
// WASM kernels and the f64 reference on seeded (or given) parameters and inputs and prints per
// layer the error against f64, the ULP distribution, bit-exact agreement with the interpreter and
// hard-gate flips (compiler/difftest.ts). Exit 0 ok, 1 a posit format is not bit-exact, 2 bad input.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import Table from 'cli-table3';
import { Presets, SingleBar } from 'cli-progress';
import { DEFAULT_DIFFTEST_FORMATS, difftest, type DifftestFormat, type DifftestReport } from '../../compiler/difftest.ts';
import { difftestSvg } from '../../compiler/difftest-svg.ts';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { writeFileAtomic } from '../../runtime/io/atomic-write.ts';
import { EXIT, palette, printDiagnostics, type CliIO } from '../io.ts';
import type { CommandModule } from './index.ts';
import { compileModelFile, diagnostic, readInputs, readParams } from '../load.ts';

interface DifftestCliOptions {
  readonly formats: string;
  readonly params?: string;
  readonly input?: string[];
  readonly batch?: string;
  readonly seed?: string;
  readonly json?: boolean;
  readonly svg?: string;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** The difftest subcommand. */
export const command: CommandModule = {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('difftest')
      .description('differential test: WASM kernels of each format against the f64 reference, per layer')
      .argument('<model>', '.dg model file')
      .option('--formats <list>', 'comma-separated formats to test', DEFAULT_DIFFTEST_FORMATS.join(','))
      .option('--params <file>', 'parameters (.safetensors); default: seeded like `tilegate init`')
      .option('--input <[name=]file>', 'input batch as .npy [batch, features]; default: seeded uniforms in [0, 1)', collect)
      .option('--batch <n>', 'samples when inputs are seeded', '8')
      .option('--seed <n>', 'seed of parameters, inputs and labels', '1')
      .option('--json', 'print the report as JSON (spec/difftest.schema.json) on stdout')
      .option('--svg <file>', 'write ULP error histograms (one panel per format) as SVG')
      .action(async (model: string, opts: DifftestCliOptions) => setExit(await runDifftest(io, model, opts)));
  },
};

/** Parses an integer flag; undefined when it is not one (difftest() then reports E3603). */
function intFlag(v: string | undefined): number | undefined {
  return v === undefined ? undefined : /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
}

/** Runs difftest and prints the table or JSON; returns the exit code. */
export async function runDifftest(io: CliIO, model: string, opts: DifftestCliOptions): Promise<number> {
  const json = opts.json ?? false;
  const fail = (ds: readonly Diagnostic[]): number => {
    printDiagnostics(io, ds, undefined, json);
    return EXIT.badInput;
  };
  const compiled = compileModelFile(io, model, json, readFileSync);
  if (!compiled) return EXIT.badInput;
  const params = opts.params ? readParams(compiled.graph, opts.params) : { diagnostics: [] };
  const inputs = opts.input ? readInputs(compiled.graph, opts.input) : { diagnostics: [] };
  if (params.diagnostics.length > 0 || inputs.diagnostics.length > 0) return fail([...params.diagnostics, ...inputs.diagnostics]);
  const formats = opts.formats.split(',').map((f) => f.trim()).filter((f) => f !== '');
  const bar = io.isTTY && !json ? new SingleBar({ stream: process.stderr, format: ' difftest [{bar}] {value}/{total} {what}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic) : undefined;
  let started = false;
  const r = await difftest(readFileSync(model, 'utf8'), model, {
    formats,
    ...(intFlag(opts.batch) === undefined ? {} : { batch: intFlag(opts.batch) as number }),
    ...(intFlag(opts.seed) === undefined ? {} : { seed: intFlag(opts.seed) as number }),
    ...(params.params ? { params: params.params } : {}),
    ...(inputs.inputs ? { inputs: inputs.inputs } : {}),
    onProgress: (done, total, what) => {
      if (!bar) return;
      if (!started) bar.start(total, 0, { what });
      started = true;
      bar.update(done, { what });
    },
  });
  bar?.stop();
  if (!r.report) {
    printDiagnostics(io, r.diagnostics, r.sources, json);
    return EXIT.badInput;
  }
  if (opts.svg) {
    try {
      writeFileAtomic(opts.svg, difftestSvg(r.report));
    } catch (e) {
      const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
      return fail([diagnostic('E4001', `cannot write ${opts.svg} (${why})`, 'check that the directory exists and is writable')]);
    }
  }
  if (json) io.out(JSON.stringify(r.report, null, 2));
  else printReport(io, r.report);
  const broken = r.report.formats.filter((f) => f.format !== 'f32' && f.summary.bitExactFraction < 1);
  for (const f of broken) io.err(`${f.format}: WASM and the reference interpreter disagree on ${((1 - f.summary.bitExactFraction) * 100).toFixed(4)}% of values`);
  return broken.length > 0 ? EXIT.checkFailed : EXIT.ok;
}

const sci = (v: number): string => (v === 0 ? '0' : v.toExponential(2));

/** One table per format, then a summary line each. */
function printReport(io: CliIO, report: DifftestReport): void {
  const p = palette(io);
  io.out(p.bold(`difftest ${report.model}: batch ${report.batch}, seed ${report.seed}, params ${report.params}, inputs ${report.inputs}; errors against the f64 reference`));
  for (const f of report.formats) {
    const table = new Table({ head: ['layer', 'kind', 'max abs', 'max rel', 'ULP max', 'ULP mean', 'bit-exact', 'gate flips'], style: { head: io.color ? ['cyan'] : [], border: [], compact: true } });
    for (const l of f.layers) {
      table.push([
        `%${l.node} ${l.name}${l.output ? ` (out ${l.output})` : ''}`,
        l.kind,
        sci(l.maxAbsError),
        sci(l.maxRelError),
        String(l.ulp.max),
        l.ulp.mean.toFixed(3),
        `${(100 * l.bitExact.fraction).toFixed(2)}%`,
        l.routingFlips ? `${(100 * l.routingFlips.rate).toFixed(2)}%` : '-',
      ]);
    }
    io.out(`\n${p.bold(f.format)}`);
    io.out(table.toString());
    io.out(summaryLine(io, f));
  }
}

function summaryLine(io: CliIO, f: DifftestFormat): string {
  const p = palette(io);
  const s = f.summary;
  const exact = `${(100 * s.bitExactFraction).toFixed(2)}% bit-exact vs interpreter`;
  const colour = f.format === 'f32' ? p.dim : s.bitExactFraction === 1 ? p.ok : p.error;
  return `${f.format}: ${colour(exact)}, max ${s.maxUlp} ULP, output max abs ${sci(s.maxAbsError)}, max rel ${sci(s.maxRelError)}, gate flips ${(100 * s.routingFlipRate).toFixed(3)}%`;
}

