// Parser for posit test-vector files (JSON Lines, one case per line, as in test/vectors/README.md).
// Every line is hostile input: anything malformed becomes a Diagnostic with file:line:column and a
// hint, never an exception. vector-file.ts runs the parsed cases through the reference numerics.
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { POSIT_SPECS, type PositFormat } from './formats.ts';

/** The operations a vector line may name. */
export const VECTOR_OPS = ['add', 'sub', 'mul', 'div', 'sqrt', 'from_f64', 'to_f64', 'fdp'] as const;

/** One vector operation name. */
export type VectorOp = (typeof VECTOR_OPS)[number];

/** Longest fdp operand accepted (the public files use at most 256). */
export const MAX_FDP_LENGTH = 1 << 20;

/** A validated vector line; patterns are unsigned numbers, f64 operands/results stay as 16-digit hex. */
export type VectorCase =
  | { readonly op: 'add' | 'sub' | 'mul' | 'div'; readonly line: number; readonly a: number; readonly b: number; readonly r: number }
  | { readonly op: 'sqrt'; readonly line: number; readonly a: number; readonly r: number }
  | { readonly op: 'from_f64'; readonly line: number; readonly a: string; readonly r: number }
  | { readonly op: 'to_f64'; readonly line: number; readonly a: number; readonly r: string }
  | { readonly op: 'fdp'; readonly line: number; readonly a: readonly number[]; readonly b: readonly number[]; readonly r: number };

/** The parse of one line: a case, or the diagnostic that explains why not. */
export type ParsedLine = { readonly ok: true; readonly value: VectorCase } | { readonly ok: false; readonly diagnostic: Diagnostic };

const OP_SET: ReadonlySet<string> = new Set(VECTOR_OPS);
const F64_HEX = /^[0-9a-fA-F]{16}$/;
const POSIT_HEX: Readonly<Record<number, RegExp>> = { 2: /^[0-9a-fA-F]{2}$/, 4: /^[0-9a-fA-F]{4}$/, 8: /^[0-9a-fA-F]{8}$/ };
const OP_HINT = `ops are ${VECTOR_OPS.join(', ')}`;
const F64_WHAT = '16 hex digits (a binary64 bit pattern)';

/** Prefix of a vector file name -> its format (p8..., bp16_fdp_model.jsonl, ...). */
const PREFIXES: Readonly<Record<string, PositFormat>> = { p8: 'posit8', p16: 'posit16', p32: 'posit32', bp16: 'bposit16', bp32: 'bposit32' };

/** The format named by a vector file's base-name prefix (p8, p16, p32, bp16, bp32), if any. */
export function formatFromFileName(path: string): PositFormat | undefined {
  const base = path.replace(/^.*[\\/]/, '');
  const m = /^(bp16|bp32|p8|p16|p32)(?=$|[._-])/i.exec(base);
  return m ? PREFIXES[m[1]!.toLowerCase()] : undefined;
}

/** What the field readers of one line share. */
interface LineContext {
  readonly obj: Record<string, unknown>;
  readonly text: string;
  readonly lineNo: number;
  readonly format: PositFormat;
  readonly digits: number;
  readonly fail: (code: DiagCode, message: string, column: number, hint?: string) => ParsedLine;
}

