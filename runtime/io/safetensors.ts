// Reader for the safetensors format (8-byte LE header length, JSON header, byte buffer), used for
// model parameters (`--params`, `tilegate init`). Every file is treated as hostile: each defect
// becomes an E42xx diagnostic located at a byte of the file (see spec/files.md), never a throw.
// Tensors decode exactly to Float64Array. The writer lives in safetensors-write.ts.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import { byteDiag, decodeFloats, ENCODING_BYTES, exactProduct, firstInvalidUtf8, utf8Locator, type FloatEncoding } from './binary-codec.ts';
import { parseJsonTree, type JsonMember, type JsonNode } from './json-tree.ts';
import { closestMatch } from './suggest.ts';

export { writeSafetensors, type TensorToWrite, type WriteSafetensorsOptions } from './safetensors-write.ts';

/** Dtypes tilegate can read from safetensors (all convert exactly to f64). */
export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16';

/** A decoded tensor; `headerOffset` is the byte offset of its name in the file, for diagnostics. */
export interface LoadedTensor {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly data: Float64Array;
  readonly headerOffset: number;
}

/** Result of reading a safetensors file: tensors and metadata only when there are no errors. */
export interface SafetensorsLoad {
  readonly tensors?: Map<string, LoadedTensor>;
  readonly metadata?: Record<string, string>;
  readonly diagnostics: Diagnostic[];
}

/** Largest header accepted; the reference implementation refuses the same. */
export const SAFETENSORS_MAX_HEADER = 100_000_000;
/** Diagnostics kept per file; a hostile header could otherwise yield one per entry. */
export const SAFETENSORS_MAX_DIAGNOSTICS = 20;

const SUPPORTED: Readonly<Record<SafetensorsDtype, FloatEncoding>> = { F64: 'f64', F32: 'f32', F16: 'f16', BF16: 'bf16' };
/** Every dtype the format defines, with its element size in bits (sub-byte formats included). */
const KNOWN_BITS: Readonly<Record<string, number>> = {
  BOOL: 8, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6,
  I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, F64: 64, I64: 64, U64: 64, C64: 64,
};
const ENTRY_FIELDS = ['dtype', 'shape', 'data_offsets'] as const;
const STORE_HINT = 'store floating-point parameters as F32 or F64, e.g. save_file({k: v.float() for k, v in sd.items()}, path)';

interface Entry {
  readonly name: string;
  readonly member: JsonMember;
  readonly dtype: SafetensorsDtype | undefined;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
  readonly offsetsAt: number;
}

/** Parses and validates a whole safetensors file. Never throws on bad input. */
export function readSafetensors(bytes: Uint8Array, file: string): SafetensorsLoad {
  const diagnostics: Diagnostic[] = [];
  const err = (code: DiagCode, at: number, message: string, hint?: string): void => {
    if (diagnostics.length < SAFETENSORS_MAX_DIAGNOSTICS) diagnostics.push(byteDiag(code, file, at, message, hint));
  };
  const header = readHeaderText(bytes, err);
  if (header === undefined) return { diagnostics };
  const { text, n } = header;
  const toByte = utf8Locator(text);
  const at = (index: number): number => 8 + toByte(index);
  const parsed = parseJsonTree(text);
  if (!parsed.ok) {
    err('E4205', at(parsed.offset), `safetensors header is not valid JSON: ${parsed.message}`, 'the header must be one JSON object; was the file truncated or edited by hand?');
    return { diagnostics };
  }
  if (parsed.node.kind !== 'object') {
    err('E4206', at(parsed.node.start), `safetensors header is a JSON ${parsed.node.kind}, expected an object`, 'the header maps tensor names to {"dtype", "shape", "data_offsets"}');
    return { diagnostics };
  }
  const bufferLen = bytes.length - 8 - n;
  const seen = new Set<string>();
  const entries: Entry[] = [];
  let metadata: Record<string, string> = {};
  for (const m of parsed.node.members) {
    if (seen.has(m.key)) {
      err('E4207', at(m.keyStart), `duplicate key "${m.key}" in the safetensors header`, 'each tensor name may appear once');
      continue;
    }
    seen.add(m.key);
    if (m.key === '__metadata__') metadata = readMetadata(m, at, err) ?? metadata;
    else {
      const e = readEntry(m, at, err, bufferLen);
      if (e) entries.push(e);
    }
  }
  // Layout is only meaningful once every entry is well-formed; otherwise it would echo earlier errors.
  if (diagnostics.length === 0) checkLayout(entries, bufferLen, 8 + n, err);
  if (diagnostics.length > 0) return { diagnostics };
  const tensors = new Map<string, LoadedTensor>();
  for (const e of entries) {
    if (e.dtype === undefined) continue;
    const count = exactProduct(e.shape) ?? 0;
    const data = decodeFloats(bytes, 8 + n + e.begin, count, SUPPORTED[e.dtype], true);
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data, headerOffset: at(e.member.keyStart) });
  }
  return { tensors, metadata, diagnostics };
}

