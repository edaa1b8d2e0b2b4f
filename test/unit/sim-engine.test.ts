// Unit tests of the tile-grid simulator engine: the timing model (compute, DMA, overlap under
// double buffering), FIFO lock semantics, functional data flow through FIFO buffers, snapshot
// publication hooks, and the static and run-time diagnostics.
import { describe, expect, it } from 'vitest';
import { GRID_PRESETS, type GridDesc } from '../../targets/xdna/grid.ts';
import { runProgram, type KernelContext, type SimFifo, type SimProgram, type SimTask, type SimTile } from '../../targets/xdna/sim/index.ts';

const XDNA2 = GRID_PRESETS.xdna2;

/** xdna2 with overheads and latencies zeroed, so expected cycles are plain arithmetic. */
const FLAT: GridDesc = {
  ...XDNA2,
  arith: { ...XDNA2.arith, kernelOverheadCycles: 0 },
  dma: { ...XDNA2.dma, dmaSetupCycles: 0, streamHopLatencyCycles: 0 },
};

function tile(id: string, col: number, row: number, tasks: readonly SimTask[], extra: Partial<SimTile> = {}): SimTile {
  const kind = row === 0 ? 'shim' : row === 1 ? 'memory' : 'compute';
  const role = kind === 'compute' ? 'inference' : kind === 'memory' ? 'memory' : 'io';
  return { id, col, row, kind, role, threads: [{ name: 'core', tasks }], ...extra };
}

function fifo(id: string, producer: string, consumers: string[], depth: number, bufferBytes: number, extra: Partial<SimFifo> = {}): SimFifo {
  return { id, producer, consumers, depth, bufferBytes, transfer: 'dma', ...extra };
}

const loop = (repeat: number, ...body: SimTask[]): SimTask => ({ kind: 'loop', repeat, body });
const acq = (f: string, side: 'produce' | 'consume', count?: number): SimTask => ({ kind: 'acquire', fifo: f, side, ...(count ? { count } : {}) });
const rel = (f: string, side: 'produce' | 'consume', count?: number): SimTask => ({ kind: 'release', fifo: f, side, ...(count ? { count } : {}) });
const bf16 = (cycles: number, kernel?: string): SimTask => ({ kind: 'compute', macs: cycles * 256, format: 'bf16', ...(kernel ? { kernel } : {}) });

/** Memory tile streams N buffers of `bytes` into a compute tile that computes `c` cycles on each. */
function stream(n: number, depth: number, bytes: number, c: number): SimProgram {
  return {
    name: 'stream',
    tiles: [
      tile('mem', 0, 1, [loop(n, acq('w', 'produce'), rel('w', 'produce'))]),
      tile('cpu', 0, 2, [loop(n, acq('w', 'consume'), bf16(c), rel('w', 'consume'), { kind: 'mark', stream: 'inference' })]),
    ],
    fifos: [fifo('w', 'mem', ['cpu'], depth, bytes)],
  };
}

describe('timing model', () => {
  it('prices one posit32 compute task from MACs, element ops and quire roundings', () => {
    const p: SimProgram = { name: 'one', tiles: [tile('t', 3, 4, [{ kind: 'compute', macs: 1000, ops: 10, dots: 10, format: 'posit32' }])], fifos: [] };
    const r = runProgram(p, XDNA2);
    expect(r.diagnostics).toEqual([]);
    // 64 overhead + 1000 * (22 decode/product + 10 quire add) + 10 * 14 + 10 * 24 rounding
    expect(r.result?.totalCycles).toBe(64 + 32000 + 140 + 240);
    expect(r.result?.tiles[0]?.utilization).toBe(1);
  });

  it('prices f32 from the bf16 rate and int8 from the native rate', () => {
    const p: SimProgram = {
      name: 'two',
      tiles: [tile('t', 0, 2, [{ kind: 'compute', macs: 256 * 100, format: 'f32' }, { kind: 'compute', macs: 512 * 100, format: 'int8' }])],
      fifos: [],
    };
    expect(runProgram(p, FLAT).result?.totalCycles).toBe(600 + 100);
  });

  it('prices a DMA as setup + bytes / bandwidth + per-hop latency', () => {
    const p: SimProgram = {
      name: 'dma',
      tiles: [tile('s', 1, 0, [{ kind: 'dma', bytes: 4096, route: ['ddr', 's', 'm', 'c'] }]), tile('m', 1, 1, []), tile('c', 1, 2, [])],
      fifos: [],
    };
    const r = runProgram(p, XDNA2);
    expect(r.diagnostics).toEqual([]);
    expect(r.result?.totalCycles).toBe(32 + 4096 / 4 + 3 * 2);
    const byId = new Map(r.result?.tiles.map((t) => [t.id, t]));
    // The shim's DMA reads DDR and feeds the array: bytes in and out; the memory tile only forwards.
    expect(byId.get('s')?.dmaBytesIn).toBe(4096);
    expect(byId.get('s')?.dmaBytesOut).toBe(4096);
    expect(byId.get('c')?.dmaBytesIn).toBe(4096);
    expect(byId.get('m')?.dmaBytesIn).toBe(0);
  });

  it('overlaps transfer and compute with depth 2: max(), not sum()', () => {
    // T = 400 B / 4 B per cycle = 100 cycles per buffer; C = 300 cycles per buffer.
    expect(runProgram(stream(10, 2, 400, 300), FLAT).result?.totalCycles).toBe(100 + 10 * 300);
    expect(runProgram(stream(10, 1, 400, 300), FLAT).result?.totalCycles).toBe(10 * (100 + 300));
    // Transfer-bound: C = 50 < T.
    expect(runProgram(stream(10, 2, 400, 50), FLAT).result?.totalCycles).toBe(10 * 100 + 50);
  });

  it('reports utilization, stalls and completions', () => {
    const r = runProgram(stream(10, 2, 400, 300), FLAT).result;
    const cpu = r?.tiles.find((t) => t.id === 'cpu');
    expect(cpu?.busyCycles).toBe(3000);
    expect(cpu?.utilization).toBeCloseTo(3000 / 3100, 12);
    expect(cpu?.stallCycles).toBe(100);
    expect(cpu?.dmaBytesIn).toBe(4000);
    expect(r?.streams).toEqual([{ name: 'inference', count: 10, firstCycle: 400, lastCycle: 3100, perSecond: (10 * 1.5e9) / 3100 }]);
  });
});

