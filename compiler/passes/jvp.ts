// The jvp pass: forward-mode AD for the learning graph, as a side table rather than new nodes.
// It refuses any primitive without a tangent rule (E2501, naming the node and its span), finds
// which hidden units each W layer has (rows gated by a Gate, or a whole expert of a Combine),
// and marks which values carry tangents under the learn mode. Runtimes and backends execute
// the rules of jvp-rules.ts over this plan; spec/jvp.md defines every rounding. It runs after
// layout and changes no node, so every side table stays valid.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode } from '../../ir/meta.ts';
import type { Node, NodeId, NodeKind } from '../../ir/nodes.ts';
import { computeGating } from '../../ir/gating.ts';
import type { Pass } from '../../ir/pass.ts';
import { tableKey } from '../../ir/tables.ts';
import { TANGENT_RULES, type TangentRuleTable } from './jvp-rules.ts';

/** How a perturbed parameter is perturbed: every element, or only rows of inactive units. */
export type Perturbation = 'all' | 'inactive-units';

/**
 * What switches a W layer's output units off for a sample: unit j is inactive when some gate
 * in `gates` has mask[b, j] = 0, or when the layer belongs to an expert whose routing weight
 * `weights[b, expert]` is 0 (ir/gating.ts: `mask-rows` and `expert`).
 */
export interface UnitSource {
  readonly gates: readonly NodeId[];
  readonly experts: readonly { readonly weights: NodeId; readonly expert: number }[];
}

/** The tangent plan of a graph under one learn mode: the data every forward-gradient runtime reads. */
export interface TangentPlan {
  readonly mode: LearnMode;
  /** Param node -> how the mode perturbs it (absent: not perturbed). */
  readonly perturbed: ReadonlyMap<NodeId, Perturbation>;
  /** W Dense node -> what decides, per sample, whether each of its output units is inactive. */
  readonly units: ReadonlyMap<NodeId, UnitSource>;
  /** Per node id: true when its tangent can be nonzero (some perturbed parameter reaches it). */
  readonly active: readonly boolean[];
  /** The per-sample loss `[B]` whose tangents form the estimate (the operand of the loss Mean). */
  readonly lossSamples?: NodeId;
}

/** One entry of the JVP side table. */
export interface TangentInfo {
  /** The rule applied (the node kind; see TANGENT_RULES). */
  readonly rule: NodeKind;
  /** The value carries a tangent under the model's declared learn mode. */
  readonly active: boolean;
  /** Consumers' tangent rules may read a relaxed value of this routing op: hard gates, anneal gates once their schedule ends, Top1. */
  readonly relaxed: boolean;
  readonly perturbed?: Perturbation;
  readonly units?: UnitSource;
}

/** The JVP side table, set by the jvp pass for the declared learn mode. */
export const JVP = tableKey<TangentInfo>('jvp');

/** Result of planning: the plan, or the diagnostics that prevent it. */
export interface TangentPlanResult {
  readonly plan?: TangentPlan;
  readonly diagnostics: Diagnostic[];
}

/** Plans tangents for a learn mode (the runtime calls this when a mode is overridden). */
export function computeTangentPlan(g: Graph, mode: LearnMode, rules: TangentRuleTable = TANGENT_RULES): TangentPlanResult {
  const diagnostics: Diagnostic[] = [];
  for (const n of g.nodes) {
    if (rules[n.kind] !== undefined) continue;
    diagnostics.push({
      code: 'E2501',
      severity: 'error',
      message: `no tangent rule for primitive ${n.kind} (%${n.id}${n.binding ? `, computing '${n.binding}'` : ''}); forward gradients cannot differentiate it`,
      ...(n.span ? { span: n.span } : {}),
      hint: 'every primitive needs a forward-mode rule in compiler/passes/jvp-rules.ts; it is never skipped',
    });
  }
  const lossSamples = findLossSamples(g);
  if (mode !== 'none' && lossSamples === undefined) {
    const loss = g.nodes.find((n) => n.kind === 'Output' && n.role === 'loss');
    diagnostics.push({
      code: 'E2502',
      severity: 'error',
      message: loss ? 'the loss is not a mean over per-sample losses' : `learn mode ${mode} needs a loss`,
      ...(loss?.span ? { span: loss.span } : {}),
      hint: 'forward gradients need per-sample loss tangents: write the loss as `loss cross_entropy(y, t)`',
    });
  }
  if (diagnostics.length > 0) return { diagnostics };
  const units = findUnits(g);
  const perturbed = new Map<NodeId, Perturbation>();
  const theta = mode === 'theta_only' || mode === 'theta_and_w_inactive';
  const inactiveW = mode === 'w_inactive_only' || mode === 'theta_and_w_inactive';
  for (const n of g.nodes) {
    if (n.kind === 'Param' && n.role === 'theta' && theta) perturbed.set(n.id, 'all');
    if (n.kind === 'Dense' && inactiveW && units.has(n.id)) {
      perturbed.set(n.weight, 'inactive-units');
      perturbed.set(n.bias, 'inactive-units');
    }
  }
  return { plan: planFor(g, mode, perturbed, rules, units), diagnostics };
}

