// The manifest of a compiled model module: what `tilegate compile --target wasm` writes beside
// model.wasm, and what the host runtime (runtime.ts), the generated binding and difftest read.
// It names the exports, the memory map (fixed addresses and per-sample offsets), the format, the
// parameters with their addresses, and every value buffer by IR node id. spec/wasm.md documents it.
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode } from '../../ir/meta.ts';
import type { NodeKind } from '../../ir/nodes.ts';
import type { WasmFormat } from './emit-values.ts';
import type { ModelLayout, Slot } from './model-layout.ts';
import { widthOf, type ModelPlan } from './model-plan.ts';

/** Version of the manifest layout; bumped on incompatible changes. */
export const MANIFEST_VERSION = 1;

/** One exported function. */
export interface ManifestExport {
  readonly name: string;
  readonly params: readonly string[];
  readonly result: 'none' | 'i32' | 'f64';
  readonly doc: string;
}

/** A parameter: shape, byte address of its stored elements, learning buffers when perturbed. */
export interface ManifestParam {
  readonly name: string;
  readonly node: number;
  readonly role: 'W' | 'theta';
  readonly shape: readonly number[];
  readonly addr: number;
  readonly perturbed?: 'all' | 'inactive-units';
  /** f64 direction staging, rounded direction, f64 gradient accumulator. */
  readonly stage?: number;
  readonly dparam?: number;
  readonly grad?: number;
}

/** A buffer of the batch region or a fixed one, with its element width per sample. */
export interface ManifestBuffer {
  readonly node: number;
  readonly name: string;
  readonly width: number;
  readonly slot: Slot;
}

/** A computed value (for difftest and debugging). */
export interface ManifestValue extends ManifestBuffer {
  readonly kind: NodeKind;
  readonly binding?: string;
  /** For gates: their mode. */
  readonly gate?: 'hard' | 'soft' | 'anneal';
}

/** The whole manifest (JSON). */
export interface ModelManifest {
  readonly manifestVersion: number;
  readonly model: string;
  readonly format: WasmFormat;
  readonly elementBytes: number;
  readonly learn: { readonly mode: LearnMode; readonly perturbations: number; readonly seed: number; readonly lr: number };
  readonly exports: readonly ManifestExport[];
  readonly memory: {
    readonly initialPages: number;
    readonly fixedBytes: number;
    readonly batchBase: number;
    readonly perSampleBytes: number;
    readonly paramStage: number;
    readonly paramStageBytes: number;
    readonly lossOut: number;
    readonly dloss: Slot;
  };
  readonly params: readonly ManifestParam[];
  readonly inputs: readonly (ManifestBuffer & { readonly dims: readonly number[] })[];
  readonly labels: readonly (ManifestBuffer & { readonly classes: number })[];
  readonly outputs: readonly (ManifestBuffer & { readonly role: 'prediction' | 'loss' })[];
  readonly values: readonly ManifestValue[];
  /** What `infer` skips: gated rows, zero columns of gated inputs, hard gates decided from the logit. */
  readonly skip: ManifestSkip;
}

/** The skipping kernels of `infer`. */
export interface ManifestSkip {
  readonly rows: readonly { readonly dense: number; readonly gate: number }[];
  readonly columns: readonly { readonly dense: number; readonly gate: number }[];
  readonly gates: readonly number[];
}

const FWD_EXPORTS: readonly ManifestExport[] = [
  { name: 'infer', params: ['batch i32', 'step i32'], result: 'none', doc: 'predictions of the batch at the input staging, skipping hard-gated rows and columns; writes f64 outputs' },
  { name: 'forward', params: ['batch i32', 'step i32', 'withLoss i32'], result: 'none', doc: 'every value without skipping (the loss too when withLoss != 0); writes f64 outputs' },
  { name: 'value_from_f64', params: ['src i32', 'dst i32', 'n i32'], result: 'none', doc: 'rounds n f64 at src into the format at dst' },
  { name: 'value_to_f64', params: ['src i32', 'dst i32', 'n i32'], result: 'none', doc: 'exact f64 values of n elements at src' },
];

const LEARN_EXPORTS: readonly ManifestExport[] = [
  { name: 'jvp_begin', params: ['batch i32', 'step i32'], result: 'none', doc: 'primal sweep with the loss, inactivity masks, clears the estimate' },
  { name: 'jvp_dir', params: ['batch i32', 'step i32'], result: 'none', doc: 'one perturbation: the f64 directions at each parameter stage, tangent sweep, estimate accumulation' },
  { name: 'jvp_end', params: ['batch i32', 'k i32', 'lr f64'], result: 'none', doc: 'θ = round(θ − lr·G/(k·batch)) on every perturbed parameter' },
];

/** Builds the manifest of an emitted module. */
export function buildManifest(graph: Graph, plan: ModelPlan, layout: ModelLayout, format: WasmFormat, elementBytes: number, initialPages: number, skip: ManifestSkip): ModelManifest {
  const nameOf = (id: number): string => {
    const n = graph.nodes[id];
    return n && 'name' in n ? String(n.name) : `%${id}`;
  };
  const buf = (id: number, slot: Slot): ManifestBuffer => ({ node: id, name: nameOf(id), width: widthOf(graph.nodes[id] as never), slot });
  const learn = graph.meta.learn;
  return {
    manifestVersion: MANIFEST_VERSION,
    model: graph.meta.name,
    format,
    elementBytes,
    learn: { mode: plan.mode, perturbations: learn.gradient.perturbations, seed: learn.gradient.seed, lr: learn.lr },
    exports: [...FWD_EXPORTS, ...(plan.tangents ? LEARN_EXPORTS : [])],
    memory: {
      initialPages,
      fixedBytes: layout.fixedBytes,
      batchBase: layout.batchBase,
      perSampleBytes: layout.perSampleBytes,
      paramStage: layout.paramStage,
      paramStageBytes: layout.paramStageBytes,
      lossOut: layout.lossOut,
      dloss: layout.dloss,
    },
    params: graph.nodes.flatMap((n) => {
      if (n.kind !== 'Param') return [];
      const how = plan.tangents?.perturbed.get(n.id);
      const p = layout.perturbed.get(n.id);
      return [{ name: n.name, node: n.id, role: n.role, shape: n.shape, addr: layout.params.get(n.id) as number, ...(how && p ? { perturbed: how, stage: p.stage, dparam: p.dparam, grad: p.grad } : {}) }];
    }),
    inputs: [...layout.inputs].map(([id, slot]) => {
      const n = graph.nodes[id];
      return { ...buf(id, slot), dims: n?.kind === 'Input' ? n.dims : [] };
    }),
    labels: [...layout.labels].map(([id, slot]) => {
      const n = graph.nodes[id];
      return { ...buf(id, slot), classes: n?.kind === 'Label' ? n.classes : 0 };
    }),
    outputs: [...layout.outputs].map(([id, slot]) => {
      const n = graph.nodes[id];
      return { ...buf(id, slot), role: n?.kind === 'Output' ? n.role : 'prediction' };
    }),
    values: graph.nodes.flatMap((n) => {
      const slot = layout.values.get(n.id);
      if (!slot || n.kind === 'Output' || n.kind === 'Reshape') return [];
      return [{ ...buf(n.id, slot), kind: n.kind, ...(n.binding ? { binding: n.binding } : {}), ...(n.kind === 'Gate' ? { gate: n.mode } : {}) }];
    }),
    skip,
  };
}
