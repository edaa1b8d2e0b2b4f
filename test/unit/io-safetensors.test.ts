// safetensors reader/writer: byte-exact agreement with the reference implementation's own test
// vectors and with independently written fixtures, one hostile file per diagnostic code, and
// property tests (exact round trip; random byte mutations never throw).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expectTensor, readSafetensors, writeSafetensors, type LoadedTensor } from '../../runtime/io/safetensors.ts';
import { renderOneLine } from '../../ir/diagnostics.ts';

const FIX = new URL('../fixtures/io/', import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIX)));
const enc = new TextEncoder();

/** A file from raw header text and data bytes, with the header length set to the text's size. */
function st(header: string, body: Uint8Array | number[] = [], declared?: number): Uint8Array {
  const h = enc.encode(header);
  const out = new Uint8Array(8 + h.length + body.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(declared ?? h.length), true);
  out.set(h, 8);
  out.set(body, 8 + h.length);
  return out;
}

const f32 = (...xs: number[]): Uint8Array => new Uint8Array(new Float32Array(xs).buffer);
const codes = (bytes: Uint8Array): string[] => readSafetensors(bytes, 'p.safetensors').diagnostics.map((d) => d.code);

describe('safetensors: reference vectors', () => {
  // Expected bytes from the Rust crate's own unit tests (tensor.rs: test_serialization_forced_alignement, test_empty).
  it('pads the header with spaces to 8 bytes exactly as the reference does', () => {
    const out = writeSafetensors(new Map([['attn0', { shape: [1, 1, 2, 3], data: [0, 1, 2, 3, 4, 5] }]]), { dtype: 'F32' });
    const header = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       ';
    expect([...out]).toEqual([...st(header, f32(0, 1, 2, 3, 4, 5))]);
    expect(out[0]).toBe(72);
  });

  it('writes empty files and metadata like the reference', () => {
    expect([...writeSafetensors(new Map(), { dtype: 'F32' })]).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    const withMeta = writeSafetensors([], { dtype: 'F64', metadata: { framework: 'pt' } });
    expect([...withMeta]).toEqual([...st('{"__metadata__":{"framework":"pt"}}     ')]);
  });

  it('reads an unpadded header written by older versions of the reference', () => {
    const bytes = st('{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}', f32(0, 1, 2, 3, 4, 5));
    expect(bytes[0]).toBe(64);
    const r = readSafetensors(bytes, 'old.safetensors');
    expect(r.diagnostics).toEqual([]);
    expect(r.tensors?.get('attn.0')?.shape).toEqual([1, 2, 3]);
    expect([...(r.tensors?.get('attn.0')?.data ?? [])]).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('safetensors: fixtures written independently (test/fixtures/io/make-fixtures.py)', () => {
  const w = [0.5, -1.0, 2.0, 0.25, -3.5, 1e-3];
  const b = [0, 1, -1];

  it('reads F32 parameters and metadata, and writes the same bytes', () => {
    const bytes = fixture('params-f32.safetensors');
    const r = readSafetensors(bytes, 'params-f32.safetensors');
    expect(r.diagnostics).toEqual([]);
    expect(r.metadata).toEqual({ format: 'pt', producer: 'make-fixtures' });
    expect(r.tensors?.get('l1.weight')?.shape).toEqual([3, 2]);
    expect([...(r.tensors?.get('l1.weight')?.data ?? [])]).toEqual(w.map(Math.fround));
    expect(r.tensors?.get('l1.bias')?.dtype).toBe('F32');
    const again = writeSafetensors(
      new Map([['l1.weight', { shape: [3, 2], data: w }], ['l1.bias', { shape: [3], data: b }]]),
      { dtype: 'F32', metadata: { producer: 'make-fixtures', format: 'pt' } },
    );
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reads and rewrites F64 parameters bit for bit', () => {
    const bytes = fixture('params-f64.safetensors');
    const r = readSafetensors(bytes, 'params-f64.safetensors');
    expect([...(r.tensors?.get('l1.weight')?.data ?? [])]).toEqual(w);
    const again = writeSafetensors(r.tensors ?? new Map(), { dtype: 'F64' });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('decodes F16 and BF16 exactly', () => {
    const r = readSafetensors(fixture('half.safetensors'), 'half.safetensors');
    expect(r.diagnostics).toEqual([]);
    expect([...(r.tensors?.get('h')?.data ?? [])]).toEqual([1, -2.5, 65504, 2 ** -24]);
    expect(r.tensors?.get('h')?.dtype).toBe('F16');
    // BF16 keeps the top 16 bits of the f32 pattern: 3e38 truncates to 0x7f61 << 16.
    const bf = [...(r.tensors?.get('b')?.data ?? [])];
    expect(bf.slice(0, 2)).toEqual([1, -2.5]);
    expect(bf[2]).toBe(new Float32Array(new Uint32Array([0x7f610000]).buffer)[0]);
    expect(bf[3]).toBe(2 ** -126);
  });

  it('refuses integer tensors with a conversion hint', () => {
    const r = readSafetensors(fixture('i64.safetensors'), 'i64.safetensors');
    expect(r.tensors).toBeUndefined();
    expect(r.diagnostics[0]?.code).toBe('E4210');
    expect(r.diagnostics[0]?.hint).toMatch(/F32 or F64/);
  });
});

describe('safetensors: hostile files', () => {
  const ok = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
  const entry = (e: string): string => `{"a":${e}}`;

  it('reports the exact byte for header problems', () => {
    expect(codes(new Uint8Array(3))).toEqual(['E4201']);
    expect(codes(st(ok, f32(1, 2), 1000))).toEqual(['E4202']);
    const huge = st(ok, f32(1, 2));
    new DataView(huge.buffer).setBigUint64(0, 1n << 40n, true);
    expect(codes(huge)).toEqual(['E4203']);
    const npy = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0x76, 0]);
    expect(readSafetensors(npy, 'x').diagnostics[0]?.hint).toMatch(/NumPy/);
    const badUtf = st('{"ab":1}');
    badUtf[10] = 0xff;
    const d = readSafetensors(badUtf, 'p.safetensors').diagnostics;
    expect(d.map((x) => x.code)).toEqual(['E4204']);
    expect(d[0]?.at?.column).toBe(11);
  });

  it('refuses a byte-order mark, as strict JSON parsers do', () => {
    const d = readSafetensors(st('\ufeff{}'), 'p.safetensors').diagnostics;
    expect(d.map((x) => [x.code, x.at?.column])).toEqual([['E4205', 9]]);
  });

  it('locates JSON errors by byte offset even after multi-byte names', () => {
    // "é" takes 2 bytes: the stray '!' is character 7 but header byte 8, file byte 16, column 17.
    const d = readSafetensors(st('{"é":{}!'), 'p.safetensors').diagnostics;
    expect(d[0]?.code).toBe('E4205');
    expect(d[0]?.at).toEqual({ file: 'p.safetensors', line: 1, column: 17 });
    expect(renderOneLine(d[0]!)).toMatch(/^p\.safetensors:1:17: error\[E4205\]/);
  });

  it.each([
    ['[1,2]', 'E4206'],
    ['{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]},"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}', 'E4207'],
    [entry('[]'), 'E4208'],
    [entry('{"dtype":"F32","shape":[2]}'), 'E4208'],
    [entry('{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":1}'), 'E4208'],
    [entry('{"dtype":"F32","dtype":"F32","shape":[2],"data_offsets":[0,8]}'), 'E4207'],
    [entry('{"dtype":32,"shape":[2],"data_offsets":[0,8]}'), 'E4208'],
    [entry('{"dtype":"F33","shape":[2],"data_offsets":[0,8]}'), 'E4209'],
    [entry('{"dtype":"I32","shape":[2],"data_offsets":[0,8]}'), 'E4210'],
    [entry('{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}'), 'E4211'],
    [entry('{"dtype":"F32","shape":[2.0],"data_offsets":[0,8]}'), 'E4211'],
    [entry('{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}'), 'E4211'],
    [entry('{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,8]}'), 'E4211'],
    [entry('{"dtype":"F32","shape":2,"data_offsets":[0,8]}'), 'E4208'],
    [entry('{"dtype":"F32","shape":[2],"data_offsets":[0]}'), 'E4212'],
    [entry('{"dtype":"F32","shape":[2],"data_offsets":[8,0]}'), 'E4212'],
    [entry('{"dtype":"F32","shape":[2],"data_offsets":[0,16]}'), 'E4212'],
    [entry('{"dtype":"F32","shape":[2],"data_offsets":[0,1e1]}'), 'E4212'],
    [entry('{"dtype":"F32","shape":[1],"data_offsets":[0,8]}'), 'E4213'],
    [entry('{"dtype":"F64","shape":[2],"data_offsets":[0,8]}'), 'E4213'],
    ['{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', 'E4214'],
    ['{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', 'E4214'],
    ['{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', 'E4214'],
    ['{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', 'E4215'],
    ['{}', 'E4215'],
    ['{"__metadata__":{"k":1},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', 'E4216'],
    ['{"__metadata__":[],"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', 'E4216'],
  ])('%s -> %s', (header, code) => {
    const r = readSafetensors(st(header, f32(1, 2)), 'p.safetensors');
    expect(r.tensors).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain(code);
    for (const d of r.diagnostics) {
      expect(d.hint).toBeTruthy();
      expect(d.at?.column).toBeGreaterThanOrEqual(1);
    }
  });

  it('points offset errors at the data_offsets value', () => {
    const header = '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,8]}}';
    const d = readSafetensors(st(header, f32(1, 2)), 'p.safetensors').diagnostics[0];
    expect(d?.code).toBe('E4213');
    expect(d?.at?.column).toBe(8 + header.indexOf('[0,8]') + 1);
  });

  it('keeps at most 20 diagnostics for a header full of bad entries', () => {
    const header = `{${Array.from({ length: 500 }, (_, i) => `"t${i}":{"dtype":"X","shape":[1],"data_offsets":[0,4]}`).join(',')}}`;
    const d = readSafetensors(st(header, f32(1)), 'p.safetensors').diagnostics;
    expect(d).toHaveLength(20);
    expect(d[19]?.at?.column).toBe(8 + header.indexOf('"X"', header.indexOf('"t19"')) + 1);
  });

  it('refuses headers with more than a million JSON values', () => {
    const header = `{"a":{"dtype":"F32","shape":[${'1,'.repeat(1_000_001)}1],"data_offsets":[0,4]}}`;
    const d = readSafetensors(st(header, f32(1)), 'p.safetensors').diagnostics;
    expect(d.map((x) => x.code)).toEqual(['E4205']);
    expect(d[0]?.message).toMatch(/more than 1000000 JSON values/);
  });

  it('loads NaN and infinities in the data', () => {
    const r = readSafetensors(st(ok, f32(NaN, -Infinity)), 'p.safetensors');
    expect(r.diagnostics).toEqual([]);
    expect(r.tensors?.get('a')?.data[0]).toBeNaN();
    expect(r.tensors?.get('a')?.data[1]).toBe(-Infinity);
  });
});

describe('expectTensor', () => {
  const t = (shape: number[]): LoadedTensor => ({ dtype: 'F32', shape, data: new Float64Array(shape.reduce((a, b) => a * b, 1)), headerOffset: 9 });
  const loaded = new Map([['fc1.weight', t([4, 3])], ['fc1.bias', t([4])]]);

  it('returns the tensor when the shape matches', () => {
    expect(expectTensor(loaded, 'fc1.weight', [4, 3], 'p').tensor?.shape).toEqual([4, 3]);
  });
  it('suggests a near name when missing', () => {
    const d = expectTensor(loaded, 'fc1.weights', [4, 3], 'p').diagnostics[0];
    expect(d?.code).toBe('E4217');
    expect(d?.hint).toMatch(/did you mean "fc1.weight"/);
  });
  it('spots a transposed weight', () => {
    const d = expectTensor(loaded, 'fc1.weight', [3, 4], 'p').diagnostics[0];
    expect(d?.code).toBe('E4218');
    expect(d?.hint).toMatch(/transposed.*\[out, in\]/);
    expect(d?.at?.column).toBe(10);
  });
});

describe('safetensors: properties', () => {
  const name = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s !== '__metadata__');
  const tensor = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 }).chain((shape) =>
    fc.record({ shape: fc.constant(shape), data: fc.array(fc.double(), { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) }) }),
  );
  const files = fc.dictionary(name, tensor, { maxKeys: 5 });

  it('round-trips F64 exactly and F32 through fround', () => {
    fc.assert(
      fc.property(files, fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }), (ts, meta) => {
        for (const dtype of ['F64', 'F32'] as const) {
          const bytes = writeSafetensors(Object.entries(ts), { dtype, metadata: meta });
          expect((8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))) % 8).toBe(0);
          const r = readSafetensors(bytes, 'rt');
          expect(r.diagnostics).toEqual([]);
          expect(r.metadata).toEqual(meta);
          for (const [k, v] of Object.entries(ts)) {
            const got = r.tensors?.get(k);
            expect(got?.shape).toEqual(v.shape);
            expect([...(got?.data ?? [])]).toEqual(dtype === 'F64' ? v.data : v.data.map(Math.fround));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on 10k random mutations of a valid file', () => {
    const base = fixture('params-f32.safetensors');
    let loaded = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length + 8), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 4 }), (muts) => {
        let b = base;
        for (const [pos, val, op] of muts) b = mutate(b, pos, val, op);
        const r = readSafetensors(b, 'm');
        if (r.tensors) loaded++;
        else {
          expect(r.diagnostics.length).toBeGreaterThan(0);
          for (const d of r.diagnostics) expect(d.code).toMatch(/^E42\d\d$/);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(loaded).toBeGreaterThan(0);
  });
});

/** One random edit: overwrite a byte, insert one, delete one, or truncate. */
function mutate(b: Uint8Array, pos: number, val: number, op: number): Uint8Array {
  const p = Math.min(pos, b.length);
  if (op === 0 && p < b.length) {
    const c = b.slice();
    c[p] = val;
    return c;
  }
  if (op === 1) return Uint8Array.from([...b.subarray(0, p), val, ...b.subarray(p)]);
  if (op === 2) return Uint8Array.from([...b.subarray(0, p), ...b.subarray(p + 1)]);
  return b.slice(0, p);
}
