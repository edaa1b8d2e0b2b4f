// A synthetic simulator program sized like the target system: a 784 -> 512 -> 10 network on
// xdna2, inference on columns 0-4 (16 layer-1 tiles streaming weight rows from their memory
// tiles, one layer-2 tile) and forward-gradient learning on columns 5-7 (12 tiles streaming the
// training copy from DDR), with a host optimizer on shim 7 that publishes a parameter snapshot
// every `syncEvery` steps. It is also a worked example of what an allocator emits.
import type { SimFifo, SimProgram, SimTask, SimTile } from '../../targets/xdna/sim/index.ts';

/** Shape of the synthetic system. */
export interface SyntheticShape {
  readonly inferences: number;
  readonly steps: number;
  readonly syncEvery: number;
  /** Attach functional kernels (fills, dot products, optimizer) by name. */
  readonly functional: boolean;
  readonly format: 'posit32' | 'f32';
}

/** Layer sizes and the placement constants the kernels share with the program. */
export const NET = { inputs: 784, hidden: 512, outputs: 10, word: 4 } as const;
/** Inference: layer-1 tiles are columns 0-3, rows 2-5, 32 rows of W1 each; layer 2 on (4,2). */
export const INF = { cols: 4, rows: 4, rowsPerTile: 32, l2: { col: 4, row: 2 } } as const;
/** Learning: columns 5-7, rows 2-5; W1 rows per tile by column (8 x 44 + 4 x 40 = 512). */
export const LEARN = { firstCol: 5, cols: 3, rows: 4, rowsPerTile: [44, 44, 40] as const } as const;
/** W1 rows per streamed buffer (one DMA buffer descriptor's worth); divides every rowsPerTile. */
export const CHUNK = 4;

const ROW_BYTES = NET.inputs * NET.word;
const CHUNK_BYTES = CHUNK * ROW_BYTES;
const id = (col: number, row: number): string => `c${col}r${row}`;
const loop = (repeat: number, ...body: SimTask[]): SimTask => ({ kind: 'loop', repeat, body });
const acq = (fifo: string, side: 'produce' | 'consume'): SimTask => ({ kind: 'acquire', fifo, side });
const rel = (fifo: string, side: 'produce' | 'consume'): SimTask => ({ kind: 'release', fifo, side });
const rows4 = [0, 1, 2, 3] as const;

/** First W1 row of learning tile (c, r). */
export function learnFirstRow(col: number, r: number): number {
  let j = 0;
  for (let c = 0; c < col - LEARN.firstCol; c++) j += (LEARN.rowsPerTile[c] ?? 0) * LEARN.rows;
  return j + r * (LEARN.rowsPerTile[col - LEARN.firstCol] ?? 0);
}

class Builder {
  readonly tiles = new Map<string, SimTile>();
  readonly fifos: SimFifo[] = [];

  constructor(readonly shape: SyntheticShape) {}

  kernel(name: string): { kernel?: string } {
    return this.shape.functional ? { kernel: name } : {};
  }

  fill(name: string): SimTask[] {
    return this.shape.functional ? [{ kind: 'fill', kernel: name }] : [];
  }

  tile(col: number, row: number, role: SimTile['role'], threads: SimTile['threads'], localBytes = 0): void {
    const kind = row === 0 ? 'shim' : row === 1 ? 'memory' : 'compute';
    this.tiles.set(id(col, row), { id: id(col, row), col, row, kind, role, threads, localBytes });
  }

  fifo(name: string, from: string, to: string[], bytes: number, routes?: string[][]): void {
    this.fifos.push({ id: name, producer: from, consumers: to, depth: 2, bufferBytes: bytes, transfer: 'dma', ...(routes ? { routes } : {}) });
  }
}

