// The whole-model WASM emitter: one module per model and format, built through the binaryen
// facade and validated before emission. It plans the entry points (model-plan.ts), lays out
// memory (model-layout.ts), embeds the kernel library for the format (posit quire kernels or the
// f32 SIMD dense) and the f64 elementary functions, emits one kernel per node (emit-*.ts), and
// the entry points `infer`, `forward` and, when the learn mode perturbs anything, `jvp_*`.
// User problems (format, sizes, learn mode) come back as diagnostics; nothing throws for them.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode, NumericFormat } from '../../ir/meta.ts';
import type { Node, NodeId, NodeOf } from '../../ir/nodes.ts';
import { computeTangentPlan, type TangentPlan } from '../../compiler/passes/jvp.ts';
import { WasmModule, WasmValidationError, type Expr, type OptimizeOptions } from './binaryen.ts';
import { fwdName, slotAddr, finishFn, type ModelCx } from './emit-context.ts';
import { emitDenseColumns, emitDenseFull, emitDenseRows } from './emit-dense.ts';
import { emitF32Extras } from './emit-f32.ts';
import { emitF64Helpers } from './emit-f64.ts';
import { emitActivation, emitCombine, emitCrossEntropy, emitGate, emitHardGateFast, emitMean, emitMul, emitSoftmax, emitTop1 } from './emit-forward.ts';
import { emitLearning } from './emit-learn.ts';
import { emitPositExtras } from './emit-posit-extra.ts';
import { emitTangent } from './emit-tangent.ts';
import { conversionName, isWasmFormat, valueOps, type ValueOps } from './emit-values.ts';
import { emitElementary } from './elementary.ts';
import { emitF32Kernels } from './f32-kernels.ts';
import { checkDenseShape, checkWasmFormat, checkWasmMemory } from './limits.ts';
import { buildManifest, type ModelManifest } from './model-manifest.ts';
import { layoutModel, type Slot } from './model-layout.ts';
import { inferOrder, planModel, widthOf, type ModelPlan } from './model-plan.ts';
import { emitPositKernels } from './posit-kernels.ts';

/** Options of the model emitter. */
export interface WasmModelOptions {
  /** Format to compile for (default: the model's numeric declaration). */
  readonly format?: NumericFormat;
  /** Learn mode of the jvp exports (default: the model's learn block). */
  readonly mode?: LearnMode;
  /** binaryen optimisation of the binary (default -O2); `false` emits it unoptimised. */
  readonly optimize?: OptimizeOptions | false;
  /** Also return the unoptimised text (WAT). */
  readonly text?: boolean;
}

/** A compiled model: the binary, its manifest and optionally its unoptimised WAT. */
export interface WasmModelArtifact {
  readonly bytes: Uint8Array;
  readonly manifest: ModelManifest;
  readonly wat?: string;
}

/** Result of emitWasmModel: the artifact, or diagnostics with at least one error. */
export interface WasmModelResult {
  readonly artifact?: WasmModelArtifact;
  readonly diagnostics: Diagnostic[];
}

/** Compiles a laid-out graph to one validated WASM module. Never throws on user errors. */
export function emitWasmModel(graph: Graph, opts: WasmModelOptions = {}): WasmModelResult {
  const built = buildModelModule(graph, opts);
  if (!built.mod || !built.manifest) return { diagnostics: built.diagnostics };
  const { mod, manifest } = built;
  try {
    const wat = opts.text ? mod.emitText() : undefined;
    if (opts.optimize !== false) mod.optimize(opts.optimize ?? { level: 2 });
    const bytes = mod.emitBinary();
    return { artifact: { bytes, manifest, ...(wat === undefined ? {} : { wat }) }, diagnostics: built.diagnostics };
  } catch (e) {
    if (!(e instanceof WasmValidationError)) throw e;
    return { diagnostics: [...built.diagnostics, internalError(e)] };
  } finally {
    mod.dispose();
  }
}

function internalError(e: WasmValidationError): Diagnostic {
  return {
    code: 'E3601',
    severity: 'error',
    message: `internal error: the emitted model module failed validation${e.functionName ? ` in ${e.functionName}` : ''}: ${e.detail.split('\n')[0] ?? ''}`,
    hint: 'this is a tilegate bug; please report the model that triggers it',
  };
}

/** A module under construction with its manifest; `library` names the kernel-library functions in it. */
export interface BuiltModule {
  readonly mod?: WasmModule;
  readonly manifest?: ModelManifest;
  readonly library?: readonly string[];
  readonly diagnostics: Diagnostic[];
}

