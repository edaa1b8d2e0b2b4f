// `tilegate run model.dg --params p.safetensors --input x.npy [--format F] [--target T]
// [--output y.npy] [--json]`: runs inference on one batch. Inputs and parameters enter the
// format by one rounding; predictions are written as f64 .npy (exact for posits). Targets come
// from runtime/targets-registry.ts. A short summary goes to stderr; stdout only with --json.
// Exit 0 ran, 2 bad input (model, files, shapes, unknown target); no output file on failure.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import { NUMERIC_FORMATS, type NumericFormat } from '../../ir/meta.ts';
import { writeFileAtomic } from '../../runtime/io/atomic-write.ts';
import { writeNpy } from '../../runtime/io/npy.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { closestMatch } from '../../runtime/io/suggest.ts';
import { loadTarget } from '../../runtime/targets-registry.ts';
import { EXIT, printDiagnostics, type CliIO } from '../io.ts';
import { compileModelFile, diagnostic, readInputs, readParams } from '../load.ts';
import type { CommandModule } from './index.ts';

interface RunCliOptions {
  readonly params: string;
  readonly input: string[];
  readonly output?: string[];
  readonly format?: string;
  readonly target: string;
  readonly json?: boolean;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** The run subcommand. */
export const command: CommandModule = {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('run')
      .description('run inference on one batch with the reference interpreter or a compiled target')
      .argument('<model>', '.dg model file')
      .requiredOption('--params <file>', 'parameters (.safetensors, `<layer>.weight` [out, in] and `<layer>.bias` [out])')
      .requiredOption('--input <[name=]file>', 'input batch as .npy [batch, features]; repeat as name=file for several inputs', collect)
      .option('--output <[name=]file>', 'write a prediction output as f64 .npy (default: the first output); repeatable', collect)
      .option('--format <format>', `numeric format, overriding the model: ${NUMERIC_FORMATS.join(', ')}`)
      .option('--target <target>', 'reference, wasm, webgpu or xdna', 'reference')
      .option('--json', 'print a JSON summary on stdout')
      .action(async (model: string, opts: RunCliOptions) => setExit(await runRun(io, model, opts)));
  },
};

/** Runs the model on the batch and writes the outputs; returns the exit code. */
export async function runRun(io: CliIO, model: string, opts: RunCliOptions): Promise<number> {
  const json = opts.json ?? false;
  const fail = (ds: readonly Diagnostic[]): number => {
    printDiagnostics(io, ds, undefined, json);
    return EXIT.badInput;
  };
  let format: NumericFormat | undefined;
  if (opts.format !== undefined) {
    if (!(NUMERIC_FORMATS as readonly string[]).includes(opts.format)) {
      const near = closestMatch(opts.format, NUMERIC_FORMATS);
      return fail([diagnostic('E4509', `unknown numeric format '${opts.format}'`, `${near ? `did you mean '${near}'? ` : ''}formats are ${NUMERIC_FORMATS.join(', ')}`)]);
    }
    format = opts.format as NumericFormat;
  }
  const loaded = await loadTarget(opts.target);
  if (!loaded.target) return fail(loaded.diagnostics);
  const compiled = compileModelFile(io, model, json, readFileSync);
  if (!compiled) return EXIT.badInput;
  const graph = compiled.graph;
  const fmt = format ?? graph.meta.numeric.format;
  const params = readParams(graph, opts.params);
  const inputs = readInputs(graph, opts.input);
  const outputs = pickOutputs(graph, opts.output ?? []);
  const problems = [...params.diagnostics, ...inputs.diagnostics, ...outputs.diagnostics];
  if (problems.length > 0 || !params.params || !inputs.inputs) return fail(problems);
  const t0 = performance.now();
  const result = await loaded.target.run(graph, params.params, inputs.inputs, fmt);
  const ms = performance.now() - t0;
  if (!result.ok) return fail(result.diagnostics);
  const written = [...result.outputs].map(([name, t]) => ({ name, shape: t.shape, file: outputs.files.find((f) => f.name === name)?.file }));
  try {
    // Encode everything first, so a bad output cannot leave some files written and others not.
    const encoded = outputs.files.map((f) => {
      const t = result.outputs.get(f.name) as Tensor;
      return { file: f.file, bytes: writeNpy(t.shape, t.data, 'f64') };
    });
    for (const f of encoded) writeFileAtomic(f.file, f.bytes);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    return fail([diagnostic('E4001', `cannot write output (${why})`, 'check that the directory exists and is writable')]);
  }
  const batch = written[0]?.shape[0] ?? 0;
  if (json) io.out(JSON.stringify({ model: graph.meta.name, target: opts.target, format: fmt, batch, timeMs: Math.round(ms * 1000) / 1000, outputs: written.map((w) => ({ name: w.name, shape: w.shape, file: w.file ?? null })) }, null, 2));
  for (const w of written) io.err(`${w.name}: [${w.shape.join(', ')}] ${w.file ? `-> ${w.file}` : '(not written)'}`);
  io.err(`ran ${graph.meta.name} on ${opts.target} in ${fmt}: batch ${batch}, ${ms.toFixed(1)} ms`);
  return EXIT.ok;
}

/** Resolves `--output/** Resolves `--output [name=]file` arguments to prediction outputs. */
function pickOutputs(graph: Graph, args: readonly string[]): { files: { name: string; file: string }[]; diagnostics: Diagnostic[] } {
  const names = graph.nodes.flatMap((n) => (n.kind === 'Output' && n.role === 'prediction' ? [n.name] : []));
  const files: { name: string; file: string }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const arg of args) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(arg);
    const name = m ? (m[1] as string) : (names[0] as string);
    if (!names.includes(name)) {
      diagnostics.push(diagnostic('E4511', `the model has no prediction output '${name}'`, `outputs are ${names.join(', ')}`));
      continue;
    }
    files.push({ name, file: m ? (m[2] as string) : arg });
  }
  return { files, diagnostics };
}
