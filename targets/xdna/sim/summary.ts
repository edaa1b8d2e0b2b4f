// Turns the SimMachine's counters at the end of a run into the SimResult: per-tile cycles,
// utilization and traffic, per-FIFO and per-stream figures, publications and the timeline.
import type { GridDesc } from '../grid.ts';
import { clockHz } from './cost.ts';
import type { FifoState } from './fifo-state.ts';
import type { LinkedProgram } from './link.ts';
import type { Recorder } from './recorder.ts';
import type { SimPublication, SimResult, SimStreamStats, SimTileStats } from './result.ts';

/** The machine state a summary reads. */
export interface MachineCounters {
  readonly lp: LinkedProgram;
  readonly grid: GridDesc;
  readonly completed: boolean;
  readonly totalCycles: number;
  readonly events: number;
  readonly computeCycles: Float64Array;
  /** Per thread. */
  readonly stall: Float64Array;
  readonly rec: Recorder;
  readonly fifos: readonly FifoState[];
  readonly streamCount: Float64Array;
  readonly streamFirst: Float64Array;
  readonly streamLast: Float64Array;
  readonly publications: readonly SimPublication[];
  readonly versionMixes: number;
}

/** Builds the result of a run. */
export function summarize(m: MachineCounters): SimResult {
  const total = m.totalCycles;
  const hz = clockHz(m.grid);
  const stallByTile = new Float64Array(m.lp.program.tiles.length);
  m.lp.threads.forEach((th, k) => {
    stallByTile[th.tile] = (stallByTile[th.tile] as number) + (m.stall[k] as number);
  });
  const tiles: SimTileStats[] = m.lp.program.tiles.map((t, i) => {
    const dmaCycles = m.rec.dmaUnion(i);
    const computeCycles = m.computeCycles[i] as number;
    const busyCycles = t.kind === 'compute' ? computeCycles : dmaCycles;
    return {
      id: t.id, col: t.col, row: t.row, kind: t.kind, role: t.role,
      computeCycles, dmaCycles, busyCycles, stallCycles: stallByTile[i] as number,
      utilization: total > 0 ? busyCycles / total : 0,
      dmaBytesIn: m.rec.bytesIn[i] as number,
      dmaBytesOut: m.rec.bytesOut[i] as number,
    };
  });
  const streams: SimStreamStats[] = m.lp.streams.map((name, s) => {
    const count = m.streamCount[s] as number;
    const first = m.streamFirst[s] as number;
    const last = m.streamLast[s] as number;
    return { name, count, firstCycle: first >= 0 ? first : null, lastCycle: last >= 0 ? last : null, perSecond: last > 0 ? (count * hz) / last : 0 };
  });
  const timeline = m.rec.timeline();
  return {
    program: m.lp.program.name, completed: m.completed, totalCycles: total, clockHz: hz, seconds: total / hz,
    events: m.events, tiles, fifos: m.fifos.map((f) => f.stats()), streams, publications: [...m.publications],
    versionMixes: m.versionMixes, ...(timeline ? { timeline } : {}),
  };
}
