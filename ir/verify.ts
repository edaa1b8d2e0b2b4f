// The IR verifier: an executable statement of the graph invariants listed in spec/ir.md.
// The pass driver runs it after every pass when verification is on (tests, `--debug`); an
// issue is a compiler bug and is reported naming both the pass and the node.
import type { Graph } from './graph.ts';
import { computeUsers } from './graph.ts';
import type { Node, NodeId } from './nodes.ts';
import { inferType, operandsOf } from './ops.ts';
import { formatType, isBatchedVector, sameShape, sameType } from './types.ts';

/** One broken invariant, at a node when it is local to one. */
export interface VerifyIssue {
  readonly node?: NodeId;
  readonly message: string;
}

/** Checks every invariant; returns the issues found (empty when the graph is well-formed). */
export function verifyGraph(g: Graph): VerifyIssue[] {
  const issues: VerifyIssue[] = [];
  const report = (node: NodeId | undefined, message: string): void => {
    issues.push(node === undefined ? { message } : { node, message });
  };
  g.nodes.forEach((n, i) => checkArena(g, n, i, report));
  if (issues.length > 0) return issues; // later checks assume a sound arena
  for (const n of g.nodes) checkOperandKinds(g, n, report);
  checkNames(g, report);
  checkOutputs(g, report);
  checkLive(g, report);
  if (g.form === 'channels-last') checkChannelsLast(g, report);
  return issues;
}

/** `%3 (Dense h): message`, for internal-error diagnostics. */
export function formatIssue(g: Graph, issue: VerifyIssue): string {
  if (issue.node === undefined) return issue.message;
  const n = g.nodes[issue.node];
  const what = n ? `${n.kind}${n.binding ? ` ${n.binding}` : ''}` : 'missing';
  return `%${issue.node} (${what}): ${issue.message}`;
}

type Report = (node: NodeId | undefined, message: string) => void;

function checkArena(g: Graph, n: Node, i: number, report: Report): void {
  if (n.id !== i) return report(i, `id ${n.id} stored at index ${i}`);
  for (const op of operandsOf(n)) {
    if (!Number.isInteger(op) || op < 0 || op >= i) return report(i, `operand %${op} does not precede the node`);
  }
  const r = inferType(n, (id) => (id < i ? g.nodes[id] : undefined));
  if (!r.ok) return report(i, r.error);
  if (!sameType(r.type, n.type)) report(i, `stored type ${formatType(n.type)} but operands give ${formatType(r.type)}`);
}

function checkOperandKinds(g: Graph, n: Node, report: Report): void {
  const at = (id: NodeId): Node => g.nodes[id] as Node;
  for (const op of operandsOf(n)) {
    const o = at(op);
    if (o.kind === 'Output') report(n.id, `uses Output %${op} as an operand`);
    if (o.kind === 'Param' && n.kind !== 'Dense') report(n.id, `uses Param %${op}; only Dense consumes parameters`);
    if (o.kind === 'Label' && n.kind !== 'CrossEntropy') report(n.id, `uses Label %${op}; only CrossEntropy consumes labels`);
  }
  switch (n.kind) {
    case 'Dense': {
      const w = at(n.weight);
      const b = at(n.bias);
      if (w.kind !== 'Param' || w.part !== 'weight') return report(n.id, 'weight operand is not a weight Param');
      if (b.kind !== 'Param' || b.part !== 'bias') return report(n.id, 'bias operand is not a bias Param');
      if (w.role !== b.role || w.layer !== b.layer) report(n.id, `weight ${w.name} and bias ${b.name} belong to different layers`);
      if (w.fanIn !== w.shape[1] || b.fanIn !== w.shape[1]) report(n.id, 'Param fanIn differs from the weight input width');
      break;
    }
    case 'Gate':
      if (!isRoutingDense(g, n.logits)) report(n.id, 'gate logits must come from a Dense over theta parameters');
      if (!(n.threshold > 0 && n.threshold < 1)) report(n.id, `threshold ${n.threshold} outside (0, 1)`);
      if ((n.mode === 'anneal') !== (n.schedule !== undefined)) report(n.id, 'an anneal schedule is present exactly on anneal gates');
      if (n.schedule && !(n.schedule.from > n.schedule.to && n.schedule.to > 0 && Number.isSafeInteger(n.schedule.steps) && n.schedule.steps >= 1)) {
        report(n.id, 'anneal schedule needs from > to > 0 and integer steps >= 1');
      }
      break;
    case 'Softmax':
    case 'Top1':
      break;
    case 'Combine': {
      const w = at(n.weights);
      if (w.kind !== 'Softmax' && w.kind !== 'Top1') report(n.id, 'Combine weights must come from Softmax or Top1');
      break;
    }
    case 'CrossEntropy':
      if (at(n.label).kind !== 'Label') report(n.id, 'CrossEntropy label operand is not a Label');
      break;
    default:
      break;
  }
}

