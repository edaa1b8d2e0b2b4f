// Static checks of a simulator program against the grid before it runs: every tile sits on the
// grid in the row of its kind, and each tile's L1 (stack included), DMA channels and buffer
// descriptors fit its budget. FIFO buffers count on both ends of a DMA FIFO and once (on the
// producer) for a shared-memory FIFO. Also returns per-tile usage for reports and pictures.
import type { Diagnostic } from '../../../ir/diagnostics.ts';
import type { DiagCode } from '../../../ir/diagnostic-codes.ts';
import type { GridDesc } from '../grid.ts';
import { tileLabel, type SimProgram, type SimTile } from './program.ts';

/** Resources one tile uses, beside its budget (capacity 0: the kind has no local memory). */
export interface TileUsage {
  readonly id: string;
  readonly memoryBytes: number;
  readonly memoryCapacity: number;
  readonly dmaIn: number;
  readonly dmaOut: number;
  readonly bufferDescriptors: number;
}

interface Budget {
  readonly capacity: number;
  readonly dmaIn: number;
  readonly dmaOut: number;
  readonly bds: number;
}

/** Budget of a tile kind on `grid`; compute capacity excludes the reserved stack. */
function budgetOf(grid: GridDesc, kind: SimTile['kind']): Budget {
  switch (kind) {
    case 'compute': {
      const c = grid.computeTile;
      return { capacity: c.dataBytes - c.stackBytes, dmaIn: c.dmaIn, dmaOut: c.dmaOut, bds: c.bufferDescriptors };
    }
    case 'memory':
      return { capacity: grid.memTile.dataBytes, dmaIn: grid.memTile.dmaIn, dmaOut: grid.memTile.dmaOut, bds: grid.memTile.bufferDescriptors };
    case 'shim':
      return { capacity: 0, dmaIn: grid.shimTile.dmaIn, dmaOut: grid.shimTile.dmaOut, bds: grid.shimTile.bufferDescriptors };
  }
}

/** The grid row a tile of `kind` must sit in: shim 0, memory 1, compute 2.. */
function rowProblem(grid: GridDesc, t: SimTile): string | undefined {
  if (!Number.isInteger(t.col) || t.col < 0 || t.col >= grid.cols) return `column ${t.col} is outside grid ${grid.name} (${grid.cols} columns)`;
  if (t.kind === 'shim' && t.row !== 0) return 'shim tiles sit in row 0';
  if (t.kind === 'memory' && t.row !== 1) return 'memory tiles sit in row 1';
  if (t.kind === 'compute' && !(Number.isInteger(t.row) && t.row >= 2 && t.row < 2 + grid.computeRows)) {
    return `compute tiles sit in rows 2..${1 + grid.computeRows}`;
  }
  return undefined;
}

/** Checks placement and budgets; returns diagnostics and each tile's usage. */
export function checkProgram(program: SimProgram, grid: GridDesc): { diagnostics: Diagnostic[]; usage: TileUsage[] } {
  const diagnostics: Diagnostic[] = [];
  const err = (code: DiagCode, message: string, t: SimTile, hint: string): void => {
    diagnostics.push({ code, severity: 'error', message, hint, ...(t.span ? { span: t.span } : {}) });
  };
  const acc = new Map<string, { mem: number; dmaIn: number; dmaOut: number; bds: number }>();
  for (const t of program.tiles) acc.set(t.id, { mem: t.localBytes ?? 0, dmaIn: 0, dmaOut: 0, bds: 0 });
  for (const f of program.fifos) {
    const bytes = f.depth * f.bufferBytes;
    const p = acc.get(f.producer);
    if (p) p.mem += bytes;
    if (f.transfer === 'shared') continue;
    if (p) {
      p.dmaOut += 1;
      p.bds += f.depth;
    }
    for (const c of f.consumers) {
      const a = acc.get(c);
      if (!a) continue;
      a.mem += bytes;
      a.dmaIn += 1;
      a.bds += f.depth;
    }
  }
  const usage: TileUsage[] = [];
  for (const t of program.tiles) {
    const why = rowProblem(grid, t);
    if (why !== undefined) err('E3303', `tile '${t.id}' at ${tileLabel(t)} cannot be a ${t.kind} tile: ${why}`, t, 'rows: shim 0, memory 1, compute 2 and up');
    const a = acc.get(t.id) ?? { mem: 0, dmaIn: 0, dmaOut: 0, bds: 0 };
    const b = budgetOf(grid, t.kind);
    const at = `tile ${tileLabel(t)} (${t.kind})`;
    if (t.kind !== 'shim' && a.mem > b.capacity) {
      const what = t.kind === 'compute' ? `of ${b.capacity} B of L1 left after the ${grid.computeTile.stackBytes} B stack` : `of its ${b.capacity} B`;
      err('E3305', `${at} needs ${a.mem} B ${what}`, t, 'use shallower FIFOs, smaller buffers, or spread the weights over more tiles');
    }
    if (a.dmaIn > b.dmaIn || a.dmaOut > b.dmaOut) {
      err('E3306', `${at} needs ${a.dmaIn} input and ${a.dmaOut} output DMA channels; it has ${b.dmaIn} + ${b.dmaOut}`, t, 'route some FIFOs through a memory tile or share memory with a neighbour');
    }
    if (a.bds > b.bds) err('E3307', `${at} needs ${a.bds} buffer descriptors (one per FIFO buffer); it has ${b.bds}`, t, 'use shallower FIFOs');
    usage.push({ id: t.id, memoryBytes: a.mem, memoryCapacity: b.capacity, dmaIn: a.dmaIn, dmaOut: a.dmaOut, bufferDescriptors: a.bds });
  }
  return { diagnostics, usage };
}
