// `tilegate init model.dg -o params.safetensors [--seed N] [--dtype f32|f64]`: writes seeded
// initial parameters for a model (runtime/params.ts: uniform ±1/sqrt(fanIn), gate biases at
// logit(threshold), router biases 0) as safetensors, names `<layer>.weight` / `<layer>.bias`,
// with the model name, seed and tilegate version as metadata. Exit 0 written, 2 bad input.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { initParams, paramsToSafetensors } from '../../runtime/params.ts';
import { writeFileAtomic } from '../../runtime/io/atomic-write.ts';
import { EXIT, printDiagnostics, type CliIO } from '../io.ts';
import type { CommandModule } from './index.ts';
import { compileModelFile, diagnostic, tilegateVersion } from '../load.ts';

interface InitOptions {
  readonly output: string;
  readonly seed?: string;
  readonly dtype?: string;
  readonly json?: boolean;
}

/** The init subcommand. */
export const command: CommandModule = {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('init')
      .description('write seeded initial parameters for a model as safetensors')
      .argument('<model>', '.dg model file')
      .requiredOption('-o, --output <file>', 'parameter file to write (.safetensors)')
      .option('--seed <n>', 'seed of the initialiser (integer >= 0)', '0')
      .option('--dtype <dtype>', 'element type of the file: f32 or f64', 'f32')
      .option('--json', 'print a JSON summary on stdout')
      .action((model: string, opts: InitOptions) => setExit(runInit(io, model, opts)));
  },
};

/** Initialises and writes the parameters; returns the exit code. */
export function runInit(io: CliIO, model: string, opts: InitOptions): number {
  const seedText = opts.seed ?? '0';
  const dtype = (opts.dtype ?? 'f32').toLowerCase();
  const bad = [];
  if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(Number(seedText))) bad.push(diagnostic('E4511', `--seed ${JSON.stringify(seedText)} is not a whole number`, 'the seed is an integer between 0 and 2^53 - 1'));
  if (dtype !== 'f32' && dtype !== 'f64') bad.push(diagnostic('E4511', `--dtype ${JSON.stringify(opts.dtype)} is not f32 or f64`, 'parameters are stored as F32 (default) or F64'));
  if (bad.length > 0) {
    printDiagnostics(io, bad, undefined, opts.json);
    return EXIT.badInput;
  }
  const compiled = compileModelFile(io, model, opts.json ?? false, readFileSync);
  if (!compiled) return EXIT.badInput;
  const seed = Number(seedText);
  const params = initParams(compiled.graph, seed);
  const metadata = { format: 'pt', model: compiled.graph.meta.name, seed: String(seed), tilegate: tilegateVersion(), init: 'uniform(1/sqrt(fan_in)); gate bias logit(threshold); router bias 0' };
  const bytes = paramsToSafetensors(params, dtype === 'f32' ? 'F32' : 'F64', metadata);
  try {
    writeFileAtomic(opts.output, bytes);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : 'unwritable';
    printDiagnostics(io, [diagnostic('E4001', `cannot write ${opts.output} (${why})`, 'check that the directory exists and is writable')], undefined, opts.json);
    return EXIT.badInput;
  }
  const count = [...params.values()].reduce((a, t) => a + t.data.length, 0);
  if (opts.json) io.out(JSON.stringify({ model: compiled.graph.meta.name, output: opts.output, dtype: dtype.toUpperCase(), seed, tensors: params.size, parameters: count, bytes: bytes.length }, null, 2));
  io.err(`wrote ${params.size} tensors (${count} parameters, ${dtype.toUpperCase()}, seed ${seed}) to ${opts.output}`);
  return EXIT.ok;
}
