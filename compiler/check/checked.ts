// The checked model: what compiler/check hands to lowering. Every name is resolved, every
// argument read and range-checked, every layer has its parameter path and feature dims, and
// the blocks are normalised into ir/meta.ts form. Lowering trusts it completely.
import type { Span } from '../../ir/diagnostics.ts';
import type { ModelMeta } from '../../ir/meta.ts';
import type { ActivationFn, AnnealSchedule, GateMode } from '../../ir/nodes.ts';

/** A resolved, typed expression. `dims` are the feature dims of one sample (batch excluded). */
export type TExpr =
  | { readonly kind: 'Ref'; readonly name: string; readonly target: 'input' | 'binding'; readonly dims: readonly number[]; readonly span: Span }
  | {
      readonly kind: 'Dense';
      readonly x: TExpr;
      /** One entry per stacked layer; the last is the output width. */
      readonly widths: readonly number[];
      readonly act?: ActivationFn;
      /** Parameter path; stacks append `.0`, `.1`, ... */
      readonly layer: string;
      readonly dims: readonly number[];
      readonly span: Span;
    }
  | {
      readonly kind: 'Gate';
      readonly x: TExpr;
      readonly width: number;
      readonly mode: GateMode;
      readonly threshold: number;
      readonly schedule?: AnnealSchedule;
      readonly layer: string;
      readonly dims: readonly number[];
      readonly span: Span;
    }
  | {
      readonly kind: 'Moe';
      readonly x: TExpr;
      readonly width: number;
      readonly experts: number;
      readonly route: 'top1' | 'soft';
      readonly act?: ActivationFn;
      readonly layer: string;
      readonly dims: readonly number[];
      readonly span: Span;
    }
  | { readonly kind: 'Act'; readonly fn: ActivationFn; readonly x: TExpr; readonly dims: readonly number[]; readonly span: Span }
  | { readonly kind: 'Softmax'; readonly x: TExpr; readonly dims: readonly number[]; readonly span: Span }
  | { readonly kind: 'Mul'; readonly factors: readonly TExpr[]; readonly dims: readonly number[]; readonly span: Span };

/** A declared input or label. */
export interface CheckedSource {
  readonly name: string;
  readonly span: Span;
}

/** `loss cross_entropy(logits, label)`. */
export interface CheckedLoss {
  readonly logits: TExpr;
  readonly label: string;
  readonly span: Span;
}

/** A model that passed every check. */
export interface CheckedModel {
  readonly meta: ModelMeta;
  readonly inputs: ReadonlyMap<string, CheckedSource & { readonly dims: readonly number[] }>;
  readonly labels: ReadonlyMap<string, CheckedSource & { readonly classes: number }>;
  /** Bindings in source order. */
  readonly bindings: ReadonlyMap<string, { readonly expr: TExpr; readonly span: Span }>;
  readonly outputs: readonly { readonly name: string; readonly span: Span }[];
  readonly loss?: CheckedLoss;
}
