// Spot checks of a functional simulation against the reference interpreter: replay chosen
// predictions on the snapshot version they carry (runGraph, bit for bit), and re-run the first
// learning steps with runtime/learn's forwardGradientStep from the same initial parameters and
// samples, comparing every updated parameter bit for bit.
import type { Graph } from '../../ir/graph.ts';
import type { NumericFormat } from '../../ir/meta.ts';
import { runGraph } from '../../runtime/interpreter/run-graph.ts';
import type { InputSet, ParamSet } from '../../runtime/interpreter/types.ts';
import { forwardGradientStep } from '../../runtime/learn/forward-gradient.ts';
import type { InferenceRecord, StreamData } from './functional.ts';

/** What a check compared and the first difference it found. */
export interface CheckOutcome {
  readonly checked: number;
  readonly equal: number;
  readonly firstMismatch: string | null;
}

/** Bitwise equality of two f64 arrays (-0 differs from 0, NaN equals NaN). */
function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Replays every record that kept its snapshot and compares its outputs with runGraph's. */
export function checkInferences(graph: Graph, format: NumericFormat, records: readonly InferenceRecord[], data: StreamData): CheckOutcome {
  let checked = 0;
  let equal = 0;
  let firstMismatch: string | null = null;
  for (const r of records) {
    if (!r.replay) continue;
    checked++;
    const ref = runGraph(graph, r.replay.params, data.inference(r.item), { format, gateStep: r.replay.gateStep });
    let same = ref.diagnostics.length === 0;
    for (const [name, v] of r.outputs) {
      const want = ref.outputs.get(name)?.data;
      const at = want ? sameBits(v, want) : 0;
      if (at >= 0) {
        same = false;
        firstMismatch ??= `inference ${r.item} (snapshot v${r.version}) output ${name}[${at}]: simulated ${v[at]}, reference ${want?.[at]}`;
      }
    }
    if (same) equal++;
  }
  return { checked, equal, firstMismatch };
}

/** Splits a batch into inputs and labels. */
function split(graph: Graph, set: InputSet): { inputs: InputSet; labels: InputSet } {
  const labelNames = new Set(graph.nodes.flatMap((n) => (n.kind === 'Label' ? [n.name] : [])));
  const inputs: Record<string, InputSet[string]> = {};
  const labels: Record<string, InputSet[string]> = {};
  for (const [k, v] of Object.entries(set)) (labelNames.has(k) ? labels : inputs)[k] = v;
  return { inputs, labels };
}

/** Re-runs the first `history.length` learning steps on the reference and compares the parameters after each. */
export function checkLearning(graph: Graph, format: NumericFormat, initial: ParamSet, history: readonly ParamSet[], data: StreamData): CheckOutcome {
  let params = initial;
  let equal = 0;
  let firstMismatch: string | null = null;
  history.forEach((sim, step) => {
    const { inputs, labels } = split(graph, data.learning(step));
    const r = forwardGradientStep(graph, params, inputs, labels, { format, step });
    params = r.newParams;
    let same = r.diagnostics.length === 0;
    for (const [name, t] of params) {
      const mine = sim.get(name)?.data;
      const at = mine ? sameBits(mine, t.data) : 0;
      if (at >= 0) {
        same = false;
        firstMismatch ??= `learning step ${step} parameter ${name}[${at}]: simulated ${mine?.[at]}, reference ${t.data[at]}`;
      }
    }
    if (same) equal++;
  });
  return { checked: history.length, equal, firstMismatch };
}
