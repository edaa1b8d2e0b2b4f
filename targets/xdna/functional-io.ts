// Byte layouts of the functional simulator's FIFO buffers, read and written by the kernels:
// a delivered whole value (primal, then its tangent at the next 8-byte boundary; labels as u32),
// a tile's gather block (its channels `[B][n]`, tangent after; a mask as bytes; the loss and its
// per-sample tangents), and the head memory tile's assembly of blocks into whole values.
import type { ChannelRange } from '../../compiler/allocate/plan.ts';
import type { Node } from '../../ir/nodes.ts';
import type { Buf } from '../../runtime/interpreter/types.ts';
import { copyColumns, readLabels, type ElementIO } from './functional-buffers.ts';
import type { TileExec } from './functional-tile.ts';
import type { Staged } from './functional.ts';
import { align8, widthOf, type GatherItem } from './lower-schedule.ts';
import type { BlockOrder, DeliveredRef } from './lower-types.ts';
import type { KernelContext, SimBuffer } from './sim/index.ts';

/** Reads a held broadcast buffer as the whole value `n` (and its tangent when carried). */
export function readDelivered(io: ElementIO, n: Node, batch: number, ref: DeliveredRef, ctx: KernelContext): { primal: Buf; tangent?: Buf; labels?: Int32Array } {
  const buf = ctx.input(ref.fifo, ref.index);
  if (n.kind === 'Label') return { primal: io.arith.alloc(0), labels: readLabels(buf, 0, batch) };
  const count = batch * widthOf(n);
  const primal = io.read(buf, 0, count);
  return ref.tangent ? { primal, tangent: io.read(buf, align8(count * io.bpe), count) } : { primal };
}

function rangeLen(r: ChannelRange | undefined): number {
  return r ? r.end - r.start : 0;
}

/** Writes tile `exec`'s block of gather item `g` at the start of `out`. */
export function writeBlock(exec: TileExec, g: GatherItem, out: SimBuffer): void {
  const io = exec.io;
  const B = exec.s.batch;
  const range = g.ranges[exec.index] as ChannelRange;
  const n = rangeLen(range);
  if (g.kind === 'mask') {
    new Uint8Array(out.bytes, 0, B * n).set(exec.inactiveMask(g.node));
    return;
  }
  if (g.kind === 'loss') {
    const lossSamples = exec.s.tangentPlan?.lossSamples;
    io.write(out, 0, exec.value(g.node, 'whole'));
    const d = lossSamples === undefined ? undefined : exec.tangent(lossSamples, 'whole');
    io.write(out, align8(io.bpe), d ?? io.arith.alloc(B));
    return;
  }
  const sliced = exec.s.program.byId.get(g.node)?.placement === 'sliced';
  const want = sliced ? range : 'whole';
  io.write(out, 0, exec.value(g.node, want));
  if (g.tangent) io.write(out, align8(B * n * io.bpe), exec.tangent(g.node, want) ?? io.arith.alloc(B * n));
}

/** Assembles the blocks of `g` held in `parts` (tile indices in buffer order) into one staged whole value. */
export function assembleGather(io: ElementIO, batch: number, g: GatherItem, parts: readonly BlockOrder[], ctx: KernelContext): Staged {
  const A = io.arith;
  const width = g.width;
  if (g.kind === 'loss') {
    const part = parts[0] as BlockOrder;
    const buf = ctx.input(part.fifo);
    return { primal: io.read(buf, 0, 1), tangent: io.read(buf, align8(io.bpe), batch) };
  }
  const primal = A.alloc(batch * width);
  const tangent = g.tangent ? A.alloc(batch * width) : undefined;
  const mask = g.kind === 'mask' ? new Uint8Array(batch * width) : undefined;
  for (const part of parts) {
    const buf = ctx.input(part.fifo);
    let offset = 0;
    for (const i of part.tiles) {
      const r = g.ranges[i] as ChannelRange;
      const n = rangeLen(r);
      if (mask) copyColumns(new Uint8Array(buf.bytes, offset, batch * n), n, 0, mask, width, r.start, batch, n);
      else {
        copyColumns(io.read(buf, offset, batch * n), n, 0, primal, width, r.start, batch, n);
        if (tangent) copyColumns(io.read(buf, offset + align8(batch * n * io.bpe), batch * n), n, 0, tangent, width, r.start, batch, n);
      }
      offset += g.blockBytes[i] ?? 0;
    }
  }
  return { primal, ...(tangent ? { tangent } : {}), ...(mask ? { mask } : {}) };
}