type Report = (code: DiagCode, at: number, message: string, hint?: string) => void;

/** Checks the 8-byte length prefix and decodes the header text. */
function readHeaderText(bytes: Uint8Array, err: Report): { text: string; n: number } | undefined {
  if (bytes.length < 8) {
    err('E4201', 0, `file has ${bytes.length} bytes; a safetensors file starts with an 8-byte header length`, 'the file is empty or truncated');
    return undefined;
  }
  const big = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (big > BigInt(SAFETENSORS_MAX_HEADER)) {
    err('E4203', 0, `header length ${big} exceeds the ${SAFETENSORS_MAX_HEADER}-byte limit`, formatGuess(bytes));
    return undefined;
  }
  const n = Number(big);
  if (8 + n > bytes.length) {
    err('E4202', 0, `header length ${n} needs ${8 + n} bytes but the file has ${bytes.length}`, 'the file is truncated (incomplete download or copy?)');
    return undefined;
  }
  const headerBytes = bytes.subarray(8, 8 + n);
  const bad = firstInvalidUtf8(headerBytes);
  if (bad !== undefined) {
    err('E4204', 8 + bad, `byte 0x${(headerBytes[bad] ?? 0).toString(16).padStart(2, '0')} is not valid UTF-8 in the header`, 'the header must be UTF-8 JSON; the file may be corrupt');
    return undefined;
  }
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(headerBytes), n };
}

/** A hint naming what the file probably is when its first 8 bytes are not a sane length. */
function formatGuess(bytes: Uint8Array): string {
  const head = String.fromCharCode(...bytes.subarray(0, 6));
  if (head === '\x93NUMPY') return 'this is a NumPy .npy file; parameters must be safetensors';
  if (head.startsWith('PK')) return 'this looks like a zip archive (a PyTorch .pt/.pth file?); convert it with safetensors.torch.save_file';
  return 'the first 8 bytes must be the little-endian length of the JSON header; this is not a safetensors file';
}

/** Validates `__metadata__`: an object mapping strings to strings. */
function readMetadata(m: JsonMember, at: (i: number) => number, err: Report): Record<string, string> | undefined {
  const hint = '"__metadata__" must map strings to strings, e.g. {"format": "pt"}';
  if (m.value.kind !== 'object') {
    err('E4216', at(m.value.start), `"__metadata__" is a JSON ${m.value.kind}, expected an object`, hint);
    return undefined;
  }
  const out: Record<string, string> = {};
  let ok = true;
  for (const kv of m.value.members) {
    if (kv.value.kind !== 'string') {
      err('E4216', at(kv.value.start), `metadata value for "${kv.key}" is a JSON ${kv.value.kind}, expected a string`, hint);
      ok = false;
    } else if (Object.hasOwn(out, kv.key)) {
      err('E4207', at(kv.keyStart), `duplicate metadata key "${kv.key}"`, 'each metadata key may appear once');
      ok = false;
    } else Object.defineProperty(out, kv.key, { value: kv.value.value, enumerable: true, writable: true, configurable: true });
  }
  return ok ? out : undefined;
}

