// The WASM entry of `tilegate compile`: one model module (model.wasm, binaryen -O2), its
// manifest (manifest.json) and the typed TypeScript binding (model.ts, generated with ts-morph),
// as the files the CLI writes atomically under out/wasm/. Formats without WASM kernels (f64) and
// models that do not fit the WASM limits come back as diagnostics.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import { generateBinding } from './bindings.ts';
import { emitWasmModel } from './model.ts';
import { MODEL_FILES } from './runtime-files.ts';

/** The emitter options the WASM target reads (the CLI's EmitOptions satisfy it). */
export interface WasmEmitOptions {
  readonly format: NumericFormat;
}

/** Files relative to the target's output directory, or the diagnostics that stopped emission. */
export interface WasmEmitResult {
  readonly files: readonly { readonly path: string; readonly data: string | Uint8Array }[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Compiles a graph to the files of the WASM target. */
export function emitWasmTarget(graph: Graph, opts: WasmEmitOptions): WasmEmitResult {
  const r = emitWasmModel(graph, { format: opts.format });
  if (!r.artifact) return { files: [], diagnostics: r.diagnostics };
  const { bytes, manifest } = r.artifact;
  return {
    files: [
      { path: MODEL_FILES.wasm, data: bytes },
      { path: MODEL_FILES.manifest, data: `${JSON.stringify(manifest, null, 2)}\n` },
      { path: MODEL_FILES.binding, data: generateBinding(manifest) },
    ],
    diagnostics: r.diagnostics,
  };
}
