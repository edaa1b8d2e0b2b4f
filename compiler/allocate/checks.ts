// The checks of a tile plan: L1 fit per role (stack included), memory-tile fit of parameters
// (non-blocking: the column's parameters then stay in DDR) and of FIFO buffers, DMA channels and
// buffer descriptors per tile kind, and routability of every route under the column-local rule.
// Each check names the subject with the least slack and its numbers, pass or fail.
import type { GridDesc } from '../../targets/xdna/grid.ts';
import { linkKind, tileAt, type GridTile } from '../../targets/xdna/grid-topology.ts';
import type { ComputeTilePlan, DmaUsage, MemTilePlan, PlanCheck, PlanRoute, RoleInfo, ShimTilePlan } from './plan.ts';
import { formatBytes } from './sizes.ts';

/** `(col,row)` of a tile id `c<col>r<row>`, as messages name tiles. */
export function tileLabelOf(id: string): string {
  const m = /^c(\d+)r(\d+)$/.exec(id);
  return m ? `(${m[1]},${m[2]})` : id;
}

/** `1 tile`, `3 tiles`. */
function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function check(name: string, ok: boolean, detail: string, subject: string | null, need: number | null, have: number | null, blocking = true): PlanCheck {
  return { check: name, status: ok ? 'pass' : 'fail', detail, subject, need, have, blocking };
}

/** The element with the largest `slack` deficit (need - have), first on ties. */
function worst<T>(xs: readonly T[], deficit: (x: T) => number): T | undefined {
  let best: T | undefined;
  let bestD = -Infinity;
  for (const x of xs) {
    const d = deficit(x);
    if (d > bestD) [best, bestD] = [x, d];
  }
  return best;
}

function l1Check(role: RoleInfo, tiles: readonly ComputeTilePlan[]): PlanCheck {
  const mine = tiles.filter((t) => t.role === role.role);
  const w = worst(mine, (t) => t.l1.total - t.l1.capacity);
  const name = `l1-fit.${role.role}`;
  if (!w) return check(name, true, 'no tiles', null, null, null);
  const over = mine.filter((t) => t.l1.total > t.l1.capacity).length;
  const l = w.l1;
  const parts = `weights ${formatBytes(l.weights)} resident + ${formatBytes(l.streamBuffers)} stream buffers, activations ${formatBytes(l.activations)}, tangents ${formatBytes(l.tangents)}, quire ${formatBytes(l.quire)}, stack ${formatBytes(l.stack)}`;
  const head = over === 0 ? `${count(mine.length, 'tile')} fit; most loaded` : `${over} of ${count(mine.length, 'tile')} over; worst`;
  return check(name, over === 0, `${head} ${tileLabelOf(w.id)} uses ${formatBytes(l.total)} of ${formatBytes(l.capacity)} (${parts})`, w.id, l.total, l.capacity);
}

function memChecks(mems: readonly MemTilePlan[]): PlanCheck[] {
  const used = mems.filter((m) => m.roles.length > 0);
  const w = worst(used, (m) => m.total - m.capacity);
  const ddr = used.filter((m) => m.params === 'ddr');
  const p = w
    ? check(
        'memtile-params',
        ddr.length === 0,
        ddr.length === 0
          ? `parameters and buffers fit every memory tile; fullest ${tileLabelOf(w.id)} holds ${formatBytes(w.total)} of ${formatBytes(w.capacity)} (snapshot ${formatBytes(w.snapshotBytes)}, training copy ${formatBytes(w.trainingCopyBytes)}, frozen ${formatBytes(w.frozenBytes)}, buffers ${formatBytes(w.bufferBytes)})`
          : `${ddr.length} of ${count(used.length, 'memory tile')} cannot hold their column's parameters (worst ${tileLabelOf(w.id)}: ${formatBytes(w.total)} of ${formatBytes(w.capacity)}); those columns stream parameters from DDR through their shims`,
        w.id, w.total, w.capacity, false,
      )
    : check('memtile-params', true, 'no memory tiles used', null, null, null, false);
  const b = worst(used, (m) => m.bufferBytes - m.capacity);
  const bufOver = used.filter((m) => m.bufferBytes > m.capacity).length;
  const buf = b
    ? check('memtile-buffers', bufOver === 0, `${bufOver === 0 ? 'FIFO buffers fit every memory tile; largest' : `${count(bufOver, 'memory tile')} over; worst`} ${tileLabelOf(b.id)} ${formatBytes(b.bufferBytes)} of ${formatBytes(b.capacity)}`, b.id, b.bufferBytes, b.capacity)
    : check('memtile-buffers', true, 'no memory tiles used', null, null, null);
  return [p, buf];
}