/** Validates one tensor entry; returns it when its fields are individually well-formed. */
function readEntry(m: JsonMember, at: (i: number) => number, err: Report, bufferLen: number): Entry | undefined {
  const v = m.value;
  if (v.kind !== 'object') {
    err('E4208', at(v.start), `entry for tensor "${m.key}" is a JSON ${v.kind}, expected an object`, 'a tensor entry is {"dtype": "F32", "shape": [out, in], "data_offsets": [begin, end]}');
    return undefined;
  }
  const fields = new Map<string, JsonNode>();
  let ok = true;
  for (const f of v.members) {
    if (!(ENTRY_FIELDS as readonly string[]).includes(f.key)) {
      err('E4208', at(f.keyStart), `unexpected field "${f.key}" in tensor "${m.key}"`, 'a tensor entry has exactly "dtype", "shape" and "data_offsets"');
      ok = false;
    } else if (fields.has(f.key)) {
      err('E4207', at(f.keyStart), `duplicate field "${f.key}" in tensor "${m.key}"`, 'each field may appear once');
      ok = false;
    } else fields.set(f.key, f.value);
  }
  for (const name of ENTRY_FIELDS) {
    if (!fields.has(name)) {
      err('E4208', at(m.keyStart), `tensor "${m.key}" has no "${name}" field`, 'a tensor entry has exactly "dtype", "shape" and "data_offsets"');
      ok = false;
    }
  }
  const dtypeNode = fields.get('dtype');
  const shapeNode = fields.get('shape');
  const offNode = fields.get('data_offsets');
  if (!ok || !dtypeNode || !shapeNode || !offNode) return undefined;
  const dtype = readDtype(m.key, dtypeNode, at, err);
  const shape = readShape(m.key, shapeNode, at, err);
  const offsets = readOffsets(m.key, offNode, at, err, bufferLen);
  if (dtype === null || !shape || !offsets) return undefined;
  if (dtype !== undefined) {
    const count = exactProduct(shape);
    const want = count === undefined ? undefined : count * ENCODING_BYTES[SUPPORTED[dtype]];
    if (want === undefined || !Number.isSafeInteger(want)) {
      err('E4211', at(shapeNode.start), `shape [${shape.join(', ')}] of tensor "${m.key}" has too many elements`, 'the element count must stay below 2^53');
      return undefined;
    }
    if (offsets[1] - offsets[0] !== want) {
      err('E4213', at(offNode.start), `tensor "${m.key}" spans ${offsets[1] - offsets[0]} bytes but ${dtype} [${shape.join(', ')}] needs ${want}`, 'data_offsets[1] - data_offsets[0] must equal product(shape) * dtype size');
      return undefined;
    }
  }
  return { name: m.key, member: m, dtype, shape, begin: offsets[0], end: offsets[1], offsetsAt: at(offNode.start) };
}

/** Reads a dtype: supported (returned), known but unsupported (undefined, layout still checked), or invalid (null). */
function readDtype(name: string, node: JsonNode, at: (i: number) => number, err: Report): SafetensorsDtype | undefined | null {
  if (node.kind !== 'string') {
    err('E4208', at(node.start), `"dtype" of tensor "${name}" is a JSON ${node.kind}, expected a string`, 'e.g. "dtype": "F32"');
    return null;
  }
  if (Object.hasOwn(SUPPORTED, node.value)) return node.value as SafetensorsDtype;
  if (Object.hasOwn(KNOWN_BITS, node.value)) {
    err('E4210', at(node.start), `tensor "${name}" has dtype ${node.value}; tilegate reads F32, F64, F16 and BF16`, STORE_HINT);
    return undefined;
  }
  err('E4209', at(node.start), `tensor "${name}" has unknown dtype "${node.value}"`, `safetensors dtypes are ${Object.keys(KNOWN_BITS).join(', ')}`);
  return null;
}

/** Reads a shape: an array of non-negative safe integers. */
function readShape(name: string, node: JsonNode, at: (i: number) => number, err: Report): number[] | undefined {
  if (node.kind !== 'array') {
    err('E4208', at(node.start), `"shape" of tensor "${name}" is a JSON ${node.kind}, expected an array`, 'e.g. "shape": [10, 784]');
    return undefined;
  }
  const dims: number[] = [];
  for (const d of node.items) {
    if (d.kind !== 'number' || !Number.isSafeInteger(d.value) || d.value < 0 || /[.eE]/.test(d.raw)) {
      err('E4211', at(d.start), `dimension ${d.kind === 'number' ? d.raw : `(a JSON ${d.kind})`} of tensor "${name}" is not a non-negative integer`, 'shape entries are element counts: integers >= 0');
      return undefined;
    }
    dims.push(d.value);
  }
  return dims;
}