/** Layer-1 inference: memory tile c relays x east, feeds W1 rows down and gathers h slices. */
function inferenceColumn(b: Builder, c: number): void {
  const n = b.shape.inferences;
  const x = `x${c}`;
  const xConsumers = [...rows4.map((r) => id(c, r + 2)), ...(c < INF.cols - 1 ? [id(c + 1, 1)] : [])];
  b.fifo(x, id(c, 1), xConsumers, ROW_BYTES);
  const feed: SimTask[] = [];
  for (const r of rows4) {
    const w = `wi${c}_${r}`;
    const h = `h${c}_${r}`;
    b.fifo(w, id(c, 1), [id(c, r + 2)], CHUNK_BYTES);
    b.fifo(h, id(c, r + 2), [id(c, 1)], INF.rowsPerTile * NET.word);
    feed.push(acq(w, 'produce'), ...b.fill(`wfill${c}_${r}`), rel(w, 'produce'));
    const dot: SimTask = { kind: 'compute', macs: CHUNK * NET.inputs, dots: CHUNK, format: b.shape.format, ...b.kernel(`l1rows${c}_${r}`) };
    const core = loop(n, acq(x, 'consume'), acq(h, 'produce'), loop(INF.rowsPerTile / CHUNK, acq(w, 'consume'), dot, rel(w, 'consume')), { kind: 'compute', macs: 0, ops: INF.rowsPerTile, format: b.shape.format }, rel(h, 'produce'), rel(x, 'consume'));
    b.tile(c, r + 2, 'inference', [{ name: 'core', tasks: [core] }], INF.rowsPerTile * NET.word);
  }
  const xIn: SimTask[] =
    c === 0
      ? [{ kind: 'adopt', snapshot: 'params' }, { kind: 'dma', bytes: ROW_BYTES, route: ['ddr', id(0, 0), id(0, 1)], label: 'x from DDR' }, acq(x, 'produce'), ...b.fill('xfill')]
      : [acq(`x${c - 1}`, 'consume'), acq(x, 'produce'), { kind: 'copy', from: `x${c - 1}`, to: x }, rel(`x${c - 1}`, 'consume')];
  const g = `g${c}`;
  const gBytes = (c + 1) * INF.rows * INF.rowsPerTile * NET.word;
  const l2 = id(INF.l2.col, INF.l2.row);
  b.fifo(g, id(c, 1), [c < INF.cols - 1 ? id(c + 1, 1) : l2], gBytes, c < INF.cols - 1 ? undefined : [[id(c, 1), id(c + 1, 1), l2]]);
  const slice = INF.rowsPerTile * NET.word;
  const prev = c > 0 ? [acq(`g${c - 1}`, 'consume')] : [];
  const gather: SimTask[] = [
    ...rows4.map((r) => acq(`h${c}_${r}`, 'consume')),
    ...prev,
    acq(g, 'produce'),
    ...(c > 0 ? [{ kind: 'copy', from: `g${c - 1}`, to: g } as const] : []),
    ...rows4.map((r): SimTask => ({ kind: 'copy', from: `h${c}_${r}`, to: g, toOffset: (c * INF.rows + r) * slice })),
    rel(g, 'produce'),
    ...(c > 0 ? [rel(`g${c - 1}`, 'consume')] : []),
    ...rows4.map((r) => rel(`h${c}_${r}`, 'consume')),
  ];
  const weights = INF.rows * INF.rowsPerTile * ROW_BYTES;
  b.tile(c, 1, 'memory', [
    { name: 'x+w', tasks: [loop(n, ...xIn, rel(x, 'produce'), loop(INF.rowsPerTile / CHUNK, ...feed))] },
    { name: 'gather', tasks: [loop(n, ...gather)] },
  ], weights);
}

/** Layer 2 on (4,2); memory tile 4 drains y to DDR. */
function outputLayer(b: Builder): void {
  const n = b.shape.inferences;
  const l2 = id(INF.l2.col, INF.l2.row);
  const g = `g${INF.cols - 1}`;
  b.fifo('y', l2, [id(INF.l2.col, 1)], NET.outputs * NET.word);
  const dense: SimTask = { kind: 'compute', macs: NET.hidden * NET.outputs, dots: NET.outputs, format: b.shape.format, ...b.kernel('l2') };
  b.tile(INF.l2.col, INF.l2.row, 'inference', [{ name: 'core', tasks: [loop(n, acq(g, 'consume'), acq('y', 'produce'), dense, rel('y', 'produce'), rel(g, 'consume'), { kind: 'mark', stream: 'inference' })] }], (NET.hidden + 1) * NET.outputs * NET.word);
  const out: SimTask = { kind: 'dma', bytes: NET.outputs * NET.word, route: [id(INF.l2.col, 1), id(INF.l2.col, 0), 'ddr'], label: 'y to DDR' };
  b.tile(INF.l2.col, 1, 'memory', [{ name: 'drain', tasks: [loop(n, acq('y', 'consume'), out, rel('y', 'consume'))] }]);
  b.tile(INF.l2.col, 0, 'io', []);
}

