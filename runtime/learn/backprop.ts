// Reverse-mode gradients in f64 for offline pre-training before `tilegate adapt` (the paper
// trains each model offline on the clean distribution, then adapts online). Online learning
// uses forward gradients only (forward-gradient.ts, no tape); this offline trainer keeps the
// primal values of one f64 run (`runGraph(..., { keepValues })`) and sweeps them backwards.
// Hard gates and Top1 pass gradients straight through their relaxed derivative, as spec/jvp.md
// 3.1 does for tangents; consumers of a hard mask see its primal value.
import type { Graph } from '../../ir/graph.ts';
import { assertNever, type Node, type NodeId } from '../../ir/nodes.ts';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { runGraph } from '../interpreter/run-graph.ts';
import { activationDerivative, annealTemperature, sigmoid, softmaxRow } from '../interpreter/transcendental.ts';
import { gateIsHard, widthOf } from '../interpreter/forward-ops.ts';
import type { InputSet, ParamSet, Tensor } from '../interpreter/types.ts';

/** Loss and exact f64 gradient of every parameter (by name) on one batch. */
export interface BackpropResult {
  readonly loss: number;
  readonly grads: ReadonlyMap<string, Float64Array>;
  readonly diagnostics: Diagnostic[];
}

/** Computes the batch-mean loss and its gradient with respect to every Param, in f64. */
export function backprop(graph: Graph, params: ParamSet, inputs: InputSet, gateStep = 0): BackpropResult {
  const lossOut = graph.nodes.find((n) => n.kind === 'Output' && n.role === 'loss');
  if (lossOut?.kind !== 'Output') {
    return { loss: NaN, grads: new Map(), diagnostics: [{ code: 'E2502', severity: 'error', message: 'the model has no loss output to pre-train on', hint: 'add `loss cross_entropy(y, t)`' }] };
  }
  const run = runGraph(graph, params, inputs, { format: 'f64', keepValues: true, gateStep, outputs: [lossOut.name] });
  if (run.diagnostics.length > 0 || !run.values) return { loss: NaN, grads: new Map(), diagnostics: run.diagnostics };
  const vals = run.values;
  const firstInput = graph.nodes.find((n) => n.kind === 'Input');
  const B = (firstInput?.kind === 'Input' ? inputs[firstInput.name]?.shape[0] : undefined) ?? 1;
  const grad: (Float64Array | undefined)[] = graph.nodes.map(() => undefined);
  const acc = (id: NodeId, size: number): Float64Array => (grad[id] ??= new Float64Array(size));
  const val = (id: NodeId): Float64Array => (vals.get(id) as Tensor).data;
  acc(lossOut.value, 1)[0] = 1;
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const n = graph.nodes[i] as Node;
    const dy = grad[n.id];
    if (!dy || n.kind === 'Output') continue;
    backNode(graph, n, dy, B, val, acc, inputs, gateStep);
  }
  const grads = new Map<string, Float64Array>();
  for (const n of graph.nodes) if (n.kind === 'Param') grads.set(n.name, grad[n.id] ?? new Float64Array(n.shape.reduce((a, d) => a * d, 1)));
  return { loss: run.outputs.get(lossOut.name)?.data[0] ?? NaN, grads, diagnostics: [] };
}

type Acc = (id: NodeId, size: number) => Float64Array;

