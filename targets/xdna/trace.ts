// Chrome trace-event export of a simulator run (the `{"traceEvents": [...]}` JSON that Perfetto
// and chrome://tracing open). One process per grid column, one thread per tile lane (a tile's
// core or DMA threads, and one lane per outgoing FIFO channel); complete events for compute,
// DMA, transfers, stalls and publishes, instants for stream marks, counters for FIFO occupancy.
// Times are microseconds from cycles and the grid clock. Needs a run with `trace: true`.
import { tileLabel, type SimProgram, type SimResult, type SimSpan } from './sim/index.ts';

/** One Chrome trace event (the subset of fields tilegate writes). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'i' | 'C' | 'M';
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly s?: 't';
  readonly args?: Readonly<Record<string, string | number>>;
}

/** The whole trace document. */
export interface ChromeTrace {
  readonly traceEvents: readonly TraceEvent[];
  readonly displayTimeUnit: 'ns';
  readonly otherData: Readonly<Record<string, string | number>>;
}

/** Lane -> (pid, tid) placement: pid = column, tid = row * 100 + the lane's index on its tile. */
function placeLanes(program: SimProgram, lanes: NonNullable<SimResult['timeline']>['lanes']): { pid: number; tid: number }[] {
  const perTile = new Map<number, number>();
  return lanes.map((l) => {
    const t = program.tiles[l.tile];
    const k = perTile.get(l.tile) ?? 0;
    perTile.set(l.tile, k + 1);
    return { pid: t?.col ?? 0, tid: (t?.row ?? 0) * 100 + k };
  });
}

/** Builds the trace of a traced run; an untraced run gives only the metadata events. */
export function chromeTrace(program: SimProgram, result: SimResult): ChromeTrace {
  const us = (cycles: number): number => (cycles / result.clockHz) * 1e6;
  const tl = result.timeline;
  const lanes = tl?.lanes ?? [];
  const place = placeLanes(program, lanes);
  const maxRow = Math.max(0, ...program.tiles.map((t) => t.row));
  const events: TraceEvent[] = [];
  const cols = [...new Set(program.tiles.map((t) => t.col))].sort((a, b) => a - b);
  for (const c of cols) {
    events.push({ name: 'process_name', ph: 'M', ts: 0, pid: c, tid: 0, args: { name: `column ${c}` } });
    events.push({ name: 'process_sort_index', ph: 'M', ts: 0, pid: c, tid: 0, args: { sort_index: c } });
  }
  lanes.forEach((l, i) => {
    const t = program.tiles[l.tile];
    const p = place[i];
    if (!t || !p) return;
    const name = `${tileLabel(t)} ${t.role} ${l.name}`;
    events.push({ name: 'thread_name', ph: 'M', ts: 0, pid: p.pid, tid: p.tid, args: { name } });
    // Compute rows first, shim last, as in the grid picture.
    events.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid: p.pid, tid: p.tid, args: { sort_index: (maxRow - t.row) * 100 + (p.tid % 100) } });
  });
  for (const s of tl?.spans ?? []) events.push(spanEvent(s, place, us));
  for (const m of tl?.instants ?? []) {
    const p = place[m.lane];
    if (p) events.push({ name: m.name, ph: 'i', s: 't', ts: us(m.cycle), pid: p.pid, tid: p.tid, cat: 'mark' });
  }
  for (const c of tl?.counters ?? []) {
    const t = program.tiles[c.tile];
    events.push({ name: `fifo ${c.fifo}`, ph: 'C', ts: us(c.cycle), pid: t?.col ?? 0, tid: 0, args: { occupancy: c.occupancy } });
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ns',
    otherData: { program: result.program, clockHz: result.clockHz, totalCycles: result.totalCycles },
  };
}

function spanEvent(s: SimSpan, place: readonly { pid: number; tid: number }[], us: (c: number) => number): TraceEvent {
  const p = place[s.lane] ?? { pid: 0, tid: 0 };
  return { name: s.name, ph: 'X', cat: s.cat, ts: us(s.start), dur: us(s.end) - us(s.start), pid: p.pid, tid: p.tid, args: { cycles: s.end - s.start } };
}

/** The trace as JSON text (compact: traces get large). */
export function chromeTraceJson(program: SimProgram, result: SimResult): string {
  return JSON.stringify(chromeTrace(program, result));
}
