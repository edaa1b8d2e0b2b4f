// Host-side loading for the WebGPU executor: checks inputs, labels and parameters against the
// graph (the same E45xx diagnostics the reference interpreter gives) and rounds them once from
// f64 into the format's storage words. Directions of a forward-gradient step round the same way.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import type { Graph } from '../../ir/graph.ts';
import type { InputSet, ParamSet } from '../../runtime/interpreter/types.ts';
import { hostCodec, type GpuFormat } from './formats.ts';

const diag = (code: DiagCode, message: string, hint?: string): Diagnostic => ({ code, severity: 'error', message, ...(hint ? { hint } : {}) });

/** Storage words per source node id, plus the batch they share. */
export interface LoadedSources {
  readonly batch: number;
  readonly words: Map<number, Uint32Array>;
  readonly diagnostics: Diagnostic[];
}

/** Validates and encodes the inputs (and labels, when `labels`) a run needs. */
export function loadInputs(graph: Graph, format: GpuFormat, inputs: InputSet, labels: boolean): LoadedSources {
  const codec = hostCodec(format);
  const diagnostics: Diagnostic[] = [];
  const words = new Map<number, Uint32Array>();
  let batch: number | undefined;
  let from = '';
  for (const n of graph.nodes) {
    if (n.kind !== 'Input' && !(labels && n.kind === 'Label')) continue;
    const t = inputs[n.name];
    if (!t) {
      diagnostics.push(diag('E4501', `missing ${n.kind === 'Label' ? 'label' : 'input'} '${n.name}'`));
      continue;
    }
    const b = t.shape[0] ?? 0;
    if (b < 1 || (batch !== undefined && b !== batch)) {
      diagnostics.push(diag('E4502', b < 1 ? `input '${n.name}' has an empty batch` : `input '${n.name}' has batch ${b} but '${from}' has ${batch}`, 'every input and label of one run shares the batch size'));
      continue;
    }
    batch = b;
    from = n.name;
    if (n.kind === 'Label') {
      const bad = t.data.length !== b ? 0 : t.data.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= n.classes);
      if (t.data.length !== b) diagnostics.push(diag('E4502', `label '${n.name}' has shape [${t.shape.join(', ')}], expected [${b}]`));
      else if (bad >= 0) diagnostics.push(diag('E4503', `label '${n.name}' sample ${bad} is ${t.data[bad]}, not a class index in 0..${n.classes - 1}`));
      else words.set(n.id, Uint32Array.from(t.data));
      continue;
    }
    const w = n.dims.reduce((a, d) => a * d, 1);
    if (t.data.length !== b * w) {
      diagnostics.push(diag('E4502', `input '${n.name}' has shape [${t.shape.join(', ')}], expected [${b}, ${w}]`, `the model declares ${n.name} : [${n.dims.join(', ')}] per sample`));
      continue;
    }
    words.set(n.id, codec.encode(t.data));
  }
  return { batch: batch ?? 0, words, diagnostics };
}

/** Validates and encodes every parameter of the graph. */
export function loadParams(graph: Graph, format: GpuFormat, params: ParamSet): { words: Map<number, Uint32Array>; diagnostics: Diagnostic[] } {
  const codec = hostCodec(format);
  const diagnostics: Diagnostic[] = [];
  const words = new Map<number, Uint32Array>();
  for (const n of graph.nodes) {
    if (n.kind !== 'Param') continue;
    const t = params.get(n.name);
    const size = n.shape.reduce((a, d) => a * d, 1);
    if (!t) diagnostics.push(diag('E4504', `missing parameter '${n.name}' [${n.shape.join(', ')}]`, 'create parameters with `tilegate init model.dg -o params.safetensors`'));
    else if (t.shape.length !== n.shape.length || t.shape.some((d, i) => d !== n.shape[i]) || t.data.length !== size) {
      diagnostics.push(diag('E4505', `parameter '${n.name}' has shape [${t.shape.join(', ')}], expected [${n.shape.join(', ')}]`, 'weights are [out, in] and biases [out]'));
    } else words.set(n.id, codec.encode(t.data));
  }
  return { words, diagnostics };
}
