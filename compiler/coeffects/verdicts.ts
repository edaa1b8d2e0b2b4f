// Verdicts: pass, fail or unknown for each coeffect check of a compiled model. A check that
// cannot be decided yet (no jvp pass, weights that fit only if streamed) is `unknown`, never
// `pass`. The list and each rule are in spec/coeffects.md section 7.
import type { Graph } from '../../ir/graph.ts';
import type { NodeId } from '../../ir/nodes.ts';
import type { SideTable } from '../../ir/tables.ts';
import type { FlowFacts } from './flow.ts';
import type { JvpFacts } from './jvp-facts.ts';
import type { EscapeClass, QuireFact, QuireSum, TargetName } from './keys.ts';
import type { TapeSummary } from './tape.ts';
import type { PlanIssue, TileGroup, TilePlanMemory } from './tile-estimate.ts';

/** Outcome of one check. */
export type VerdictStatus = 'pass' | 'fail' | 'unknown';

/** One check and its outcome. */
export interface Verdict {
  readonly check: string;
  readonly status: VerdictStatus;
  readonly detail: string;
}

/** Everything the verdicts read. */
export interface VerdictInput {
  readonly graph: Graph;
  readonly flow: FlowFacts;
  readonly escape: SideTable<EscapeClass>;
  readonly quire: SideTable<QuireFact>;
  readonly tape: TapeSummary;
  readonly memory: TilePlanMemory;
  readonly targets: readonly TargetName[];
  readonly jvp: JvpFacts | undefined;
}

const pass = (check: string, detail: string): Verdict => ({ check, status: 'pass', detail });
const fail = (check: string, detail: string): Verdict => ({ check, status: 'fail', detail });
const unknown = (check: string, detail: string): Verdict => ({ check, status: 'unknown', detail });

