// Reader and writer for NumPy .npy files (format versions 1.0, 2.0 and 3.0), the input and
// output format of `tilegate run` and `adapt`. Arrays are [batch, features] of f32 or f64 in C
// order; a 1-D array [F] reads as one sample [1, F]. Files are hostile: the header dict is parsed
// by a strict literal parser (never evaluated) and every defect is an E43xx diagnostic located
// at a byte of the file (spec/files.md). The writer matches numpy.save byte for byte.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import { byteDiag, decodeFloats, encodeFloats, exactProduct, firstInvalidUtf8, utf8Locator } from './binary-codec.ts';
import { parsePyLiteral, type PyValue } from './py-literal.ts';

/** A loaded array: element type in the file, shape [batch, features], values converted exactly. */
export interface NpyArray {
  readonly dtype: 'f32' | 'f64';
  readonly shape: readonly [number, number];
  readonly data: Float64Array;
}

/** Result of reading a .npy file: the array only when there are no errors. */
export interface NpyLoad {
  readonly array?: NpyArray;
  readonly diagnostics: Diagnostic[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** Largest header accepted; NumPy itself refuses headers over 10000 characters by default. */
export const NPY_MAX_HEADER = 100_000;
const ASTYPE_HINT = 'convert before saving: np.save(path, x.astype(np.float32))';
const KIND_NAMES: Record<string, string> = { m: 'timedelta', M: 'datetime', S: 'byte string', a: 'byte string', U: 'unicode string' };

type Report = (code: DiagCode, at: number, message: string, hint?: string) => void;

interface Header {
  readonly text: string;
  readonly textStart: number;
  readonly dataStart: number;
  readonly utf8: boolean;
}

/** Parses and validates a .npy file. Never throws on bad input. */
export function readNpy(bytes: Uint8Array, file: string): NpyLoad {
  const diagnostics: Diagnostic[] = [];
  const err: Report = (code, at, message, hint) => {
    diagnostics.push(byteDiag(code, file, at, message, hint));
  };
  const header = readPreamble(bytes, err);
  if (!header) return { diagnostics };
  const toByte = utf8Locator(header.text);
  const at = (i: number): number => header.textStart + (header.utf8 ? toByte(i) : i);
  const parsed = parsePyLiteral(header.text);
  if (!parsed.ok) {
    err('E4304', at(parsed.offset), `.npy header: ${parsed.message}`, "the header must be a dict literal like {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }");
    return { diagnostics };
  }
  const fields = readFields(parsed.value, at, err);
  if (!fields) return { diagnostics };
  const { dtype, littleEndian, shape } = fields;
  const count = exactProduct(shape) ?? Infinity;
  const want = count * (dtype === 'f32' ? 4 : 8);
  const have = bytes.length - header.dataStart;
  if (have < want) {
    err('E4303', bytes.length, `the header promises ${want} data bytes for shape (${shape.join(', ')}) but only ${have} follow`, 'the file is truncated');
    return { diagnostics };
  }
  if (have > want) {
    err('E4310', header.dataStart + want, `${have - want} bytes follow the ${want} data bytes of shape (${shape.join(', ')})`, 'the header does not describe the data; re-save the array with np.save');
    return { diagnostics };
  }
  const data = decodeFloats(bytes, header.dataStart, count, dtype, littleEndian);
  const rows = shape.length === 1 ? 1 : (shape[0] ?? 0);
  const cols = shape.length === 1 ? (shape[0] ?? 0) : (shape[1] ?? 0);
  return { array: { dtype, shape: [rows, cols], data }, diagnostics };
}

/** Checks magic, version and header length; decodes the header text. */
function readPreamble(bytes: Uint8Array, err: Report): Header | undefined {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) {
    const bad = MAGIC.findIndex((b, i) => bytes[i] !== b);
    if (bad === -1 || bad >= bytes.length) err('E4303', bytes.length, `file has ${bytes.length} bytes, too short for the .npy preamble`, 'the file is empty or truncated');
    else err('E4301', bad, 'file does not start with the .npy magic string \\x93NUMPY', 'inputs must be NumPy .npy files written by np.save');
    return undefined;
  }
  const major = bytes[6] ?? 0;
  const minor = bytes[7] ?? 0;
  if ((major !== 1 && major !== 2 && major !== 3) || minor !== 0) {
    err('E4302', 6, `.npy format version ${major}.${minor} is not supported (1.0, 2.0, 3.0 are)`, 'save the array again with a current NumPy');
    return undefined;
  }
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) {
    err('E4303', bytes.length, 'file ends inside the .npy header length', 'the file is truncated');
    return undefined;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const textStart = 8 + lenBytes;
  if (hlen > NPY_MAX_HEADER) {
    err('E4304', 8, `.npy header length ${hlen} exceeds the ${NPY_MAX_HEADER}-byte limit`, 'real .npy headers are about a hundred bytes; the file is corrupt or hostile');
    return undefined;
  }
  if (textStart + hlen > bytes.length) {
    err('E4303', bytes.length, `header length ${hlen} runs past the end of the ${bytes.length}-byte file`, 'the file is truncated');
    return undefined;
  }
  const raw = bytes.subarray(textStart, textStart + hlen);
  const utf8 = major === 3;
  if (utf8) {
    const bad = firstInvalidUtf8(raw);
    if (bad !== undefined) {
      err('E4304', textStart + bad, 'version 3.0 header is not valid UTF-8', 'the file is corrupt');
      return undefined;
    }
  }
  const text = utf8 ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw) : latin1(raw);
  return { text, textStart, dataStart: textStart + hlen, utf8 };
}

