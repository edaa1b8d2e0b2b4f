// The op table: for every node kind, its operand fields and its category sets, plus type
// inference. Passes and backends ask the table (`operandsOf`, `inCategory`) instead of listing
// kinds by hand, so a new kind is described once. Type rules here are the IR's typing spec;
// the builder applies them on construction and the verifier re-applies them after every pass.
import { assertNever, type Node, type NodeId, type NodeKind, type NodeSpec } from './nodes.ts';
import { classType, featureSize, formatType, isBatchedVector, realType, sameShape, type ValueType } from './types.ts';

/** Category sets of ops, in the tinygrad sense: membership drives generic passes. */
export type Category =
  | 'source' // no operands: inputs, labels, parameters
  | 'elementwise' // output[i] depends on operand[i] only
  | 'parametric' // consumes Param operands (trainable)
  | 'quire' // a sum of products accumulated exactly and rounded once (posit formats)
  | 'reduction' // reduces or normalises over an axis
  | 'routing' // produces a mask or routing weights (STE/zero-derivative points live here)
  | 'movement' // moves or reinterprets data without arithmetic
  | 'loss' // part of the training objective
  | 'sink'; // graph results

/** Static facts about a kind: operand fields in order, and categories. */
export interface OpInfo {
  readonly operands: readonly string[];
  readonly categories: readonly Category[];
}

/** The op table. `Combine.experts` is variadic; every other operand field holds one id. */
export const OPS = {
  Input: { operands: [], categories: ['source'] },
  Label: { operands: [], categories: ['source'] },
  Param: { operands: [], categories: ['source'] },
  Dense: { operands: ['x', 'weight', 'bias'], categories: ['parametric', 'quire'] },
  Activation: { operands: ['x'], categories: ['elementwise'] },
  Gate: { operands: ['logits'], categories: ['elementwise', 'routing'] },
  Mul: { operands: ['a', 'b'], categories: ['elementwise'] },
  Softmax: { operands: ['x'], categories: ['reduction'] },
  Top1: { operands: ['x'], categories: ['reduction', 'routing'] },
  Combine: { operands: ['weights', 'experts'], categories: ['quire'] },
  Reshape: { operands: ['x'], categories: ['movement'] },
  CrossEntropy: { operands: ['logits', 'label'], categories: ['reduction', 'loss'] },
  Mean: { operands: ['x'], categories: ['reduction', 'quire', 'loss'] },
  Output: { operands: ['value'], categories: ['sink'] },
} as const satisfies Record<NodeKind, OpInfo>;

/** True when the node's kind is in the category. */
export function inCategory(node: Pick<Node, 'kind'>, c: Category): boolean {
  return (OPS[node.kind].categories as readonly Category[]).includes(c);
}

/**
 * True when the op evaluates a transcendental function: in posit formats it is computed in f64
 * from the exactly converted input and rounded once (DESIGN section 4).
 */
export function isTranscendental(node: NodeSpec | Node): boolean {
  switch (node.kind) {
    case 'Activation':
      return node.fn !== 'relu';
    case 'Gate':
    case 'Softmax':
    case 'CrossEntropy':
      return true;
    default:
      return false;
  }
}

/** Operand ids in table order (`Combine`: weights, then experts in order). */
export function operandsOf(node: NodeSpec | Node): readonly NodeId[] {
  switch (node.kind) {
    case 'Input':
    case 'Label':
    case 'Param':
      return [];
    case 'Dense':
      return [node.x, node.weight, node.bias];
    case 'Activation':
    case 'Softmax':
    case 'Top1':
    case 'Reshape':
    case 'Mean':
      return [node.x];
    case 'Gate':
      return [node.logits];
    case 'Mul':
      return [node.a, node.b];
    case 'Combine':
      return [node.weights, ...node.experts];
    case 'CrossEntropy':
      return [node.logits, node.label];
    case 'Output':
      return [node.value];
    default:
      return assertNever(node, 'node kind');
  }
}

/** The same spec with every operand id passed through `f` (used to copy nodes between graphs). */
export function mapOperands(node: NodeSpec | Node, f: (id: NodeId) => NodeId): NodeSpec {
  const spec = stripIdentity(node);
  switch (spec.kind) {
    case 'Input':
    case 'Label':
    case 'Param':
      return spec;
    case 'Dense':
      return { ...spec, x: f(spec.x), weight: f(spec.weight), bias: f(spec.bias) };
    case 'Activation':
    case 'Softmax':
    case 'Top1':
    case 'Reshape':
    case 'Mean':
      return { ...spec, x: f(spec.x) };
    case 'Gate':
      return { ...spec, logits: f(spec.logits) };
    case 'Mul':
      return { ...spec, a: f(spec.a), b: f(spec.b) };
    case 'Combine':
      return { ...spec, weights: f(spec.weights), experts: spec.experts.map(f) };
    case 'CrossEntropy':
      return { ...spec, logits: f(spec.logits), label: f(spec.label) };
    case 'Output':
      return { ...spec, value: f(spec.value) };
    default:
      return assertNever(spec, 'node kind');
  }
}

/** Drops `id` and `type` from a node, giving back its spec. */
export function stripIdentity(node: NodeSpec | Node): NodeSpec {
  if (!('id' in node)) return node;
  const { id: _id, type: _type, ...spec } = node;
  return spec as NodeSpec;
}

