// Model-level metadata carried by every IR graph: the numeric declaration, the learn block and
// the target blocks of the .dg source, already checked and normalised (defaults filled in).
// Passes read it; none rewrites it except by building a new graph.

/** Numeric formats a model may declare (DESIGN section 4). */
export const NUMERIC_FORMATS = ['f32', 'f64', 'posit8', 'posit16', 'posit32', 'bposit16', 'bposit32'] as const;
/** One numeric format name. */
export type NumericFormat = (typeof NUMERIC_FORMATS)[number];

/** True for the posit and b-posit formats, the ones that have a quire. */
export function isPositFormat(f: NumericFormat): boolean {
  return f.startsWith('posit') || f.startsWith('bposit');
}

/** `numeric <format> [quire]`: the format of values and whether dense sums go through a quire. */
export interface NumericDecl {
  readonly format: NumericFormat;
  readonly quire: boolean;
}

/** Learning modes of the paper: A none, B theta_only, C w_inactive_only, D theta_and_w_inactive. */
export const LEARN_MODES = ['none', 'theta_only', 'w_inactive_only', 'theta_and_w_inactive'] as const;
/** One learning mode. */
export type LearnMode = (typeof LEARN_MODES)[number];

/** How the gradient estimate is computed; only forward gradients exist (no activation tape). */
export interface ForwardGradient {
  readonly kind: 'forward';
  /** k: tangents sampled per step, their estimates averaged. */
  readonly perturbations: number;
  /** Seed of the tangent generator, so runs replay. */
  readonly seed: number;
}

/** The `learn { ... }` block with defaults applied (mode none when the block is absent). */
export interface LearnConfig {
  readonly mode: LearnMode;
  readonly gradient: ForwardGradient;
  /** SGD step size. */
  readonly lr: number;
  /** Publish the training copy to serving every this many steps. */
  readonly syncEvery: number;
  /** Samples per learning step (the loss is averaged over them). */
  readonly batch: number;
}

/** A scalar option value in a target block. */
export type OptionValue = number | string | boolean;

/** `target <name> { key: value, ... }`; keys keep their source spelling (snake_case). */
export interface TargetDecl {
  readonly name: 'xdna' | 'wasm' | 'webgpu';
  readonly options: Readonly<Record<string, OptionValue>>;
}

/** Everything a graph knows about its model besides the nodes. */
export interface ModelMeta {
  readonly name: string;
  readonly numeric: NumericDecl;
  readonly learn: LearnConfig;
  readonly targets: readonly TargetDecl[];
}

/** Defaults of the learn block, also used when a model has none. */
export const DEFAULT_LEARN: LearnConfig = {
  mode: 'none',
  gradient: { kind: 'forward', perturbations: 1, seed: 0 },
  lr: 0.01,
  syncEvery: 1,
  batch: 1,
};
