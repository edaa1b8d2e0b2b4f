// The run targets `tilegate run --target` can execute a model on. A target is one async function
// (graph, params, inputs, format) -> outputs or diagnostics, loaded lazily so a target whose
// runtime is missing (no WebGPU adapter, no simulator build) costs nothing until asked for.
// Backends register by adding one entry to TARGET_LOADERS below; `reference` is the interpreter.
import type { Diagnostic } from '../ir/diagnostics.ts';
import type { Graph } from '../ir/graph.ts';
import type { NumericFormat } from '../ir/meta.ts';
import { runGraph } from './interpreter/run-graph.ts';
import type { InputSet, ParamSet, Tensor } from './interpreter/types.ts';

/** What a target returns: every prediction output as exact f64, or why it could not run. */
export type TargetRunResult = { readonly ok: true; readonly outputs: ReadonlyMap<string, Tensor> } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Runs a model once: inputs and params enter `format` by one rounding; outputs leave as f64. */
export type RunTargetFn = (graph: Graph, params: ParamSet, inputs: InputSet, format: NumericFormat) => Promise<TargetRunResult>;

/** A run target. */
export interface RunTarget {
  readonly name: string;
  readonly description: string;
  readonly run: RunTargetFn;
}

/** Every target name the CLI knows, whether or not this build provides it. */
export const TARGET_NAMES = ['reference', 'wasm', 'webgpu', 'xdna'] as const;

/** The reference interpreter as a run target. */
export const referenceTarget: RunTarget = {
  name: 'reference',
  description: 'the reference interpreter (runtime/interpreter), bit-exact in every format',
  run: (graph, params, inputs, format) => {
    const r = runGraph(graph, params, inputs, { format });
    return Promise.resolve(r.diagnostics.length > 0 ? { ok: false, diagnostics: r.diagnostics } : { ok: true, outputs: r.outputs });
  },
};

/** Lazy loaders of the targets this build provides; a backend adds its line here. */
const TARGET_LOADERS = new Map<string, () => Promise<RunTarget>>([
  ['reference', () => Promise.resolve(referenceTarget)],
  ['wasm', async () => (await import('../targets/wasm/runtime-target.ts')).wasmTarget],
  ['webgpu', async () => (await import('../targets/webgpu/run-target.ts')).webgpuTarget],
  ['xdna', async () => (await import('../targets/xdna/simulate.ts')).xdnaTarget],
]);

/** Registers (or replaces) a target at run time, e.g. from a test or an embedding application. */
export function registerTarget(name: string, load: () => Promise<RunTarget>): void {
  TARGET_LOADERS.set(name, load);
}

/** Names of the targets this build can load. */
export function availableTargets(): string[] {
  return [...TARGET_LOADERS.keys()];
}

/** Loads a target by name; unknown and unavailable targets are diagnostics (E4507, E4508). */
export async function loadTarget(name: string): Promise<{ readonly target?: RunTarget; readonly diagnostics: Diagnostic[] }> {
  const load = TARGET_LOADERS.get(name);
  if (!load) {
    const known = (TARGET_NAMES as readonly string[]).includes(name);
    return {
      diagnostics: [
        known
          ? { code: 'E4508', severity: 'error', message: `target '${name}' is not available in this build`, hint: `available targets: ${availableTargets().join(', ')}` }
          : { code: 'E4507', severity: 'error', message: `unknown target '${name}'`, hint: `targets are ${TARGET_NAMES.join(', ')}` },
      ],
    };
  }
  try {
    return { target: await load(), diagnostics: [] };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { diagnostics: [{ code: 'E4508', severity: 'error', message: `target '${name}' could not be loaded: ${why}`, hint: 'the target runtime may be missing on this machine' }] };
  }
}
