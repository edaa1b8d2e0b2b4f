// Model parameters on the host: seeded initialisation (`tilegate init`), and the mapping between
// a graph's Param nodes and safetensors files (`<layer>.weight` [out, in], `<layer>.bias` [out],
// as PyTorch nn.Linear stores them). Loading validates names, shapes and finiteness and returns
// diagnostics, never throws. The initialisation rule is documented in spec/interpreter.md 6.
import type { Diagnostic } from '../ir/diagnostics.ts';
import type { Graph } from '../ir/graph.ts';
import type { NodeId } from '../ir/nodes.ts';
import { byteDiag } from './io/binary-codec.ts';
import { expectTensor, writeSafetensors, type LoadedTensor } from './io/safetensors.ts';
import { fillUniforms } from './interpreter/random.ts';
import { log } from './numerics/index.ts';
import type { ParamSet, Tensor } from './interpreter/types.ts';

/** Philox stream word `c` reserved for initialisation (tangent streams use the step counter). */
const INIT_STREAM = 0xffffffff;

/** How each parameter is initialised (for reports and tests). */
export type InitRule = 'uniform' | 'gate-bias' | 'zero';

/** The initialisation rule of every Param node, by node id. */
export function initRules(graph: Graph): Map<NodeId, InitRule> {
  const gateOf = new Map<NodeId, number>();
  const routerDense = new Set<NodeId>();
  for (const n of graph.nodes) {
    if (n.kind === 'Gate') gateOf.set(n.logits, n.threshold);
    if (n.kind === 'Softmax') routerDense.add(n.x);
  }
  const rules = new Map<NodeId, InitRule>();
  for (const n of graph.nodes) {
    if (n.kind !== 'Dense') continue;
    const w = graph.nodes[n.weight];
    rules.set(n.weight, 'uniform');
    if (w?.kind === 'Param' && w.role === 'theta' && gateOf.has(n.id)) rules.set(n.bias, 'gate-bias');
    else if (w?.kind === 'Param' && w.role === 'theta' && routerDense.has(n.id)) rules.set(n.bias, 'zero');
    else rules.set(n.bias, 'uniform');
  }
  return rules;
}

/**
 * Seeded initial parameters: weights and ordinary biases uniform in ±1/sqrt(fanIn) (PyTorch's
 * nn.Linear default); a gate's bias is logit(threshold), so about half the units start active;
 * a router's bias is 0, so routing starts uniform. Element i of the p-th Param (graph order) is
 * uniform i of Philox stream (p, 0, 0xffffffff) under `seed`.
 */
export function initParams(graph: Graph, seed: number): Map<string, Tensor> {
  const rules = initRules(graph);
  const gateThreshold = new Map<NodeId, number>();
  for (const n of graph.nodes) if (n.kind === 'Gate') gateThreshold.set(n.logits, n.threshold);
  const biasGate = new Map<NodeId, number>();
  for (const n of graph.nodes) if (n.kind === 'Dense' && gateThreshold.has(n.id)) biasGate.set(n.bias, gateThreshold.get(n.id) as number);
  const out = new Map<string, Tensor>();
  let ordinal = 0;
  for (const n of graph.nodes) {
    if (n.kind !== 'Param') continue;
    const size = n.shape.reduce((a, d) => a * d, 1);
    const data = new Float64Array(size);
    const rule = rules.get(n.id) ?? 'uniform';
    if (rule === 'uniform') {
      fillUniforms(data, seed, ordinal, 0, INIT_STREAM);
      const bound = 1 / Math.sqrt(n.fanIn);
      for (let i = 0; i < size; i++) data[i] = bound * (2 * data[i]! - 1);
    } else if (rule === 'gate-bias') {
      const t = biasGate.get(n.id) ?? 0.5;
      data.fill(log(t / (1 - t)));
    }
    out.set(n.name, { shape: n.shape.slice(), data });
    ordinal++;
  }
  return out;
}

/** Result of mapping a safetensors file onto a graph's parameters. */
export interface ParamsLoad {
  readonly params?: ParamSet;
  readonly diagnostics: Diagnostic[];
}

/** Missing tensors reported one by one before they are summarised. */
const MISSING_SHOWN = 3;

/**
 * Picks every Param of the graph out of loaded tensors, checking names, shapes and finiteness.
 * Many missing tensors usually mean a file of another model: they are summarised in one
 * diagnostic naming the model the file's metadata records.
 */
export function paramsFromTensors(graph: Graph, tensors: ReadonlyMap<string, LoadedTensor>, file: string, metadata: Readonly<Record<string, string>> = {}): ParamsLoad {
  const diagnostics: Diagnostic[] = [];
  const missing: Diagnostic[] = [];
  const params = new Map<string, Tensor>();
  for (const n of graph.nodes) {
    if (n.kind !== 'Param') continue;
    const r = expectTensor(tensors, n.name, n.shape, file);
    if (!tensors.has(n.name)) missing.push(...r.diagnostics);
    else diagnostics.push(...r.diagnostics);
    if (!r.tensor) continue;
    const bad = r.tensor.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      diagnostics.push(byteDiag('E4506', file, r.tensor.headerOffset, `parameter '${n.name}' element ${bad} is ${r.tensor.data[bad]}`, 'parameters must be finite numbers; re-create them with `tilegate init`'));
      continue;
    }
    params.set(n.name, { shape: r.tensor.shape, data: r.tensor.data });
  }
  if (missing.length > MISSING_SHOWN) {
    const total = graph.nodes.filter((n) => n.kind === 'Param').length;
    const other = metadata.model !== undefined && metadata.model !== graph.meta.name ? `it was written for model '${metadata.model}'; ` : '';
    const summary = byteDiag('E4217', file, 0, `${missing.length} of the ${total} parameters of model '${graph.meta.name}' are missing (${missing.length - MISSING_SHOWN + 1} more after those above)`, `${other}create parameters for this model with \`tilegate init\``);
    missing.splice(MISSING_SHOWN - 1, missing.length, summary);
  }
  diagnostics.unshift(...missing);
  return diagnostics.length > 0 ? { diagnostics } : { params, diagnostics };
}

/** Serialises parameters to safetensors bytes (F32 rounds each value to single, F64 is exact). */
export function paramsToSafetensors(params: ParamSet, dtype: 'F32' | 'F64', metadata: Readonly<Record<string, string>>): Uint8Array {
  return writeSafetensors([...params].map(([name, t]) => [name, { shape: t.shape, data: t.data }] as const), { dtype, metadata });
}