describe('FIFO semantics', () => {
  it('blocks the producer when all buffers are taken', () => {
    const bounded = runProgram(stream(10, 2, 400, 300), FLAT).result;
    expect(bounded?.fifos[0]?.maxOccupancy).toBe(2);
    expect(bounded?.tiles.find((t) => t.id === 'mem')?.stallCycles).toBeGreaterThan(0);
    const roomy = runProgram(stream(10, 10, 400, 300), FLAT).result;
    expect(roomy?.fifos[0]?.maxOccupancy).toBe(10);
    expect(roomy?.tiles.find((t) => t.id === 'mem')?.stallCycles).toBe(0);
  });

  it('moves real bytes producer -> consumers, broadcast included', () => {
    const seen: number[][] = [[], []];
    const p: SimProgram = {
      name: 'data',
      tiles: [
        tile('p', 0, 2, [loop(5, acq('x', 'produce'), bf16(10, 'fill'), rel('x', 'produce'))]),
        tile('a', 0, 3, [loop(5, acq('x', 'consume'), bf16(20, 'readA'), rel('x', 'consume'))]),
        tile('b', 0, 1, [loop(5, acq('x', 'consume'), rel('x', 'consume'))], { threads: [{ name: 'dma', tasks: [loop(5, acq('x', 'consume'), rel('x', 'consume'))] }] }),
      ],
      fifos: [fifo('x', 'p', ['a', 'b'], 2, 64)],
    };
    const kernels = {
      fill: (ctx: KernelContext) => ctx.output('x').f64.fill(ctx.iteration() * 10 + 1),
      readA: (ctx: KernelContext) => void seen[0]?.push(ctx.input('x').f64[7] ?? -1),
    };
    const r = runProgram(p, FLAT, { kernels });
    expect(r.diagnostics).toEqual([]);
    expect(seen[0]).toEqual([1, 11, 21, 31, 41]);
    const t = new Map(r.result?.tiles.map((x) => [x.id, x]));
    expect(t.get('p')?.dmaBytesOut).toBe(5 * 64);
    expect(t.get('b')?.dmaBytesIn).toBe(5 * 64);
  });

  it('shares L1 between neighbours without DMA', () => {
    const p: SimProgram = {
      name: 'shared',
      tiles: [tile('p', 0, 2, [loop(4, acq('x', 'produce'), bf16(10), rel('x', 'produce'))]), tile('c', 0, 3, [loop(4, acq('x', 'consume'), bf16(10), rel('x', 'consume'))])],
      fifos: [fifo('x', 'p', ['c'], 2, 4096, { transfer: 'shared' })],
    };
    const r = runProgram(p, FLAT);
    expect(r.result?.totalCycles).toBe(50);
    expect(r.result?.tiles[0]?.dmaBytesOut).toBe(0);
  });
});

