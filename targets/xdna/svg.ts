// SVG pictures of the tile-grid simulator: the grid (one rect per tile at its column and row,
// shim row at the bottom as in AMD's diagrams, filled by role and shaded by utilization, with
// labels, DMA routes as arrows with byte counts, a legend and a title) and the sweep plot of
// inference rate against gradient rate over the number of learning tiles (`simulate --sweep`).
// Plain strings, well-formed XML (every text escaped); the CLI writes them with writeFileAtomic.
import type { GridDesc } from './grid.ts';
import { tileLabel, type SimProgram, type SimResult, type SimTile, type SimTileRole, type TileUsage } from './sim/index.ts';

/** Fill colour of each tile role (also the sweep plot's series colours). */
export const ROLE_COLOURS: Readonly<Record<SimTileRole, string>> = {
  inference: '#3b75af',
  'forward-gradient': '#ef8636',
  'host-optimizer': '#c53a32',
  memory: '#519e3e',
  io: '#8d69b8',
  idle: '#c8c8c8',
};

/** Escapes text for XML character data and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** One element with escaped attributes; `inner` is already-built markup. */
function el(name: string, attrs: Readonly<Record<string, string | number>>, inner = ''): string {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? fmtNum(v) : v)}"`).join('');
  return inner === '' ? `<${name}${a}/>` : `<${name}${a}>${inner}</${name}>`;
}

function text(x: number, y: number, s: string, attrs: Readonly<Record<string, string | number>> = {}): string {
  return el('text', { x, y, ...attrs }, escapeXml(s));
}

