// `tilegate run model.dg --params p.safetensors --input x.npy [--format F] [--target T]
// [--output y.npy] [--json]`: runs inference on one batch. Inputs and parameters enter the
// format by one rounding; predictions are written as f64 .npy (exact for posits). Targets come
// from runtime/targets-registry.ts. A short summary goes to stderr; stdout only with --json.
// Exit 0 ran, 2 bad input (model, files, shapes, unknown target); no output file on failure.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { compileToIR } from '../../compiler/index.ts';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import type { Graph } from '../../ir/graph.ts';
import { NUMERIC_FORMATS, type NumericFormat } from '../../ir/meta.ts';
import { writeFileAtomic } from '../../runtime/io/atomic-write.ts';
import { byteDiag } from '../../runtime/io/binary-codec.ts';
import { readNpy, writeNpy } from '../../runtime/io/npy.ts';
import { readSafetensors } from '../../runtime/io/safetensors.ts';
import { closestMatch } from '../../runtime/io/suggest.ts';
import type { InputSet, Tensor } from '../../runtime/interpreter/types.ts';
import { paramsFromTensors } from '../../runtime/params.ts';
import { loadTarget } from '../../runtime/targets-registry.ts';
import { EXIT, printDiagnostics, type CliIO } from '../io.ts';
import type { CommandModule } from './index.ts';

interface RunCliOptions {
  readonly params: string;
  readonly input: string[];
  readonly output?: string[];
  readonly format?: string;
  readonly target: string;
  readonly json?: boolean;
}

/** An error diagnostic without a location. */
export function diagnostic(code: DiagCode, message: string, hint?: string): Diagnostic {
  return { code, severity: 'error', message, ...(hint ? { hint } : {}) };
}

/** tilegate's version from package.json (metadata of written files). */
export function tilegateVersion(): string {
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    const pkg = JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Reads and compiles a model file, printing diagnostics; undefined on any error. */
export function compileModelFile(io: CliIO, path: string, json: boolean, read: (p: string, enc: 'utf8') => string): { graph: Graph } | undefined {
  let text: string;
  try {
    text = read(path, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    printDiagnostics(io, [diagnostic('E4001', `cannot read model file ${path} (${why})`, 'check the path')], undefined, json);
    return undefined;
  }
  // Inference needs the laid-out graph only: target-capability analyses of later stages (a
  // model's `target webgpu` block lacking a quire, say) must not stop a reference run.
  const r = compileToIR(text, path, { stopAfter: 'layout' });
  if (!r.graph || r.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(io, r.diagnostics, r.sources, json);
    return undefined;
  }
  if (r.diagnostics.length > 0) printDiagnostics(io, r.diagnostics, r.sources, json);
  return { graph: r.graph };
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

/** Reads the parameter file and maps it onto the graph. */
function readParams(graph: Graph, file: string): ReturnType<typeof paramsFromTensors> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    return { diagnostics: [diagnostic('E4001', `cannot read parameter file ${file} (${why})`, 'create one with `tilegate init model.dg -o params.safetensors`')] };
  }
  const st = readSafetensors(bytes, file);
  if (!st.tensors) return { diagnostics: st.diagnostics };
  return paramsFromTensors(graph, st.tensors, file, st.metadata);
}

/** Reads `--input [name=]file` arguments into the model's Input names. */
function readInputs(graph: Graph, args: readonly string[]): { inputs?: InputSet; diagnostics: Diagnostic[] } {
  const names = graph.nodes.flatMap((n) => (n.kind === 'Input' ? [n.name] : []));
  const diagnostics: Diagnostic[] = [];
  const inputs: Record<string, Tensor> = {};
  for (const arg of args) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(arg);
    const name = m ? (m[1] as string) : names.length === 1 ? (names[0] as string) : undefined;
    const file = m ? (m[2] as string) : arg;
    if (name === undefined || !names.includes(name)) {
      diagnostics.push(diagnostic('E4501', name === undefined ? `the model has inputs ${names.join(', ')}; say which one ${file} is` : `the model has no input '${name}'`, `write --input name=file with name one of ${names.join(', ')}`));
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
      diagnostics.push(diagnostic('E4001', `cannot read input file ${file} (${why})`, 'check the path'));
      continue;
    }
    const npy = readNpy(bytes, file);
    if (!npy.array) {
      diagnostics.push(...npy.diagnostics);
      continue;
    }
    const bad = npy.array.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      diagnostics.push(byteDiag('E4506', file, 0, `input element ${bad} (sample ${Math.floor(bad / (npy.array.shape[1] || 1))}) is ${npy.array.data[bad]}`, 'inputs must be finite numbers'));
      continue;
    }
    inputs[name] = { shape: npy.array.shape, data: npy.array.data };
  }
  if (diagnostics.length === 0) {
    for (const n of names) if (!(n in inputs)) diagnostics.push(diagnostic('E4501', `missing input '${n}'`, `pass --input ${names.length > 1 ? `${n}=` : ''}file.npy`));
  }
  return diagnostics.length > 0 ? { diagnostics } : { inputs, diagnostics };
}

/** Resolves `--output [name=]file` arguments to prediction outputs. */
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
