// Unit tests of the simulator's diagnostics: deadlock cycles in the wait-for graph (and the
// same program made deadlock-free), starvation, malformed programs, unroutable routes, budget
// overflows, lock misuse and missing kernels. Each asserts the code and the message's facts.
import { describe, expect, it } from 'vitest';
import { GRID_PRESETS } from '../../targets/xdna/grid.ts';
import { runProgram, type SimProgram, type SimTask, type SimTile } from '../../targets/xdna/sim/index.ts';

const G = GRID_PRESETS.xdna2;

const loop = (repeat: number, ...body: SimTask[]): SimTask => ({ kind: 'loop', repeat, body });
const acq = (f: string, side: 'produce' | 'consume'): SimTask => ({ kind: 'acquire', fifo: f, side });
const rel = (f: string, side: 'produce' | 'consume'): SimTask => ({ kind: 'release', fifo: f, side });
const work: SimTask = { kind: 'compute', macs: 1024, format: 'bf16' };

function compute(id: string, col: number, row: number, tasks: SimTask[]): SimTile {
  return { id, col, row, kind: 'compute', role: 'inference', threads: [{ name: 'core', tasks }] };
}

/** Tile (2,3) sends 3 buffers of h_to_y to (2,4) before reading y_back, and (2,4) does the mirror. */
function pingPong(depth: number): SimProgram {
  return {
    name: 'ping-pong',
    tiles: [
      compute('h', 2, 3, [loop(3, acq('h_to_y', 'produce'), work, rel('h_to_y', 'produce')), loop(3, acq('y_back', 'consume'), rel('y_back', 'consume'))]),
      compute('y', 2, 4, [loop(3, acq('y_back', 'produce'), work, rel('y_back', 'produce')), loop(3, acq('h_to_y', 'consume'), rel('h_to_y', 'consume'))]),
    ],
    fifos: [
      { id: 'h_to_y', producer: 'h', consumers: ['y'], depth, bufferBytes: 256, transfer: 'dma' },
      { id: 'y_back', producer: 'y', consumers: ['h'], depth, bufferBytes: 256, transfer: 'dma' },
    ],
  };
}

describe('deadlock detection', () => {
  it('reports the cycle of waits, naming tiles, FIFOs, sides and depths', () => {
    const r = runProgram(pingPong(2), G);
    expect(r.ok).toBe(false);
    expect(r.result?.completed).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E3301']);
    expect(r.diagnostics[0]?.message).toBe(
      'deadlock: tile (2,3) waits for empty buffer on fifo h_to_y (depth 2) consumed by tile (2,4), ' +
        'which waits for empty buffer on fifo y_back (depth 2) consumed by tile (2,3)',
    );
  });

  it('runs the same program to completion when the FIFOs are deep enough', () => {
    const r = runProgram(pingPong(3), G);
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('reports a full-buffer wait cycle', () => {
    const p: SimProgram = {
      name: 'both-read-first',
      tiles: [
        compute('a', 2, 3, [acq('b_to_a', 'consume'), acq('a_to_b', 'produce'), rel('a_to_b', 'produce')]),
        compute('b', 2, 4, [acq('a_to_b', 'consume'), acq('b_to_a', 'produce'), rel('b_to_a', 'produce')]),
      ],
      fifos: [
        { id: 'a_to_b', producer: 'a', consumers: ['b'], depth: 2, bufferBytes: 64, transfer: 'dma' },
        { id: 'b_to_a', producer: 'b', consumers: ['a'], depth: 2, bufferBytes: 64, transfer: 'shared' },
      ],
    };
    const d = runProgram(p, G).diagnostics;
    expect(d[0]?.message).toBe(
      'deadlock: tile (2,3) waits for full buffer on fifo b_to_a (depth 2) produced by tile (2,4), ' +
        'which waits for full buffer on fifo a_to_b (depth 2) produced by tile (2,3)',
    );
  });

  it('reports starvation when the producer finishes early', () => {
    const p: SimProgram = {
      name: 'short-producer',
      tiles: [compute('p', 0, 2, [loop(2, acq('x', 'produce'), rel('x', 'produce'))]), compute('c', 0, 3, [loop(3, acq('x', 'consume'), rel('x', 'consume'))])],
      fifos: [{ id: 'x', producer: 'p', consumers: ['c'], depth: 2, bufferBytes: 64, transfer: 'dma' }],
    };
    const d = runProgram(p, G).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['E3302']);
    expect(d[0]?.message).toContain('tile (0,3) waits for full buffer on fifo x (depth 2) produced by tile (0,2), which finished after it produced 2 buffer(s)');
  });
});

describe('orphan FIFO ends', () => {
  it('reports a wait on a FIFO whose other end runs no thread', () => {
    const p: SimProgram = {
      name: 'orphan',
      tiles: [compute('p', 0, 2, []), compute('c', 0, 3, [acq('x', 'consume')])],
      fifos: [{ id: 'x', producer: 'p', consumers: ['c'], depth: 2, bufferBytes: 64, transfer: 'dma' }],
    };
    expect(runProgram(p, G).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'E3302 starved: tile (0,3) waits for full buffer on fifo x (depth 2), but no thread of tile (0,2) produces into it',
    ]);
  });
});

