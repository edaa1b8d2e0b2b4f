// Unit tests of the Chrome trace export of a simulator run: structure (every event has name,
// ph, ts, pid, tid; durations >= 0; a JSON round trip), placement (pid = column, a named
// thread for every lane used) and timing (microseconds from cycles and the clock).
import { describe, expect, it } from 'vitest';
import { GRID_PRESETS, type GridDesc } from '../../targets/xdna/grid.ts';
import { runProgram, type SimProgram, type SimTask } from '../../targets/xdna/sim/index.ts';
import { chromeTrace, chromeTraceJson, type TraceEvent } from '../../targets/xdna/trace.ts';

const FLAT: GridDesc = {
  ...GRID_PRESETS.xdna2,
  arith: { ...GRID_PRESETS.xdna2.arith, kernelOverheadCycles: 0 },
  dma: { ...GRID_PRESETS.xdna2.dma, dmaSetupCycles: 0, streamHopLatencyCycles: 0 },
};
const loop = (repeat: number, ...body: SimTask[]): SimTask => ({ kind: 'loop', repeat, body });

const PROGRAM: SimProgram = {
  name: 'traced',
  tiles: [
    { id: 'mem', col: 1, row: 1, kind: 'memory', role: 'memory', threads: [{ name: 'feed', tasks: [loop(4, { kind: 'acquire', fifo: 'w', side: 'produce' }, { kind: 'release', fifo: 'w', side: 'produce' })] }] },
    {
      id: 'cpu', col: 1, row: 2, kind: 'compute', role: 'inference',
      threads: [{ name: 'core', tasks: [loop(4, { kind: 'acquire', fifo: 'w', side: 'consume' }, { kind: 'compute', macs: 256 * 300, format: 'bf16', label: 'matvec' }, { kind: 'release', fifo: 'w', side: 'consume' }, { kind: 'mark', stream: 'inference' })] }],
    },
  ],
  fifos: [{ id: 'w', producer: 'mem', consumers: ['cpu'], depth: 2, bufferBytes: 400, transfer: 'dma' }],
};

describe('chrome trace', () => {
  const run = runProgram(PROGRAM, FLAT, { trace: true });
  const result = run.result;
  if (!result) throw new Error('run failed');
  const trace = chromeTrace(PROGRAM, result);

  it('is valid trace-event JSON', () => {
    const parsed = JSON.parse(chromeTraceJson(PROGRAM, result)) as { traceEvents: TraceEvent[] };
    expect(parsed.traceEvents.length).toBe(trace.traceEvents.length);
    for (const e of parsed.traceEvents) {
      expect(typeof e.name).toBe('string');
      expect(['X', 'i', 'C', 'M']).toContain(e.ph);
      expect(Number.isFinite(e.ts)).toBe(true);
      expect(Number.isInteger(e.pid)).toBe(true);
      expect(Number.isInteger(e.tid)).toBe(true);
      if (e.ph === 'X') expect(e.dur).toBeGreaterThanOrEqual(0);
    }
  });

  it('names a thread for every lane an event uses, with pid = column', () => {
    const named = new Set(trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => `${e.pid}:${e.tid}`));
    for (const e of trace.traceEvents.filter((x) => x.ph === 'X' || x.ph === 'i')) expect(named.has(`${e.pid}:${e.tid}`)).toBe(true);
    expect(trace.traceEvents.filter((e) => e.ph === 'X').every((e) => e.pid === 1)).toBe(true);
    const names = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args?.['name']);
    expect(names).toEqual(['(1,1) memory feed', '(1,2) inference core', '(1,1) memory dma w']);
  });

  it('places compute, transfers, stalls and marks in time (microseconds)', () => {
    const us = (cycles: number): number => (cycles / 1.5e9) * 1e6;
    const compute = trace.traceEvents.filter((e) => e.cat === 'compute');
    expect(compute.map((e) => e.name)).toEqual(['matvec', 'matvec', 'matvec', 'matvec']);
    expect(compute[0]?.ts).toBeCloseTo(us(100), 9);
    expect(compute[0]?.dur).toBeCloseTo(us(300), 9);
    const transfers = trace.traceEvents.filter((e) => e.cat === 'transfer');
    expect(transfers.length).toBe(4);
    expect(transfers[0]?.dur).toBeCloseTo(us(100), 9);
    expect(trace.traceEvents.filter((e) => e.cat === 'stall' && e.name === 'wait full w').length).toBe(1);
    expect(trace.traceEvents.filter((e) => e.ph === 'i' && e.name === 'inference').length).toBe(4);
    expect(trace.traceEvents.some((e) => e.ph === 'C' && e.name === 'fifo w')).toBe(true);
  });
});
