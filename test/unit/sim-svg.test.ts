// Unit tests of the simulator pictures: the grid SVG and the sweep plot are well-formed XML
// (checked by a small strict parser below: balanced tags, quoted attributes, known entities,
// no raw '<' or '&' in text) and render with resvg to a PNG of the declared size whose pixels
// show the role colours where the tiles and utilization bars are.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { GRID_PRESETS } from '../../targets/xdna/grid.ts';
import { checkProgram, runProgram, type SimProgram, type SimTask } from '../../targets/xdna/sim/index.ts';
import { ROLE_COLOURS, gridSvg, sweepSvg } from '../../targets/xdna/svg.ts';

/** Throws unless `xml` is one well-formed element (after an optional declaration); returns the tag count. */
function checkWellFormed(xml: string): number {
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  const stack: string[] = [];
  let tags = 0;
  let rootClosed = false;
  const checkText = (s: string): void => {
    if (s.includes('<')) throw new Error(`raw '<' in text near ${i}`);
    for (const m of s.matchAll(/&([^;]*);?/g)) if (!/^&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(m[0])) throw new Error(`bad entity ${m[0]}`);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const chunk = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    checkText(chunk);
    if (rootClosed && chunk.trim() !== '') throw new Error('text after the root element');
    if (lt < 0) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error('unterminated tag');
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) throw new Error(`mismatched </${name}>`);
      if (stack.length === 0) rootClosed = true;
      continue;
    }
    if (rootClosed) throw new Error('second root element');
    const self = tag.endsWith('/');
    const m = /^([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*\/?$/.exec(tag);
    if (!m) throw new Error(`malformed tag <${tag.slice(0, 60)}>`);
    const names = [...(m[2] ?? '').matchAll(/([A-Za-z_][\w:.-]*)="([^"]*)"/g)].map((a) => {
      checkText(a[2] ?? '');
      return a[1];
    });
    if (new Set(names).size !== names.length) throw new Error(`duplicate attribute in <${m[1]}>`);
    tags++;
    if (!self) stack.push(m[1] ?? '');
    else if (stack.length === 0) rootClosed = true;
  }
  if (stack.length > 0 || !rootClosed) throw new Error(`unclosed <${stack.join('> <')}>`);
  return tags;
}

function render(svg: string): { png: Buffer; width: number; height: number; pixel: (x: number, y: number) => [number, number, number] } {
  const img = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  const px = img.pixels;
  return {
    png: img.asPng(),
    width: img.width,
    height: img.height,
    pixel: (x, y) => {
      const o = (y * img.width + x) * 4;
      return [px[o] ?? -1, px[o + 1] ?? -1, px[o + 2] ?? -1];
    },
  };
}

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];
const near = (a: readonly number[], b: readonly number[]): boolean => a.every((v, k) => Math.abs(v - (b[k] ?? 0)) <= 3);

const G = GRID_PRESETS.xdna2;
const loop = (repeat: number, ...body: SimTask[]): SimTask => ({ kind: 'loop', repeat, body });
const PROGRAM: SimProgram = {
  name: 'picture <test> & "quotes"',
  tiles: [
    { id: 'm', col: 0, row: 1, kind: 'memory', role: 'memory', threads: [{ name: 'feed', tasks: [loop(8, { kind: 'acquire', fifo: 'w', side: 'produce' }, { kind: 'release', fifo: 'w', side: 'produce' })] }] },
    { id: 'i', col: 0, row: 2, kind: 'compute', role: 'inference', threads: [{ name: 'core', tasks: [loop(8, { kind: 'acquire', fifo: 'w', side: 'consume' }, { kind: 'compute', macs: 2_000_000, format: 'bf16' }, { kind: 'release', fifo: 'w', side: 'consume' })] }] },
    { id: 'g', col: 1, row: 2, kind: 'compute', role: 'forward-gradient', threads: [{ name: 'core', tasks: [{ kind: 'compute', macs: 1_000_000, format: 'bf16' }] }] },
  ],
  fifos: [{ id: 'w<0>', producer: 'm', consumers: ['i'], depth: 2, bufferBytes: 4096, transfer: 'dma' }],
};
// The fifo id carries markup characters on purpose; tasks name it too.
const P2: SimProgram = {
  ...PROGRAM,
  tiles: PROGRAM.tiles.map((t) => ({ ...t, threads: t.threads.map((th) => ({ ...th, tasks: JSON.parse(JSON.stringify(th.tasks).replaceAll('"w"', '"w<0>"')) as SimTask[] })) })),
};