/** Reads data_offsets: two integers with 0 <= begin <= end <= buffer length. */
function readOffsets(name: string, node: JsonNode, at: (i: number) => number, err: Report, bufferLen: number): [number, number] | undefined {
  const vals = node.kind === 'array' ? node.items : [];
  const ints = vals.map((d) => (d.kind === 'number' && Number.isSafeInteger(d.value) && d.value >= 0 && !/[.eE]/.test(d.raw) ? d.value : -1));
  const [b, e] = ints;
  if (node.kind !== 'array' || ints.length !== 2 || b === undefined || e === undefined || b < 0 || e < 0) {
    err('E4212', at(node.start), `"data_offsets" of tensor "${name}" must be [begin, end] with two non-negative integers`, 'offsets are byte positions relative to the start of the byte buffer');
    return undefined;
  }
  if (e < b) {
    err('E4212', at(node.start), `"data_offsets" of tensor "${name}" end before they begin ([${b}, ${e}])`, 'data_offsets is [begin, end] with begin <= end');
    return undefined;
  }
  if (e > bufferLen) {
    err('E4212', at(node.start), `tensor "${name}" ends at byte ${e} of the buffer, which has ${bufferLen} bytes`, 'the file is truncated or the header lies about the data');
    return undefined;
  }
  return [b, e];
}

/** Tensors must tile the buffer exactly: sorted by offset, no gaps, no overlaps, no trailing bytes. */
function checkLayout(entries: readonly Entry[], bufferLen: number, bufferStart: number, err: Report): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let pos = 0;
  let prev: Entry | undefined;
  for (const e of sorted) {
    if (e.begin !== pos) {
      const what = e.begin < pos ? `overlaps tensor "${prev?.name ?? ''}" (which ends at ${pos})` : `leaves a gap of ${e.begin - pos} bytes after ${prev ? `tensor "${prev.name}"` : 'the header'}`;
      err('E4214', e.offsetsAt, `tensor "${e.name}" starts at ${e.begin} and ${what}`, 'tensors must cover the byte buffer contiguously, each starting where the previous one ends');
      return;
    }
    pos = e.end;
    prev = e;
  }
  if (pos === bufferLen) return;
  if (entries.length === 0) err('E4215', bufferStart, `the header declares no tensors but ${bufferLen} data bytes follow it`, 'the header is stale or the file is not safetensors');
  else err('E4215', bufferStart + pos, `the tensors cover ${pos} bytes but the byte buffer has ${bufferLen}`, 'trailing bytes after the last tensor: the file was appended to or the header is stale');
}

/** Looks up a tensor by name and checks its shape; hints follow PyTorch's [out, in] weight layout. */
export function expectTensor(
  loaded: ReadonlyMap<string, LoadedTensor>,
  name: string,
  shape: readonly number[],
  file: string,
): { tensor?: LoadedTensor; diagnostics: Diagnostic[] } {
  const t = loaded.get(name);
  const want = `[${shape.join(', ')}]`;
  const layout = 'tilegate expects `<layer>.weight` as [out, in] and `<layer>.bias` as [out], as PyTorch nn.Linear stores them';
  if (!t) {
    const near = closestMatch(name, [...loaded.keys()]);
    const hint = near ? `did you mean "${near}"? ${layout}` : layout;
    return { diagnostics: [byteDiag('E4217', file, 0, `tensor "${name}" ${want} is missing from the parameter file`, hint)] };
  }
  const got = `[${t.shape.join(', ')}]`;
  if (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return { tensor: t, diagnostics: [] };
  const transposed = shape.length === 2 && t.shape.length === 2 && t.shape[0] === shape[1] && t.shape[1] === shape[0];
  const hint = transposed ? `the tensor looks transposed; ${layout} (save W.T)` : layout;
  return { diagnostics: [byteDiag('E4218', file, t.headerOffset, `tensor "${name}" has shape ${got}, expected ${want}`, hint)] };
}