/** Decodes bytes as ISO-8859-1 (each byte one code point), as NumPy does for 1.0/2.0 headers. */
function latin1(raw: Uint8Array): string {
  let s = '';
  for (let i = 0; i < raw.length; i += 4096) s += String.fromCharCode(...raw.subarray(i, i + 4096));
  return s;
}

/** Validates the header dict: exactly descr, fortran_order and shape, with usable values. */
function readFields(v: PyValue, at: (i: number) => number, err: Report): { dtype: 'f32' | 'f64'; littleEndian: boolean; shape: number[] } | undefined {
  if (v.kind !== 'dict') {
    err('E4304', at(v.start), `.npy header is a ${v.kind}, expected a dict`, "the header must be a dict literal like {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }");
    return undefined;
  }
  const byKey = new Map<string, PyValue>();
  let ok = true;
  for (const e of v.entries) {
    const name = e.key.kind === 'str' ? e.key.value : undefined;
    if (name === undefined || !['descr', 'fortran_order', 'shape'].includes(name)) {
      err('E4305', at(e.key.start), `unexpected key ${name === undefined ? `(a ${e.key.kind})` : `'${name}'`} in the .npy header`, "the header has exactly the keys 'descr', 'fortran_order' and 'shape'");
      ok = false;
    } else if (byKey.has(name)) {
      err('E4305', at(e.key.start), `duplicate key '${name}' in the .npy header`, 'each key may appear once');
      ok = false;
    } else byKey.set(name, e.value);
  }
  for (const k of ['descr', 'fortran_order', 'shape']) {
    if (!byKey.has(k)) {
      err('E4305', at(v.start), `the .npy header has no '${k}' key`, "the header has exactly the keys 'descr', 'fortran_order' and 'shape'");
      ok = false;
    }
  }
  const descr = byKey.get('descr');
  const order = byKey.get('fortran_order');
  const shapeV = byKey.get('shape');
  if (!ok || !descr || !order || !shapeV) return undefined;
  const dt = readDescr(descr, at, err);
  const fortranOk = readOrder(order, at, err);
  const shape = readShape(shapeV, at, err);
  if (!dt || !fortranOk || !shape) return undefined;
  return { ...dt, shape };
}

/** Accepts '<f4', '<f8', '>f4', '>f8'; explains everything else. */
function readDescr(v: PyValue, at: (i: number) => number, err: Report): { dtype: 'f32' | 'f64'; littleEndian: boolean } | undefined {
  if (v.kind === 'list' || v.kind === 'tuple') {
    err('E4308', at(v.start), 'structured (record) arrays are not supported', 'save one plain float array: np.save(path, np.stack([x[f] for f in x.dtype.names], axis=1).astype(np.float32))');
    return undefined;
  }
  if (v.kind !== 'str') {
    err('E4305', at(v.start), `'descr' is a ${v.kind}, expected a dtype string such as '<f8'`, ASTYPE_HINT);
    return undefined;
  }
  const m = /^([<>|=])([a-zA-Z])(\d*)/.exec(v.value);
  const match = /^([<>])f([48])$/.exec(v.value);
  if (match) return { dtype: match[2] === '4' ? 'f32' : 'f64', littleEndian: match[1] === '<' };
  const kind = m?.[2] ?? '';
  if (kind === 'O') {
    err('E4308', at(v.start), 'object arrays (dtype object) are not supported', `object arrays need pickle, which tilegate never runs; ${ASTYPE_HINT}`);
    return undefined;
  }
  if (kind === 'V') {
    err('E4308', at(v.start), `raw void dtype '${v.value}' is not supported`, ASTYPE_HINT);
    return undefined;
  }
  const what = dtypeName(kind, Number(m?.[3] ?? 0));
  const order = m?.[1] === '=' ? '; the header names the native byte order (=), which np.save never writes' : '';
  err('E4307', at(v.start), `dtype '${v.value}' (${what}) is not supported; tilegate reads float32 and float64 (<f4, <f8, >f4, >f8)${order}`, ASTYPE_HINT);
  return undefined;
}

