// Explains why a SimMachine stopped with unfinished threads: builds the wait-for graph (a
// thread blocked on a FIFO waits for the threads on the other side of that FIFO) and reports
// each cycle of waits as E3301, naming tiles, FIFOs, sides and depths, and each wait on a
// thread that already finished as E3302.
import type { Diagnostic } from '../../../ir/diagnostics.ts';
import type { FifoState } from './fifo-state.ts';
import type { LinkedProgram } from './link.ts';
import { tileLabel, type SimTile } from './program.ts';

/** What a blocked thread waits for. */
export interface BlockedOn {
  readonly fifo: number;
  /** -1: the producer waits for an empty buffer; c >= 0: consumer c waits for a full one. */
  readonly consumer: number;
  readonly count: number;
}

interface Edge {
  readonly to: number;
  readonly fifo: number;
  readonly consumer: number;
}

const MAX_REPORTS = 8;

/** Diagnostics for every wait cycle and every wait on a finished thread. */
export function explainStall(
  lp: LinkedProgram,
  fifos: readonly FifoState[],
  done: Uint8Array,
  blockedOf: (thread: number) => BlockedOn | undefined,
): Diagnostic[] {
  const users = fifoUsers(lp);
  const edges = lp.threads.map((_, t) => waitEdges(t, blockedOf(t), fifos, users));
  const name = (t: number): string => threadName(lp, t);
  const out: Diagnostic[] = [];
  for (const cyc of findCycles(edges, done)) {
    const parts = cyc.map((e, i) => {
      const from = i === 0 ? `tile ${name(cyc[cyc.length - 1]?.to ?? 0)}` : 'which';
      return `${from} ${waitPhrase(fifos, e)} tile ${name(e.to)}`;
    });
    out.push({
      code: 'E3301',
      severity: 'error',
      message: `deadlock: ${parts.join(', ')}`,
      hint: 'deepen one FIFO on the cycle or reorder the acquires so that some tile can always proceed',
    });
  }
  edges.forEach((es, t) => {
    const b = blockedOf(t);
    if (b !== undefined && es.length === 0 && done[t] !== 1) out.push(orphanWait(lp, fifos, t, b));
    for (const e of es) {
      if (done[e.to] !== 1) continue;
      const f = fifos[e.fifo] as FifoState;
      const count = e.consumer < 0 ? `consumed ${f.minFreed()}` : `produced ${f.released}`;
      out.push({
        code: 'E3302',
        severity: 'error',
        message: `starved: tile ${name(t)} ${waitPhrase(fifos, e)} tile ${name(e.to)}, which finished after it ${count} buffer(s)`,
        hint: 'the loop counts of the producer and consumer sides of the fifo must match',
      });
    }
  });
  if (out.length === 0) {
    out.push({ code: 'E3301', severity: 'error', message: `deadlock in '${lp.program.name}': threads are blocked on FIFOs with no thread able to release them` });
  }
  return out.slice(0, MAX_REPORTS);
}

/** A blocked thread whose FIFO has no thread at all on the other side. */
function orphanWait(lp: LinkedProgram, fifos: readonly FifoState[], t: number, b: BlockedOn): Diagnostic {
  const f = fifos[b.fifo] as FifoState;
  const other = b.consumer >= 0 ? [f.linked.producer] : f.linked.consumers;
  const tiles = other.map((i) => `tile ${tileLabel(lp.program.tiles[i] as SimTile)}`).join(', ');
  const side = b.consumer >= 0 ? 'full' : 'empty';
  const verb = b.consumer >= 0 ? 'produces into' : 'consumes from';
  return {
    code: 'E3302',
    severity: 'error',
    message: `starved: tile ${threadName(lp, t)} waits for ${side} buffer on fifo ${f.def.id} (depth ${f.def.depth}), but no thread of ${tiles} ${verb} it`,
    hint: 'give the other end of the fifo a thread that acquires and releases it',
  };
}

/** `waits for full buffer on fifo x (depth 2) produced by` and its producer-side mirror. */
function waitPhrase(fifos: readonly FifoState[], e: Edge): string {
  const f = fifos[e.fifo] as FifoState;
  const d = `fifo ${f.def.id} (depth ${f.def.depth})`;
  return e.consumer >= 0 ? `waits for full buffer on ${d} produced by` : `waits for empty buffer on ${d} consumed by`;
}

/** Thread indices that touch each (fifo, side), keyed `fifo:consumer` (consumer -1 = producer). */
function fifoUsers(lp: LinkedProgram): Map<string, number[]> {
  const users = new Map<string, number[]>();
  lp.threads.forEach((th, t) => {
    for (const ins of th.code) {
      if (ins.kind !== 'acquire' && ins.kind !== 'release') continue;
      const key = `${ins.fifo}:${ins.consumer}`;
      const list = users.get(key) ?? [];
      if (!list.includes(t)) list.push(t);
      users.set(key, list);
    }
  });
  return users;
}

/** Threads that must act before blocked thread `t` can: the other side of its FIFO. */
function waitEdges(t: number, b: BlockedOn | undefined, fifos: readonly FifoState[], users: Map<string, number[]>): Edge[] {
  if (b === undefined) return [];
  const f = fifos[b.fifo] as FifoState;
  if (b.consumer >= 0) return (users.get(`${b.fifo}:-1`) ?? []).map((to) => ({ to, fifo: b.fifo, consumer: b.consumer }));
  const out: Edge[] = [];
  f.freed.forEach((freed, c) => {
    // Only consumers that still hold back buffers block the producer.
    if (f.produced + b.count - freed <= f.def.depth) return;
    for (const to of users.get(`${b.fifo}:${c}`) ?? []) out.push({ to, fifo: b.fifo, consumer: -1 });
  });
  return out;
}

/** Distinct elementary cycles among blocked threads, each as its edges in order. */
function findCycles(edges: readonly Edge[][], done: Uint8Array): Edge[][] {
  const found: Edge[][] = [];
  const seen = new Set<string>();
  const colour = new Uint8Array(edges.length);
  const stack: Edge[] = [];
  const onStack: number[] = [];
  const visit = (t: number): void => {
    colour[t] = 1;
    onStack.push(t);
    for (const e of edges[t] ?? []) {
      if (done[e.to] === 1) continue;
      stack.push(e);
      if (colour[e.to] === 1) recordCycle(e.to);
      else if (colour[e.to] === 0) visit(e.to);
      stack.pop();
      if (found.length >= MAX_REPORTS) break;
    }
    onStack.pop();
    colour[t] = 2;
  };
  const recordCycle = (start: number): void => {
    const at = onStack.indexOf(start);
    const cyc = stack.slice(at);
    const key = onStack.slice(at).slice().sort((a, b) => a - b).join(',');
    if (!seen.has(key)) {
      seen.add(key);
      found.push(cyc);
    }
  };
  for (let t = 0; t < edges.length; t++) if (colour[t] === 0 && done[t] !== 1) visit(t);
  return found;
}

/** `(c,r)`, or `(c,r)/name` when the tile runs several threads. */
function threadName(lp: LinkedProgram, t: number): string {
  const th = lp.threads[t];
  if (!th) return '?';
  const tile = lp.program.tiles[th.tile] as SimTile;
  return tile.threads.length > 1 ? `${tileLabel(tile)}/${th.name}` : tileLabel(tile);
}
