// `tilegate compile model.dg --target wasm,webgpu,xdna -o out/ [--format F] [--json]`: compiles a
// model to the artifacts of each target. Every target is one entry of TARGET_EMITTERS, a lazily
// loaded `emit(graph, opts) => { files, diagnostics }`; files land in `out/<target>/`. Nothing is
// written unless every requested target emitted without errors, and each file is written atomically.
// Exit 0 written, 2 bad input (model, unknown or unavailable target, a format the target refuses).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import { NUMERIC_FORMATS, type NumericFormat } from '../../ir/meta.ts';
import { writeFileAtomic } from '../../runtime/io/atomic-write.ts';
import { closestMatch } from '../../runtime/io/suggest.ts';
import { EXIT, printDiagnostics, type CliIO } from '../io.ts';
import type { CommandModule } from './index.ts';
import { compileToIR } from '../../compiler/index.ts';
import { dumpGraph } from '../../compiler/pipeline.ts';
import { printGraph } from '../../ir/print.ts';
import { compileModelFile, diagnostic } from '../load.ts';

/** One artifact file, its path relative to the target's output directory. */
export interface EmittedFile {
  readonly path: string;
  readonly data: string | Uint8Array;
}

/** Options every emitter receives. */
export interface EmitOptions {
  /** Numeric format to compile for: `--format`, else the model's declaration. */
  readonly format: NumericFormat;
  /** Options of the model's `target <name> { ... }` block (empty when it has none). */
  readonly targetOptions: Readonly<Record<string, number | string | boolean>>;
}

/** What an emitter returns: the files, or diagnostics with at least one error. */
export interface EmitResult {
  readonly files: readonly EmittedFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A target backend's emitter. */
export type EmitFn = (graph: Graph, opts: EmitOptions) => EmitResult | Promise<EmitResult>;

/** Compile targets; an entry is a lazy loader of the target's emitter, undefined until a backend provides one. */
export const TARGET_EMITTERS: Readonly<Record<'wasm' | 'webgpu' | 'xdna', (() => Promise<EmitFn>) | undefined>> = {
  wasm: async () => (await import('../../targets/wasm/model-compile.ts')).emitWasmTarget,
  webgpu: async () => (await import('../../targets/webgpu/emit.ts')).emitWebGpu,
  xdna: async () => (await import('../../targets/xdna/emit.ts')).emitXdna,
};

type CompileTarget = keyof typeof TARGET_EMITTERS;

interface CompileCliOptions {
  readonly target: string;
  readonly out: string;
  readonly format?: string;
  readonly json?: boolean;
  readonly dumpAfter?: string;
  readonly stopAfter?: string;
}

/** The compile subcommand. */
export const command: CommandModule = {
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('compile')
      .description('compile a model to target artifacts (WGSL + manifest, WASM, tile program)')
      .argument('<model>', '.dg model file')
      .requiredOption('--target <targets>', `comma-separated targets: ${Object.keys(TARGET_EMITTERS).join(', ')}`)
      .requiredOption('-o, --out <dir>', 'output directory; each target writes into <dir>/<target>/')
      .option('--format <format>', `numeric format, overriding the model: ${NUMERIC_FORMATS.join(', ')}`)
      .option('--json', 'print a JSON summary of the written files on stdout')
      .option('--dump-after <stages>', 'print the IR after these comma-separated pipeline stages, then compile')
      .option('--stop-after <stage>', 'stop after this pipeline stage and print its IR; nothing is written')
      .action(async (model: string, opts: CompileCliOptions) => setExit(await runCompile(io, model, opts)));
  },
};

