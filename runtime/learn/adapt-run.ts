// One adapt run end to end (the paper's protocol, section 6.1): build the data, pre-train on
// clean data unless parameters are given, measure CleanAcc and DriftAcc, learn while serving
// the drifted stream (learn-while-serve.ts, real threads), then measure AdaptAcc, CleanDrop,
// Flip, AR and FLOPs~ with the final snapshot and replay served requests bit for bit.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { Node } from '../../ir/nodes.ts';
import { computeTangentPlan } from '../../compiler/passes/jvp.ts';
import type { AdaptData } from '../data/dataset.ts';
import { loadAdaptData, parseDataSource, parseDrift } from '../data/load-dir.ts';
import { widthOf } from '../interpreter/forward-ops.ts';
import type { ParamSet } from '../interpreter/types.ts';
import { initParams } from '../params.ts';
import { ADAPT_SCHEMA_VERSION, frac, MODE_LETTER, pct, quantile, type AdaptReport, type VersionRecord } from './adapt-report.ts';
import type { ResolvedSettings } from './adapt-options.ts';
import { learnWhileServe, replayServed, type LearnWhileServeResult } from './learn-while-serve.ts';
import { evaluate, flipRate, type Evaluation } from './metrics.ts';
import { pretrain, PRETRAIN_DEFAULTS } from './pretrain.ts';
import type { ServedRecord } from './protocol.ts';

/** Most stream samples generated; a longer run wraps around the stream (bounds memory at about 100 MB). */
export const MAX_STREAM = 16384;

/** Progress of a run: which phase, how far. */
export interface AdaptProgress {
  readonly phase: 'data' | 'pretrain' | 'evaluate' | 'adapt' | 'replay';
  readonly done: number;
  readonly total: number;
}

/** What a run returns: the report and the final parameters, or diagnostics. */
export interface AdaptRunResult {
  readonly report?: AdaptReport;
  readonly params?: ParamSet;
  readonly diagnostics: Diagnostic[];
}

/** Builds the splits and checks them against the model. */
function buildData(graph: Graph, s: ResolvedSettings): { data?: AdaptData; diagnostics: Diagnostic[] } {
  const src = parseDataSource(s.data);
  if (!src.source) return { diagnostics: src.diagnostics };
  const drift = s.drift !== undefined ? parseDrift(s.drift) : undefined;
  if (drift && !drift.drift) return { diagnostics: drift.diagnostics };
  const labelNode = graph.nodes.find((n) => n.kind === 'Label');
  const classes = labelNode?.kind === 'Label' ? labelNode.classes : 0;
  const r = loadAdaptData(src.source, { seed: s.seed, train: s.trainSize, test: s.testSize, stream: Math.min(s.steps * s.batch, MAX_STREAM) }, classes, drift?.drift);
  if (!r.data) return r;
  const width = widthOf(graph.nodes.find((n) => n.kind === 'Input') as Node);
  if (r.data.features !== width || r.data.classes !== classes) {
    const msg = `the data has ${r.data.features} features and ${r.data.classes} classes; model '${graph.meta.name}' takes ${width} features and ${classes} classes`;
    return { diagnostics: [{ code: 'E4704', severity: 'error', message: msg, hint: src.source.kind === 'synthetic' ? 'the synthetic stream is 28x28 images (784 features) of 10 classes' : 'x.npy must be [N, model input width]' }] };
  }
  return r;
}

/** Given parameters, or seeded ones pre-trained on the clean split (section 7 of spec/adapt.md). */
function startingParams(graph: Graph, s: ResolvedSettings, data: AdaptData, given: ParamSet | undefined, onProgress: (p: AdaptProgress) => void): { params?: ParamSet; pre: AdaptReport['pretrain']; diagnostics: Diagnostic[] } {
  if (given) return { params: given, pre: null, diagnostics: [] };
  const init = initParams(graph, s.seed);
  if (s.pretrainSteps === 0) return { params: init, pre: null, diagnostics: [] };
  const r = pretrain(graph, init, data.train, { ...PRETRAIN_DEFAULTS, steps: s.pretrainSteps, seed: s.seed, onStep: (k) => onProgress({ phase: 'pretrain', done: k + 1, total: s.pretrainSteps }) });
  if (r.diagnostics.length > 0) return { pre: null, diagnostics: r.diagnostics };
  return { params: r.params, pre: { steps: s.pretrainSteps, batch: PRETRAIN_DEFAULTS.batch, finalLoss: frac(r.losses[r.losses.length - 1] ?? NaN) }, diagnostics: [] };
}

