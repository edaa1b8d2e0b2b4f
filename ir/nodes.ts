// Node kinds of the graph IR: one discriminated union of readonly plain objects.
// Each node produces exactly one value, so a node id is also a value id. Operands are node ids
// that always precede the node in the arena (ir/graph.ts). The semantics of each kind, in every
// numeric format, are specified in spec/ir.md; the op table (ir/ops.ts) lists operands and
// category sets. Adding a kind: extend `Node`, then follow the compile errors (ops, verify, print).
import type { Span } from './diagnostics.ts';
import type { ValueType } from './types.ts';

/** Index of a node in its graph's arena. */
export type NodeId = number;

/** Activation functions (`act:` and function form). Only relu is exact in posit formats. */
export const ACTIVATION_FNS = ['relu', 'gelu', 'tanh', 'sigmoid'] as const;
/** One activation function. */
export type ActivationFn = (typeof ACTIVATION_FNS)[number];

/** Gate kinds: hard threshold mask, soft sigmoid mask, or soft annealed towards hard. */
export const GATE_MODES = ['hard', 'soft', 'anneal'] as const;
/** One gate kind. */
export type GateMode = (typeof GATE_MODES)[number];

/** Temperature schedule of an annealed gate: geometric from `from` to `to` over `steps` learning steps. */
export interface AnnealSchedule {
  readonly from: number;
  readonly to: number;
  readonly steps: number;
}

/** Parameter roles: representation weights W, or routing parameters theta (gates, routers). */
export type ParamRole = 'W' | 'theta';

/** Fields every node has. `span` and `binding` are provenance only: never part of identity. */
interface NodeBase {
  readonly id: NodeId;
  /** Result type, inferred by the op table when the node is built; the verifier re-infers it. */
  readonly type: ValueType;
  /** Source range the node was lowered from. */
  readonly span?: Span;
  /** The .dg binding this node computes (or belongs to), for dumps and reports. */
  readonly binding?: string;
}

/** A model input: real `[B, ...dims]`. */
export interface InputNode extends NodeBase {
  readonly kind: 'Input';
  readonly name: string;
  /** Feature dims of one sample, as declared (`[784]`, `[28, 28]`). */
  readonly dims: readonly number[];
}

/** A class label input: `class<classes>[B]`, only consumed by CrossEntropy. */
export interface LabelNode extends NodeBase {
  readonly kind: 'Label';
  readonly name: string;
  readonly classes: number;
}

/** A trainable tensor: `<layer>.weight` `[out, in]` (PyTorch layout) or `<layer>.bias` `[out]`. */
export interface ParamNode extends NodeBase {
  readonly kind: 'Param';
  readonly name: string;
  readonly role: ParamRole;
  /** Layer path the parameter belongs to (`h`, `e.experts.0`). */
  readonly layer: string;
  readonly part: 'weight' | 'bias';
  /** `[out, in]` for a weight, `[out]` for a bias. */
  readonly shape: readonly number[];
  /** Inputs per output unit; initialisers scale by it. */
  readonly fanIn: number;
}

/** `y = round(bias + weight · x)` per output, summed exactly in the quire in posit formats. */
export interface DenseNode extends NodeBase {
  readonly kind: 'Dense';
  readonly x: NodeId;
  readonly weight: NodeId;
  readonly bias: NodeId;
}

/** Elementwise activation `fn(x)`. */
export interface ActivationNode extends NodeBase {
  readonly kind: 'Activation';
  readonly fn: ActivationFn;
  readonly x: NodeId;
}

/** Gate mask from logits: hard `sigmoid(z) >= threshold`, soft `sigmoid(z)`, anneal (spec/ir.md). */
export interface GateNode extends NodeBase {
  readonly kind: 'Gate';
  readonly mode: GateMode;
  readonly logits: NodeId;
  /** Used by hard and anneal; 0.5 for soft (ignored). */
  readonly threshold: number;
  /** Present exactly when mode is anneal. */
  readonly schedule?: AnnealSchedule;
}

/** Elementwise product `a * b` of equal shapes, rounded once. */
export interface MulNode extends NodeBase {
  readonly kind: 'Mul';
  readonly a: NodeId;
  readonly b: NodeId;
}

/** Softmax over the channel (last) axis. */
export interface SoftmaxNode extends NodeBase {
  readonly kind: 'Softmax';
  readonly x: NodeId;
}

/** Keeps each row's first maximum and zeroes the rest: top-1 routing weights. */
export interface Top1Node extends NodeBase {
  readonly kind: 'Top1';
  readonly x: NodeId;
}

/** Mixture: `y = round(sum_e weights[:, e] * experts[e])`, summed exactly in the quire. */
export interface CombineNode extends NodeBase {
  readonly kind: 'Combine';
  readonly weights: NodeId;
  readonly experts: readonly NodeId[];
}

/** Row-major flatten of `[B, d1, d2, ...]` to `[B, d1*d2*...]`; moves no data. */
export interface ReshapeNode extends NodeBase {
  readonly kind: 'Reshape';
  readonly x: NodeId;
}

/** Per-sample cross-entropy of logits against class labels: `logsumexp(z) - z[t]`, real `[B]`. */
export interface CrossEntropyNode extends NodeBase {
  readonly kind: 'CrossEntropy';
  readonly logits: NodeId;
  readonly label: NodeId;
}

/** Mean over the batch: real `[B]` to scalar `[]`. */
export interface MeanNode extends NodeBase {
  readonly kind: 'Mean';
  readonly x: NodeId;
}

/** A graph result: a served prediction, or the training loss. Never an operand. */
export interface OutputNode extends NodeBase {
  readonly kind: 'Output';
  readonly name: string;
  readonly role: 'prediction' | 'loss';
  readonly value: NodeId;
}

/** Every IR node. */
export type Node =
  | InputNode
  | LabelNode
  | ParamNode
  | DenseNode
  | ActivationNode
  | GateNode
  | MulNode
  | SoftmaxNode
  | Top1Node
  | CombineNode
  | ReshapeNode
  | CrossEntropyNode
  | MeanNode
  | OutputNode;

/** Discriminant of `Node`. */
export type NodeKind = Node['kind'];

/** The node of a given kind. */
export type NodeOf<K extends NodeKind> = Extract<Node, { readonly kind: K }>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A node before it enters an arena: no id, no type (the builder infers it). */
export type NodeSpec = DistributiveOmit<Node, 'id' | 'type'>;

/** Exhaustiveness guard for switches over kinds. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
