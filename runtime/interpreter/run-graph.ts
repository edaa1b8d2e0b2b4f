// The reference interpreter's entry point: runs a graph IR in f64, f32 or any posit format,
// bit-exact per DESIGN section 4. Inputs and parameters enter the format by one rounding from
// f64; every node then follows forward-ops.ts; outputs leave as exact f64. With a tangent
// request it also runs the forward-mode sweep (tangent-ops.ts) for each perturbation, which is
// what runtime/learn/forward-gradient.ts builds on. User errors come back as E45xx diagnostics.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import type { Node, NodeId } from '../../ir/nodes.ts';
import { operandsOf } from '../../ir/ops.ts';
import type { TangentPlan } from '../../compiler/passes/jvp.ts';
import { arithFor, type Arith } from './arith.ts';
import { forwardNode, widthOf, type ExecState } from './forward-ops.ts';
import { computeInactive, tangentNode, type TangentSweep } from './tangent-ops.ts';
import type { Buf, InputSet, ParamSet, Tensor } from './types.ts';

/** Tangent directions to push through the graph along with the primal run. */
export interface TangentRequest {
  readonly plan: TangentPlan;
  /** One map per perturbation: f64 direction of each perturbed Param node (rounded into the format here). */
  readonly directions: readonly ReadonlyMap<NodeId, Float64Array>[];
}

/** What the tangent sweeps produced, per perturbation. */
export interface TangentResult {
  /** Tangent of every computed output (zeros where no perturbed parameter reaches it). */
  readonly outputs: readonly Map<string, Tensor>[];
  /** Per-sample loss tangents d_b, exact values of the format's numbers. */
  readonly lossSamples: readonly Float64Array[];
  /** The directions as rounded into the format, exact f64 values, by Param node. */
  readonly directions: readonly Map<NodeId, Float64Array>[];
  /** Per W layer with units: `[B, out]` 1 where the unit was inactive for the sample. */
  readonly inactive: ReadonlyMap<NodeId, Uint8Array>;
  /** With `keepValues`: every nonzero tangent by node id, per perturbation. */
  readonly values?: readonly Map<NodeId, Tensor>[];
}

/** Options of runGraph. */
export interface RunOptions {
  /** Format to run in; defaults to the model's `numeric` declaration. */
  readonly format?: NumericFormat;
  /** Learning step k of the snapshot being served (anneal gates read it); default 0. */
  readonly gateStep?: number;
  /** Also return every computed value (and tangent), by node id. */
  readonly keepValues?: boolean;
  /** Output names to compute; default every prediction, plus the loss when all labels are given. */
  readonly outputs?: readonly string[];
  readonly tangents?: TangentRequest;
}

/** Result of runGraph: outputs are empty when `diagnostics` holds an error. */
export interface RunResult {
  readonly outputs: Map<string, Tensor>;
  readonly values?: Map<NodeId, Tensor>;
  /** Active gate units and nonzero routing weights, over all gates/mixtures and samples (AR = active / total). */
  readonly routing: { readonly active: number; readonly total: number };
  readonly tangents?: TangentResult;
  readonly diagnostics: Diagnostic[];
}

const diag = (code: DiagCode, message: string, hint?: string): Diagnostic => ({ code, severity: 'error', message, ...(hint ? { hint } : {}) });

/** Runs a graph on one batch. Never throws on user errors (missing or misshapen inputs/params). */
export function runGraph(graph: Graph, params: ParamSet, inputs: InputSet, opts: RunOptions = {}): RunResult {
  const format = opts.format ?? graph.meta.numeric.format;
  const arith = arithFor(format);
  const wanted = selectOutputs(graph, inputs, opts);
  const lossSamples = opts.tangents?.plan.lossSamples;
  const needed = neededNodes(graph, wanted, opts.tangents ? unitSources(opts.tangents.plan) : []);
  const empty = { outputs: new Map<string, Tensor>(), routing: { active: 0, total: 0 } };
  if (opts.tangents && lossSamples === undefined) {
    return { ...empty, diagnostics: [diag('E2502', 'tangents were requested but the graph has no per-sample mean loss')] };
  }
  const loaded = loadSources(graph, arith, needed, params, inputs);
  if (loaded.diagnostics.length > 0) return { ...empty, diagnostics: loaded.diagnostics };
  const st: ExecState = { graph, arith, batch: loaded.batch, gateStep: opts.gateStep ?? 0, values: loaded.values, labels: loaded.labels, routing: new Map() };
  for (const n of graph.nodes) if (needed[n.id] && st.values[n.id] === undefined && n.kind !== 'Label') st.values[n.id] = forwardNode(st, n);
  const outputs = new Map<string, Tensor>();
  for (const n of graph.nodes) if (n.kind === 'Output' && wanted.includes(n.id)) outputs.set(n.name, toTensor(st, n, st.values[n.id] as Buf));
  const result: { -readonly [K in keyof RunResult]: RunResult[K] } = { outputs, routing: routingStats(st), diagnostics: [] };
  if (opts.keepValues) {
    result.values = new Map();
    for (const n of graph.nodes) {
      const v = st.values[n.id];
      if (v && needed[n.id]) result.values.set(n.id, toTensor(st, n, v));
    }
  }
  if (opts.tangents) result.tangents = runTangents(st, opts.tangents, needed, wanted, opts.keepValues ?? false);
  return result;
}

