// The WebGPU program of a graph: one storage buffer per value (Reshape and Output are views of
// their operand's), one kernel per computing node in graph order, and with a tangent plan one
// tangent buffer per active value and one tangent kernel per active node, run once per
// perturbation. This is what `tilegate compile --target webgpu` writes out (emit.ts) and what the
// executor (executor.ts) runs. Unsupported formats are refused here (E3401).
import type { TangentPlan } from '../../compiler/passes/jvp.ts';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { formatOps, isGpuFormat, unsupportedFormat, type GpuFormat } from './formats.ts';
import { hardGateThreshold, type HardThreshold } from './host-scalars.ts';
import { width, type KernelContext, type KernelDraft } from './kernel-draft.ts';
import { forwardKernel } from './kernels-forward.ts';
import { tangentKernel } from './kernels-tangent.ts';
import { realOps, type RealOps } from './reals.ts';
import { WORKGROUP } from './render.ts';

/** What a buffer holds. `direction` is a perturbed parameter's tangent, uploaded by the host. */
export type BufferRole = 'input' | 'label' | 'param' | 'value' | 'relaxed' | 'direction' | 'tangent';

/** One storage buffer: `perSample * batch + fixed` 32-bit words. */
export interface ProgramBuffer {
  readonly name: string;
  readonly role: BufferRole;
  readonly node: NodeId;
  readonly elem: 'f32' | 'u32';
  readonly perSample: number;
  readonly fixed: number;
  /** One copy per perturbation (tangents and directions). */
  readonly perPerturbation: boolean;
}

/** A kernel of the program: which node it computes, in which sweep. */
export interface ProgramKernel extends KernelDraft {
  /** File stem, unique: `<node>-<kind>` or `t<node>-<kind>`. */
  readonly name: string;
  readonly node: NodeId;
  readonly phase: 'forward' | 'tangent';
}

/** A graph output and the buffers holding it and (with tangents) its tangent. */
export interface ProgramOutput {
  readonly name: string;
  readonly role: 'prediction' | 'loss';
  readonly node: NodeId;
  readonly buffer: string;
  readonly tangent?: string;
}

/** Everything needed to run a graph on WebGPU. */
export interface GpuProgram {
  readonly graph: Graph;
  readonly format: GpuFormat;
  readonly buffers: readonly ProgramBuffer[];
  readonly kernels: readonly ProgramKernel[];
  readonly outputs: readonly ProgramOutput[];
  readonly plan?: TangentPlan;
  /** Tangent buffer of the per-sample loss (the forward-gradient estimate reads it). */
  readonly lossTangent?: string;
}

/** Result of buildProgram: the program, or the diagnostics refusing it. */
export interface ProgramResult {
  readonly program?: GpuProgram;
  readonly diagnostics: readonly Diagnostic[];
}

/** The `workgroup_size` of the model's `target webgpu` block, if any. */
function declaredLanes(graph: Graph): number | undefined {
  const v = graph.meta.targets.find((t) => t.name === 'webgpu')?.options['workgroup_size'];
  return typeof v === 'number' ? v : undefined;
}

/** The operand a view node (Reshape, Output) reads, or undefined for other nodes. */
function viewOf(n: Node): NodeId | undefined {
  return n.kind === 'Reshape' ? n.x : n.kind === 'Output' ? n.value : undefined;
}

/** Options of buildProgram. */
export interface ProgramOptions {
  /** Tangent plan: adds tangent buffers and kernels (forward-gradient learning). */
  readonly plan?: TangentPlan;
  /** Lanes per workgroup of map and row kernels (the model's `workgroup_size`); default 64. */
  readonly lanes?: number;
}

/** Builds the program of a channels-last graph in `format`, with tangent kernels when a plan is given. */
export function buildProgram(graph: Graph, format: NumericFormat, opts: ProgramOptions = {}): ProgramResult {
  if (!isGpuFormat(format)) return { diagnostics: [unsupportedFormat(format)] };
  const plan = opts.plan;
  const { cx, hasRelaxed, tangentOf } = kernelContext(graph, format, opts);
  const buffers = programBuffers(graph, format, plan, hasRelaxed, tangentOf);
  const kernels: ProgramKernel[] = [];
  const named = (k: KernelDraft, stem: string): string => (k.variant ? `${stem}-${k.variant.name}` : stem);
  for (const n of graph.nodes) {
    for (const k of forwardKernel(cx, n)) kernels.push({ ...k, name: named(k, `${n.id}-${n.kind.toLowerCase()}`), node: n.id, phase: 'forward' });
  }
  if (plan) {
    for (const n of graph.nodes) {
      for (const k of tangentKernel(cx, plan, n)) kernels.push({ ...k, name: named(k, `t${n.id}-${n.kind.toLowerCase()}`), node: n.id, phase: 'tangent' });
    }
  }
  const outputs: ProgramOutput[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== 'Output') continue;
    const t = tangentOf(n.id);
    outputs.push({ name: n.name, role: n.role, node: n.id, buffer: cx.value(n.id), ...(t ? { tangent: t } : {}) });
  }
  const lossTangent = plan?.lossSamples === undefined ? undefined : tangentOf(plan.lossSamples);
  return { program: { graph, format, buffers, kernels, outputs, ...(plan ? { plan } : {}), ...(lossTangent ? { lossTangent } : {}) }, diagnostics: [] };
}

