// Datasets of `tilegate adapt`: the synthetic stream is deterministic per seed and split, its
// drift transforms do what they say (rotation by 90° four times is the identity, shifts move
// ink, permutations are permutations), --data and drift strings parse or give E47xx, and data
// directories load (float and integer labels, drift files) or give located diagnostics.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticData } from '../../runtime/data/dataset.ts';
import { partialPermutation, rotate, shift } from '../../runtime/data/drift.ts';
import { loadAdaptData, parseDataSource } from '../../runtime/data/load-dir.ts';
import { readLabelsNpy } from '../../runtime/data/npy-labels.ts';
import { writeNpy } from '../../runtime/io/npy.ts';

const TMP = mkdtempSync(join(tmpdir(), 'tilegate-adapt-data-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('synthetic stream', () => {
  const opts = { seed: 5, drift: { kind: 'rotate' as const, strength: 40 }, train: 20, test: 10, stream: 12, driftAt: 4 };
  const a = syntheticData(opts);

  it('is deterministic per seed, and splits do not share samples', () => {
    const b = syntheticData(opts);
    expect(b.train.x).toEqual(a.train.x);
    expect(b.stream.t).toEqual(a.stream.t);
    expect(syntheticData({ ...opts, seed: 6 }).train.x).not.toEqual(a.train.x);
    expect(a.cleanTest.x.subarray(0, 784)).not.toEqual(a.train.x.subarray(0, 784));
    expect([a.train.n, a.cleanTest.n, a.stream.n, a.driftTest.n, a.features, a.classes]).toEqual([20, 10, 12, 10, 784, 10]);
    expect(a.source).toBe('synthetic:rotate:40');
  });

  it('has pixels in [0, 1], integer labels in 0..9, and ink where the strokes are', () => {
    expect(a.train.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(a.train.t.every((v) => Number.isInteger(v) && v >= 0 && v < 10)).toBe(true);
    const ink = a.train.x.subarray(0, 784).filter((v) => v > 0.5).length;
    expect(ink).toBeGreaterThan(20);
    expect(ink).toBeLessThan(400);
  });

  it('drifts the stream only from the drift point on', () => {
    const clean = syntheticData({ ...opts, drift: { kind: 'contrast', strength: 1 } });
    const drifted = syntheticData({ ...opts, drift: { kind: 'contrast', strength: 0.2 } });
    expect(drifted.stream.x.subarray(0, 4 * 784)).toEqual(clean.stream.x.subarray(0, 4 * 784));
    expect(drifted.stream.x.subarray(4 * 784, 5 * 784)).not.toEqual(clean.stream.x.subarray(4 * 784, 5 * 784));
    // contrast c: x -> c x + (1 - c) / 2
    const x = clean.stream.x[4 * 784 + 300] as number;
    expect(drifted.stream.x[4 * 784 + 300]).toBeCloseTo(0.2 * x + 0.4, 12);
  });

  it('mixture draws some drifted samples from new class styles', () => {
    const m = syntheticData({ ...opts, drift: { kind: 'mixture', strength: 1 } });
    expect(m.driftTest.x).not.toEqual(syntheticData({ ...opts, drift: { kind: 'mixture', strength: 0 } }).driftTest.x);
    expect(m.cleanTest.x).toEqual(a.cleanTest.x);
  });
});

describe('drift transforms', () => {
  const img = syntheticData({ seed: 2, drift: { kind: 'rotate', strength: 0 }, train: 1, test: 1, stream: 1 }).train.x;

  it('rotation by 90° four times gives the image back', () => {
    let r = img;
    for (let k = 0; k < 4; k++) r = rotate(r, Math.PI / 2);
    for (let i = 0; i < 784; i++) expect(r[i]).toBeCloseTo(img[i] as number, 9);
    expect(rotate(img, Math.PI / 2)).not.toEqual(img);
  });

  it('shift moves pixels by whole steps and fills with zeros', () => {
    const s = shift(img, 3, 2);
    expect(s[(5 + 2) * 28 + 10 + 3]).toBe(img[5 * 28 + 10]);
    expect(s[0]).toBe(0);
  });

  it('a partial permutation is a permutation that moves the chosen fraction', () => {
    const p = partialPermutation(784, 0.3, 9);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 784 }, (_, i) => i));
    const moved = [...p].filter((src, i) => src !== i).length;
    expect(moved).toBe(Math.round(0.3 * 784));
  });
});

describe('--data parsing', () => {
  it('accepts synthetic drifts with optional strengths', () => {
    expect(parseDataSource('synthetic:shift:6').source).toEqual({ kind: 'synthetic', drift: { kind: 'shift', strength: 6 } });
    expect(parseDataSource('synthetic').source).toEqual({ kind: 'synthetic', drift: { kind: 'rotate', strength: 40 } });
    expect(parseDataSource('some/dir').source).toEqual({ kind: 'dir', dir: 'some/dir' });
  });

  it('refuses unknown drifts (E4701) and strengths out of range (E4702)', () => {
    expect(parseDataSource('synthetic:twist').diagnostics[0]?.code).toBe('E4701');
    expect(parseDataSource('synthetic:permute:2').diagnostics[0]?.code).toBe('E4702');
    expect(parseDataSource('synthetic:rotate:abc').diagnostics[0]?.code).toBe('E4702');
  });
});

/** A raw .npy of integers: numpy's header for dtype `descr` and shape, then the element bytes. */
function intNpy(descr: string, shape: string, bytes: number[]): Uint8Array {
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  dict += ' '.repeat(64 - ((10 + dict.length + 1) % 64)) + '\n';
  const head = [0x93, ...Buffer.from('NUMPY'), 1, 0, dict.length & 0xff, dict.length >> 8];
  return Uint8Array.from([...head, ...Buffer.from(dict, 'latin1'), ...bytes]);
}