describe('program checks', () => {
  const base = (tasks: SimTask[], extra: Partial<SimTile> = {}): SimProgram => ({
    name: 'bad',
    tiles: [{ ...compute('a', 0, 2, tasks), ...extra }, compute('b', 0, 3, [])],
    fifos: [{ id: 'x', producer: 'a', consumers: ['b'], depth: 2, bufferBytes: 64, transfer: 'dma' }],
  });

  it('rejects references to unknown FIFOs and wrong sides', () => {
    const r = runProgram(base([acq('nope', 'produce'), acq('x', 'consume')]), G);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "tile (0,2) uses unknown fifo 'nope'",
      "tile (0,2) consumes from fifo 'x' but is not one of its consumers",
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E3303', 'E3303']);
  });

  it('rejects routes the grid has no links for', () => {
    const far = base([]);
    const r = runProgram({ ...far, tiles: [compute('a', 0, 2, []), compute('b', 2, 2, [])] }, G);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E3304']);
    expect(r.diagnostics[0]?.message).toBe("fifo 'x': no link tile (0,2) -> tile (2,2): compute tiles link only to the tiles directly above and below");
    const viaMem = runProgram(
      {
        name: 'via-memory',
        tiles: [compute('a', 0, 2, []), compute('b', 1, 2, []), { id: 'm0', col: 0, row: 1, kind: 'memory', role: 'memory', threads: [] }, { id: 'm1', col: 1, row: 1, kind: 'memory', role: 'memory', threads: [] }],
        fifos: [{ id: 'x', producer: 'a', consumers: ['b'], depth: 1, bufferBytes: 64, transfer: 'dma', routes: [['a', 'm0', 'm1', 'b']] }],
      },
      G,
    );
    expect(viaMem.diagnostics).toEqual([]);
  });

  it('checks L1 with the stack reserved, DMA channels and buffer descriptors', () => {
    const big = runProgram(base([], { localBytes: 63 * 1024 }), G);
    expect(big.diagnostics.map((d) => d.code)).toEqual(['E3305']);
    expect(big.diagnostics[0]?.message).toBe('tile (0,2) (compute) needs 64640 B of 64512 B of L1 left after the 1024 B stack');
    const many: SimProgram = {
      name: 'fan-out',
      tiles: [compute('a', 1, 3, []), compute('n', 1, 4, []), compute('s', 1, 2, []), { id: 'm', col: 1, row: 1, kind: 'memory', role: 'memory', threads: [] }],
      fifos: ['n', 's', 'm'].map((c) => ({ id: `to_${c}`, producer: 'a', consumers: [c], depth: 6, bufferBytes: 16, transfer: 'dma' as const })),
    };
    const d = runProgram(many, G).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['E3306', 'E3307']);
    expect(d[0]?.message).toBe('tile (1,3) (compute) needs 0 input and 3 output DMA channels; it has 2 + 2');
    expect(d[1]?.message).toBe('tile (1,3) (compute) needs 18 buffer descriptors (one per FIFO buffer); it has 16');
  });

  it('rejects tiles off the grid or in the wrong row', () => {
    const p: SimProgram = { name: 'off', tiles: [compute('a', 8, 2, []), { ...compute('m', 0, 2, []), kind: 'memory' }], fifos: [] };
    expect(runProgram(p, G).diagnostics.map((d) => d.message)).toEqual([
      "tile 'a' at (8,2) cannot be a compute tile: column 8 is outside grid xdna2 (8 columns)",
      "tile 'm' at (0,2) cannot be a memory tile: memory tiles sit in row 1",
    ]);
  });

  it('reports lock misuse at run time and missing kernels at link time', () => {
    const misuse: SimProgram = { name: 'misuse', tiles: [compute('a', 0, 2, [rel('x', 'produce')]), compute('b', 0, 3, [])], fifos: base([]).fifos };
    const r = runProgram(misuse, G);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E3308']);
    expect(r.diagnostics[0]?.message).toBe("tile (0,2) releases 1 filled buffer(s) of fifo 'x' it does not hold");
    const k = runProgram({ name: 'k', tiles: [compute('a', 0, 2, [{ kind: 'compute', macs: 1, format: 'posit16', kernel: 'ghost' }])], fifos: [] }, G);
    expect(k.diagnostics.map((d) => d.code)).toEqual(['E3309']);
  });

  it('turns a throwing kernel into a diagnostic', () => {
    const p: SimProgram = { name: 'k', tiles: [compute('a', 0, 2, [{ kind: 'compute', macs: 1, format: 'posit16', kernel: 'peek' }])], fifos: [] };
    const r = runProgram(p, G, { kernels: { peek: (ctx) => void ctx.input('x') } });
    expect(r.diagnostics.map((d) => d.message)).toEqual(["kernel 'peek' failed on tile (0,2): unknown fifo 'x'"]);
  });

  it('rejects unpriced formats and stops runaway runs at the event limit', () => {
    const fmt = runProgram({ name: 'f', tiles: [compute('a', 0, 2, [{ kind: 'compute', macs: 1, format: 'fp8' as 'f32' }])], fifos: [] }, G);
    expect(fmt.diagnostics.map((d) => d.code)).toEqual(['E3310']);
    const long = runProgram({ name: 'long', tiles: [compute('a', 0, 2, [loop(1000, work)])], fifos: [] }, G, { maxEvents: 100 });
    expect(long.ok).toBe(false);
    expect(long.diagnostics.map((d) => d.message)).toEqual(["simulation of 'long' stopped after 100 events"]);
  });
});
