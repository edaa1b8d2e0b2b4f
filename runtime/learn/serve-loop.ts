// The two loops of learning while serving, one per thread role. The server claims requests in
// stream order, pins the newest snapshot, runs the interpreter on it (anneal gates read the
// snapshot's step counter) and reports the output with the snapshot's version. The learner
// keeps a private training copy, takes forward-gradient steps on served samples and publishes
// every sync_every steps (paper 5.7: w_serve <- w_train). Pacing: spec/adapt.md 3.
import { computeTangentPlan } from '../../compiler/passes/jvp.ts';
import { runGraph } from '../interpreter/run-graph.ts';
import type { InputSet, ParamSet, Tensor } from '../interpreter/types.ts';
import { forwardGradientStep } from './forward-gradient.ts';
import { COORD, ioNames, type LearnerMessage, type LearnerRole, type ServerMessage, type ServerRole, type SharedStream } from './protocol.ts';
import { copyParams, SnapshotStore } from './snapshot-store.ts';

/** How long one wait on a coordination word may block before re-checking for abort (ms). */
const WAIT_MS = 20;

/** Samples [start, start + count) of the shared stream (wrapping), as interpreter inputs. */
export function streamBatch(s: SharedStream, start: number, count: number): { x: Tensor; t: Tensor } {
  const xs = new Float64Array(s.x);
  const ts = new Float64Array(s.t);
  const x = new Float64Array(count * s.features);
  const t = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const i = (start + k) % s.n;
    x.set(xs.subarray(i * s.features, (i + 1) * s.features), k * s.features);
    t[k] = ts[i]!;
  }
  return { x: { shape: [count, s.features], data: x }, t: { shape: [count], data: t } };
}

/** Serves requests until none are left (or the run aborts). */
export function serveLoop(role: ServerRole, post: (m: ServerMessage, transfer?: ArrayBuffer[]) => void): void {
  const coord = new Int32Array(role.coord);
  const store = SnapshotStore.attach(role.store);
  const { input, output } = ioNames(role.graph);
  if (!input || !output) throw new Error('serveLoop: the model needs an input and a prediction output');
  for (;;) {
    const r = Atomics.add(coord, COORD.NEXT_REQUEST, 1);
    if (r >= role.requests || Atomics.load(coord, COORD.ABORT) !== 0) break;
    const start = r * role.requestSize;
    if (role.pace) {
      // A request arrives once the learner is within `lookahead` samples of it.
      for (;;) {
        const done = Atomics.load(coord, COORD.STEPS_DONE);
        if (start < done * role.batch + role.lookahead || Atomics.load(coord, COORD.ABORT) !== 0) break;
        Atomics.wait(coord, COORD.STEPS_DONE, done, WAIT_MS);
      }
    }
    const t0 = performance.now();
    const b = streamBatch(role.stream, start, role.requestSize);
    const lease = store.acquire();
    const intact = role.verify ? store.verify(lease) : true;
    const run = runGraph(role.graph, lease.params, { [input]: b.x }, { format: role.format, gateStep: lease.step, outputs: [output] });
    lease.release();
    if (run.diagnostics.length > 0) {
      Atomics.store(coord, COORD.ABORT, 1);
      post({ kind: 'error', diagnostics: run.diagnostics });
      return;
    }
    const y = Float64Array.from(run.outputs.get(output)?.data ?? []);
    post({ kind: 'served', server: role.id, request: r, start, count: role.requestSize, version: lease.version, step: lease.step, checksum: lease.checksum, intact, outputs: y, ms: performance.now() - t0 }, [y.buffer]);
    Atomics.store(coord, COORD.FLAGS + r, 1);
    Atomics.add(coord, COORD.REQUESTS_DONE, 1);
    Atomics.notify(coord, COORD.REQUESTS_DONE);
  }
  post({ kind: 'done' });
}

/** Blocks until every request covering stream samples [from, to) has been served. */
function waitServed(role: LearnerRole, coord: Int32Array, from: number, to: number): boolean {
  const first = Math.floor(from / role.requestSize);
  const last = Math.min(role.requests - 1, Math.floor((to - 1) / role.requestSize));
  for (let r = first; r <= last; r++) {
    while (Atomics.load(coord, COORD.FLAGS + r) === 0) {
      if (Atomics.load(coord, COORD.ABORT) !== 0) return false;
      Atomics.wait(coord, COORD.REQUESTS_DONE, Atomics.load(coord, COORD.REQUESTS_DONE), WAIT_MS);
    }
  }
  return true;
}

/** Runs the learner: `steps` forward-gradient steps, publishing every `syncEvery` and after the last. */
export function learnLoop(role: LearnerRole, post: (m: LearnerMessage, transfer?: ArrayBuffer[]) => void): void {
  const coord = new Int32Array(role.coord);
  const store = SnapshotStore.attach(role.store);
  const { input, label } = ioNames(role.graph);
  const planned = computeTangentPlan(role.graph, role.mode);
  if (!input || !label || !planned.plan) {
    Atomics.store(coord, COORD.ABORT, 1);
    post({ kind: 'error', diagnostics: planned.diagnostics });
    return;
  }
  const start = store.acquire();
  let params: ParamSet = copyParams(start.params);
  start.release();
  for (let s = 0; s < role.steps; s++) {
    if (role.pace && !waitServed(role, coord, s * role.batch, (s + 1) * role.batch)) break;
    if (Atomics.load(coord, COORD.ABORT) !== 0) break;
    const b = streamBatch(role.stream, s * role.batch, role.batch);
    const inputs: InputSet = { [input]: b.x };
    const r = forwardGradientStep(role.graph, params, inputs, { [label]: b.t }, { format: role.format, mode: role.mode, perturbations: role.perturbations, seed: role.seed, lr: role.lr, step: s, plan: planned.plan });
    if (r.diagnostics.length > 0) {
      Atomics.store(coord, COORD.ABORT, 1);
      post({ kind: 'error', diagnostics: r.diagnostics });
      return;
    }
    params = r.newParams;
    post({ kind: 'step', step: s + 1, loss: r.loss, activationRatio: r.stats.activationRatio, inactiveRatio: r.stats.inactiveRatio, perturbedElements: r.stats.perturbedElements });
    // Mode none (A) learns nothing, so it never publishes: serving stays on version 0.
    if (role.mode !== 'none' && ((s + 1) % role.syncEvery === 0 || s + 1 === role.steps)) publish(store, params, s + 1, post);
    Atomics.store(coord, COORD.STEPS_DONE, s + 1);
    Atomics.notify(coord, COORD.STEPS_DONE);
  }
  post({ kind: 'done' });
}

/** Publishes the training copy and sends the main thread a copy of it for the record. */
function publish(store: SnapshotStore, params: ParamSet, step: number, post: (m: LearnerMessage, transfer?: ArrayBuffer[]) => void): void {
  const info = store.publish(params, step);
  const { layout } = store.shared;
  const data = new Float64Array(layout.size);
  layout.names.forEach((name, i) => data.set(params.get(name)?.data ?? [], layout.offsets[i]!));
  post({ kind: 'published', ...info, data }, [data.buffer]);
}