interface DmaTile {
  readonly id: string;
  readonly dma: DmaUsage;
}

function dmaChecks(kind: string, xs: readonly DmaTile[]): PlanCheck[] {
  const chan = worst(xs, (t) => Math.max(t.dma.in - t.dma.inCapacity, t.dma.out - t.dma.outCapacity));
  const chanOver = xs.filter((t) => t.dma.in > t.dma.inCapacity || t.dma.out > t.dma.outCapacity).length;
  const bd = worst(xs, (t) => t.dma.bds - t.dma.bdCapacity);
  const bdOver = xs.filter((t) => t.dma.bds > t.dma.bdCapacity).length;
  const out: PlanCheck[] = [];
  if (chan) {
    const d = chan.dma;
    const needIn = d.in - d.inCapacity >= d.out - d.outCapacity;
    out.push(check(`dma-channels.${kind}`, chanOver === 0, `${chanOver === 0 ? 'every tile within budget; busiest' : `${count(chanOver, 'tile')} over; worst`} ${tileLabelOf(chan.id)} uses ${d.in} in + ${d.out} out of ${d.inCapacity} + ${d.outCapacity}`, chan.id, needIn ? d.in : d.out, needIn ? d.inCapacity : d.outCapacity));
  }
  if (bd) out.push(check(`buffer-descriptors.${kind}`, bdOver === 0, `${bdOver === 0 ? 'every tile within budget; busiest' : `${count(bdOver, 'tile')} over; worst`} ${tileLabelOf(bd.id)} uses ${bd.dma.bds} of ${bd.dma.bdCapacity}`, bd.id, bd.dma.bds, bd.dma.bdCapacity));
  return out;
}

/** Why a route hop breaks the column-local rule, or undefined when it is a direct link. */
export function routeProblem(grid: GridDesc, r: PlanRoute): string | undefined {
  const parse = (id: string): GridTile | undefined => {
    const m = /^c(\d+)r(\d+)$/.exec(id);
    return m ? tileAt(grid, Number(m[1]), Number(m[2])) : undefined;
  };
  const p = parse(r.producer);
  if (!p) return `producer ${r.producer} is not on the grid`;
  for (const id of r.consumers) {
    const c = parse(id);
    if (!c) return `consumer ${id} is not on the grid`;
    const link = linkKind(grid, p, c);
    if (!link) return `${tileLabelOf(r.producer)} has no direct DMA link to ${tileLabelOf(id)}`;
    if (r.transfer === 'shared' && link !== 'tileToTile') return `${tileLabelOf(r.producer)} and ${tileLabelOf(id)} do not share L1`;
  }
  for (const path of r.paths) if (path.length !== 2) return `path ${path.join(' ')} relays through other tiles`;
  return undefined;
}

function routeCheck(grid: GridDesc, routes: readonly PlanRoute[]): PlanCheck {
  const bad = routes.map((r) => [r, routeProblem(grid, r)] as const).filter((x) => x[1] !== undefined);
  const first = bad[0];
  if (!first) return check('routability', true, `${count(routes.length, 'route')}, each a direct link (compute tiles to their column's memory tile or vertical neighbour; memory tiles to neighbouring columns; shims to their memory tile)`, null, null, null);
  return check('routability', false, `${bad.length} of ${count(routes.length, 'route')} break the column-local rule; ${first[0].id}: ${first[1]}`, first[0].id, null, null);
}

/** Runs every check. */
export function runChecks(grid: GridDesc, roles: readonly RoleInfo[], tiles: readonly ComputeTilePlan[], mems: readonly MemTilePlan[], shims: readonly ShimTilePlan[], routes: readonly PlanRoute[]): PlanCheck[] {
  const usedShims = shims.filter((s) => s.dma.in + s.dma.out > 0);
  return [
    ...roles.map((r) => l1Check(r, tiles)),
    ...memChecks(mems),
    ...dmaChecks('compute', tiles),
    ...dmaChecks('memory', mems.filter((m) => m.roles.length > 0)),
    ...dmaChecks('shim', usedShims),
    routeCheck(grid, routes),
  ];
}
