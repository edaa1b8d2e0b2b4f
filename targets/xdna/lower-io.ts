// Shim-tile threads of the xdna lowering: the DDR parameter streams of columns whose memory tile
// cannot hold their parameters, the inference entry (adopt the newest snapshot, bring a batch
// in) and drain (predictions out, one `inference` mark per item), and the host optimizer on the
// learning head shim: samples in, per-pass loss tangents out, the update (one `gradient` mark
// per step) with its copies to the training weights, and a snapshot publish every sync_every.
import type { Graph } from '../../ir/graph.ts';
import { T, type ProgramBuilder } from './lower-builder.ts';
import { feedChunks, paramSource } from './lower-memory.ts';
import { findRoute, type RoleSchedule } from './lower-schedule.ts';
import type { SimTask } from './sim/index.ts';

/** The snapshot serving reads and the host optimizer publishes. */
export const SNAPSHOT = 'params';

/** Adds the DDR parameter-stream threads of side `s`: one per column whose weights stream from DDR through a FIFO. */
export function lowerParamStreams(b: ProgramBuilder, s: RoleSchedule, items: number): void {
  for (const col of s.layout.columns) {
    const src = paramSource(b, s, col);
    if (src.kind !== 'fifo') continue;
    const body: SimTask[] = [];
    for (const e of s.events) {
      if (e.kind !== 'compute') continue;
      for (const c of feedChunks(b, s, col, e.op)) {
        body.push(T.acq(src.fifo, 'produce'), { kind: 'dma', bytes: c.bytes, route: ['ddr', `c${col}r0`], label: 'weights from DDR' }, T.rel(src.fifo, 'produce'));
      }
    }
    b.thread(col, 0, 'io', `${s.prefix}-params`, T.loop(items, T.loop(s.passes, body)));
  }
}

/** Head-column FIFOs of a side: samples in, outputs out. */
function headFifos(b: ProgramBuilder, s: RoleSchedule): { col: number; samples: string; outputs: string } {
  const col = s.info.headColumn;
  const sr = findRoute(b.plan, s.role, 'samples', `c${col}r0`, `c${col}r1`);
  const or = findRoute(b.plan, s.role, 'outputs', `c${col}r1`, `c${col}r0`);
  if (!sr || !or) throw new Error(`lower: the ${s.role} head column ${col} lacks its samples or outputs route`);
  return { col, samples: b.use(sr, s.samplesBytes), outputs: b.use(or, s.outputBytes) };
}

/** Adds the inference entry and drain threads on the inference head shim. */
export function lowerInferenceIo(b: ProgramBuilder, s: RoleSchedule, items: number): void {
  const { col, samples, outputs } = headFifos(b, s);
  const shim = `c${col}r0`;
  const sample = b.kernel(`sample:${shim}:${s.prefix}`, { kind: 'sample', role: s.role, fifo: samples });
  const record = b.kernel(`record:${shim}`, { kind: 'record', fifo: outputs });
  const entry: SimTask[] = [
    { kind: 'adopt', snapshot: SNAPSHOT },
    T.acq(samples, 'produce'),
    { kind: 'dma', bytes: s.samplesBytes, route: ['ddr', shim], label: 'batch from DDR' },
    { kind: 'fill', kernel: sample },
    T.rel(samples, 'produce'),
  ];
  const drain: SimTask[] = [
    T.acq(outputs, 'consume'),
    { kind: 'dma', bytes: s.outputBytes, route: [shim, 'ddr'], label: 'predictions to DDR' },
    { kind: 'fill', kernel: record },
    T.rel(outputs, 'consume'),
    { kind: 'mark', stream: 'inference' },
  ];
  b.thread(col, 0, 'io', 'entry', T.loop(items, entry));
  b.thread(col, 0, 'io', 'drain', T.loop(items, drain));
}

/** Elements of every parameter the learn mode perturbs. */
function perturbedElements(graph: Graph, s: RoleSchedule): number {
  let n = 0;
  for (const id of s.tangentPlan?.perturbed.keys() ?? []) {
    const p = graph.nodes[id];
    if (p?.kind === 'Param') n += p.shape.reduce((a, d) => a * d, 1);
  }
  return n;
}