/** Compiles the model for every requested target and writes the files; returns the exit code. */
export async function runCompile(io: CliIO, model: string, opts: CompileCliOptions): Promise<number> {
  const json = opts.json ?? false;
  const fail = (ds: readonly Diagnostic[]): number => {
    printDiagnostics(io, ds, undefined, json);
    return EXIT.badInput;
  };
  const targets = opts.target.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const known = Object.keys(TARGET_EMITTERS);
  const unknown = targets.filter((t) => !known.includes(t));
  if (targets.length === 0 || unknown.length > 0) {
    return fail(unknown.map((t) => diagnostic('E4507', `unknown compile target '${t}'`, `${closestMatch(t, known) ? `did you mean '${closestMatch(t, known)}'? ` : ''}targets are ${known.join(', ')}`)).concat(targets.length === 0 ? [diagnostic('E4511', 'no target given', `--target takes ${known.join(', ')}`)] : []));
  }
  if (opts.format !== undefined && !(NUMERIC_FORMATS as readonly string[]).includes(opts.format)) {
    return fail([diagnostic('E4509', `unknown numeric format '${opts.format}'`, `formats are ${NUMERIC_FORMATS.join(', ')}`)]);
  }
  if (opts.dumpAfter !== undefined || opts.stopAfter !== undefined) {
    const code = dumpStages(io, model, opts);
    if (code !== EXIT.ok || opts.stopAfter !== undefined) return code;
  }
  const compiled = compileModelFile(io, model, json, readFileSync);
  if (!compiled) return EXIT.badInput;
  const graph = compiled.graph;
  const format = (opts.format as NumericFormat | undefined) ?? graph.meta.numeric.format;
  const written: { target: string; files: EmittedFile[] }[] = [];
  const problems: Diagnostic[] = [];
  for (const t of targets as CompileTarget[]) {
    const load = TARGET_EMITTERS[t];
    if (!load) {
      problems.push(diagnostic('E4508', `compile target '${t}' is not available in this build`, `available: ${known.filter((k) => TARGET_EMITTERS[k as CompileTarget]).join(', ') || 'none in this build'}`));
      continue;
    }
    const targetOptions = graph.meta.targets.find((d) => d.name === t)?.options ?? {};
    const r = await (await load())(graph, { format, targetOptions });
    problems.push(...r.diagnostics);
    written.push({ target: t, files: [...r.files] });
  }
  const errors = problems.filter((d) => d.severity === 'error');
  if (errors.length > 0) return fail(problems);
  if (problems.length > 0) printDiagnostics(io, problems, undefined, json);
  try {
    for (const w of written) for (const f of w.files) writeFileAtomic(join(opts.out, w.target, f.path), f.data);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    return fail([diagnostic('E4001', `cannot write into ${opts.out} (${why})`, 'check that the directory is writable')]);
  }
  const summary = written.map((w) => ({ target: w.target, files: w.files.map((f) => join(opts.out, w.target, f.path)) }));
  if (json) io.out(JSON.stringify({ model: graph.meta.name, format, targets: summary }, null, 2));
  for (const s of summary) io.err(`${s.target}: ${s.files.length} files in ${join(opts.out, s.target)}`);
  return EXIT.ok;
}

/** `--dump-after` / `--stop-after`: runs the front end and graph passes, printing IR dumps to stdout. */
function dumpStages(io: CliIO, model: string, opts: CompileCliOptions): number {
  const list = (v: string | undefined): string[] => (v ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
  let text: string;
  try {
    text = readFileSync(model, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    printDiagnostics(io, [diagnostic('E4001', `cannot read model file ${model} (${why})`, 'check the path')], undefined, opts.json);
    return EXIT.badInput;
  }
  const r = compileToIR(text, model, {
    dumpAfter: list(opts.dumpAfter),
    ...(opts.stopAfter === undefined ? {} : { stopAfter: opts.stopAfter }),
    onDump: (stage, ir) => io.out(`// ---- IR after ${stage} ----\n${ir}`),
  });
  const stoppedHere = opts.stopAfter !== undefined && !list(opts.dumpAfter).includes(opts.stopAfter);
  if (stoppedHere && r.graph) io.out(`// ---- IR after ${r.lastStage} ----\n${r.tables ? dumpGraph(r.graph, r.tables) : printGraph(r.graph)}`);
  printDiagnostics(io, r.diagnostics, r.sources, opts.json);
  return r.diagnostics.some((d) => d.severity === 'error') ? EXIT.badInput : EXIT.ok;
}