/** The learn-while-serve phase with the resolved settings. */
function serveAndLearn(graph: Graph, s: ResolvedSettings, params: ParamSet, data: AdaptData, onProgress: (p: AdaptProgress) => void): Promise<LearnWhileServeResult> {
  return learnWhileServe({
    graph,
    params,
    format: s.format,
    mode: s.mode,
    perturbations: s.perturbations,
    seed: s.tangentSeed,
    lr: s.lr,
    syncEvery: s.syncEvery,
    batch: s.batch,
    steps: s.steps,
    stream: data.stream,
    requestSize: s.requestSize,
    servers: s.servers,
    onStep: (k) => onProgress({ phase: 'adapt', done: k, total: s.steps }),
  });
}

/** Runs the whole protocol. Never throws on user errors. */
export async function runAdapt(graph: Graph, s: ResolvedSettings, given: ParamSet | undefined, onProgress: (p: AdaptProgress) => void = () => {}): Promise<AdaptRunResult> {
  const t0 = performance.now();
  onProgress({ phase: 'data', done: 0, total: 1 });
  const built = buildData(graph, s);
  if (!built.data) return { diagnostics: built.diagnostics };
  const data = built.data;
  const planned = computeTangentPlan(graph, s.mode);
  if (!planned.plan) return { diagnostics: planned.diagnostics };
  const start = startingParams(graph, s, data, given, onProgress);
  if (!start.params) return { diagnostics: start.diagnostics };
  const params = start.params;
  const t1 = performance.now();
  const counts = paramCounts(graph, planned.plan.perturbed);
  const skipReason = s.mode !== 'none' && counts.updatable === 0 ? noUpdateReason(graph, s.mode) : null;
  onProgress({ phase: 'evaluate', done: 0, total: 2 });
  const cleanBefore = evaluate(graph, params, data.cleanTest, s.format);
  const driftBefore = evaluate(graph, params, data.driftTest, s.format);
  const evalErrors = [...cleanBefore.diagnostics, ...driftBefore.diagnostics];
  if (evalErrors.length > 0) return { diagnostics: evalErrors };
  const run = skipReason === null ? await serveAndLearn(graph, s, params, data, onProgress) : undefined;
  if (run && run.diagnostics.length > 0) return { diagnostics: run.diagnostics };
  const t2 = performance.now();
  const finalSnap = run?.snapshots[run.snapshots.length - 1];
  const after = run && finalSnap ? { clean: evaluate(graph, finalSnap.params, data.cleanTest, s.format, finalSnap.step), drift: evaluate(graph, finalSnap.params, data.driftTest, s.format, finalSnap.step) } : undefined;
  onProgress({ phase: 'replay', done: 0, total: 1 });
  const replay = run ? replayServed(graph, s.format, data.stream, run.served, run.snapshots, replayPick(run.served)) : { checked: 0, identical: 0 };
  const served = run?.served.map((r) => r.ms) ?? [];
  const report: AdaptReport = {
    schemaVersion: ADAPT_SCHEMA_VERSION,
    model: graph.meta.name,
    status: skipReason === null ? 'ok' : 'skipped',
    skipReason,
    data: { source: data.source, drift: data.drift, features: data.features, classes: data.classes, train: start.pre ? data.train.n : 0, cleanTest: data.cleanTest.n, stream: data.stream.n, driftTest: data.driftTest.n },
    format: s.format,
    mode: s.mode,
    modeLetter: MODE_LETTER[s.mode],
    learning: { steps: s.steps, batch: s.batch, perturbations: s.perturbations, lr: s.lr, syncEvery: s.syncEvery, tangentSeed: s.tangentSeed, servers: s.servers, requestSize: s.requestSize, updatableParams: counts.updatable, thetaParams: counts.theta, wParams: counts.w },
    pretrain: start.pre,
    metrics: metricsOf(cleanBefore, driftBefore, after, run ? onlineAccuracy(run.served, data) : null),
    serving: servingOf(run, data, replay),
    timing: { pretrainMs: Math.round(t1 - t0), adaptMs: Math.round(t2 - t1), totalMs: Math.round(performance.now() - t0), stepsPerSecond: run ? frac(s.steps / (run.wallMs / 1000)) : 0, serveP50Ms: frac(quantile(served, 0.5)), serveP95Ms: frac(quantile(served, 0.95)) },
  };
  return { report, params: finalSnap?.params ?? params, diagnostics: [] };
}