/**
 * A plan for an explicit set of perturbed parameters (tests and experiments perturb, say, every
 * parameter); `active` follows the rules' `from` fields. Does not check rule coverage.
 */
export function planFor(g: Graph, mode: LearnMode, perturbed: ReadonlyMap<NodeId, Perturbation>, rules: TangentRuleTable = TANGENT_RULES, units = findUnits(g)): TangentPlan {
  const active = g.nodes.map(() => false);
  for (const n of g.nodes) {
    const rule = rules[n.kind];
    active[n.id] = n.kind === 'Param' ? perturbed.has(n.id) : (rule?.from ?? []).some((f) => fieldIds(n, f).some((id) => active[id]));
  }
  const lossSamples = findLossSamples(g);
  return { mode, perturbed, units, active, ...(lossSamples === undefined ? {} : { lossSamples }) };
}

/** The ids an operand field names (Combine.experts names several). */
function fieldIds(n: Node, field: string): readonly NodeId[] {
  const v = (n as unknown as Record<string, unknown>)[field];
  if (typeof v === 'number') return [v];
  return Array.isArray(v) ? (v as NodeId[]) : [];
}

/** The per-sample loss node: the operand of the Mean under the loss Output. */
function findLossSamples(g: Graph): NodeId | undefined {
  const out = g.nodes.find((n) => n.kind === 'Output' && n.role === 'loss');
  if (out?.kind !== 'Output') return undefined;
  const mean = g.nodes[out.value];
  return mean?.kind === 'Mean' ? mean.x : undefined;
}

/**
 * Units of every W layer, from the IR gating analysis (ir/gating.ts): rows gated by a Gate
 * (`mask-rows`) and whole experts (`expert`). Gated columns (`mask-cols`) are left out on
 * purpose: a column read from a switched-off unit multiplies an exact 0, so its tangent is
 * identically 0 and perturbing it would only add noise to the estimate (spec/jvp.md 5).
 */
function findUnits(g: Graph): Map<NodeId, UnitSource> {
  const gating = computeGating(g);
  const units = new Map<NodeId, { gates: NodeId[]; experts: { weights: NodeId; expert: number }[] }>();
  for (const n of g.nodes) {
    if (n.kind !== 'Dense') continue;
    const gates: NodeId[] = [];
    const experts: { weights: NodeId; expert: number }[] = [];
    for (const by of gating.get(n.weight) ?? []) {
      if (by.kind === 'mask-rows' && !gates.includes(by.mask)) gates.push(by.mask);
      if (by.kind === 'expert' && !experts.some((e) => e.weights === by.weights && e.expert === by.expert)) experts.push({ weights: by.weights, expert: by.expert });
    }
    if (gates.length > 0 || experts.length > 0) units.set(n.id, { gates, experts });
  }
  return units;
}

/** Builds the jvp pass over a rule table (tests pass a table with a rule removed). */
export function makeJvpPass(rules: TangentRuleTable = TANGENT_RULES): Pass {
  return {
    name: 'jvp',
    requires: ['channels-last'],
    preserves: ['*'],
    run(graph, cx) {
      const r = computeTangentPlan(graph, graph.meta.learn.mode, rules);
      cx.diagnostics.addAll(r.diagnostics);
      if (!r.plan) return graph;
      const plan = r.plan;
      const table = new Map<NodeId, TangentInfo>();
      for (const n of graph.nodes) {
        const perturbed = plan.perturbed.get(n.id);
        const units = plan.units.get(n.id);
        table.set(n.id, {
          rule: n.kind,
          active: plan.active[n.id] ?? false,
          relaxed: (n.kind === 'Gate' && n.mode !== 'soft') || n.kind === 'Top1',
          ...(perturbed ? { perturbed } : {}),
          ...(units ? { units } : {}),
        });
      }
      cx.tables.set(JVP, graph, table);
      return graph;
    },
  };
}

/** The jvp pass with the full rule table. */
export const jvpPass: Pass = makeJvpPass();