/** One learning column: W1 rows stream DDR -> shim -> memory tile -> tiles; (h, h') slices gather east. */
function learningColumn(b: Builder, c: number): void {
  const n = b.shape.steps;
  const rpt = LEARN.rowsPerTile[c - LEARN.firstCol] ?? 0;
  const wd = `wd${c}`;
  const xl = `xl${c}`;
  b.fifo(wd, id(c, 0), [id(c, 1)], LEARN.rows * CHUNK_BYTES);
  b.fifo(xl, id(c, 1), rows4.map((r) => id(c, r + 2)), ROW_BYTES);
  const split: SimTask[] = [acq(wd, 'consume')];
  for (const r of rows4) {
    const wl = `wl${c}_${r}`;
    const gd = `gd${c}_${r}`;
    b.fifo(wl, id(c, 1), [id(c, r + 2)], CHUNK_BYTES);
    b.fifo(gd, id(c, r + 2), [id(c, 1)], 2 * rpt * NET.word);
    split.push(acq(wl, 'produce'), { kind: 'copy', from: wd, to: wl, fromOffset: r * CHUNK_BYTES, bytes: CHUNK_BYTES }, rel(wl, 'produce'));
    const jvp: SimTask = { kind: 'compute', macs: 2 * CHUNK * NET.inputs, dots: 2 * CHUNK, format: b.shape.format, ...b.kernel(`jvp${c}_${r}`) };
    const out: SimTask = { kind: 'compute', macs: 0, ops: 2 * rpt, format: b.shape.format, ...b.kernel(`gdout${c}_${r}`) };
    const core = loop(n, acq(xl, 'consume'), loop(rpt / CHUNK, acq(wl, 'consume'), jvp, rel(wl, 'consume')), acq(gd, 'produce'), out, rel(gd, 'produce'), rel(xl, 'consume'));
    b.tile(c, r + 2, 'forward-gradient', [{ name: 'core', tasks: [core] }], 4 * rpt * NET.word);
  }
  split.push(rel(wd, 'consume'));
  const gc = `gc${c}`;
  const last = c === LEARN.firstCol + LEARN.cols - 1;
  const sliceBytes = (r: number): number => 2 * rpt * NET.word * (r + 1);
  const before = learnFirstRow(c, 0) * 2 * NET.word;
  const gcBytes = learnFirstRow(c, LEARN.rows) * 2 * NET.word;
  b.fifo(gc, id(c, 1), [last ? id(c, 0) : id(c + 1, 1)], gcBytes);
  const prev = c > LEARN.firstCol ? `gc${c - 1}` : undefined;
  const chain: SimTask[] = [
    ...rows4.map((r) => acq(`gd${c}_${r}`, 'consume')),
    ...(prev ? [acq(prev, 'consume')] : []),
    acq(gc, 'produce'),
    ...(prev ? [{ kind: 'copy', from: prev, to: gc } as const] : []),
    ...rows4.map((r): SimTask => ({ kind: 'copy', from: `gd${c}_${r}`, to: gc, toOffset: before + sliceBytes(r - 1) })),
    rel(gc, 'produce'),
    ...(prev ? [rel(prev, 'consume')] : []),
    ...rows4.map((r) => rel(`gd${c}_${r}`, 'consume')),
  ];
  const xload: SimTask[] = [acq(xl, 'produce'), { kind: 'dma', bytes: ROW_BYTES, route: ['ddr', id(c, 0), id(c, 1)], label: 'x from DDR' }, ...b.fill(`xlfill${c}`), rel(xl, 'produce')];
  b.tile(c, 1, 'memory', [
    { name: 'x', tasks: [loop(n, ...xload)] },
    { name: 'split', tasks: [loop(n, loop(rpt / CHUNK, ...split))] },
    { name: 'chain', tasks: [loop(n, ...chain)] },
  ]);
  const wload = loop(n, loop(rpt / CHUNK, acq(wd, 'produce'), { kind: 'dma', bytes: LEARN.rows * CHUNK_BYTES, route: ['ddr', id(c, 0)], label: 'W rows from DDR' }, ...b.fill(`wdfill${c}`), rel(wd, 'produce')));
  const threads: SimTile['threads'][number][] = [{ name: 'wload', tasks: [wload] }];
  if (last) threads.push({ name: 'optimizer', tasks: optimizerTasks(b) });
  b.tile(c, 0, last ? 'host-optimizer' : 'io', threads);
}

/** The host optimizer: one update per gradient estimate, a publish every `syncEvery` steps. */
function optimizerTasks(b: Builder): SimTask[] {
  const { steps, syncEvery } = b.shape;
  const gc = `gc${LEARN.firstCol + LEARN.cols - 1}`;
  const update: SimTask[] = [acq(gc, 'consume'), { kind: 'compute', macs: NET.inputs * NET.hidden, format: 'f32', ...b.kernel('optimizer') }, rel(gc, 'consume'), { kind: 'mark', stream: 'gradient' }];
  const transfers = Array.from({ length: INF.cols }, (_, c) => ({ bytes: INF.rows * INF.rowsPerTile * ROW_BYTES, route: ['ddr', id(c, 0), id(c, 1)] }));
  transfers.push({ bytes: (NET.hidden + 1) * NET.outputs * NET.word, route: ['ddr', id(INF.l2.col, 0), id(INF.l2.col, 1), id(INF.l2.col, INF.l2.row)] });
  const publish: SimTask = { kind: 'publish', snapshot: 'params', transfers, ...b.kernel('publish') };
  const full = Math.floor(steps / syncEvery);
  return [loop(full, loop(syncEvery, ...update), publish), loop(steps - full * syncEvery, ...update)];
}

/** Builds the synthetic program; idle tiles (4,3..5) and shims 1-3 are placed but run nothing. */
export function syntheticProgram(shape: SyntheticShape): SimProgram {
  const b = new Builder(shape);
  for (let c = 0; c < INF.cols; c++) inferenceColumn(b, c);
  outputLayer(b);
  for (let c = LEARN.firstCol; c < LEARN.firstCol + LEARN.cols; c++) learningColumn(b, c);
  for (let r = INF.l2.row + 1; r < 2 + INF.rows; r++) b.tile(INF.l2.col, r, 'idle', []);
  for (let c = 0; c < INF.cols; c++) if (!b.tiles.has(id(c, 0))) b.tile(c, 0, 'io', []);
  return { name: `synthetic-784-512-10 (${shape.inferences} inferences, ${shape.steps} steps)`, tiles: [...b.tiles.values()], fifos: b.fifos };
}