/** Metrics from the evaluations before and (unless skipped) after. */
function metricsOf(cb: Evaluation, db: Evaluation, after: { clean: Evaluation; drift: Evaluation } | undefined, online: number | null): AdaptReport['metrics'] {
  const ca = after?.clean;
  const da = after?.drift;
  const gap = cb.accuracy - db.accuracy;
  return {
    cleanAcc: pct(cb.accuracy),
    driftAcc: pct(db.accuracy),
    adaptAcc: da ? pct(da.accuracy) : null,
    recovery: da ? pct(da.accuracy - db.accuracy) : null,
    recoveryRatio: da && gap > 0 ? frac((da.accuracy - db.accuracy) / gap) : null,
    cleanAccAfter: ca ? pct(ca.accuracy) : null,
    cleanDrop: ca ? pct(ca.accuracy - cb.accuracy) : null,
    flip: ca ? frac(flipRate(cb.predictions, ca.predictions)) : null,
    routingFlip: da ? frac(flipRate(db.decisions, da.decisions)) : null,
    arBefore: frac(db.activationRatio),
    ar: da ? frac(da.activationRatio) : null,
    flops: frac((da ?? db).activationRatio),
    macRatio: frac((da ?? db).macRatio),
    onlineAcc: online === null ? null : pct(online),
  };
}

/** Per-version request counts and accuracy, integrity and replay facts. */
function servingOf(run: LearnWhileServeResult | undefined, data: AdaptData, replay: { checked: number; identical: number }): AdaptReport['serving'] {
  if (!run) return { requests: 0, versions: [], intact: true, monotone: true, replay };
  const versions: VersionRecord[] = run.snapshots.map((snap) => {
    const mine = run.served.filter((r) => r.version === snap.version);
    const acc = mine.length > 0 ? onlineAccuracy(mine, data) : null;
    return { version: snap.version, step: snap.step, checksum: snap.checksum.toString(16).padStart(8, '0'), requests: mine.length, accuracy: acc === null ? null : pct(acc) };
  });
  const byServer = new Map<number, number>();
  let monotone = true;
  for (const r of run.served) {
    if (r.version < (byServer.get(r.server) ?? 0)) monotone = false;
    byServer.set(r.server, r.version);
  }
  return { requests: run.served.length, versions, intact: run.served.every((r) => r.intact), monotone, replay: { checked: replay.checked, identical: replay.identical } };
}

/** Accuracy of served outputs against the stream's labels. */
function onlineAccuracy(served: readonly ServedRecord[], data: AdaptData): number | null {
  let ok = 0;
  let n = 0;
  for (const r of served) {
    const c = r.outputs.length / r.count;
    for (let k = 0; k < r.count; k++) {
      let best = 0;
      for (let j = 1; j < c; j++) if (r.outputs[k * c + j]! > r.outputs[k * c + best]!) best = j;
      if (best === data.stream.t[(r.start + k) % data.stream.n]) ok++;
      n++;
    }
  }
  return n === 0 ? null : ok / n;
}

/** Replays the first and last request served with each version (every version is checked). */
function replayPick(served: readonly ServedRecord[]): (r: ServedRecord) => boolean {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (const r of served) {
    if (!first.has(r.version)) first.set(r.version, r.request);
    last.set(r.version, r.request);
  }
  return (r) => first.get(r.version) === r.request || last.get(r.version) === r.request;
}

/** Elements of the theta params, the W params, and those the mode may change. */
function paramCounts(graph: Graph, perturbed: ReadonlyMap<number, unknown>): { theta: number; w: number; updatable: number } {
  let theta = 0;
  let w = 0;
  let updatable = 0;
  for (const n of graph.nodes) {
    if (n.kind !== 'Param') continue;
    const size = n.shape.reduce((a, d) => a * d, 1);
    if (n.role === 'theta') theta += size;
    else w += size;
    if (perturbed.has(n.id)) updatable += size;
  }
  return { theta, w, updatable };
}

/** Why a mode has nothing to update in a model (the paper's SKIP rows). */
function noUpdateReason(graph: Graph, mode: string): string {
  const hasTheta = graph.nodes.some((n) => n.kind === 'Param' && n.role === 'theta');
  if (mode === 'theta_only') return `model '${graph.meta.name}' has no routing (theta) parameters`;
  if (mode === 'w_inactive_only') return `model '${graph.meta.name}' has no W units that a hard gate or top-1 router can switch off${hasTheta ? ' (soft routing keeps every unit active)' : ''}`;
  return `model '${graph.meta.name}' has neither theta parameters nor switchable W units`;
}
