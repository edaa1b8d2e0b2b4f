// Memory-tile threads of the xdna lowering: per side and column, one thread that follows the
// side's pass events. The head memory tile stages the samples, broadcasts every whole value to
// its tiles and outward, assembles gathered values and sends the outputs; the other memory tiles
// relay the broadcast outward and chain their column's part toward the head. Every memory tile
// feeds the weight chunks of its streaming tiles, from its resident copy or the DDR stream.
import { rangeLength } from '../../compiler/allocate/role-layout.ts';
import type { RoleOp } from '../../compiler/allocate/role-program.ts';
import { T, type ProgramBuilder } from './lower-builder.ts';
import { participants } from './lower-compute.ts';
import { chunkRows, findRoute, type GatherItem, type RoleSchedule, type ScheduledDelivery } from './lower-schedule.ts';
import type { BlockOrder } from './lower-types.ts';
import type { SimTask } from './sim/index.ts';

/** One weight chunk a memory tile feeds: which tile, which rows, and its bytes. */
export interface FeedChunk {
  readonly tile: number;
  readonly fifo: string;
  readonly start: number;
  readonly end: number;
  readonly bytes: number;
}

/** The chunks of a streamed Dense `op` in column `col`, in feed order (chunk-major, then tile). */
export function feedChunks(b: ProgramBuilder, s: RoleSchedule, col: number, op: RoleOp): FeedChunk[] {
  if (op.node.kind !== 'Dense' || !op.dense) return [];
  const perTile: FeedChunk[][] = [];
  for (const i of s.layout.tilesInColumn(col)) {
    const t = s.tiles[i];
    const r = s.layout.rangeOf(op, i);
    const a = t?.assignments.find((x) => x.node === op.node.id);
    if (!t || rangeLength(r) === 0 || a?.residency !== 'streamed' || t.l1.chunkBytes === null) continue;
    const route = findRoute(b.plan, s.role, 'weights', `c${col}r1`, t.id);
    if (!route) throw new Error(`lower: no weights route to ${t.id}`);
    const rows = chunkRows(t.l1.chunkBytes, op.dense.rowBytes);
    const list: FeedChunk[] = [];
    for (let start = r.start; start < r.end; start += rows) {
      const end = Math.min(r.end, start + rows);
      list.push({ tile: i, fifo: b.use(route), start, end, bytes: (end - start) * op.dense.rowBytes });
    }
    perTile.push(list);
  }
  const out: FeedChunk[] = [];
  const most = Math.max(0, ...perTile.map((l) => l.length));
  for (let q = 0; q < most; q++) for (const l of perTile) if (l[q]) out.push(l[q] as FeedChunk);
  return out;
}

/** How a column's weight chunks reach its memory tile when its parameters live in DDR. */
export type ParamSource = { readonly kind: 'memtile' } | { readonly kind: 'fifo'; readonly fifo: string } | { readonly kind: 'dma'; readonly route: readonly string[] };

/** Where side `s` gets column `col`'s weight chunks from. */
export function paramSource(b: ProgramBuilder, s: RoleSchedule, col: number): ParamSource {
  const mem = b.plan.memTiles.find((m) => m.col === col);
  if (!mem || mem.params === 'memtile') return { kind: 'memtile' };
  const route = findRoute(b.plan, s.role, 'params', `c${col}r0`, `c${col}r1`);
  // A column shared by both sides has one parameter FIFO; inference streams through it and
  // learning uses blocking DMAs, so the two streams never interleave in one FIFO.
  if (route && (route.role === s.role || (route.role === 'shared' && s.role === 'inference'))) return { kind: 'fifo', fifo: b.use(route) };
  return { kind: 'dma', route: ['ddr', `c${col}r0`, `c${col}r1`] };
}

function feedTasks(b: ProgramBuilder, s: RoleSchedule, col: number, op: RoleOp, src: ParamSource): SimTask[] {
  const tasks: SimTask[] = [];
  for (const c of feedChunks(b, s, col, op)) {
    const kernel = b.kernel(`feed:c${col}r1:%${op.node.id}:${c.tile}:${c.start}`, { kind: 'feed', role: s.role, tile: c.tile, node: op.node.id, rows: { start: c.start, end: c.end }, fifo: c.fifo });
    if (src.kind === 'fifo') tasks.push(T.acq(src.fifo, 'consume'));
    if (src.kind === 'dma') tasks.push({ kind: 'dma', bytes: c.bytes, route: src.route, label: 'weights from DDR' });
    tasks.push(T.acq(c.fifo, 'produce'), { kind: 'fill', kernel }, T.rel(c.fifo, 'produce'));
    if (src.kind === 'fifo') tasks.push(T.rel(src.fifo, 'consume'));
  }
  return tasks;
}

/** Tiles of the columns outward of position k that take part in `g`, in channel order. */
function outerParticipants(s: RoleSchedule, k: number, g: GatherItem): number[] {
  return s.layout.columns.slice(k + 1).flatMap((c) => participants(s, c, g)).sort((a, b) => a - b);
}

function sumBytes(g: GatherItem, tiles: readonly number[]): number {
  return tiles.reduce((sum, i) => sum + (g.blockBytes[i] ?? 0), 0);
}