/** Checks the request and builds the module (unvalidated; the caller disposes it). */
export function buildModelModule(graph: Graph, opts: WasmModelOptions = {}): BuiltModule {
  const format = opts.format ?? graph.meta.numeric.format;
  const bad = checkWasmFormat(format);
  if (bad || !isWasmFormat(format)) return { diagnostics: [bad ?? checkWasmFormat('?') as Diagnostic] };
  const mode = opts.mode ?? graph.meta.learn.mode;
  let tangents: TangentPlan | undefined;
  if (mode !== 'none') {
    const r = computeTangentPlan(graph, mode);
    if (!r.plan) return { diagnostics: r.diagnostics };
    tangents = r.plan.perturbed.size > 0 ? r.plan : undefined;
  }
  const ops = valueOps(format);
  const plan = planModel(graph, mode, tangents);
  const layout = layoutModel(plan, ops);
  const diagnostics = sizeChecks(plan, ops, layout.batchBase + layout.perSampleBytes);
  if (diagnostics.length > 0) return { diagnostics };
  const m = new WasmModule();
  const initialPages = Math.max(1, Math.ceil((layout.batchBase + layout.perSampleBytes) / 65536));
  m.setMemory({ kind: 'define', initialPages, maxPages: 65536, exportName: 'memory' });
  const cx: ModelCx = { m, plan, layout, ops };
  const library = emitLibrary(cx);
  const kernels = emitNodeKernels(cx);
  emitEntries(cx, kernels);
  const skip = {
    rows: [...plan.skip.rows.values()].map((r) => ({ dense: r.dense, gate: r.gate })),
    columns: [...plan.skip.columns].filter(([d]) => kernels.skip.has(d) && !plan.skip.rows.has(d)).map(([dense, gate]) => ({ dense, gate })),
    gates: graph.nodes.filter((n) => n.kind === 'Gate' && kernels.skip.has(n.id)).map((n) => n.id),
  };
  return { mod: m, manifest: buildManifest(graph, plan, layout, format, ops.bytes, initialPages, skip), library, diagnostics: [] };
}

/** E3101/E3102 before anything is emitted. */
function sizeChecks(plan: ModelPlan, ops: ValueOps, oneSample: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const mem = checkWasmMemory(oneSample);
  if (mem) out.push(mem);
  for (const n of plan.graph.nodes) {
    if (n.kind !== 'Dense') continue;
    const d = checkDenseShape(1, widthOf(plan.graph.nodes[n.x] as Node), widthOf(n), ops.bytes, n.span);
    if (d) out.push(d);
  }
  return out;
}

/**
 * The kernel library of the format and the elementary functions (returned by name: goldens
 * elide them, the library has its own), then the model's helpers and exported conversions.
 */
function emitLibrary(cx: ModelCx): string[] {
  const { m, ops, plan } = cx;
  if (ops.posit) emitPositKernels(m, { formats: [ops.posit.name], scratchBase: 0, ops: ['mul', 'from_f64', 'to_f64', 'quire'], exportAll: false });
  else emitF32Kernels(m, { exportAll: false });
  emitElementary(m);
  const library = [...m.functionNames()];
  const need = { rows: plan.skip.rows.size > 0, gather: plan.graph.nodes.some((n) => n.kind === 'Dense' && skipsColumns(cx, n)) };
  if (ops.posit) emitPositExtras(m, ops.posit, need);
  else emitF32Extras(m, need);
  emitF64Helpers(m);
  m.exportFunction(conversionName(ops, 'from'), 'value_from_f64');
  m.exportFunction(conversionName(ops, 'to'), 'value_to_f64');
  return library;
}

/** Narrowest f32 layer worth a column skip: below it the SIMD kernel beats gathering the inputs. */
const F32_COLUMN_SKIP_MIN_OUT = 32;

/** Does `infer` run this Dense as a column skip (posits always; f32 only for wide enough layers)? */
function skipsColumns(cx: ModelCx, n: NodeOf<'Dense'>): boolean {
  const { plan, ops } = cx;
  if (!plan.skip.columns.has(n.id) || plan.skip.rows.has(n.id)) return false;
  return ops.posit !== undefined || widthOf(n) >= F32_COLUMN_SKIP_MIN_OUT;
}

/** Which kernels exist: full forward per node, skipping variants, tangents (in id order). */
interface NodeKernels {
  readonly full: ReadonlySet<NodeId>;
  readonly skip: ReadonlySet<NodeId>;
  readonly tangent: readonly NodeId[];
}

