// `tilegate compile --target xdna`: the tile plan, the simulator program of one snapshot period,
// its timing and the grid picture, written atomically; a model too large for its grid writes nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const TMP = mkdtempSync(join(tmpdir(), 'tilegate-compile-xdna-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, color: false };
  const code = await main(['compile', ...argv], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tilegate compile --target xdna', () => {
  it('writes plan, program, timing and grid picture for a learning model', async () => {
    const dir = join(TMP, 'hard');
    const r = await run(join(EXAMPLES, 'dg-hard.dg'), '--target', 'xdna', '-o', dir);
    expect(r.code).toBe(0);
    const plan = JSON.parse(readFileSync(join(dir, 'xdna', 'plan.json'), 'utf8')) as { computeTiles: { role: string }[]; learningTiles: number };
    expect(plan.learningTiles).toBe(8);
    expect(plan.computeTiles.filter((t) => t.role === 'forward-gradient')).toHaveLength(8);
    const program = JSON.parse(readFileSync(join(dir, 'xdna', 'program.json'), 'utf8')) as { tiles: { role: string }[]; fifos: unknown[] };
    expect(program.tiles.some((t) => t.role === 'host-optimizer')).toBe(true);
    expect(program.fifos.length).toBeGreaterThan(0);
    const timing = JSON.parse(readFileSync(join(dir, 'xdna', 'timing.json'), 'utf8')) as { totals: { inferencesPerSecond: number } };
    expect(timing.totals.inferencesPerSecond).toBeGreaterThan(0);
    const svg = readFileSync(join(dir, 'xdna', 'grid.svg'), 'utf8');
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('forward-gradient');
  });

  it('refuses a model too large for its tiles with the allocator diagnostic and writes nothing', async () => {
    const big = join(TMP, 'big.dg');
    writeFileSync(big, readFileSync(join(EXAMPLES, 'dense.dg'), 'utf8').replace('dense(x, 256', 'dense(x, 200000'));
    const dir = join(TMP, 'big-out');
    const r = await run(big, '--target', 'xdna', '-o', dir, '--format', 'posit32');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error\[E32\d\d\]/);
    expect(existsSync(dir)).toBe(false);
  });
});