function fmtNum(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** `1.5 MB`, `12.3 KiB`-style byte counts. */
export function formatBytes(b: number): string {
  if (b >= 1024 * 1024) return `${(b / (1024 * 1024)).toFixed(1)} MiB`;
  if (b >= 1024) return `${(b / 1024).toFixed(1)} KiB`;
  return `${b} B`;
}

/** What the grid picture shows. `result` and `usage` add utilization, traffic and L1 labels. */
export interface GridSvgInput {
  readonly grid: GridDesc;
  readonly program: SimProgram;
  readonly result?: SimResult;
  readonly usage?: readonly TileUsage[];
  readonly title?: string;
}

const TW = 172;
const TH = 86;
/** Spacing of the vertical route lanes in each tile's right-hand strip. */
const LANE = 8;
const GAP = 26;
const MARGIN = 24;
const TOP = 56;
const LEGEND_W = 210;

/** Top-left corner of the tile at (col, row) in a grid with `rows` rows. */
function at(col: number, row: number, rows: number): { x: number; y: number } {
  return { x: MARGIN + col * (TW + GAP), y: TOP + (rows - 1 - row) * (TH + GAP) };
}

/** The grid picture. */
export function gridSvg(input: GridSvgInput): string {
  const { grid, program, result } = input;
  const rows = 2 + grid.computeRows;
  const width = MARGIN * 2 + grid.cols * (TW + GAP) - GAP + LEGEND_W;
  const height = TOP + rows * (TH + GAP) - GAP + MARGIN + 18;
  const byPos = new Map(program.tiles.map((t) => [`${t.col},${t.row}`, t]));
  const stats = new Map(result?.tiles.map((s) => [s.id, s]));
  const usage = new Map(input.usage?.map((u) => [u.id, u]));
  const parts: string[] = [];
  parts.push(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  const title = input.title ?? `${program.name} on ${grid.name}`;
  parts.push(text(MARGIN, 30, title, { 'font-size': 18, 'font-weight': 'bold' }));
  if (result) {
    const streams = result.streams.map((s) => `${s.name} ${Math.round(s.perSecond)}/s`).join(', ');
    parts.push(text(MARGIN, 48, `${result.totalCycles} cycles at ${grid.clockGHz} GHz${streams ? `; ${streams}` : ''}`, { 'font-size': 12, fill: '#444' }));
  }
  for (let col = 0; col < grid.cols; col++) {
    for (let row = 0; row < rows; row++) {
      const t = byPos.get(`${col},${row}`);
      parts.push(tileBox(col, row, rows, stripWidth(grid.computeRows), t, t ? stats.get(t.id) : undefined, t ? usage.get(t.id) : undefined));
    }
  }
  parts.push(routes(program, result, rows, grid.computeRows));
  parts.push(legend(MARGIN + grid.cols * (TW + GAP), TOP));
  const defs = el('defs', {}, el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#333' })));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': 'DejaVu Sans, Arial, sans-serif' }, defs + parts.join(''))}\n`;
}

type TileStats = NonNullable<SimResult['tiles']>[number];

function kindOfRow(row: number): SimTile['kind'] {
  return row === 0 ? 'shim' : row === 1 ? 'memory' : 'compute';
}

/** Width of the strip on each tile's right that carries vertical route lanes. */
function stripWidth(computeRows: number): number {
  return (computeRows + 2) * LANE + 4;
}

/** Compact KiB figure for labels (`31`, `0.5`). */
function kib(b: number): string {
  const k = b / 1024;
  return k >= 10 || Number.isInteger(k) ? k.toFixed(0) : k.toFixed(1);
}

/** One tile: role fill (stronger with utilization), a utilization bar, four label lines. */
function tileBox(col: number, row: number, rows: number, strip: number, t: SimTile | undefined, s: TileStats | undefined, u: TileUsage | undefined): string {
  const { x, y } = at(col, row, rows);
  const role: SimTileRole = t?.role ?? 'idle';
  const colour = ROLE_COLOURS[role];
  const util = s?.utilization ?? 0;
  const barW = TW - strip - 10;
  const out: string[] = [];
  out.push(el('rect', { x, y, width: TW, height: TH, rx: 6, fill: colour, 'fill-opacity': role === 'idle' ? 0.35 : 0.3 + 0.5 * util, stroke: '#333', 'stroke-width': 1 }));
  out.push(el('rect', { x: x + 6, y: y + TH - 12, width: barW, height: 6, fill: '#ffffff', stroke: '#666', 'stroke-width': 0.5 }));
  if (util > 0) out.push(el('rect', { x: x + 6, y: y + TH - 12, width: barW * Math.min(1, util), height: 6, fill: colour }));
  const kind = t?.kind ?? kindOfRow(row);
  const lines = [`${tileLabel({ col, row })} ${kind}`, role, s ? `util ${(100 * util).toFixed(0)}%` : ''];
  if (u && u.memoryCapacity > 0) lines.push(`${kind === 'compute' ? 'L1' : 'mem'} ${kib(u.memoryBytes)}/${kib(u.memoryCapacity)} KiB`);
  else if (s && (s.dmaBytesIn > 0 || s.dmaBytesOut > 0)) lines.push(`DMA in ${formatBytes(s.dmaBytesIn)}`);
  lines.forEach((line, i) => {
    if (line !== '') out.push(text(x + 7, y + 16 + i * 15, line, { 'font-size': i === 0 ? 12 : 11, 'font-weight': i === 0 ? 'bold' : 'normal', fill: '#111' }));
  });
  return el('g', { class: `tile role-${role}` }, out.join(''));
}

/** Traffic between two directly linked tiles, summed over every FIFO route that uses the link. */
interface Link {
  readonly a: SimTile;
  readonly b: SimTile;
  ab: number;
  ba: number;
  readonly fifos: string[];
  shared: boolean;
}

function collectLinks(program: SimProgram, result: SimResult | undefined): Link[] {
  const byId = new Map(program.tiles.map((t) => [t.id, t]));
  const moved = new Map(result?.fifos.map((f) => [f.id, f.bytes]));
  const links = new Map<string, Link>();
  for (const f of program.fifos) {
    f.consumers.forEach((c, k) => {
      const ids = f.routes?.[k] ?? [f.producer, c];
      for (let i = 1; i < ids.length; i++) {
        const from = byId.get(ids[i - 1] ?? '');
        const to = byId.get(ids[i] ?? '');
        if (!from || !to || from === to) continue;
        const [a, b] = from.id < to.id ? [from, to] : [to, from];
        const key = `${a.id}|${b.id}`;
        const link = links.get(key) ?? { a, b, ab: 0, ba: 0, fifos: [], shared: true };
        const bytes = moved.get(f.id) ?? 0;
        if (from === a) link.ab += bytes;
        else link.ba += bytes;
        if (!link.fifos.includes(f.id)) link.fifos.push(f.id);
        link.shared &&= f.transfer === 'shared';
        links.set(key, link);
      }
    });
  }
  return [...links.values()];
}

/**
 * DMA routes, one line per linked tile pair with arrowheads for the directions used and the
 * bytes moved. Vertical links run in lanes of the tiles' right-hand strips (shim-memory lane 0,
 * memory-compute lane = compute row - 1, compute-compute the last lane), so they never cross
 * the labels; memory-to-memory links run between neighbouring columns.
 */
function routes(program: SimProgram, result: SimResult | undefined, rows: number, computeRows: number): string {
  const out: string[] = [];
  for (const l of collectLinks(program, result)) {
    const pa = at(l.a.col, l.a.row, rows);
    const pb = at(l.b.col, l.b.row, rows);
    let x1: number;
    let y1: number;
    let x2: number;
    let y2: number;
    if (l.a.col === l.b.col) {
      const lo = Math.min(l.a.row, l.b.row);
      const hi = Math.max(l.a.row, l.b.row);
      const lane = lo === 0 ? 0 : lo === 1 ? hi - 1 : computeRows + 1;
      x1 = x2 = pa.x + TW - 6 - lane * LANE;
      y1 = pa.y + TH / 2;
      y2 = pb.y + TH / 2;
    } else {
      const left = pa.x < pb.x;
      x1 = left ? pa.x + TW : pa.x;
      x2 = left ? pb.x : pb.x + TW;
      y1 = y2 = pa.y + TH - 24 - (l.a.row === l.b.row ? 0 : 8);
    }
    const style: Record<string, string> = {};
    if (l.ab > 0) style['marker-end'] = 'url(#arrow)';
    if (l.ba > 0) style['marker-start'] = 'url(#arrow)';
    if (l.shared) style['stroke-dasharray'] = '4 3';
    const tip = el('title', {}, escapeXml(`${l.a.id} - ${l.b.id}: ${l.fifos.join(', ')}`));
    out.push(el('path', { d: `M${fmtNum(x1)},${fmtNum(y1)} L${fmtNum(x2)},${fmtNum(y2)}`, fill: 'none', stroke: '#222', 'stroke-width': 1.3, ...style }, tip));
    const bytes = l.ab + l.ba;
    if (bytes <= 0) continue;
    const label = formatBytes(bytes).replace(' ', '');
    const halo = { 'font-size': 8, fill: '#111', stroke: '#ffffff', 'stroke-width': 2, 'paint-order': 'stroke' };
    if (x1 === x2) {
      // Rotated beside its lane, starting just below the upper tile's centre.
      const ly = Math.min(y1, y2) + 8;
      out.push(text(x1 - 8, ly, label, { ...halo, transform: `rotate(90 ${fmtNum(x1 - 8)} ${fmtNum(ly)})` }));
    } else {
      out.push(text((x1 + x2) / 2, y1 - 3, label, { ...halo, 'text-anchor': 'middle' }));
    }
  }
  return el('g', { class: 'routes' }, out.join(''));
}

function legend(x: number, y: number): string {
  const out: string[] = [text(x + 8, y + 12, 'tile role', { 'font-size': 13, 'font-weight': 'bold' })];
  (Object.entries(ROLE_COLOURS) as [SimTileRole, string][]).forEach(([role, colour], i) => {
    out.push(el('rect', { x: x + 8, y: y + 22 + i * 20, width: 16, height: 14, fill: colour, stroke: '#333', 'stroke-width': 0.5 }));
    out.push(text(x + 30, y + 33 + i * 20, role, { 'font-size': 12 }));
  });
  const y2 = y + 22 + 6 * 20 + 10;
  out.push(text(x + 8, y2 + 12, 'shading and bar: utilization', { 'font-size': 11 }));
  out.push(el('path', { d: `M${x + 8},${y2 + 28} L${x + 48},${y2 + 28}`, stroke: '#333', 'marker-end': 'url(#arrow)' }));
  out.push(text(x + 54, y2 + 32, 'DMA link (bytes moved)', { 'font-size': 11 }));
  out.push(el('path', { d: `M${x + 8},${y2 + 46} L${x + 48},${y2 + 46}`, stroke: '#333', 'stroke-dasharray': '4 3', 'marker-end': 'url(#arrow)' }));
  out.push(text(x + 54, y2 + 50, 'shared-L1 link', { 'font-size': 11 }));
  return el('g', { class: 'legend' }, out.join(''));
}

/** One partition of a sweep: rates for a number of learning tiles. */
export interface SweepPoint {
  readonly learningTiles: number;
  readonly inferencesPerSecond: number;
  readonly gradientsPerSecond: number;
}

/** "Nice" tick step near range / 5 (1, 2 or 5 times a power of ten). */
function tickStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p);
}

/** Line chart of inference and gradient rates against learning tiles, with axes, ticks and legend. */
export function sweepSvg(points: readonly SweepPoint[], title = 'inference vs gradient rate by learning tiles'): string {
  const W = 640;
  const H = 400;
  const L = 78;
  const R = 24;
  const T = 56;
  const B = 56;
  const xs = points.map((p) => p.learningTiles);
  const xMax = Math.max(1, ...xs);
  const yTop = Math.max(1, ...points.flatMap((p) => [p.inferencesPerSecond, p.gradientsPerSecond]));
  const ys = tickStep(yTop);
  const yMax = Math.ceil(yTop / ys) * ys;
  const px = (v: number): number => L + (v / xMax) * (W - L - R);
  const py = (v: number): number => H - B - (v / yMax) * (H - T - B);
  const parts: string[] = [el('rect', { x: 0, y: 0, width: W, height: H, fill: '#ffffff' }), text(L, 30, title, { 'font-size': 16, 'font-weight': 'bold' })];
  parts.push(el('path', { d: `M${L},${T} L${L},${H - B} L${W - R},${H - B}`, fill: 'none', stroke: '#222' }));
  const xStep = Math.max(1, Math.ceil(xMax / 12));
  for (let v = 0; v <= xMax; v += xStep) {
    parts.push(el('path', { d: `M${fmtNum(px(v))},${H - B} L${fmtNum(px(v))},${H - B + 5}`, stroke: '#222' }));
    parts.push(text(px(v), H - B + 18, String(v), { 'font-size': 11, 'text-anchor': 'middle' }));
  }
  for (let v = 0; v <= yMax + ys / 2; v += ys) {
    parts.push(el('path', { d: `M${L - 5},${fmtNum(py(v))} L${W - R},${fmtNum(py(v))}`, stroke: v === 0 ? '#222' : '#e4e4e4' }));
    parts.push(text(L - 8, py(v) + 4, String(Math.round(v)), { 'font-size': 11, 'text-anchor': 'end' }));
  }
  parts.push(text((L + W - R) / 2, H - 14, 'learning tiles', { 'font-size': 12, 'text-anchor': 'middle' }));
  parts.push(text(18, (T + H - B) / 2, 'per second (simulated)', { 'font-size': 12, 'text-anchor': 'middle', transform: `rotate(-90 18 ${(T + H - B) / 2})` }));
  const series: [string, string, (p: SweepPoint) => number][] = [
    ['inferences/s', ROLE_COLOURS.inference, (p) => p.inferencesPerSecond],
    ['gradient estimates/s', ROLE_COLOURS['forward-gradient'], (p) => p.gradientsPerSecond],
  ];
  const sorted = [...points].sort((a, b) => a.learningTiles - b.learningTiles);
  series.forEach(([name, colour, get], i) => {
    const d = sorted.map((p, j) => `${j === 0 ? 'M' : 'L'}${fmtNum(px(p.learningTiles))},${fmtNum(py(get(p)))}`).join(' ');
    if (d !== '') parts.push(el('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2.5 }));
    for (const p of sorted) parts.push(el('circle', { cx: px(p.learningTiles), cy: py(get(p)), r: 3.5, fill: colour }));
    parts.push(el('rect', { x: W - R - 170, y: T + 4 + i * 20, width: 16, height: 4, fill: colour }));
    parts.push(text(W - R - 148, T + 10 + i * 20, name, { 'font-size': 12 }));
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el('svg', { xmlns: 'http://www.w3.org/2000/svg', width: W, height: H, viewBox: `0 0 ${W} ${H}`, 'font-family': 'DejaVu Sans, Arial, sans-serif' }, parts.join(''))}\n`;
}
