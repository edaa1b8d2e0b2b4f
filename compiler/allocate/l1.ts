// L1 of one compute tile: its assignments, the peak of live activation slices (and their tangents
// on learning tiles) over the role's schedule, the FIFO buffers of whole values coming in and
// slices going out, quires, tables and stack; then which weight slices stay resident and, when
// they do not all fit, the double-buffered chunk the others stream through.
import type { NumericFormat } from '../../ir/meta.ts';
import type { GridDesc } from '../../targets/xdna/grid.ts';
import { QUIRE_BLOCK, type Assignment, type L1Usage, type StreamWeights } from './plan.ts';
import { cascadeBytes, rangeLength, type RoleLayout } from './role-layout.ts';
import type { RoleOp } from './role-program.ts';

/** Bytes of the posit8 decode table (256 entries of 4 bytes; spec/grid.md). */
export const POSIT8_TABLE_BYTES = 1024;

/** What one compute tile holds and runs. */
export interface TileWork {
  readonly assignments: readonly Assignment[];
  readonly l1: L1Usage;
  /** Bytes of the tile's outgoing gather buffer (primal, tangent). */
  readonly out: { readonly bytes: number; readonly tangent: number };
}

interface WeightItem {
  readonly op: RoleOp;
  readonly bytes: number;
  readonly rows: number;
}

/** Peak live local activations and tangents over the schedule (values die after their last local read). */
function peakLocal(layout: RoleLayout, i: number): { act: number; tan: number } {
  const ops = layout.program.ops;
  const delta = new Array<{ act: number; tan: number }>(ops.length + 1).fill({ act: 0, tan: 0 });
  const bump = (at: number, act: number, tan: number): void => {
    const d = delta[at] as { act: number; tan: number };
    delta[at] = { act: d.act + act, tan: d.tan + tan };
  };
  for (const op of ops) {
    const bytes = rangeLength(layout.rangeOf(op, i)) * op.channelBytes;
    if (bytes === 0) continue;
    const tan = op.tangent ? bytes : 0;
    bump(op.index, bytes, tan);
    bump(op.lastLocal + 1, -bytes, -tan);
  }
  let cur = { act: 0, tan: 0 };
  let best = { act: 0, tan: 0 };
  for (const d of delta) {
    cur = { act: cur.act + d.act, tan: cur.tan + d.tan };
    if (cur.act + cur.tan > best.act + best.tan) best = cur;
  }
  return best;
}

/** Quires accumulating at once: one per output channel of an unrolled block, twice with a tangent. */
function quireCount(layout: RoleLayout, i: number): number {
  let n = 0;
  for (const op of layout.program.ops) {
    if (!op.quire) continue;
    const len = rangeLength(layout.rangeOf(op, i));
    if (len > 0) n = Math.max(n, Math.min(QUIRE_BLOCK, len) * (op.tangent ? 2 : 1));
  }
  return n;
}

/**
 * Chooses resident weight slices within `room` bytes. Everything stays resident when it fits
 * (or when streaming is off). Otherwise a double buffer of QUIRE_BLOCK rows of the widest row is
 * reserved (fewer rows if that does not fit), the largest slices that still fit stay resident,
 * and the rest stream in chunks of that many rows of their widest row.
 */
export function chooseResidency(items: readonly WeightItem[], room: number, mode: StreamWeights): { resident: Set<number>; chunk: number | null } {
  const all = new Set(items.map((w) => w.op.node.id));
  const total = items.reduce((s, w) => s + w.bytes, 0);
  if (items.length === 0 || mode === 'never' || (mode === 'auto' && total <= room)) return { resident: all, chunk: null };
  const rowOf = (w: WeightItem): number => w.bytes / w.rows;
  const widest = Math.max(...items.map(rowOf));
  for (let rows = QUIRE_BLOCK; rows >= 1; rows--) {
    const reserve = 2 * rows * widest;
    if (reserve > room) continue;
    const resident = new Set<number>();
    let left = room - reserve;
    if (mode === 'auto') {
      const bySize = [...items].sort((a, b) => b.bytes - a.bytes || a.op.index - b.op.index);
      for (const w of bySize) {
        if (w.bytes <= left) {
          resident.add(w.op.node.id);
          left -= w.bytes;
        }
      }
    }
    const streamed = items.filter((w) => !resident.has(w.op.node.id));
    const chunkRows = Math.min(rows, Math.max(...streamed.map((w) => w.rows)));
    return { resident, chunk: chunkRows * Math.max(...streamed.map(rowOf)) };
  }
  return { resident: new Set(), chunk: widest };
}

/** Plans tile `i` of a role: assignments and L1. */
export function planTile(layout: RoleLayout, i: number, grid: GridDesc, format: NumericFormat, mode: StreamWeights): TileWork {
  const prog = layout.program;
  const local = peakLocal(layout, i);
  const out = cascadeBytes(layout, i);
  const activations = local.act + prog.wholeDepth * prog.wholeBytes + 2 * out.bytes;
  const tangents = local.tan + prog.wholeDepth * prog.wholeTangentBytes + 2 * out.tangent;
  const quire = quireCount(layout, i) * prog.quireBytes;
  const tables = format === 'posit8' ? POSIT8_TABLE_BYTES : 0;
  const stack = grid.computeTile.stackBytes;
  const capacity = grid.computeTile.dataBytes;
  const items: WeightItem[] = [];
  for (const op of prog.ops) {
    const rows = rangeLength(layout.rangeOf(op, i));
    if (op.dense && rows > 0) items.push({ op, rows, bytes: rows * op.dense.rowBytes });
  }
  const room = capacity - stack - tables - quire - activations - tangents;
  const { resident, chunk } = chooseResidency(items, room, mode);
  const weights = items.filter((w) => resident.has(w.op.node.id)).reduce((s, w) => s + w.bytes, 0);
  const streamBuffers = chunk === null ? 0 : 2 * chunk;
  const assignments: Assignment[] = [];
  for (const op of prog.ops) {
    const channels = layout.rangeOf(op, i);
    if (rangeLength(channels) === 0) continue;
    const w = items.find((x) => x.op === op);
    assignments.push({
      node: op.node.id,
      kind: op.node.kind,
      binding: op.node.binding ?? null,
      layer: op.dense?.layer ?? null,
      placement: op.placement,
      channels,
      weightBytes: w?.bytes ?? 0,
      residency: w ? (resident.has(op.node.id) ? 'resident' : 'streamed') : 'none',
    });
  }
  const total = weights + streamBuffers + activations + tangents + quire + tables + stack;
  return { assignments, out, l1: { weights, streamBuffers, chunkBytes: chunk, activations, tangents, quire, tables, stack, total, capacity } };
}
