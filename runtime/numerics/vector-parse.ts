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

/** Prefix of a vector file name -> its format (p8..., bp16_fdp_model.jsonl, ...). */
const PREFIXES: Readonly<Record<string, PositFormat>> = { p8: 'posit8', p16: 'posit16', p32: 'posit32', bp16: 'bposit16', bp32: 'bposit32' };

/** The format named by a vector file's base-name prefix (p8, p16, p32, bp16, bp32), if any. */
export function formatFromFileName(path: string): PositFormat | undefined {
  const base = path.replace(/^.*[\\/]/, '');
  const m = /^(bp16|bp32|p8|p16|p32)(?=$|[._-])/i.exec(base);
  return m ? PREFIXES[m[1]!.toLowerCase()] : undefined;
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
  const col = (key: string): number => keyColumn(text, key);
  const digits = POSIT_SPECS[format].nbits / 4;
  const posit = POSIT_HEX[digits] ?? new RegExp(`^[0-9a-fA-F]{${digits}}$`);

  const op = obj.op;
  if (op === undefined) return fail('E4103', 'missing field "op"', 1, OP_HINT);
  if (typeof op !== 'string') return fail('E4103', `field "op" must be a string, found ${describe(op)}`, col('op'));
  if (!OP_SET.has(op)) return fail('E4104', `unknown op ${JSON.stringify(op)}`, col('op'), OP_HINT);
  const vop = op as VectorOp;

  /** Reads a hex field of `width` digits: the pattern as a number, or a failure. */
  const hexField = (key: string, re: RegExp, what: string): number | ParsedLine => {
    const v = obj[key];
    if (v === undefined) return fail('E4103', `missing field "${key}" (${vop} needs ${fieldsOf(vop).join(', ')})`, 1);
    if (typeof v !== 'string') return fail('E4103', `field "${key}" must be a string of ${what}, found ${describe(v)}`, col(key));
    if (!re.test(v)) return fail('E4105', `field "${key}" is ${JSON.stringify(v)}: expected ${what}`, col(key), hexHint(format, digits));
    return parseInt(v, 16);
  };
  const positWhat = `${digits} hex digits (a ${format} pattern)`;
  const f64What = '16 hex digits (a binary64 bit pattern)';

  switch (vop) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const a = hexField('a', posit, positWhat);
      if (typeof a !== 'number') return a;
      const b = hexField('b', posit, positWhat);
      if (typeof b !== 'number') return b;
      const r = hexField('r', posit, positWhat);
      if (typeof r !== 'number') return r;
      return { ok: true, value: { op: vop, line: lineNo, a, b, r } };
    }
    case 'sqrt':
    case 'to_f64': {
      const a = hexField('a', posit, positWhat);
      if (typeof a !== 'number') return a;
      if (vop === 'sqrt') {
        const r = hexField('r', posit, positWhat);
        if (typeof r !== 'number') return r;
        return { ok: true, value: { op: vop, line: lineNo, a, r } };
      }
      const r = hexField('r', F64_HEX, f64What);
      if (typeof r !== 'number') return r;
      return { ok: true, value: { op: vop, line: lineNo, a, r: (obj.r as string).toLowerCase() } };
    }
    case 'from_f64': {
      const a = hexField('a', F64_HEX, f64What);
      if (typeof a !== 'number') return a;
      const r = hexField('r', posit, positWhat);
      if (typeof r !== 'number') return r;
      return { ok: true, value: { op: vop, line: lineNo, a: (obj.a as string).toLowerCase(), r } };
    }
    case 'fdp':
      return parseFdp(obj, lineNo, text, format, posit, positWhat, fail);
  }
}

function parseFdp(
  obj: Record<string, unknown>,
  lineNo: number,
  text: string,
  format: PositFormat,
  posit: RegExp,
  what: string,
  fail: (code: DiagCode, message: string, column: number, hint?: string) => ParsedLine,
): ParsedLine {
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
      if (typeof s !== 'string' || !posit.test(s)) {
        const code = typeof s === 'string' ? 'E4105' : 'E4103';
        return fail(code, `${key}[${i}] is ${JSON.stringify(s) ?? describe(s)}: expected ${what}`, column, hexHint(format, POSIT_SPECS[format].nbits / 4));
      }
      out.push(parseInt(s, 16));
    }
    arrays.push(out);
  }
  const [a, b] = arrays as [number[], number[]];
  if (a.length !== b.length) return fail('E4106', `fdp arrays differ in length: "a" has ${a.length}, "b" has ${b.length}`, keyColumn(text, 'b'));
  const rv = obj.r;
  if (rv === undefined) return fail('E4103', 'missing field "r" (fdp needs a, b, r)', 1);
  if (typeof rv !== 'string') return fail('E4103', `field "r" must be a string of ${what}, found ${describe(rv)}`, keyColumn(text, 'r'));
  if (!posit.test(rv)) return fail('E4105', `field "r" is ${JSON.stringify(rv)}: expected ${what}`, keyColumn(text, 'r'), hexHint(format, POSIT_SPECS[format].nbits / 4));
  return { ok: true, value: { op: 'fdp', line: lineNo, a, b, r: parseInt(rv, 16) } };
}

/** The fields an op needs, for messages. */
function fieldsOf(op: VectorOp): string[] {
  return op === 'sqrt' || op === 'to_f64' || op === 'from_f64' ? ['a', 'r'] : ['a', 'b', 'r'];
}

function hexHint(format: PositFormat, digits: number): string {
  return `${format} patterns are ${digits} hex digits; from_f64 operands and to_f64 results are 16 (binary64 bits); is --format right?`;
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
