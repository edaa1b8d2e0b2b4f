// The mutable builder the xdna lowering fills in: simulator tiles with their threads, FIFOs made
// from the plan's routes (grown where the lowering's buffers need more room than the plan
// counted), and the registry of kernel specs by name. lower.ts drives it; lower-*.ts add threads.
import type { PlanRoute, TilePlan } from '../../compiler/allocate/plan.ts';
import type { KernelSpec } from './lower-types.ts';
import type { SimFifo, SimTask, SimThread, SimTile, SimTileKind, SimTileRole } from './sim/index.ts';

/** Task shorthands. */
export const T = {
  loop: (repeat: number, body: readonly SimTask[]): SimTask[] => (repeat <= 0 || body.length === 0 ? [] : [{ kind: 'loop', repeat, body }]),
  acq: (fifo: string, side: 'produce' | 'consume', count = 1): SimTask => ({ kind: 'acquire', fifo, side, ...(count === 1 ? {} : { count }) }),
  rel: (fifo: string, side: 'produce' | 'consume', count = 1): SimTask => ({ kind: 'release', fifo, side, ...(count === 1 ? {} : { count }) }),
} as const;

interface TileDraft {
  readonly id: string;
  readonly col: number;
  readonly row: number;
  readonly kind: SimTileKind;
  role: SimTileRole;
  localBytes: number;
  readonly threads: SimThread[];
}

interface FifoDraft {
  readonly route: PlanRoute;
  bytes: number;
  depth: number;
}

/** Accumulates a simulator program while the lowering walks the plan. */
export class ProgramBuilder {
  private readonly tiles = new Map<string, TileDraft>();
  private readonly fifos = new Map<string, FifoDraft>();
  readonly kernels = new Map<string, KernelSpec>();

  constructor(readonly plan: TilePlan) {
    for (const r of plan.routes) this.fifos.set(r.id, { route: r, bytes: r.bytesPerTransfer + r.tangentBytes, depth: r.depth });
  }

  /** The tile at `id` (created idle on first use). */
  tile(col: number, row: number): TileDraft {
    const id = `c${col}r${row}`;
    let t = this.tiles.get(id);
    if (!t) {
      const kind: SimTileKind = row === 0 ? 'shim' : row === 1 ? 'memory' : 'compute';
      t = { id, col, row, kind, role: 'idle', localBytes: 0, threads: [] };
      this.tiles.set(id, t);
    }
    return t;
  }

  /** Adds a thread to a tile and sets its role. */
  thread(col: number, row: number, role: SimTileRole, name: string, tasks: readonly SimTask[]): void {
    const t = this.tile(col, row);
    if (t.role === 'idle' || t.role === 'io' || role === 'host-optimizer') t.role = role;
    if (tasks.length > 0) t.threads.push({ name: t.threads.some((x) => x.name === name) ? `${name}${t.threads.length}` : name, tasks });
  }

  /** Registers a kernel spec under a unique name and returns the name. */
  kernel(name: string, spec: KernelSpec): string {
    let n = name;
    for (let i = 2; this.kernels.has(n); i++) n = `${name}#${i}`;
    this.kernels.set(n, spec);
    return n;
  }

  /** Uses a plan route as a FIFO, growing its buffers to at least `bytes` and its depth to `depth`. */
  use(route: PlanRoute, bytes = 0, depth = 0): string {
    const f = this.fifos.get(route.id);
    if (!f) throw new Error(`lower: unknown route ${route.id}`);
    f.bytes = Math.max(f.bytes, bytes);
    f.depth = Math.max(f.depth, depth);
    return route.id;
  }

  /** Buffer bytes of a FIFO as built so far. */
  bytesOf(id: string): number {
    return this.fifos.get(id)?.bytes ?? 0;
  }

  /** Sets a tile's bytes outside its FIFO buffers. */
  setLocal(col: number, row: number, bytes: number): void {
    this.tile(col, row).localBytes = Math.max(0, Math.round(bytes));
  }

  /** The finished program: tiles in grid order, FIFOs in route order. */
  finish(name: string): { name: string; tiles: SimTile[]; fifos: SimFifo[] } {
    const tiles = [...this.tiles.values()].sort((a, b) => a.col - b.col || a.row - b.row).map((t): SimTile => ({ id: t.id, col: t.col, row: t.row, kind: t.kind, role: t.role, localBytes: t.localBytes, threads: t.threads }));
    const fifos = [...this.fifos.values()].map(({ route: r, bytes, depth }): SimFifo => ({
      id: r.id, producer: r.producer, consumers: r.consumers, depth, bufferBytes: bytes, transfer: r.transfer, routes: r.paths,
    }));
    return { name, tiles, fifos };
  }
}

/** FIFO bytes a plan counts on a tile, by the simulator's rule (DMA FIFOs at both ends, shared ones at the producer). */
export function planFifoBytes(plan: TilePlan, tile: string): number {
  let bytes = 0;
  for (const r of plan.routes) {
    const b = r.depth * (r.bytesPerTransfer + r.tangentBytes);
    if (r.producer === tile) bytes += b;
    else if (r.transfer === 'dma' && r.consumers.includes(tile)) bytes += b;
  }
  return bytes;
}