describe('class-label files', () => {
  it('reads int64, int32, uint8 and float labels exactly', () => {
    const i64 = intNpy('<i8', '(3,)', [2, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...(readLabelsNpy(i64, 't.npy', 10).labels ?? [])]).toEqual([2, 9, 0]);
    expect([...(readLabelsNpy(intNpy('>i4', '(2, 1)', [0, 0, 0, 7, 0, 0, 0, 1]), 't.npy', 10).labels ?? [])]).toEqual([7, 1]);
    expect([...(readLabelsNpy(intNpy('|u1', '(2,)', [4, 5]), 't.npy', 10).labels ?? [])]).toEqual([4, 5]);
    expect([...(readLabelsNpy(writeNpy([3], [1, 2, 3], 'f64'), 't.npy', 10).labels ?? [])]).toEqual([1, 2, 3]);
  });

  it('refuses labels out of range or fractional (E4706), other dtypes (E4709), truncated data (E4303)', () => {
    expect(readLabelsNpy(writeNpy([2], [1, 10]), 't.npy', 10).diagnostics[0]?.code).toBe('E4706');
    expect(readLabelsNpy(writeNpy([2], [1, 0.5]), 't.npy', 10).diagnostics[0]?.code).toBe('E4706');
    expect(readLabelsNpy(intNpy('|i1', '(1,)', [0xff]), 't.npy', 10).diagnostics[0]?.code).toBe('E4706');
    expect(readLabelsNpy(intNpy('|b1', '(1,)', [1]), 't.npy', 10).diagnostics[0]?.code).toBe('E4709');
    expect(readLabelsNpy(intNpy('<i4', '(2,)', [1, 0, 0, 0]), 't.npy', 10).diagnostics[0]?.code).toBe('E4303');
    expect(readLabelsNpy(writeNpy([2, 2], [1, 2, 3, 4]), 't.npy', 10).diagnostics[0]?.code).toBe('E4706');
  });
});

describe('data directories', () => {
  const n = 50;
  const src = syntheticData({ seed: 3, drift: { kind: 'rotate', strength: 0 }, train: n, test: 1, stream: 1 }).train;
  const dir = join(TMP, 'd');
  mkdirSync(dir);
  writeFileSync(join(dir, 'x.npy'), writeNpy([n, 784], src.x, 'f32'));
  writeFileSync(join(dir, 't.npy'), intNpy('<i8', `(${n},)`, [...src.t].flatMap((v) => [v, 0, 0, 0, 0, 0, 0, 0])));
  const sizes = { seed: 1, train: 1000, test: 100, stream: 64 };

  it('splits x.npy 60/10/20/10 and drifts the held-out part', () => {
    const r = loadAdaptData({ kind: 'dir', dir }, sizes, 10, { kind: 'shift', strength: 4 });
    expect(r.diagnostics).toEqual([]);
    const d = r.data!;
    expect([d.train.n, d.cleanTest.n, d.stream.n, d.driftTest.n]).toEqual([30, 5, 10, 5]);
    expect(d.cleanTest.t).toEqual(src.t.subarray(30, 35));
    expect(d.driftTest.x.subarray(0, 784)).toEqual(shift(Float64Array.from(src.x.subarray(45 * 784, 46 * 784), Math.fround), 4, 2));
  });

  it('uses x_drift.npy and t_drift.npy when present', () => {
    const d2 = join(TMP, 'd2');
    mkdirSync(d2);
    writeFileSync(join(d2, 'x.npy'), writeNpy([n, 784], src.x, 'f64'));
    writeFileSync(join(d2, 't.npy'), writeNpy([n], src.t, 'f64'));
    writeFileSync(join(d2, 'x_drift.npy'), writeNpy([30, 784], src.x.subarray(0, 30 * 784), 'f64'));
    writeFileSync(join(d2, 't_drift.npy'), writeNpy([30], src.t.subarray(0, 30), 'f64'));
    const d = loadAdaptData({ kind: 'dir', dir: d2 }, sizes, 10).data!;
    expect([d.train.n, d.cleanTest.n, d.stream.n, d.driftTest.n, d.drift]).toEqual([40, 10, 20, 10, null]);
  });

  it('reports missing files (E4703), wrong label counts (E4706), image drifts on non-images (E4710)', () => {
    expect(loadAdaptData({ kind: 'dir', dir: TMP }, sizes, 10).diagnostics[0]?.code).toBe('E4703');
    expect(loadAdaptData({ kind: 'dir', dir: join(TMP, 'nope') }, sizes, 10).diagnostics[0]?.code).toBe('E4701');
    const d3 = join(TMP, 'd3');
    mkdirSync(d3);
    writeFileSync(join(d3, 'x.npy'), writeNpy([6, 5], new Float64Array(30)));
    writeFileSync(join(d3, 't.npy'), writeNpy([5], new Float64Array(5)));
    expect(loadAdaptData({ kind: 'dir', dir: d3 }, sizes, 10, { kind: 'contrast', strength: 0.5 }).diagnostics[0]?.code).toBe('E4706');
    writeFileSync(join(d3, 't.npy'), writeNpy([6], new Float64Array(6)));
    expect(loadAdaptData({ kind: 'dir', dir: d3 }, sizes, 10, { kind: 'rotate', strength: 10 }).diagnostics[0]?.code).toBe('E4710');
    expect(loadAdaptData({ kind: 'dir', dir: d3 }, sizes, 10, { kind: 'contrast', strength: 0.5 }).data?.features).toBe(5);
  });
});
