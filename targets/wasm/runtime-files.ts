// File-level helpers of the WASM runtime, used by the generated TypeScript bindings: load a
// compiled model directory (model.wasm + manifest.json), and load or save its parameters as
// safetensors (`<layer>.weight` [out, in], `<layer>.bias` [out]) through runtime/io, written
// atomically. Problems with the files come back as diagnostics (E42xx, E45xx), never throws.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { writeFileAtomic } from '../../runtime/io/atomic-write.ts';
import { expectTensor, readSafetensors, writeSafetensors } from '../../runtime/io/safetensors.ts';
import type { Tensor } from '../../runtime/interpreter/types.ts';
import { MANIFEST_VERSION, type ModelManifest } from './model-manifest.ts';
import { WasmModel } from './runtime.ts';

/** File names inside a compiled model directory. */
export const MODEL_FILES = { wasm: 'model.wasm', manifest: 'manifest.json', binding: 'model.ts' } as const;

/** Loads and instantiates a compiled model directory (a path or a file: URL). */
export async function loadModelDir(dir: string | URL): Promise<WasmModel> {
  const base = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const manifest = JSON.parse(readFileSync(join(base, MODEL_FILES.manifest), 'utf8')) as ModelManifest;
  if (manifest.manifestVersion !== MANIFEST_VERSION) {
    throw new Error(`${join(base, MODEL_FILES.manifest)}: manifest version ${String(manifest.manifestVersion)}, this runtime reads ${MANIFEST_VERSION}; recompile the model`);
  }
  return WasmModel.create(readFileSync(join(base, MODEL_FILES.wasm)), manifest);
}

/** Reads a safetensors file and loads it into the model (rounded into its format). */
export function loadParamsFile(model: WasmModel, file: string): Diagnostic[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    return [{ code: 'E4001', severity: 'error', message: `cannot read parameter file ${file} (${why})`, hint: 'check the path' }];
  }
  const st = readSafetensors(bytes, file);
  if (!st.tensors) return st.diagnostics;
  const params = new Map<string, Tensor>();
  const ds: Diagnostic[] = [];
  for (const p of model.manifest.params) {
    const r = expectTensor(st.tensors, p.name, p.shape, file);
    ds.push(...r.diagnostics);
    if (r.tensor) params.set(p.name, { shape: r.tensor.shape, data: r.tensor.data });
  }
  return ds.length > 0 ? ds : model.setParams(params);
}

/** Writes the model's current parameters (exact values of its format) as safetensors, atomically. */
export function saveParamsFile(model: WasmModel, file: string, dtype: 'F32' | 'F64' = 'F64'): Diagnostic[] {
  const bytes = writeSafetensors(model.getParams(), {
    dtype,
    metadata: { model: model.manifest.model, format: model.manifest.format, tilegate: 'wasm-runtime' },
  });
  try {
    writeFileAtomic(file, bytes);
    return [];
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    return [{ code: 'E4001', severity: 'error', message: `cannot write parameter file ${file} (${why})`, hint: 'check that the directory exists and is writable' }];
  }
}

export { WasmModel };
export type { Diagnostic, Tensor };
export type { JvpOptions, JvpResult, ModelRunOptions, ModelRunResult } from './runtime.ts';