/** Adds node n's contribution to its operands' gradients, given its own gradient dy. */
function backNode(graph: Graph, n: Node, dy: Float64Array, B: number, val: (id: NodeId) => Float64Array, acc: Acc, inputs: InputSet, gateStep: number): void {
  switch (n.kind) {
    case 'Input':
    case 'Label':
    case 'Param':
    case 'Output':
      return;
    case 'Dense':
      return backDense(graph, n, dy, B, val, acc);
    case 'Activation': {
      const x = val(n.x);
      const dx = acc(n.x, x.length);
      for (let i = 0; i < x.length; i++) dx[i]! += dy[i]! * activationDerivative(n.fn, x[i]!);
      return;
    }
    case 'Gate': {
      const z = val(n.logits);
      const m = val(n.id);
      const dz = acc(n.logits, z.length);
      const hard = gateIsHard(n, gateStep);
      const T = n.mode === 'anneal' && !hard && n.schedule ? annealTemperature(n.schedule, gateStep) : 1;
      for (let i = 0; i < z.length; i++) {
        const s = n.mode === 'anneal' && !hard ? m[i]! : sigmoid(z[i]!);
        dz[i]! += (dy[i]! * s * (1 - s)) / T;
      }
      return;
    }
    case 'Mul': {
      const a = val(n.a);
      const b = val(n.b);
      const da = acc(n.a, a.length);
      const db = acc(n.b, b.length);
      for (let i = 0; i < a.length; i++) {
        da[i]! += dy[i]! * b[i]!;
        db[i]! += dy[i]! * a[i]!;
      }
      return;
    }
    case 'Softmax': {
      const p = val(n.id);
      const c = widthOf(n);
      const dx = acc(n.x, p.length);
      for (let b = 0; b < B; b++) {
        let dot = 0;
        for (let k = 0; k < c; k++) dot += p[b * c + k]! * dy[b * c + k]!;
        for (let k = 0; k < c; k++) dx[b * c + k]! += p[b * c + k]! * (dy[b * c + k]! - dot);
      }
      return;
    }
    case 'Top1': {
      const x = val(n.x);
      const c = widthOf(n);
      const dx = acc(n.x, x.length);
      for (let b = 0; b < B; b++) {
        // Top1 keeps the first maximum of the row; the selection is locally constant.
        let sel = 0;
        for (let k = 1; k < c; k++) if (x[b * c + k]! > x[b * c + sel]!) sel = k;
        dx[b * c + sel]! += dy[b * c + sel]!;
      }
      return;
    }
    case 'Combine': {
      const w = val(n.weights);
      const E = n.experts.length;
      const dw = acc(n.weights, w.length);
      const c = widthOf(n);
      n.experts.forEach((e, k) => {
        const ev = val(e);
        const de = acc(e, ev.length);
        for (let b = 0; b < B; b++) {
          const wk = w[b * E + k]!;
          let s = 0;
          for (let j = 0; j < c; j++) {
            s += dy[b * c + j]! * ev[b * c + j]!;
            de[b * c + j]! += wk * dy[b * c + j]!;
          }
          dw[b * E + k]! += s;
        }
      });
      return;
    }
    case 'Reshape': {
      const dx = acc(n.x, dy.length);
      for (let i = 0; i < dy.length; i++) dx[i]! += dy[i]!;
      return;
    }
    case 'CrossEntropy': {
      const z = val(n.logits);
      const c = widthOf(graph.nodes[n.logits] as Node);
      const label = graph.nodes[n.label];
      const t = label?.kind === 'Label' ? inputs[label.name]?.data : undefined;
      const dz = acc(n.logits, z.length);
      const p = new Float64Array(c);
      for (let b = 0; b < B; b++) {
        softmaxRow(z.subarray(b * c, (b + 1) * c), p);
        for (let k = 0; k < c; k++) dz[b * c + k]! += dy[b]! * (p[k]! - (k === t?.[b] ? 1 : 0));
      }
      return;
    }
    case 'Mean': {
      const dx = acc(n.x, B);
      for (let b = 0; b < B; b++) dx[b]! += dy[0]! / B;
      return;
    }
    default:
      return assertNever(n, 'node kind');
  }
}

/** Dense backward: dW += dyᵀ x, db += Σ_b dy, dx += dy W. */
function backDense(graph: Graph, n: Extract<Node, { kind: 'Dense' }>, dy: Float64Array, B: number, val: (id: NodeId) => Float64Array, acc: Acc): void {
  const x = val(n.x);
  const W = val(n.weight);
  const nout = widthOf(n);
  const nin = widthOf(graph.nodes[n.x] as Node);
  const dW = acc(n.weight, W.length);
  const db = acc(n.bias, nout);
  const needDx = graph.nodes[n.x]?.kind !== 'Input' && graph.nodes[n.x]?.kind !== 'Reshape';
  const dx = needDx ? acc(n.x, x.length) : undefined;
  for (let b = 0; b < B; b++) {
    const xo = b * nin;
    for (let j = 0; j < nout; j++) {
      const g = dy[b * nout + j]!;
      if (g === 0) continue;
      db[j]! += g;
      const wo = j * nin;
      for (let i = 0; i < nin; i++) dW[wo + i]! += g * x[xo + i]!;
      if (dx) for (let i = 0; i < nin; i++) dx[xo + i]! += g * W[wo + i]!;
    }
  }
}