describe('snapshot hooks', () => {
  it('publishes versions and measures the latency to first use', () => {
    const versions: number[] = [];
    const p: SimProgram = {
      name: 'snap',
      tiles: [
        tile('host', 0, 0, [loop(3, bf16(1000), { kind: 'publish', snapshot: 'params', transfers: [{ bytes: 800, route: ['host', 'mem'] }], kernel: 'freeze' })], { role: 'host-optimizer' }),
        tile('mem', 0, 1, []),
        tile('inf', 0, 2, [loop(20, { kind: 'adopt', snapshot: 'params' }, bf16(250, 'use'), { kind: 'mark', stream: 'inference' })]),
      ],
      fifos: [],
    };
    const frozen: number[][] = [];
    const kernels = { use: (ctx: KernelContext) => void versions.push(ctx.version), freeze: (ctx: KernelContext) => void frozen.push([ctx.version, ctx.cycle]) };
    const r = runProgram(p, FLAT, { kernels });
    expect(r.diagnostics).toEqual([]);
    const pubs = r.result?.publications ?? [];
    // Publishes begin at 1000, 2200, 3400 (compute 1000 + 200-cycle transfer each); visible 200 later.
    expect(pubs.map((x) => [x.version, x.updatedCycle, x.visibleCycle])).toEqual([[1, 1000, 1200], [2, 2200, 2400], [3, 3400, 3600]]);
    // Inference adopts every 250 cycles: first uses at 1250, 2500, 3750.
    expect(pubs.map((x) => x.firstUseCycle)).toEqual([1250, 2500, 3750]);
    expect(pubs.map((x) => x.latencyCycles)).toEqual([250, 300, 350]);
    expect(versions.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(versions.slice(10, 16)).toEqual([2, 2, 2, 2, 2, 3]);
    expect(r.result?.totalCycles).toBe(5000);
    // The publish kernel runs when the version becomes visible, seeing the new version.
    expect(frozen).toEqual([[1, 1200], [2, 2400], [3, 3600]]);
    expect(r.result?.versionMixes).toBe(0);
  });
});

describe('memory-tile data movement and timing-only runs', () => {
  // Memory tile (0,1) fills two buffers from resident data, gathers them into one, and (0,2) reads it.
  const gather: SimProgram = {
    name: 'gather',
    tiles: [
      tile('m', 0, 1, [], {
        threads: [
          { name: 'fill', tasks: [loop(3, acq('a', 'produce'), { kind: 'fill', kernel: 'fillA' }, rel('a', 'produce'))] },
          { name: 'gather', tasks: [loop(3, acq('a', 'consume'), acq('g', 'produce'), { kind: 'copy', from: 'a', to: 'g', toOffset: 8, bytes: 16 }, { kind: 'copy', from: 'a', to: 'g', fromOffset: 16, bytes: 8 }, rel('g', 'produce'), rel('a', 'consume'))] },
        ],
      }),
      tile('c', 0, 2, [loop(3, acq('g', 'consume'), bf16(10, 'read'), rel('g', 'consume'))]),
    ],
    fifos: [fifo('a', 'm', ['m'], 2, 24, { transfer: 'shared' }), fifo('g', 'm', ['c'], 2, 24)],
  };

  it('fills, copies at offsets and delivers the gathered bytes', () => {
    const got: number[][] = [];
    const kernels = {
      fillA: (ctx: KernelContext) => ctx.output('a').f64.set([1, 2, 3].map((v) => v + 10 * ctx.iteration())),
      read: (ctx: KernelContext) => void got.push(Array.from(ctx.input('g').f64)),
    };
    const r = runProgram(gather, FLAT, { kernels });
    expect(r.diagnostics).toEqual([]);
    expect(got).toEqual([[3, 1, 2], [13, 11, 12], [23, 21, 22]]);
  });

  it('skips kernels, fills and copies in timing-only mode with the same cycles', () => {
    let calls = 0;
    const count = (): void => void calls++;
    const functional = runProgram(gather, FLAT, { kernels: { fillA: count, read: count } });
    const timing = runProgram(gather, FLAT, { functional: false });
    expect(calls).toBe(6);
    expect(timing.diagnostics).toEqual([]);
    expect(timing.result?.totalCycles).toBe(functional.result?.totalCycles);
    expect(timing.result?.tiles).toEqual(functional.result?.tiles);
  });

  it('rejects a fill on a compute tile and a copy that overruns a buffer', () => {
    const bad: SimProgram = {
      ...gather,
      tiles: [gather.tiles[0] as SimTile, tile('c', 0, 2, [{ kind: 'fill', kernel: 'read' }, loop(3, acq('g', 'consume'), rel('g', 'consume'))])],
      fifos: [fifo('a', 'm', ['m'], 2, 24, { transfer: 'shared' }), fifo('g', 'm', ['c'], 2, 16)],
    };
    const r = runProgram(bad, FLAT, { kernels: { fillA: () => undefined, read: () => undefined } });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "copy on tile (0,1) of 16 B from 'a'+0 to 'g'+8 overruns a buffer (24 B, 16 B)",
      'fill on compute tile (0,2): compute tiles produce data with compute tasks',
    ]);
  });
});