/** Attributes: every field that is not base, provenance or operand, in a fixed order. */
export function attrsOf(node: NodeSpec | Node): ReadonlyArray<readonly [string, unknown]> {
  const skip = new Set<string>(['id', 'type', 'span', 'binding', 'kind', ...OPS[node.kind].operands]);
  return Object.entries(node)
    .filter(([k, v]) => !skip.has(k) && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Identity of a node for hash-consing: kind, operands and attributes; never span or binding. */
export function identityKey(node: NodeSpec | Node): string {
  return JSON.stringify([node.kind, operandsOf(node), attrsOf(node)]);
}

/** Result of type inference: a type, or why the operands do not fit. */
export type InferResult = { readonly ok: true; readonly type: ValueType } | { readonly ok: false; readonly error: string };

const ok = (type: ValueType): InferResult => ({ ok: true, type });
const bad = (error: string): InferResult => ({ ok: false, error });

/** Infers the result type of a spec, given access to the nodes its operands name. */
export function inferType(spec: NodeSpec | Node, get: (id: NodeId) => Node | undefined): InferResult {
  for (const id of operandsOf(spec)) if (get(id) === undefined) return bad(`operand %${id} does not exist`);
  const t = (id: NodeId): ValueType => (get(id) as Node).type;
  switch (spec.kind) {
    case 'Input':
      return positiveDims(spec.dims) ? ok(realType(['B', ...spec.dims])) : bad('input dims must be positive integers');
    case 'Label':
      return positiveDims([spec.classes]) ? ok(classType(spec.classes)) : bad('class count must be a positive integer');
    case 'Param':
      return positiveDims(spec.shape) && spec.shape.length >= 1 && spec.shape.length <= 2
        ? ok(realType(spec.shape))
        : bad('a parameter is [out, in] or [out] with positive dims');
    case 'Dense':
      return inferDense(t(spec.x), t(spec.weight), t(spec.bias));
    case 'Activation':
    case 'Gate':
      return batchedReal(t(spec.kind === 'Gate' ? spec.logits : spec.x));
    case 'Mul': {
      const a = t(spec.a);
      const b = t(spec.b);
      if (a.elem !== 'real' || b.elem !== 'real') return bad('Mul operands must be real');
      return sameShape(a.shape, b.shape) ? batchedReal(a) : bad(`Mul of ${formatType(a)} and ${formatType(b)}`);
    }
    case 'Softmax':
    case 'Top1': {
      const x = t(spec.x);
      return x.elem === 'real' && isBatchedVector(x.shape) ? ok(x) : bad(`${spec.kind} needs real[B,c], got ${formatType(x)}`);
    }
    case 'Combine':
      return inferCombine(t(spec.weights), spec.experts.map(t));
    case 'Reshape': {
      const x = t(spec.x);
      if (x.elem !== 'real' || x.shape[0] !== 'B' || x.shape.length < 2) return bad(`Reshape needs real[B,...], got ${formatType(x)}`);
      return ok(realType(['B', featureSize(x.shape)]));
    }
    case 'CrossEntropy': {
      const z = t(spec.logits);
      const l = t(spec.label);
      if (z.elem !== 'real' || !isBatchedVector(z.shape)) return bad(`CrossEntropy logits must be real[B,c], got ${formatType(z)}`);
      if (l.elem !== 'class' || l.classes !== z.shape[1]) return bad(`CrossEntropy label must be class<${z.shape[1]}>[B], got ${formatType(l)}`);
      return ok(realType(['B']));
    }
    case 'Mean': {
      const x = t(spec.x);
      return x.elem === 'real' && sameShape(x.shape, ['B']) ? ok(realType([])) : bad(`Mean needs real[B], got ${formatType(x)}`);
    }
    case 'Output':
      return ok(t(spec.value));
    default:
      return assertNever(spec, 'node kind');
  }
}

function positiveDims(dims: readonly number[]): boolean {
  return dims.every((d) => Number.isSafeInteger(d) && d > 0);
}

function batchedReal(x: ValueType): InferResult {
  return x.elem === 'real' && x.shape[0] === 'B' && x.shape.length >= 2 ? ok(x) : bad(`expected real[B,...], got ${formatType(x)}`);
}

function inferDense(x: ValueType, w: ValueType, b: ValueType): InferResult {
  if (x.elem !== 'real' || x.shape[0] !== 'B' || x.shape.length < 2) return bad(`Dense input must be real[B,...], got ${formatType(x)}`);
  const inWidth = featureSize(x.shape);
  const [out, win] = w.shape;
  if (w.elem !== 'real' || w.shape.length !== 2 || win !== inWidth || typeof out !== 'number') {
    return bad(`Dense weight must be real[out,${inWidth}], got ${formatType(w)}`);
  }
  if (b.elem !== 'real' || !sameShape(b.shape, [out])) return bad(`Dense bias must be real[${out}], got ${formatType(b)}`);
  return ok(realType(['B', out]));
}

function inferCombine(w: ValueType, experts: readonly ValueType[]): InferResult {
  if (w.elem !== 'real' || !isBatchedVector(w.shape)) return bad(`Combine weights must be real[B,E], got ${formatType(w)}`);
  if (experts.length === 0 || w.shape[1] !== experts.length) return bad(`Combine has ${experts.length} experts for weights ${formatType(w)}`);
  const first = experts[0] as ValueType;
  if (first.elem !== 'real' || !isBatchedVector(first.shape)) return bad(`Combine experts must be real[B,n], got ${formatType(first)}`);
  for (const e of experts) if (e.elem !== 'real' || !sameShape(e.shape, first.shape)) return bad('Combine experts must share one shape');
  return ok(first);
}