/** True when `id` is a Dense whose weight and bias are theta (routing) parameters. */
export function isRoutingDense(g: Graph, id: NodeId): boolean {
  const d = g.nodes[id];
  if (d?.kind !== 'Dense') return false;
  const w = g.nodes[d.weight];
  return w?.kind === 'Param' && w.role === 'theta';
}

function checkNames(g: Graph, report: Report): void {
  const seen = new Map<string, NodeId>();
  for (const n of g.nodes) {
    if (n.kind !== 'Input' && n.kind !== 'Label' && n.kind !== 'Param' && n.kind !== 'Output') continue;
    const key = `${n.kind === 'Output' ? 'out' : 'in'}:${n.name}`;
    const prev = seen.get(key);
    if (prev !== undefined) report(n.id, `name '${n.name}' already used by %${prev}`);
    else seen.set(key, n.id);
  }
  const users = computeUsers(g);
  for (const n of g.nodes) {
    if (n.kind !== 'Dense') continue;
    const w = g.nodes[n.weight];
    if (w?.kind === 'Param' && w.role === 'theta') {
      for (const u of users[n.id] ?? []) {
        const k = g.nodes[u]?.kind;
        if (k !== 'Gate' && k !== 'Softmax') report(u, `routing Dense %${n.id} may only feed Gate or Softmax, not ${k}`);
      }
    }
  }
}

function checkOutputs(g: Graph, report: Report): void {
  let predictions = 0;
  let losses = 0;
  for (const n of g.nodes) {
    if (n.kind !== 'Output') continue;
    if (n.role === 'prediction') {
      predictions++;
      if (n.type.elem !== 'real') report(n.id, 'a prediction output must be real');
    } else {
      losses++;
      if (!sameShape(n.type.shape, [])) report(n.id, `the loss output must be a scalar, got ${formatType(n.type)}`);
    }
  }
  if (predictions === 0) report(undefined, 'the graph has no prediction Output');
  if (losses > 1) report(undefined, `the graph has ${losses} loss Outputs`);
  const learn = g.meta.learn.mode;
  if (learn !== 'none' && losses === 0) report(undefined, `learn mode ${learn} needs a loss Output`);
  const theta = g.nodes.some((n) => n.kind === 'Param' && n.role === 'theta');
  if ((learn === 'theta_only' || learn === 'theta_and_w_inactive') && !theta) report(undefined, `learn mode ${learn} needs theta parameters`);
  const routing = g.nodes.some((n) => n.kind === 'Gate' || n.kind === 'Combine');
  if ((learn === 'w_inactive_only' || learn === 'theta_and_w_inactive') && !routing) report(undefined, `learn mode ${learn} needs a gate or mixture`);
}

function checkLive(g: Graph, report: Report): void {
  const live = new Uint8Array(g.nodes.length);
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const n = g.nodes[i] as Node;
    if (n.kind === 'Output') live[i] = 1;
    if (live[i]) for (const op of operandsOf(n)) live[op] = 1;
  }
  live.forEach((l, i) => {
    if (!l) report(i, 'dead node: no Output depends on it');
  });
}

function checkChannelsLast(g: Graph, report: Report): void {
  for (const n of g.nodes) {
    switch (n.kind) {
      case 'Input':
      case 'Label':
      case 'Param':
      case 'CrossEntropy':
      case 'Mean':
      case 'Output':
        break;
      case 'Reshape':
        if (g.nodes[n.x]?.kind !== 'Input') report(n.id, 'after layout, only Inputs are reshaped');
        break;
      default:
        if (!isBatchedVector(n.type.shape)) report(n.id, `after layout, values are [B,c]; got ${formatType(n.type)}`);
        for (const op of operandsOf(n)) {
          const o = g.nodes[op] as Node;
          if (o.kind !== 'Param' && o.kind !== 'Label' && !isBatchedVector(o.type.shape)) report(n.id, `after layout, operand %${op} must be [B,c]`);
        }
    }
  }
}
