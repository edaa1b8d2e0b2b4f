// Shared input loading of the CLI commands: the model file through the front end, parameters
// from safetensors and `--input [name=]file` batches from .npy, each failure a diagnostic with a
// hint (never an exception), so every command reports bad files the same way.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileToIR } from '../compiler/index.ts';
import type { Diagnostic } from '../ir/diagnostics.ts';
import type { DiagCode } from '../ir/diagnostic-codes.ts';
import type { Graph } from '../ir/graph.ts';
import { byteDiag } from '../runtime/io/binary-codec.ts';
import { readNpy } from '../runtime/io/npy.ts';
import { readSafetensors } from '../runtime/io/safetensors.ts';
import type { InputSet, Tensor } from '../runtime/interpreter/types.ts';
import { paramsFromTensors } from '../runtime/params.ts';
import { printDiagnostics, type CliIO } from './io.ts';

/** An error diagnostic without a location. */
export function diagnostic(code: DiagCode, message: string, hint?: string): Diagnostic {
  return { code, severity: 'error', message, ...(hint ? { hint } : {}) };
}

/** tilegate's version from package.json (metadata of written files). */
export function tilegateVersion(): string {
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    const pkg = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { version?: unknown };
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

/** Reads the parameter file and maps it onto the graph. */
export function readParams(graph: Graph, file: string): ReturnType<typeof paramsFromTensors> {
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
export function readInputs(graph: Graph, args: readonly string[]): { inputs?: InputSet; diagnostics: Diagnostic[] } {
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
