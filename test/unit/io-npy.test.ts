// .npy reader/writer: files written by real NumPy (test/fixtures/io/make-fixtures.py), the
// writer byte for byte against numpy.save, one hostile header per diagnostic code, and property
// tests (exact round trip; random byte mutations never throw).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readNpy, writeNpy } from '../../runtime/io/npy.ts';

const FIX = new URL('../fixtures/io/', import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIX)));
const load = (name: string) => readNpy(fixture(name), name);
const codes = (bytes: Uint8Array): string[] => readNpy(bytes, 'x.npy').diagnostics.map((d) => d.code);

/** A v1.0 (or v2.0) file with `dict` as header text, padded to 64 bytes like NumPy does. */
function npy(dict: string, body: Uint8Array | number[] = [], version = 1): Uint8Array {
  const prefix = version === 1 ? 10 : 12;
  const pad = 64 - ((prefix + dict.length + 1) % 64);
  const hlen = dict.length + pad + 1;
  const out = new Uint8Array(prefix + hlen + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const v = new DataView(out.buffer);
  if (version === 1) v.setUint16(8, hlen, true);
  else v.setUint32(8, hlen, true);
  for (let i = 0; i < dict.length; i++) out[prefix + i] = dict.charCodeAt(i);
  out.fill(0x20, prefix + dict.length, prefix + hlen - 1);
  out[prefix + hlen - 1] = 10;
  out.set(body, prefix + hlen);
  return out;
}
const f8 = (...xs: number[]): Uint8Array => new Uint8Array(new Float64Array(xs).buffer);
const hdr = (descr: string, shape: string, fortran = 'False'): string => `{'descr': ${descr}, 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

describe('npy: files written by NumPy', () => {
  it.each([
    ['f8-2x3.npy', 'f64', [2, 3], [-1, -0.5, 0, 0.5, 1, 1.5]],
    ['f4-3x2.npy', 'f32', [3, 2], [1.5, -2.25, Math.fround(0.1), Math.fround(3e38), -0, 7]],
    ['f4-be-2x2.npy', 'f32', [2, 2], [1, -2, 0.5, Math.fround(1e-3)]],
    ['f8-be-1x3.npy', 'f64', [1, 3], [Math.PI, -Math.E, 1e300]],
    ['f8-vector.npy', 'f64', [1, 4], [0.25, -4, 8.5, 1e-310]],
    ['f8-v2.npy', 'f64', [1, 2], [1, 2]],
    ['f4-v3.npy', 'f32', [2, 1], [3, 4]],
    ['f8-0x4.npy', 'f64', [0, 4], []],
  ])('%s loads as %s %j', (name, dtype, shape, values) => {
    const r = load(name);
    expect(r.diagnostics).toEqual([]);
    expect(r.array?.dtype).toBe(dtype);
    expect(r.array?.shape).toEqual(shape);
    expect([...(r.array?.data ?? [])]).toEqual(values);
  });

  it.each([
    ['fortran-2x3.npy', 'E4306', /ascontiguousarray/],
    ['i8-2x2.npy', 'E4307', /astype\(np\.float32\)/],
    ['f2-2x2.npy', 'E4307', /astype\(np\.float32\)/],
    ['object-2.npy', 'E4308', /pickle/],
    ['structured-2.npy', 'E4308', /structured|np\.stack/],
    ['f8-2x2x2.npy', 'E4309', /reshape/],
    ['f8-scalar.npy', 'E4309', /atleast_2d/],
  ])('%s is refused with %s', (name, code, hint) => {
    const r = load(name);
    expect(r.array).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(r.diagnostics[0]?.hint).toMatch(hint);
  });

  it('writes the bytes numpy.save writes', () => {
    for (const [name, shape, data, dtype] of [
      ['f8-2x3.npy', [2, 3], [-1, -0.5, 0, 0.5, 1, 1.5], 'f64'],
      ['f4-3x2.npy', [3, 2], [1.5, -2.25, 0.1, 3e38, -0, 7], 'f32'],
      ['f8-vector.npy', [4], [0.25, -4, 8.5, 1e-310], 'f64'],
      ['f8-0x4.npy', [0, 4], [], 'f64'],
    ] as const) {
      expect(Buffer.from(writeNpy(shape, data, dtype)).equals(Buffer.from(fixture(name))), name).toBe(true);
    }
  });
});

describe('npy: hostile files', () => {
  const good = hdr("'<f8'", '(1, 2)');

  it('accepts a hand-built file and Python 2 long integers', () => {
    expect(readNpy(npy(good, f8(1, 2)), 'x').array?.data).toEqual(new Float64Array([1, 2]));
    expect(readNpy(npy(hdr("'<f8'", '(1L, 2L)'), f8(1, 2)), 'x').diagnostics).toEqual([]);
    expect(readNpy(npy(good, f8(1, 2), 2), 'x').diagnostics).toEqual([]);
  });

  it.each([
    ['bad magic', new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x5a, 1, 0, 0, 0]), 'E4301', 6],
    ['PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'E4301', 1],
    ['empty', new Uint8Array(0), 'E4303', 1],
    ['version 4.0', Uint8Array.from([...npy(good, f8(1, 2))].map((b, i) => (i === 6 ? 4 : b))), 'E4302', 7],
    ['version 1.1', Uint8Array.from([...npy(good, f8(1, 2))].map((b, i) => (i === 7 ? 1 : b))), 'E4302', 7],
    ['cut in header', npy(good, f8(1, 2)).slice(0, 40), 'E4303', 41],
    ['cut in data', npy(good, f8(1, 2)).slice(0, 70), 'E4303', 71],
  ])('%s -> %s at column %d', (_what, bytes, code, column) => {
    const d = readNpy(bytes, 'x.npy').diagnostics;
    expect(d.map((x) => x.code)).toEqual([code]);
    expect(d[0]?.at?.column).toBe(column);
    expect(d[0]?.hint).toBeTruthy();
  });

  it.each([
    ["[1, 2]", 'E4304'],
    ["{'descr': '<f8' 'fortran_order': False}", 'E4304'],
    ["{'descr': __import__('os').system('true'), 'fortran_order': False, 'shape': (1, 2), }", 'E4304'],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), ", 'E4304'],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (01, 2), }", 'E4304'],
    ["{'descr': '<f8', 'fortran_order': False}", 'E4305'],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), 'extra': 1}", 'E4305'],
    ["{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1, 2)}", 'E4305'],
    [hdr("'<f8'", '[1, 2]'), 'E4305'],
    [hdr("'<f8'", "(1, '2')"), 'E4305'],
    [hdr("'<f8'", '(1, 2)', '0'), 'E4305'],
    [hdr('8', '(1, 2)'), 'E4305'],
    [hdr("'<f8'", '(1, 2)', 'True'), 'E4306'],
    [hdr("'<i4'", '(1, 2)'), 'E4307'],
    [hdr("'=f8'", '(1, 2)'), 'E4307'],
    [hdr("'|O'", '(1, 2)'), 'E4308'],
    [hdr("[('x', '<f8')]", '(1, 2)'), 'E4308'],
    [hdr("'<f8'", '(1, 1, 2)'), 'E4309'],
    [hdr("'<f8'", '()'), 'E4309'],
    [hdr("'<f8'", '(-1, 2)'), 'E4311'],
    [hdr("'<f8'", '(99999999999999999999, 2)'), 'E4311'],
    [hdr("'<f8'", '(1, 1)'), 'E4310'],
  ])('%s -> %s', (dict, code) => {
    const r = readNpy(npy(dict, f8(1, 2)), 'x.npy');
    expect(r.array).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain(code);
    for (const d of r.diagnostics) expect(d.hint).toBeTruthy();
  });

  it('points header errors at the offending byte', () => {
    const dict = hdr("'<f8'", '(1, 2)', 'True');
    const d = readNpy(npy(dict, f8(1, 2)), 'x.npy').diagnostics[0];
    expect(d?.at?.column).toBe(10 + dict.indexOf('True') + 1);
  });

  it('refuses an absurd header length', () => {
    const b = npy(good, f8(1, 2), 2);
    new DataView(b.buffer).setUint32(8, 0x7fffffff, true);
    expect(codes(b)).toEqual(['E4304']);
  });
});

describe('npy: properties', () => {
  const arrays = fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 6 })).chain(([r, c]) =>
    fc.record({ shape: fc.constant([r, c] as const), data: fc.array(fc.double(), { minLength: r * c, maxLength: r * c }) }),
  );

  it('round-trips f64 exactly and f32 through fround', () => {
    fc.assert(
      fc.property(arrays, ({ shape, data }) => {
        for (const dtype of ['f64', 'f32'] as const) {
          const bytes = writeNpy(shape, data, dtype);
          expect((bytes.length - shape[0] * shape[1] * (dtype === 'f32' ? 4 : 8)) % 64).toBe(0);
          const r = readNpy(bytes, 'rt.npy');
          expect(r.diagnostics).toEqual([]);
          expect(r.array?.shape).toEqual(shape);
          expect([...(r.array?.data ?? [])]).toEqual(dtype === 'f64' ? data : data.map(Math.fround));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on 10k random mutations of a valid file', () => {
    const base = fixture('f8-2x3.npy');
    let loaded = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length + 4), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 4 }), (muts) => {
        let b = base;
        for (const [pos, val, op] of muts) {
          const p = Math.min(pos, b.length);
          if (op === 0 && p < b.length) (b = b.slice())[p] = val;
          else if (op === 1) b = Uint8Array.from([...b.subarray(0, p), val, ...b.subarray(p)]);
          else if (op === 2) b = Uint8Array.from([...b.subarray(0, p), ...b.subarray(p + 1)]);
          else b = b.slice(0, p);
        }
        const r = readNpy(b, 'm.npy');
        if (r.array) {
          loaded++;
          expect(r.array.data.length).toBe(r.array.shape[0] * r.array.shape[1]);
        } else {
          expect(r.diagnostics.length).toBeGreaterThan(0);
          for (const d of r.diagnostics) expect(d.code).toMatch(/^E43\d\d$/);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(loaded).toBeGreaterThan(0);
  });
});