/** Human size: whole bytes below 10 KiB, KiB with one decimal below 1 MiB, else MiB with two. */
export function formatBytes(b: number): string {
  if (b < 10 * 1024) return `${b} B`;
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(1)} KiB`;
  return `${(b / (1024 * 1024)).toFixed(2)} MiB`;
}

function quireVerdicts(v: VerdictInput): Verdict[] {
  const facts = [...v.quire.entries()];
  const fmt = v.graph.meta.numeric.format;
  if (facts.length === 0) {
    const none = `no quire accumulation in ${fmt}`;
    return [...v.targets.map((t) => pass(`quire-available.${t}`, none)), pass('quire-headroom', none)];
  }
  const out = v.targets.map((t) => {
    const cap = (facts[0] as [NodeId, QuireFact])[1].capability[t];
    return cap === 'unavailable'
      ? fail(`quire-available.${t}`, `${t} has no ${fmt} quire (${facts.length} exact accumulations need one)`)
      : pass(`quire-available.${t}`, `${cap} ${fmt} quire for ${facts.length} accumulations`);
  });
  const sums = facts.flatMap(([id, q]) => [{ id, sum: q as QuireSum, what: '' }, ...(q.tangent ? [{ id, sum: q.tangent, what: ' tangent' }] : [])]);
  const worst = sums.reduce((a, b) => (b.sum.guardBits < a.sum.guardBits ? b : a));
  const at = `%${worst.id}${worst.what} (k=${worst.sum.terms}, quire${(v.quire.get(worst.id) as QuireFact).bits})`;
  const g = worst.sum.guardBits;
  out.push(g >= 0 ? pass('quire-headroom', `least headroom +${g} guard bits at ${at}`) : fail('quire-headroom', `worst case overflows by ${-g} bits at ${at}; the quire would turn NaR`));
  return out;
}

function fitVerdict(g: TileGroup, plan: TilePlanMemory): Verdict {
  const check = g.role === 'memory' ? 'param-placement' : `l1-fit.${g.role}`;
  const cap = g.capacity ?? Infinity;
  const what = `${formatBytes(g.perTile.total)} of ${formatBytes(cap)} on the fullest of ${g.tiles} tiles (${plan.method})`;
  if (g.perTile.total <= cap) return pass(check, what);
  if (g.role === 'memory') return memTileOverflow(check, what, plan);
  if (plan.method === 'even-split-estimate' && g.streamedTotal <= cap) {
    return unknown(check, `${what}: weights do not fit resident; streamed from memory tiles a tile needs ${formatBytes(g.streamedTotal)}, which the tile allocator must confirm`);
  }
  return fail(check, plan.issues.length > 0 ? `${what}; see tile-plan` : what);
}

/** Parameters beyond the memory tiles are valid when the allocator streams them from DDR instead (its E3205 warning). */
function memTileOverflow(check: string, what: string, plan: TilePlanMemory): Verdict {
  if (plan.method !== 'allocator') return unknown(check, `${what}: the rest would have to stream from DDR, which only the tile allocator can plan`);
  const fallback = plan.issues.some((i) => i.code === 'E3205' && i.severity === 'warning');
  const errors = plan.issues.some((i) => i.severity === 'error');
  if (fallback && !errors) return pass(check, `${what}: over the memory tiles, so the allocator streams those parameters from DDR through the shim (E3205)`);
  return fail(check, `${what}; see tile-plan`);
}

function tilePlanVerdict(plan: TilePlanMemory): Verdict {
  const errors = plan.issues.filter((i) => i.severity === 'error');
  const warnings = plan.issues.filter((i) => i.severity === 'warning');
  const list = (xs: readonly PlanIssue[]): string => xs.map((i) => `${i.code}: ${i.message}`).join('; ');
  if (!plan.allocatorRan) return unknown('tile-plan', `no tile allocation ran; the memory numbers are an even-split estimate`);
  if (errors.length > 0 || plan.method !== 'allocator') return fail('tile-plan', `the tile allocator found no valid plan on ${plan.budget.grid}: ${list(errors)}`);
  const codes = [...new Set(warnings.map((w) => w.code))].join(', ');
  return pass('tile-plan', `the tile allocator placed every value on ${plan.budget.grid}${codes ? `, with warnings ${codes} (see memory)` : ''}`);
}

function learnModeVerdict(v: VerdictInput): Verdict {
  const { mode } = v.graph.meta.learn;
  if (mode === 'none') return pass('learn-mode', 'mode none: nothing is learned');
  const problems: string[] = [];
  if (!v.graph.nodes.some((n) => n.kind === 'Output' && n.role === 'loss')) problems.push('no loss output');
  const hasTheta = v.graph.nodes.some((n) => n.kind === 'Param' && n.role === 'theta');
  if ((mode === 'theta_only' || mode === 'theta_and_w_inactive') && !hasTheta) problems.push('no routing parameters (theta)');
  if ((mode === 'w_inactive_only' || mode === 'theta_and_w_inactive') && v.flow.gatedLayers.size === 0) problems.push('no gate or mixture masks a W layer, so no unit is ever inactive');
  if (v.flow.trainable.size === 0) problems.push('no parameter is trainable');
  if (problems.length > 0) return fail('learn-mode', `${mode}: ${problems.join('; ')}`);
  const gated = mode === 'theta_only' ? '' : [...v.flow.gatedLayers].sort().join(', ');
  return pass('learn-mode', `${mode}: ${v.flow.trainable.size} trainable tensors${gated ? `; inactive-unit W in ${gated}` : ''}`);
}

function tapeVerdict(v: VerdictInput): Verdict {
  const { mode, gradient } = v.graph.meta.learn;
  const reverse = `reverse mode would keep ${formatBytes(v.tape.reverseBytes)}`;
  if (mode === 'none') return pass('tape-forward-zero', `no learning: no tape; ${reverse}`);
  if (gradient.kind !== 'forward' || v.tape.forwardBytes !== 0) return fail('tape-forward-zero', `the learning step keeps ${formatBytes(v.tape.forwardBytes)}; ${reverse}`);
  const onPath = [...v.flow.feedsLoss].filter((id) => v.graph.nodes[id]?.kind !== 'Param');
  const scoped = onPath.filter((id) => v.escape.get(id) === 'StackScoped').length;
  return pass('tape-forward-zero', `forward gradient keeps 0 B (${scoped} of ${onPath.length} learning-path values are StackScoped, the rest are returned); ${reverse}`);
}

function tangentVerdict(v: VerdictInput): Verdict {
  if (v.graph.meta.learn.mode === 'none') return pass('tangents-defined', 'no learning: no tangents needed');
  if (!v.jvp) return unknown('tangents-defined', 'the jvp pass has not run on this graph');
  // The jvp pass refuses a primitive without a tangent rule (E2501), so its table exists only when all have one.
  const carrying = v.graph.nodes.filter((n) => v.jvp?.active.has(n.id) && n.kind !== 'Param').length;
  return pass('tangents-defined', `the jvp pass found a tangent rule for all ${v.graph.nodes.length} values; ${carrying} carry a tangent`);
}

function learningTilesVerdict(v: VerdictInput): Verdict {
  const { learningTiles, grid, learningTilesFrom } = v.memory.budget;
  const learning = v.graph.meta.learn.mode !== 'none';
  if (learning && learningTiles === 0) return fail('learning-tiles', `learn mode ${v.graph.meta.learn.mode} needs learning tiles; ${grid} gets 0 (${learningTilesFrom})`);
  return pass('learning-tiles', `${learningTiles} learning + ${v.memory.budget.inferenceTiles} inference tiles on ${grid} (${learningTilesFrom})${learning ? '' : '; no learning'}`);
}

/** Every verdict, in report order. */
export function computeVerdicts(v: VerdictInput): Verdict[] {
  return [
    ...quireVerdicts(v),
    ...v.memory.groups.filter((g) => g.capacity !== null).map((g) => fitVerdict(g, v.memory)),
    tilePlanVerdict(v.memory),
    learningTilesVerdict(v),
    learnModeVerdict(v),
    tapeVerdict(v),
    tangentVerdict(v),
  ];
}