/** Copies of the updated training weights after a step: memory-tile training copies and resident L1 slices. */
function updateCopies(b: ProgramBuilder, s: RoleSchedule, graph: Graph): SimTask[] {
  const trainable = new Set(s.tangentPlan?.perturbed.keys() ?? []);
  const tasks: SimTask[] = [];
  for (const col of s.layout.columns) {
    const mem = b.plan.memTiles.find((m) => m.col === col);
    if (mem?.params === 'memtile' && mem.trainingCopyBytes > 0) {
      tasks.push({ kind: 'dma', bytes: mem.trainingCopyBytes, route: ['ddr', `c${col}r0`, `c${col}r1`], label: 'update training copy' });
    }
  }
  for (const t of s.tiles) {
    let bytes = 0;
    for (const a of t.assignments) {
      const n = graph.nodes[a.node];
      if (a.residency === 'resident' && n?.kind === 'Dense' && trainable.has(n.weight)) bytes += a.weightBytes;
    }
    if (bytes > 0) tasks.push({ kind: 'dma', bytes, route: ['ddr', `c${t.col}r0`, `c${t.col}r1`, t.id], label: 'update resident weights' });
  }
  return tasks;
}

/** The publish of a new serving snapshot: each inference column's parameters and resident slices. */
function publishTask(b: ProgramBuilder, serve: RoleSchedule): SimTask {
  const transfers: { bytes: number; route: string[] }[] = [];
  for (const col of serve.layout.columns) {
    const mem = b.plan.memTiles.find((m) => m.col === col);
    if (mem && mem.snapshotBytes > 0) transfers.push({ bytes: mem.snapshotBytes, route: ['ddr', `c${col}r0`, `c${col}r1`] });
  }
  for (const t of serve.tiles) {
    const bytes = t.assignments.reduce((sum, a) => sum + (a.residency === 'resident' ? a.weightBytes : 0), 0);
    if (bytes > 0) transfers.push({ bytes, route: ['ddr', `c${t.col}r0`, `c${t.col}r1`, t.id] });
  }
  const kernel = b.kernel('publish', { kind: 'publish' });
  return { kind: 'publish', snapshot: SNAPSHOT, transfers, kernel };
}

/** Adds the host optimizer thread on the learning head shim. */
export function lowerHost(b: ProgramBuilder, learn: RoleSchedule, serve: RoleSchedule | undefined, graph: Graph, steps: number, syncEvery: number): void {
  const { col, samples, outputs } = headFifos(b, learn);
  const shim = `c${col}r0`;
  const sample = b.kernel(`sample:${shim}:${learn.prefix}`, { kind: 'sample', role: learn.role, fifo: samples });
  const accumulate = b.kernel(`accumulate:${shim}`, { kind: 'accumulate', fifo: outputs });
  const update = b.kernel('update', { kind: 'update' });
  const step: SimTask[] = [
    T.acq(samples, 'produce'),
    { kind: 'dma', bytes: learn.samplesBytes, route: ['ddr', shim], label: 'batch from DDR' },
    { kind: 'fill', kernel: sample },
    T.rel(samples, 'produce'),
    ...T.loop(learn.passes, [T.acq(outputs, 'consume'), { kind: 'fill', kernel: accumulate }, T.rel(outputs, 'consume')]),
    { kind: 'compute', macs: perturbedElements(graph, learn) * (learn.passes + 1), format: 'f32', kernel: update, label: 'estimate + update' },
    { kind: 'mark', stream: 'gradient' },
    ...updateCopies(b, learn, graph),
  ];
  const every = Math.max(1, syncEvery);
  const full = Math.floor(steps / every);
  const tasks: SimTask[] = serve ? T.loop(full, [...T.loop(every, step), publishTask(b, serve)]) : T.loop(full, T.loop(every, step));
  tasks.push(...T.loop(steps - full * every, step));
  b.thread(col, 0, 'host-optimizer', 'host', tasks);
}