function emitNodeKernels(cx: ModelCx): NodeKernels {
  const { plan } = cx;
  const full = new Set<NodeId>();
  const skip = new Set<NodeId>();
  const tangent: NodeId[] = [];
  for (const n of plan.graph.nodes) {
    if (!plan.withLoss[n.id]) continue;
    if (emitForward(cx, n)) full.add(n.id);
    if (n.kind === 'Dense' && plan.predict[n.id]) {
      const row = plan.skip.rows.get(n.id);
      if (row) emitDenseRows(cx, n, row.gate, fwdName(n.id, 'skip'));
      else if (skipsColumns(cx, n)) emitDenseColumns(cx, n, fwdName(n.id, 'skip'));
      if (row || skipsColumns(cx, n)) skip.add(n.id);
    }
    if (n.kind === 'Gate' && n.mode === 'hard' && plan.predict[n.id]) {
      emitHardGateFast(cx, n, fwdName(n.id, 'skip'));
      skip.add(n.id);
    }
    if (plan.tangents?.active[n.id] && emitTangent(cx, n)) tangent.push(n.id);
  }
  return { full, skip, tangent };
}

/** fwd_<id> for a node; false when the node needs none (sources, Reshape, Output). */
function emitForward(cx: ModelCx, n: Node): boolean {
  const name = fwdName(n.id, 'full');
  switch (n.kind) {
    case 'Dense':
      emitDenseFull(cx, n, name);
      return true;
    case 'Activation':
      emitActivation(cx, n, name);
      return true;
    case 'Gate':
      emitGate(cx, n, name);
      return true;
    case 'Mul':
      emitMul(cx, n, name);
      return true;
    case 'Softmax':
      emitSoftmax(cx, n, name);
      return true;
    case 'Top1':
      emitTop1(cx, n, name);
      return true;
    case 'Combine':
      emitCombine(cx, n, name);
      return true;
    case 'CrossEntropy':
      emitCrossEntropy(cx, n, name);
      return true;
    case 'Mean':
      emitMean(cx, n, name);
      return true;
    default:
      return false;
  }
}

/** infer(B, step), forward(B, step, withLoss) and the learning exports. */
function emitEntries(cx: ModelCx, k: NodeKernels): void {
  const { m, plan, layout, ops } = cx;
  const g = plan.graph;
  const conv = (f: Parameters<typeof slotAddr>[1], B: Parameters<typeof slotAddr>[3], dir: 'from' | 'to', src: Slot, dst: Slot, width: number): Expr =>
    m.call(conversionName(ops, dir), [slotAddr(cx, f, src, B), slotAddr(cx, f, dst, B), m.i32.mul(f.get(B), m.i32.const(width))], 'none');
  const inputsIn = (f: Parameters<typeof slotAddr>[1], B: Parameters<typeof slotAddr>[3]): Expr[] =>
    [...layout.inputs].map(([id, slot]) => conv(f, B, 'from', slot, layout.values.get(id) as Slot, widthOf(g.nodes[id] as Node)));
  const outputsOut = (f: Parameters<typeof slotAddr>[1], B: Parameters<typeof slotAddr>[3], role: 'prediction' | 'loss'): Expr[] =>
    [...layout.outputs].flatMap(([id, slot]) => {
      const n = g.nodes[id];
      if (n?.kind !== 'Output' || n.role !== role) return [];
      if (role === 'loss') return [m.call(conversionName(ops, 'to'), [slotAddr(cx, f, layout.values.get(id) as Slot, B), m.i32.const(layout.lossOut), m.i32.const(1)], 'none')];
      return [conv(f, B, 'to', layout.values.get(id) as Slot, slot, widthOf(n))];
    });
  {
    const f = m.fn('infer', ['i32', 'i32'], 'none');
    const [B, step] = [f.param(0), f.param(1)];
    const calls = inferOrder(plan).flatMap((id) => {
      if (k.skip.has(id)) return [m.call(fwdName(id, 'skip'), [f.get(B), f.get(step)], 'none')];
      return k.full.has(id) ? [m.call(fwdName(id, 'full'), [f.get(B), f.get(step)], 'none')] : [];
    });
    finishFn(f, [...inputsIn(f, B), ...calls, ...outputsOut(f, B, 'prediction')]);
  }
  {
    const f = m.fn('forward', ['i32', 'i32', 'i32'], 'none');
    const [B, step, withLoss] = [f.param(0), f.param(1), f.param(2)];
    const call = (id: NodeId): Expr[] => (k.full.has(id) ? [m.call(fwdName(id, 'full'), [f.get(B), f.get(step)], 'none')] : []);
    const pred = g.nodes.filter((n) => plan.predict[n.id]).flatMap((n) => call(n.id));
    const loss = g.nodes.filter((n) => plan.withLoss[n.id] && !plan.predict[n.id]).flatMap((n) => call(n.id));
    const lossBlock = loss.length > 0 ? [m.if(f.get(withLoss), m.block(null, [...loss, ...outputsOut(f, B, 'loss')], 'none'))] : [];
    finishFn(f, [...inputsIn(f, B), ...pred, ...outputsOut(f, B, 'prediction'), ...lossBlock]);
  }
  m.exportFunction('infer');
  m.exportFunction('forward');
  emitLearning(cx, k.tangent);
}