/** Buffer naming of a graph (views resolve to their operand), and the context kernel builders read. */
function kernelContext(graph: Graph, format: GpuFormat, opts: ProgramOptions): { cx: KernelContext; hasRelaxed: (id: NodeId) => boolean; tangentOf: (id: NodeId) => string | undefined } {
  const plan = opts.plan;
  const node = (id: NodeId): Node => graph.nodes[id] as Node;
  const root = (id: NodeId): NodeId => {
    const v = viewOf(node(id));
    return v === undefined ? id : root(v);
  };
  // Hard and annealed gates write a relaxed mask when tangents run (spec/ir.md 2.1).
  const hasRelaxed = (id: NodeId): boolean => {
    const n = node(id);
    return plan !== undefined && n.kind === 'Gate' && n.mode !== 'soft';
  };
  const tangentOf = (id: NodeId): string | undefined => {
    if (!plan?.active[id]) return undefined;
    const n = node(id);
    const v = viewOf(n);
    if (v !== undefined) return tangentOf(v);
    return n.kind === 'Param' && !plan.perturbed.has(id) ? undefined : `t${id}`;
  };
  const thresholds = new Map<NodeId, HardThreshold>();
  let reals: RealOps | undefined;
  const cx: KernelContext = {
    graph,
    format,
    ops: formatOps(format),
    lanes: opts.lanes ?? declaredLanes(graph) ?? WORKGROUP,
    get reals() {
      reals ??= realOps(format);
      return reals;
    },
    value: (id) => `v${root(id)}`,
    pathValue: (id) => {
      const r = root(id);
      const n = node(r);
      if (hasRelaxed(r)) return `r${r}`;
      return n.kind === 'Top1' && plan ? `v${root(n.x)}` : `v${r}`;
    },
    relaxed: (id) => (hasRelaxed(id) ? `r${id}` : undefined),
    tangent: tangentOf,
    threshold: (id) => {
      let t = thresholds.get(id);
      if (!t) {
        const g = node(id);
        t = hardGateThreshold(format, g.kind === 'Gate' ? g.threshold : 0.5);
        thresholds.set(id, t);
      }
      return t;
    },
  };
  return { cx, hasRelaxed, tangentOf };
}

/** Every buffer of the program, in node order. */
function programBuffers(graph: Graph, format: GpuFormat, plan: TangentPlan | undefined, hasRelaxed: (id: NodeId) => boolean, tangentOf: (id: NodeId) => string | undefined): ProgramBuffer[] {
  const elem = format === 'f32' ? 'f32' : 'u32';
  const out: ProgramBuffer[] = [];
  for (const n of graph.nodes) {
    if (viewOf(n) !== undefined) continue;
    const batched = n.kind !== 'Param' && n.kind !== 'Mean';
    const perSample = batched ? width(n) : 0;
    const fixed = n.kind === 'Param' ? n.shape.reduce((a, d) => a * d, 1) : n.kind === 'Mean' ? 1 : 0;
    const role = n.kind === 'Input' ? 'input' : n.kind === 'Label' ? 'label' : n.kind === 'Param' ? 'param' : 'value';
    out.push({ name: `v${n.id}`, role, node: n.id, elem: n.kind === 'Label' ? 'u32' : elem, perSample, fixed, perPerturbation: false });
    if (hasRelaxed(n.id)) out.push({ name: `r${n.id}`, role: 'relaxed', node: n.id, elem, perSample, fixed, perPerturbation: false });
    if (plan && tangentOf(n.id) === `t${n.id}`) {
      out.push({ name: `t${n.id}`, role: n.kind === 'Param' ? 'direction' : 'tangent', node: n.id, elem, perSample, fixed, perPerturbation: true });
    }
  }
  return out;
}
