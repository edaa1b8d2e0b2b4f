// Forward-mode (tangent) rules, one per IR primitive. The table is typed `satisfies
// Record<NodeKind, TangentRule>`, so adding a node kind to ir/nodes.ts without a rule here is a
// type error; at compile time the jvp pass (jvp.ts) refuses any node whose kind has no rule
// (E2501). `from` drives which values carry tangents; `formula` and `relaxed` are the normative
// text of spec/jvp.md, which fixes where every tangent computation rounds so that backends agree
// bit for bit. This module imports only ir/, so runtimes and backends may read it.
import type { NodeKind } from '../../ir/nodes.ts';

/** The tangent rule of one primitive. */
export interface TangentRule {
  /** Operand fields whose tangents flow into this node's tangent; the others are constants. */
  readonly from: readonly string[];
  /** What the tangent is and where it rounds (F = the format the graph runs in). */
  readonly formula: string;
  /** Routing ops only: the value that consumers' tangent rules read instead of the primal value. */
  readonly relaxed?: string;
}

/** A rule table; the pass takes one so tests can remove a rule and see the diagnostic. */
export type TangentRuleTable = Readonly<Partial<Record<NodeKind, TangentRule>>>;

/** The tangent rules of every primitive (spec/jvp.md section 3 explains each). */
export const TANGENT_RULES = {
  Input: { from: [], formula: 'dx = 0: inputs are data and are never perturbed' },
  Label: { from: [], formula: 'labels are class indices and carry no tangent' },
  Param: {
    from: [],
    formula: 'dθ = round(v): the sampled direction rounded once into F, on the parameters the learn mode perturbs (0 elsewhere)',
  },
  Dense: {
    from: ['x', 'weight', 'bias'],
    formula: 'dy[b,j] = round(e[b,j]·db[j] + Σ_i W[j,i]·dx[b,i] + e[b,j]·Σ_i dW[j,i]·x̃[b,i]): one quire, one rounding; e[b,j] = 1 unless the parameters are perturbed only on inactive units, then 1 exactly where unit j is inactive for sample b',
  },
  Activation: {
    from: ['x'],
    formula: "relu: dy = dx where x > 0, else 0 (exact); gelu/tanh/sigmoid: dy = round(f'(x)·dx) evaluated in f64",
  },
  Gate: {
    from: ['logits'],
    formula: 'soft: dm = round(σ(z)(1−σ(z))·dz); anneal with k < steps: dm = round(m(1−m)/T·dz), m the f64 mask; hard and anneal with k ≥ steps (straight-through): dm = round(σ(z)(1−σ(z))·dz); all in f64, rounded once',
    relaxed: 'hard and anneal with k ≥ steps: m̃ = m on active units (1) and s = round(σ(z)) on inactive units; soft and anneal with k < steps: m̃ = m',
  },
  Mul: { from: ['a', 'b'], formula: 'dy = round(da·b̃ + ã·db): two exact products, one rounding' },
  Softmax: {
    from: ['x'],
    formula: 'dy_j = round(p_j·(dx_j − Σ_k p_k·dx_k)) evaluated in f64, p = softmax(x) in f64 (sums in index order)',
  },
  Top1: {
    from: ['x'],
    formula: 'dy[b,e] = dx[b,e] at the selected index, 0 elsewhere (exact; the selection is locally constant)',
    relaxed: 'ỹ = x: an unselected expert sees its routing probability',
  },
  Combine: {
    from: ['weights', 'experts'],
    formula: 'dy[b,j] = round(Σ_e (dw[b,e]·E_e[b,j] + w̃[b,e]·dE_e[b,j])): one quire, one rounding',
  },
  Reshape: { from: ['x'], formula: 'dy = dx (no arithmetic)' },
  CrossEntropy: {
    from: ['logits'],
    formula: 'dℓ[b] = round(Σ_k (p_k − [k = t_b])·dz_k) evaluated in f64, p = softmax(z) in f64',
  },
  Mean: { from: ['x'], formula: 'd = round(Σ_b dx[b] / B): exact sum, one rounding' },
  Output: { from: ['value'], formula: 'dy = dvalue' },
} as const satisfies Record<NodeKind, TangentRule>;