/** Gather `g` at the memory tile of the k-th column: chain the parts inward, or assemble at the head. */
function gatherTasks(b: ProgramBuilder, s: RoleSchedule, k: number, g: GatherItem): SimTask[] {
  const col = s.layout.columns[k] as number;
  const mem = `c${col}r1`;
  const own = participants(s, col, g);
  const outer = outerParticipants(s, k, g);
  if (own.length === 0 && outer.length === 0) return [];
  const tasks: SimTask[] = [];
  const parts: BlockOrder[] = [];
  const release: SimTask[] = [];
  if (own.length > 0) {
    const bottom = s.tiles[own[0] as number];
    const r = bottom && findRoute(b.plan, s.role, 'gather', bottom.id, mem);
    if (!r) throw new Error(`lower: no gather route into ${mem}`);
    const fifo = b.use(r, sumBytes(g, own));
    parts.push({ fifo, tiles: own });
    tasks.push(T.acq(fifo, 'consume'));
    release.push(T.rel(fifo, 'consume'));
  }
  if (outer.length > 0) {
    const next = s.layout.columns[k + 1] as number;
    const r = findRoute(b.plan, s.role, 'chain', `c${next}r1`, mem);
    if (!r) throw new Error(`lower: no chain route into ${mem}`);
    const fifo = b.use(r, sumBytes(g, outer));
    parts.push({ fifo, tiles: outer });
    tasks.push(T.acq(fifo, 'consume'));
    release.push(T.rel(fifo, 'consume'));
  }
  if (k === 0) {
    const kernel = b.kernel(`assemble:${mem}:${g.kind}%${g.node}`, { kind: 'assemble', role: s.role, g, parts });
    return [...tasks, { kind: 'fill', kernel }, ...release];
  }
  const inner = s.layout.columns[k - 1] as number;
  const r = findRoute(b.plan, s.role, 'chain', mem, `c${inner}r1`);
  if (!r) throw new Error(`lower: no chain route out of ${mem}`);
  const all = [...own, ...outer].sort((a, x) => a - x);
  const out = b.use(r, sumBytes(g, all));
  tasks.push(T.acq(out, 'produce'));
  for (const p of parts) {
    const first = p.tiles[0] as number;
    const offset = sumBytes(g, all.filter((i) => i < first));
    tasks.push({ kind: 'copy', from: p.fifo, to: out, bytes: sumBytes(g, p.tiles), toOffset: offset });
  }
  return [...tasks, T.rel(out, 'produce'), ...release];
}

/** Deliver `d` from the k-th column's memory tile: the head fills from staging, the others relay. */
function deliverTasks(b: ProgramBuilder, s: RoleSchedule, k: number, d: ScheduledDelivery): SimTask[] {
  const col = s.layout.columns[k] as number;
  const r = findRoute(b.plan, s.role, 'broadcast', `c${col}r1`);
  if (!r) throw new Error(`lower: no broadcast route out of c${col}r1`);
  const own = b.use(r, s.bcastBytes, s.bcastDepth);
  if (k === 0) {
    const kernel = b.kernel(`deliver:c${col}r1:%${d.value}`, { kind: 'deliver', role: s.role, d, fifo: own });
    return [T.acq(own, 'produce'), { kind: 'fill', kernel }, T.rel(own, 'produce')];
  }
  const inner = s.layout.columns[k - 1] as number;
  const ri = findRoute(b.plan, s.role, 'broadcast', `c${inner}r1`, `c${col}r1`);
  if (!ri) throw new Error(`lower: no broadcast route into c${col}r1`);
  const from = b.use(ri, s.bcastBytes, s.bcastDepth);
  return [T.acq(from, 'consume'), T.acq(own, 'produce'), { kind: 'copy', from, to: own, bytes: s.bcastBytes }, T.rel(own, 'produce'), T.rel(from, 'consume')];
}

/** Adds, for every column of side `s`, the memory tile's thread. */
export function lowerMemoryTiles(b: ProgramBuilder, s: RoleSchedule, items: number): void {
  s.layout.columns.forEach((col, k) => {
    const src = paramSource(b, s, col);
    const body: SimTask[] = [];
    for (const e of s.events) {
      if (e.kind === 'deliver') body.push(...deliverTasks(b, s, k, e.d));
      else if (e.kind === 'compute') body.push(...feedTasks(b, s, col, e.op, src));
      else if (e.kind === 'gather') body.push(...gatherTasks(b, s, k, e.g));
    }
    const item: SimTask[] = [];
    if (k === 0) {
      const samples = findRoute(b.plan, s.role, 'samples', `c${col}r0`, `c${col}r1`);
      const outputs = findRoute(b.plan, s.role, 'outputs', `c${col}r1`, `c${col}r0`);
      if (!samples || !outputs) throw new Error(`lower: the ${s.role} head column ${col} lacks its samples or outputs route`);
      const sf = b.use(samples, s.samplesBytes);
      const of = b.use(outputs, s.outputBytes);
      const stage = b.kernel(`stage:c${col}r1:${s.prefix}`, { kind: 'stage', role: s.role, fifo: sf });
      const send = b.kernel(`outputs:c${col}r1:${s.prefix}`, { kind: 'outputs', role: s.role, fifo: of });
      item.push(T.acq(sf, 'consume'), { kind: 'fill', kernel: stage }, T.rel(sf, 'consume'));
      body.push(T.acq(of, 'produce'), { kind: 'fill', kernel: send }, T.rel(of, 'produce'));
    }
    item.push(...T.loop(s.passes, body));
    b.thread(col, 1, 'memory', s.role === 'inference' ? 'serve' : 'learn', T.loop(items, item));
  });
}