describe('grid SVG', () => {
  const run = runProgram(P2, G);
  const svg = gridSvg({ grid: G, program: P2, ...(run.result ? { result: run.result } : {}), usage: checkProgram(P2, G).usage });

  it('runs and is well-formed XML with escaped text', () => {
    expect(run.diagnostics).toEqual([]);
    expect(checkWellFormed(svg)).toBeGreaterThan(8 * 6 * 3);
    expect(svg).toContain('picture &lt;test&gt; &amp; &quot;quotes&quot;');
    expect(svg).toContain('>32.0KiB<');
    expect(svg).toContain('<title>i - m: w&lt;0&gt;</title>');
    // (0,2): 8 x 7876 compute cycles of 64066 total; (1,2): 3970; memory tile: 8 x 1058 DMA cycles.
    expect(svg).toContain('util 98%');
    expect(svg).toContain('util 6%');
    expect(svg).toContain('util 13%');
    expect(svg).toContain('L1 8/63 KiB');
    expect(svg).toContain('mem 8/512 KiB');
  });

  it('renders to a PNG of the declared size with role colours in place', () => {
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    const height = Number(/height="(\d+)"/.exec(svg)?.[1]);
    const r = render(svg);
    expect([r.width, r.height]).toEqual([width, height]);
    expect([...r.png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect([r.png.readUInt32BE(16), r.png.readUInt32BE(20)]).toEqual([width, height]);
    // Utilization bars are solid role colour from their left end: (0,2) inference, (1,2) forward-gradient.
    const rows = 2 + G.computeRows;
    const barY = (row: number): number => 56 + (rows - 1 - row) * (86 + 26) + 86 - 9;
    expect(near(r.pixel(24 + 10, barY(2)), rgb(ROLE_COLOURS.inference))).toBe(true);
    expect(near(r.pixel(24 + 172 + 26 + 8, barY(2)), rgb(ROLE_COLOURS['forward-gradient']))).toBe(true);
    // An unused tile is light grey: idle fill at 35% over white.
    const idle = r.pixel(24 + 7 * (172 + 26) + 100, 56 + 4);
    expect(near(idle, rgb(ROLE_COLOURS.idle).map((c) => Math.round(255 * 0.65 + c * 0.35)))).toBe(true);
    expect(near(r.pixel(2, 2), [255, 255, 255])).toBe(true);
  });
});

describe('sweep plot', () => {
  const points = [0, 4, 8, 12, 16].map((n) => ({ learningTiles: n, inferencesPerSecond: 2000 - 100 * n, gradientsPerSecond: 60 * n }));
  const svg = sweepSvg(points, 'sweep <xdna2>');

  it('is well-formed with axes, ticks, labels and a legend', () => {
    expect(checkWellFormed(svg)).toBeGreaterThan(20);
    expect(svg).toContain('sweep &lt;xdna2&gt;');
    expect(svg).toContain('>learning tiles<');
    expect(svg).toContain('>inferences/s<');
    expect(svg).toContain('>gradient estimates/s<');
    expect(svg).toContain('>2000<');
  });

  it('renders both series in their colours', () => {
    const r = render(svg);
    expect([r.width, r.height]).toEqual([640, 400]);
    let inf = 0;
    let grad = 0;
    for (let y = 0; y < r.height; y++) {
      for (let x = 0; x < r.width; x++) {
        const p = r.pixel(x, y);
        if (near(p, rgb(ROLE_COLOURS.inference))) inf++;
        if (near(p, rgb(ROLE_COLOURS['forward-gradient']))) grad++;
      }
    }
    expect(inf).toBeGreaterThan(300);
    expect(grad).toBeGreaterThan(300);
  });
});
