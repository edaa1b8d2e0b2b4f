// Learning while serving with real concurrency: the main thread publishes the starting
// parameters as snapshot version 0, then one learner thread and N server threads run over a
// stream held in shared memory (serve-loop.ts). Every served output comes back tagged with the
// snapshot version it was computed with; the learner's publications come back as copies, so
// any served output can be replayed later (replayServed). Spec: spec/adapt.md 3.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { Graph } from '../../ir/graph.ts';
import type { LearnMode, NumericFormat } from '../../ir/meta.ts';
import type { Samples } from '../data/dataset.ts';
import { runGraph } from '../interpreter/run-graph.ts';
import type { ParamSet, Tensor } from '../interpreter/types.ts';
import { COORD, ioNames, type LearnerMessage, type ServedRecord, type ServerMessage, type SharedStream } from './protocol.ts';
import { streamBatch } from './serve-loop.ts';
import type { Worker } from 'node:worker_threads';
import { paramLayout, SnapshotStore, type ParamLayout, type SnapshotInfo } from './snapshot-store.ts';
import { spawnRole } from './threads.ts';

/** Settings of one learn-while-serve run. */
export interface LearnWhileServeOptions {
  readonly graph: Graph;
  /** Parameters serving starts from (published as version 0). */
  readonly params: ParamSet;
  readonly format: NumericFormat;
  readonly mode: LearnMode;
  readonly perturbations: number;
  readonly seed: number;
  readonly lr: number;
  readonly syncEvery: number;
  /** Samples per learning step. */
  readonly batch: number;
  readonly steps: number;
  readonly stream: Samples;
  /** Samples per served request. */
  readonly requestSize: number;
  readonly servers: number;
  /** Couple serving to learning (default true): see spec/adapt.md 3.3. */
  readonly pace?: boolean;
  /** Samples servers may run ahead of the learner (default batch + requestSize: about one step; at least batch). */
  readonly lookahead?: number;
  /** Check each leased snapshot's checksum while serving (default true). */
  readonly verify?: boolean;
  readonly onStep?: (step: number, loss: number) => void;
}

/** A published snapshot and a copy of its parameters. */
export interface PublishedSnapshot extends SnapshotInfo {
  readonly params: ParamSet;
}

/** One learning step's facts. */
export interface StepRecord {
  readonly step: number;
  readonly loss: number;
  readonly activationRatio: number;
  readonly inactiveRatio: number;
  readonly perturbedElements: number;
}

/** Everything a run produced. */
export interface LearnWhileServeResult {
  /** Served requests in request order. */
  readonly served: readonly ServedRecord[];
  /** Every snapshot, in version order, version 0 first. */
  readonly snapshots: readonly PublishedSnapshot[];
  readonly steps: readonly StepRecord[];
  /** The newest snapshot's parameters. */
  readonly finalParams: ParamSet;
  readonly wallMs: number;
  readonly diagnostics: Diagnostic[];
}

/** Copies a split into shared memory. */
export function shareStream(s: Samples): SharedStream {
  const x = new SharedArrayBuffer(Math.max(8, s.x.length * 8));
  const t = new SharedArrayBuffer(Math.max(8, s.t.length * 8));
  new Float64Array(x).set(s.x);
  new Float64Array(t).set(s.t);
  return { x, t, n: s.n, features: s.features };
}

/** Rebuilds a parameter set from a flat copy laid out by `layout`. */
function unflatten(layout: ParamLayout, data: Float64Array): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  layout.names.forEach((name, i) => {
    const off = layout.offsets[i]!;
    const len = layout.shapes[i]!.reduce((a, d) => a * d, 1);
    out.set(name, { shape: layout.shapes[i]!, data: data.slice(off, off + len) });
  });
  return out;
}