/** Output node ids to compute. */
function selectOutputs(graph: Graph, inputs: InputSet, opts: RunOptions): NodeId[] {
  const outs = graph.nodes.filter((n): n is Extract<Node, { kind: 'Output' }> => n.kind === 'Output');
  if (opts.outputs) {
    const unknown = opts.outputs.filter((name) => !outs.some((o) => o.name === name));
    if (unknown.length > 0) throw new RangeError(`runGraph: no output named ${unknown.join(', ')}`);
    return outs.filter((o) => opts.outputs?.includes(o.name)).map((o) => o.id);
  }
  const labelsGiven = graph.nodes.every((n) => n.kind !== 'Label' || inputs[n.name] !== undefined);
  return outs.filter((o) => o.role === 'prediction' || labelsGiven || opts.tangents).map((o) => o.id);
}

/** Marks every node the roots depend on. */
function neededNodes(graph: Graph, roots: readonly NodeId[], extra: readonly NodeId[]): boolean[] {
  const needed = graph.nodes.map(() => false);
  for (const r of [...roots, ...extra]) if (r >= 0) needed[r] = true;
  for (let i = graph.nodes.length - 1; i >= 0; i--) if (needed[i]) for (const op of operandsOf(graph.nodes[i] as Node)) needed[op] = true;
  return needed;
}

/** The gates and mixtures that decide unit activity: tangent masks need them evaluated. */
function unitSources(plan: TangentPlan): NodeId[] {
  const ids: NodeId[] = [];
  for (const src of plan.units.values()) ids.push(...src.gates, ...src.experts.map((e) => e.weights));
  return ids;
}

interface Loaded {
  readonly batch: number;
  readonly values: (Buf | undefined)[];
  readonly labels: Map<NodeId, Int32Array>;
  readonly diagnostics: Diagnostic[];
}

/** Validates and rounds inputs and parameters into the format; reads labels. */
function loadSources(graph: Graph, A: Arith, needed: readonly boolean[], params: ParamSet, inputs: InputSet): Loaded {
  const diagnostics: Diagnostic[] = [];
  const values: (Buf | undefined)[] = graph.nodes.map(() => undefined);
  const labels = new Map<NodeId, Int32Array>();
  let batch: number | undefined;
  let batchFrom = '';
  const rows = (name: string, t: Tensor): number | undefined => {
    const b = t.shape[0];
    if (b === undefined || b < 1) {
      diagnostics.push(diag('E4502', `input '${name}' has an empty batch (shape [${t.shape.join(', ')}])`, 'inputs are [batch, features] with batch >= 1'));
      return undefined;
    }
    if (batch !== undefined && b !== batch) {
      diagnostics.push(diag('E4502', `input '${name}' has batch ${b} but '${batchFrom}' has ${batch}`, 'every input and label of one run shares the batch size'));
      return undefined;
    }
    batch = b;
    batchFrom = name;
    return b;
  };
  for (const n of graph.nodes) {
    if (!needed[n.id]) continue;
    if (n.kind === 'Input') {
      const t = inputs[n.name];
      if (!t) {
        diagnostics.push(diag('E4501', `missing input '${n.name}' (${n.dims.join(' x ')} features per sample)`, `provide '${n.name}' as [batch, ${n.dims.reduce((a, d) => a * d, 1)}]`));
        continue;
      }
      const b = rows(n.name, t);
      if (b !== undefined && inputFits(n, t, b, diagnostics)) values[n.id] = roundAll(A, t.data);
    } else if (n.kind === 'Label') {
      const t = inputs[n.name];
      if (!t) {
        diagnostics.push(diag('E4501', `missing label '${n.name}'`, `provide '${n.name}' as [batch] class indices in 0..${n.classes - 1}`));
        continue;
      }
      const b = rows(n.name, t);
      const l = b === undefined ? undefined : readLabels(n.name, n.classes, t, b, diagnostics);
      if (l) labels.set(n.id, l);
    } else if (n.kind === 'Param') {
      const t = params.get(n.name);
      if (!t) {
        diagnostics.push(diag('E4504', `missing parameter '${n.name}' [${n.shape.join(', ')}]`, 'create parameters with `tilegate init model.dg -o params.safetensors`'));
      } else if (t.shape.length !== n.shape.length || t.shape.some((d, i) => d !== n.shape[i]) || t.data.length !== n.shape.reduce((a, d) => a * d, 1)) {
        diagnostics.push(diag('E4505', `parameter '${n.name}' has shape [${t.shape.join(', ')}], expected [${n.shape.join(', ')}]`, 'weights are [out, in] and biases [out], as PyTorch nn.Linear stores them'));
      } else values[n.id] = roundAll(A, t.data);
    }
  }
  return { batch: batch ?? 0, values, labels, diagnostics };
}

