// A role's program laid over its tiles: which channel range of each op every tile owns, the head
// tile and column, the columns ordered from the head outward (the direction data is broadcast),
// and the bytes each tile passes down its column's gather cascade.
import type { GridTile } from '../../targets/xdna/grid-topology.ts';
import type { ChannelRange, PlanRole } from './plan.ts';
import type { RoleOp, RoleProgram } from './role-program.ts';
import { partition } from './sizes.ts';

/** A role's tiles and the channel ranges they own. */
export interface RoleLayout {
  readonly role: PlanRole;
  readonly program: RoleProgram;
  /** Column by column, rows upward: the channel order. */
  readonly tiles: readonly GridTile[];
  readonly headIndex: number;
  readonly headColumn: number;
  /** Columns the role uses, head first, then outward. */
  readonly columns: readonly number[];
  /** The channel range of `op` that tile `i` computes (empty when it computes none of it). */
  rangeOf(op: RoleOp, i: number): ChannelRange;
  /** Indices of the role's tiles in column `col`, rows upward. */
  tilesInColumn(col: number): readonly number[];
}

const EMPTY: ChannelRange = { start: 0, end: 0 };

/** Lays `program` over `tiles` (non-empty, in channel order). */
export function layRole(program: RoleProgram, tiles: readonly GridTile[]): RoleLayout {
  const role = program.role;
  const cols = [...new Set(tiles.map((t) => t.col))].sort((a, b) => a - b);
  // Inference keeps its shim I/O at the left edge, learning at the right edge.
  const headColumn = role === 'inference' ? (cols[0] as number) : (cols[cols.length - 1] as number);
  const columns = role === 'inference' ? cols : [...cols].reverse();
  const headIndex = tiles.findIndex((t) => t.col === headColumn);
  const parts = new Map<number, ChannelRange[]>();
  const byColumn = new Map<number, number[]>();
  tiles.forEach((t, i) => byColumn.set(t.col, [...(byColumn.get(t.col) ?? []), i]));
  const sliceOf = (width: number, i: number): ChannelRange => {
    let p = parts.get(width);
    if (!p) {
      p = partition(width, tiles.length);
      parts.set(width, p);
    }
    return p[i] ?? EMPTY;
  };
  return {
    role,
    program,
    tiles,
    headIndex,
    headColumn,
    columns,
    rangeOf(op, i) {
      if (op.placement === 'sliced') return sliceOf(op.width, i);
      if (op.placement === 'replicated' || i === headIndex) return { start: 0, end: op.width };
      return EMPTY;
    },
    tilesInColumn: (col) => byColumn.get(col) ?? [],
  };
}

/** Channels of a range. */
export function rangeLength(r: ChannelRange): number {
  return r.end - r.start;
}

/**
 * Bytes tile `i` sends down its column per gathered value (its slice and those of the role's
 * tiles above it), maximised over values; the head tile also sends its whole outputs.
 */
export function cascadeBytes(layout: RoleLayout, i: number): { bytes: number; tangent: number } {
  const t = layout.tiles[i] as GridTile;
  // tilesInColumn is in row order, so the tiles at and above t are a suffix of it.
  const column = layout.tilesInColumn(t.col);
  const above = column.slice(column.indexOf(i));
  let bytes = 0;
  let tangent = 0;
  for (const op of layout.program.gathered) {
    let channels = 0;
    for (const j of above) channels += rangeLength(layout.rangeOf(op, j));
    const b = channels * op.channelBytes;
    bytes = Math.max(bytes, b);
    if (op.tangent) tangent = Math.max(tangent, b);
  }
  if (i === layout.headIndex) {
    for (const op of layout.program.headOutputs) {
      bytes = Math.max(bytes, op.wholeBytes);
      if (op.tangent) tangent = Math.max(tangent, op.wholeBytes);
    }
  }
  return { bytes, tangent };
}

/** Bytes of a column's part of a gathered value, summed over `cols`, maximised over values. */
export function columnPartBytes(layout: RoleLayout, cols: readonly number[]): { bytes: number; tangent: number } {
  let bytes = 0;
  let tangent = 0;
  for (const op of layout.program.gathered) {
    let channels = 0;
    for (const c of cols) for (const j of layout.tilesInColumn(c)) channels += rangeLength(layout.rangeOf(op, j));
    bytes = Math.max(bytes, channels * op.channelBytes);
    if (op.tangent) tangent = Math.max(tangent, channels * op.channelBytes);
  }
  return { bytes, tangent };
}