/** Parses line `lineNo` (1-based) of `file`, whose text is `text` (no newline), for `format`. */
export function parseVectorLine(file: string, lineNo: number, text: string, format: PositFormat): ParsedLine {
  const fail = (code: DiagCode, message: string, column: number, hint?: string): ParsedLine => ({
    ok: false,
    diagnostic: { code, severity: 'error', message, at: { file, line: lineNo, column }, ...(hint ? { hint } : {}) },
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const column = pos ? Number(pos[1]) + 1 : text.length + 1;
    return fail('E4101', `not valid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, column, 'each line must be one JSON object, e.g. {"op":"add","a":"4000","b":"0001","r":"4000"}');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('E4102', `expected a JSON object, found ${describe(raw)}`, 1);
  }
  const obj = raw as Record<string, unknown>;
  const op = obj.op;
  if (op === undefined) return fail('E4103', 'missing field "op"', 1, OP_HINT);
  if (typeof op !== 'string') return fail('E4103', `field "op" must be a string, found ${describe(op)}`, keyColumn(text, 'op'));
  if (!OP_SET.has(op)) return fail('E4104', `unknown op ${JSON.stringify(op)}`, keyColumn(text, 'op'), OP_HINT);
  const cx: LineContext = { obj, text, lineNo, format, digits: POSIT_SPECS[format].nbits / 4, fail };
  const vop = op as VectorOp;
  return vop === 'fdp' ? parseFdp(cx) : parseScalar(cx, vop);
}

/** Reads a hex field: the pattern (f64: its bits) as a number, or the failure. */
function hexField(cx: LineContext, key: string, kind: 'posit' | 'f64', op: VectorOp): number | ParsedLine {
  const v = cx.obj[key];
  const what = kind === 'f64' ? F64_WHAT : positWhat(cx);
  const re = kind === 'f64' ? F64_HEX : positRegex(cx.digits);
  if (v === undefined) return cx.fail('E4103', `missing field "${key}" (${op} needs ${fieldsOf(op).join(', ')})`, 1);
  if (typeof v !== 'string') return cx.fail('E4103', `field "${key}" must be a string of ${what}, found ${describe(v)}`, keyColumn(cx.text, key));
  if (!re.test(v)) return cx.fail('E4105', `field "${key}" is ${JSON.stringify(v)}: expected ${what}`, keyColumn(cx.text, key), hexHint(cx));
  return parseInt(v, 16);
}

function parseScalar(cx: LineContext, op: Exclude<VectorOp, 'fdp'>): ParsedLine {
  const line = cx.lineNo;
  const a = hexField(cx, 'a', op === 'from_f64' ? 'f64' : 'posit', op);
  if (typeof a !== 'number') return a;
  const b = op === 'add' || op === 'sub' || op === 'mul' || op === 'div' ? hexField(cx, 'b', 'posit', op) : 0;
  if (typeof b !== 'number') return b;
  const r = hexField(cx, 'r', op === 'to_f64' ? 'f64' : 'posit', op);
  if (typeof r !== 'number') return r;
  switch (op) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      return { ok: true, value: { op, line, a, b, r } };
    case 'sqrt':
      return { ok: true, value: { op, line, a, r } };
    case 'to_f64':
      return { ok: true, value: { op, line, a, r: (cx.obj.r as string).toLowerCase() } };
    case 'from_f64':
      return { ok: true, value: { op, line, a: (cx.obj.a as string).toLowerCase(), r } };
  }
}

function parseFdp(cx: LineContext): ParsedLine {
  const { obj, text, fail } = cx;
  const what = positWhat(cx);
  const re = positRegex(cx.digits);
  const arrays: number[][] = [];
  for (const key of ['a', 'b']) {
    const v = obj[key];
    const column = keyColumn(text, key);
    if (v === undefined) return fail('E4103', `missing field "${key}" (fdp needs a, b, r)`, 1);
    if (!Array.isArray(v)) return fail('E4103', `field "${key}" of fdp must be an array of ${what}, found ${describe(v)}`, column);
    if (v.length === 0 || v.length > MAX_FDP_LENGTH) {
      return fail('E4106', `fdp array "${key}" has ${v.length} elements: expected 1..${MAX_FDP_LENGTH}`, column);
    }
    const out: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const s: unknown = v[i];
      if (typeof s !== 'string' || !re.test(s)) {
        const code = typeof s === 'string' ? 'E4105' : 'E4103';
        return fail(code, `${key}[${i}] is ${JSON.stringify(s) ?? describe(s)}: expected ${what}`, column, hexHint(cx));
      }
      out.push(parseInt(s, 16));
    }
    arrays.push(out);
  }
  const [a, b] = arrays as [number[], number[]];
  if (a.length !== b.length) return fail('E4106', `fdp arrays differ in length: "a" has ${a.length}, "b" has ${b.length}`, keyColumn(text, 'b'));
  const r = hexField(cx, 'r', 'posit', 'fdp');
  if (typeof r !== 'number') return r;
  return { ok: true, value: { op: 'fdp', line: cx.lineNo, a, b, r } };
}

function positWhat(cx: LineContext): string {
  return `${cx.digits} hex digits (a ${cx.format} pattern)`;
}

function positRegex(digits: number): RegExp {
  return POSIT_HEX[digits] ?? new RegExp(`^[0-9a-fA-F]{${digits}}$`);
}

/** The fields an op needs, for messages. */
function fieldsOf(op: VectorOp): string[] {
  return op === 'sqrt' || op === 'to_f64' || op === 'from_f64' ? ['a', 'r'] : ['a', 'b', 'r'];
}

function hexHint(cx: LineContext): string {
  return `${cx.format} patterns are ${cx.digits} hex digits; from_f64 operands and to_f64 results are 16 (binary64 bits); is --format right?`;
}

/** 1-based column of `"key":` in the raw line (1 when not found). */
function keyColumn(text: string, key: string): number {
  const m = new RegExp(`"${key}"\\s*:`).exec(text);
  return m ? m.index + 1 : 1;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 24 ? `${v.slice(0, 24)}...` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${v}`;
  return typeof v;
}