/** Runs the learner and the servers to the end of the stream. Never throws on user errors. */
export async function learnWhileServe(o: LearnWhileServeOptions): Promise<LearnWhileServeResult> {
  const t0 = performance.now();
  const names = o.graph.nodes.flatMap((n) => (n.kind === 'Param' ? [n.name] : []));
  const layout = paramLayout(names, o.params);
  const store = SnapshotStore.create(layout, o.servers + 2);
  const v0 = store.publish(o.params, 0);
  const snapshots: PublishedSnapshot[] = [{ ...v0, params: unflatten(layout, flatten(layout, o.params)) }];
  const samples = o.steps * o.batch;
  const requests = Math.ceil(samples / o.requestSize);
  const coord = new SharedArrayBuffer((COORD.FLAGS + requests) * 4);
  const common = {
    graph: o.graph,
    store: store.shared,
    stream: shareStream(o.stream),
    coord,
    format: o.format,
    requestSize: o.requestSize,
    requests,
    batch: o.batch,
    pace: o.pace ?? true,
    // Below one batch the learner would wait for a request the servers may not yet serve.
    lookahead: Math.max(o.batch, o.lookahead ?? o.batch + o.requestSize),
  };
  const served: ServedRecord[] = [];
  const steps: StepRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const learner = spawnRole({ ...common, role: 'learner', mode: o.mode, perturbations: o.perturbations, seed: o.seed, lr: o.lr, syncEvery: o.syncEvery, steps: o.steps });
  const servers = Array.from({ length: o.servers }, (_, id) => spawnRole({ ...common, role: 'server', id, verify: o.verify ?? true }));
  // Any failure stops every thread: loops re-check the abort word at least every 20 ms.
  const abort = (): void => void Atomics.store(new Int32Array(coord), COORD.ABORT, 1);
  const fail = (ds: readonly Diagnostic[]): void => {
    diagnostics.push(...ds);
    abort();
  };
  const onLearner = (m: LearnerMessage | ServerMessage): void => {
    if (m.kind === 'step') {
      steps.push({ step: m.step, loss: m.loss, activationRatio: m.activationRatio, inactiveRatio: m.inactiveRatio, perturbedElements: m.perturbedElements });
      o.onStep?.(m.step, m.loss);
    } else if (m.kind === 'published') snapshots.push({ version: m.version, step: m.step, checksum: m.checksum, params: unflatten(layout, m.data) });
    else if (m.kind === 'error') fail(m.diagnostics);
  };
  const onServer = (m: LearnerMessage | ServerMessage): void => {
    if (m.kind === 'served') served.push(m);
    else if (m.kind === 'error') fail(m.diagnostics);
  };
  try {
    await Promise.all([finished(learner, onLearner, fail), ...servers.map((w) => finished(w, onServer, fail))]);
  } finally {
    await Promise.all([learner, ...servers].map((w) => w.terminate()));
  }
  served.sort((a, b) => a.request - b.request);
  snapshots.sort((a, b) => a.version - b.version);
  const last = snapshots[snapshots.length - 1] as PublishedSnapshot;
  return { served, snapshots, steps, finalParams: last.params, wallMs: performance.now() - t0, diagnostics };
}

/** Resolves when a worker says done or error, fails, or exits; a failure or an exit without 'done' is E4705. */
function finished(w: Worker, onMessage: (m: LearnerMessage | ServerMessage) => void, fail: (ds: readonly Diagnostic[]) => void): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    w.on('message', (m: LearnerMessage | ServerMessage) => {
      onMessage(m);
      if (m.kind === 'done' || m.kind === 'error') {
        done = true;
        resolve();
      }
    });
    w.on('error', (e) => {
      done = true;
      fail([{ code: 'E4705', severity: 'error', message: `worker thread failed: ${e.message}` }]);
      resolve();
    });
    w.on('exit', (code) => {
      if (!done) fail([{ code: 'E4705', severity: 'error', message: `worker thread exited (code ${code}) before finishing` }]);
      resolve();
    });
  });
}

/** Flat copy of a parameter set in layout order. */
function flatten(layout: ParamLayout, p: ParamSet): Float64Array {
  const data = new Float64Array(layout.size);
  layout.names.forEach((name, i) => data.set(p.get(name)?.data ?? [], layout.offsets[i]!));
  return data;
}

/** Result of replaying served requests on their recorded snapshots. */
export interface ReplayCheck {
  readonly checked: number;
  /** Requests whose replayed output equals the served output bit for bit. */
  readonly identical: number;
  /** Requests whose recorded version has no snapshot, or whose checksum differs from it. */
  readonly unknownVersion: number;
}

/** Replays served requests (all, or those picked by `which`) on their snapshot versions and compares bits. */
export function replayServed(graph: Graph, format: NumericFormat, stream: Samples, served: readonly ServedRecord[], snapshots: readonly PublishedSnapshot[], which: (r: ServedRecord) => boolean = () => true): ReplayCheck {
  const byVersion = new Map(snapshots.map((s) => [s.version, s]));
  const { input, output } = ioNames(graph);
  const shared = shareStream(stream);
  let checked = 0;
  let identical = 0;
  let unknownVersion = 0;
  for (const r of served) {
    if (!which(r)) continue;
    checked++;
    const snap = byVersion.get(r.version);
    if (!snap || snap.checksum !== r.checksum || !input || !output) {
      unknownVersion++;
      continue;
    }
    const b = streamBatch(shared, r.start, r.count);
    const y = runGraph(graph, snap.params, { [input]: b.x }, { format, gateStep: snap.step, outputs: [output] }).outputs.get(output)?.data;
    if (y && sameBits(y, r.outputs)) identical++;
  }
  return { checked, identical, unknownVersion };
}

/** Bit equality of two f64 arrays (NaN payloads and signed zeros included). */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
  return true;
}
