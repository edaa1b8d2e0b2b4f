// Byte sizes the allocator counts with: elements of a format, whole values at a batch size,
// the channel partition of a role's tiles, and the human rendering of sizes in messages.
import type { NumericFormat } from '../../ir/meta.ts';
import type { Node } from '../../ir/nodes.ts';
import { POSIT_SPECS, isPositFormat } from '../../runtime/numerics/formats.ts';
import type { ChannelRange } from './plan.ts';

/** Class labels travel as int32 indices. */
export const LABEL_BYTES = 4;

/** Bytes of one element of a format. */
export function bytesPerElement(fmt: NumericFormat): number {
  if (fmt === 'f64') return 8;
  if (fmt === 'f32') return 4;
  return isPositFormat(fmt) ? POSIT_SPECS[fmt].nbits / 8 : 8;
}

/** Bytes of a whole value with the batch dim counted as `batch` (labels as int32). */
export function valueBytes(n: Node, bpe: number, batch: number): number {
  let elements = 1;
  for (const d of n.type.shape) elements *= d === 'B' ? batch : d;
  return elements * (n.kind === 'Label' ? LABEL_BYTES : bpe);
}

/**
 * Splits `width` channels over `tiles` tiles in contiguous ranges, in tile order: the first
 * `width mod tiles` tiles get one channel more (512 over 12: eight of 43, four of 42). With
 * fewer channels than tiles the last tiles get empty ranges.
 */
export function partition(width: number, tiles: number): ChannelRange[] {
  const base = Math.floor(width / tiles);
  const extra = width % tiles;
  const out: ChannelRange[] = [];
  let start = 0;
  for (let i = 0; i < tiles; i++) {
    const len = base + (i < extra ? 1 : 0);
    out.push({ start, end: start + len });
    start += len;
  }
  return out;
}

/** `512 B`, `63 KiB`, `71.2 KiB`, `1.5 MiB`: exact values print without decimals. */
export function formatBytes(b: number): string {
  const unit = (v: number, name: string): string => `${Number.isInteger(v) ? v : v.toFixed(1)} ${name}`;
  if (b < 1024) return `${b} B`;
  if (b < 1024 * 1024) return unit(Math.round((b / 1024) * 10) / 10, 'KiB');
  return unit(Math.round((b / (1024 * 1024)) * 10) / 10, 'MiB');
}