/** True when an input tensor is `[b, width]` or `[b, ...dims]`; reports E4502 otherwise. */
function inputFits(n: Extract<Node, { kind: 'Input' }>, t: Tensor, b: number, diagnostics: Diagnostic[]): boolean {
  const width = n.dims.reduce((a, d) => a * d, 1);
  const ok = t.data.length === b * width && (t.shape.length === 2 ? t.shape[1] === width : t.shape.slice(1).join() === n.dims.join());
  if (!ok) diagnostics.push(diag('E4502', `input '${n.name}' has shape [${t.shape.join(', ')}], expected [${b}, ${width}]`, `the model declares ${n.name} : [${n.dims.join(', ')}] per sample`));
  return ok;
}

/** Class indices of a label tensor, or undefined after reporting E4502/E4503. */
function readLabels(name: string, classes: number, t: Tensor, b: number, diagnostics: Diagnostic[]): Int32Array | undefined {
  if (t.data.length !== b || t.shape.length > 2 || (t.shape.length === 2 && t.shape[1] !== 1)) {
    diagnostics.push(diag('E4502', `label '${name}' has shape [${t.shape.join(', ')}], expected [${b}]`, 'labels are one class index per sample'));
    return undefined;
  }
  const out = new Int32Array(b);
  for (let i = 0; i < b; i++) {
    const v = t.data[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      diagnostics.push(diag('E4503', `label '${name}' sample ${i} is ${v}, not a class index in 0..${classes - 1}`, 'labels are integers below the class count'));
      return undefined;
    }
    out[i] = v;
  }
  return out;
}

/** One rounding from f64 of every element. */
function roundAll(A: Arith, data: Float64Array): Buf {
  const out = A.alloc(data.length);
  for (let i = 0; i < data.length; i++) out[i] = A.round(data[i]!);
  return out;
}

/** Exact f64 values of a buffer. */
function decodeAll(A: Arith, v: Buf): Float64Array {
  const data = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) data[i] = A.value(v[i]!);
  return data;
}

/** A value as an f64 tensor with the batch dim filled in. */
function toTensor(st: ExecState, n: Node, v: Buf): Tensor {
  const data = decodeAll(st.arith, v);
  const shape = n.type.shape.length === 0 ? [] : n.type.shape[0] === 'B' ? [st.batch, ...(n.type.shape.length > 1 ? [widthOf(n)] : [])] : n.type.shape.map((d) => (typeof d === 'number' ? d : st.batch));
  return { shape, data };
}

/** Activity over gate units and mixture weights. */
function routingStats(st: ExecState): { active: number; total: number } {
  let active = 0;
  let total = 0;
  for (const [id, facts] of st.routing) {
    const kind = st.graph.nodes[id]?.kind;
    if (kind !== 'Gate' && kind !== 'Combine') continue;
    for (const a of facts.active) active += a;
    total += facts.active.length;
  }
  return { active, total };
}

/** Runs one tangent sweep per perturbation over the needed nodes. */
function runTangents(st: ExecState, req: TangentRequest, needed: readonly boolean[], wanted: readonly NodeId[], keep: boolean): TangentResult {
  const inactive = computeInactive(st, req.plan);
  const outputs: Map<string, Tensor>[] = [];
  const lossSamples: Float64Array[] = [];
  const directions: Map<NodeId, Float64Array>[] = [];
  const values: Map<NodeId, Tensor>[] = [];
  for (const dir of req.directions) {
    const rounded = new Map<NodeId, Buf>();
    const exact = new Map<NodeId, Float64Array>();
    for (const [id, v] of dir) {
      if (!req.plan.perturbed.has(id)) continue;
      const r = roundAll(st.arith, v);
      rounded.set(id, r);
      exact.set(id, r instanceof Float64Array ? r : decodeAll(st.arith, r));
    }
    const ts: TangentSweep = { plan: req.plan, directions: rounded, inactive, tangents: st.graph.nodes.map(() => undefined) };
    for (const n of st.graph.nodes) if (needed[n.id]) ts.tangents[n.id] = tangentNode(st, ts, n);
    const outs = new Map<string, Tensor>();
    for (const id of wanted) {
      const n = st.graph.nodes[id] as Node;
      if (n.kind !== 'Output') continue;
      outs.set(n.name, toTensor(st, n, ts.tangents[id] ?? st.arith.alloc((st.values[id] as Buf).length)));
    }
    outputs.push(outs);
    const ls = ts.tangents[req.plan.lossSamples as NodeId];
    lossSamples.push(ls ? decodeAll(st.arith, ls) : new Float64Array(st.batch));
    directions.push(exact);
    if (keep) {
      const m = new Map<NodeId, Tensor>();
      ts.tangents.forEach((t, id) => {
        if (t) m.set(id, toTensor(st, st.graph.nodes[id] as Node, t));
      });
      values.push(m);
    }
  }
  return { outputs, lossSamples, directions, inactive, ...(keep ? { values } : {}) };
}