/** NumPy's name for a descr kind and size ('i', 8 -> 'int64'), or a description of the kind. */
function dtypeName(kind: string, size: number): string {
  const numeric: Record<string, string> = { i: 'int', u: 'uint', f: 'float', c: 'complex' };
  if (numeric[kind] && size > 0) return `${numeric[kind]}${size * 8}`;
  if (kind === 'b') return 'bool';
  return KIND_NAMES[kind] ?? 'unknown kind';
}

/** Requires fortran_order False. */
function readOrder(v: PyValue, at: (i: number) => number, err: Report): boolean {
  if (v.kind !== 'bool') {
    err('E4305', at(v.start), `'fortran_order' is a ${v.kind}, expected True or False`, 'fortran_order must be a boolean');
    return false;
  }
  if (v.value) {
    err('E4306', at(v.start), 'the array is stored in Fortran (column-major) order', 'save a C-ordered copy: np.save(path, np.ascontiguousarray(x))');
    return false;
  }
  return true;
}

/** Requires a tuple of one or two non-negative integers. */
function readShape(v: PyValue, at: (i: number) => number, err: Report): number[] | undefined {
  if (v.kind !== 'tuple') {
    err('E4305', at(v.start), `'shape' is a ${v.kind}, expected a tuple of integers`, "e.g. 'shape': (32, 784)");
    return undefined;
  }
  const dims: number[] = [];
  for (const d of v.items) {
    if (d.kind !== 'int') {
      err('E4305', at(d.start), `shape entry is a ${d.kind}, expected an integer`, "e.g. 'shape': (32, 784)");
      return undefined;
    }
    if (d.value < 0 || !Number.isSafeInteger(d.value)) {
      err('E4311', at(d.start), `shape entry ${d.raw} is not a valid dimension`, 'dimensions are element counts between 0 and 2^53');
      return undefined;
    }
    dims.push(d.value);
  }
  if (dims.length === 0 || dims.length > 2) {
    const hint = dims.length === 0 ? 'save at least a 1-D array: np.save(path, np.atleast_2d(x))' : 'flatten the trailing axes: np.save(path, x.reshape(x.shape[0], -1))';
    err('E4309', at(v.start), `the array has ${dims.length} dimensions (${dims.join(', ')}); inputs are [batch, features]`, hint);
    return undefined;
  }
  return dims;
}

/**
 * Serialises a C-ordered array as .npy bytes (little-endian, version 1.0 unless the header needs
 * 2.0), identical to what numpy.save writes for the same array. Throws RangeError when `data`
 * does not have product(shape) elements.
 */
export function writeNpy(shape: readonly number[], data: ArrayLike<number>, dtype: 'f32' | 'f64' = 'f64'): Uint8Array {
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new RangeError(`bad shape (${shape.join(', ')})`);
  if (exactProduct(shape) !== data.length) throw new RangeError(`shape (${shape.join(', ')}) needs ${exactProduct(shape)} elements, got ${data.length}`);
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${dtype === 'f32' ? '<f4' : '<f8'}', 'fortran_order': False, 'shape': ${tuple}, }`;
  // NumPy leaves room for the first axis to grow to 21 digits so files can be appended in place.
  if (shape.length > 0) dict += ' '.repeat(Math.max(0, 21 - String(shape[0]).length));
  // Like numpy: version 1.0 unless the padded header overflows its 16-bit length field.
  const padded = (prefix: number): number => dict.length + 1 + (64 - ((prefix + dict.length + 1) % 64));
  const version = padded(10) <= 0xffff ? 1 : 2;
  const prefix = version === 1 ? 10 : 12;
  const hlen = padded(prefix);
  const body = encodeFloats(data, dtype);
  const out = new Uint8Array(prefix + hlen + body.length);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, hlen, true);
  else view.setUint32(8, hlen, true);
  for (let i = 0; i < dict.length; i++) out[prefix + i] = dict.charCodeAt(i);
  out.fill(0x20, prefix + dict.length, prefix + hlen - 1);
  out[prefix + hlen - 1] = 0x0a;
  out.set(body, prefix + hlen);
  return out;
}
