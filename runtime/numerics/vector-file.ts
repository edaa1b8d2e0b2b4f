// Conformance check of the reference numerics against a posit test-vector file: parses each line
// (vector-parse.ts), computes the op with posit-ops.ts / quire.ts and tallies passes and
// mismatches per op. The library behind `tilegate conform`; returns diagnostics, never throws.
import type { Diagnostic } from '../../ir/diagnostics.ts';
import { POSIT_SPECS, type PositFormat } from './formats.ts';
import { positOps, type PositOps } from './posit-ops.ts';
import { Quire } from './quire.ts';
import { parseVectorLine, VECTOR_OPS, type VectorCase, type VectorOp } from './vector-parse.ts';

export { formatFromFileName, parseVectorLine, VECTOR_OPS, MAX_FDP_LENGTH } from './vector-parse.ts';
export type { VectorCase, VectorOp, ParsedLine } from './vector-parse.ts';

/** Pass/fail counts of one op. */
export interface OpTally {
  passed: number;
  failed: number;
}

/** One case whose computed result differs from the file's; all values as hex. */
export interface VectorMismatch {
  readonly file: string;
  readonly line: number;
  readonly op: VectorOp;
  readonly a: string | readonly string[];
  readonly b?: string | readonly string[];
  readonly expected: string;
  readonly got: string;
}

/** What checking one vector file found. */
export interface VectorFileReport {
  readonly file: string;
  readonly format: PositFormat;
  /** Tallies for the ops present in the file, in VECTOR_OPS order. */
  readonly ops: Readonly<Partial<Record<VectorOp, OpTally>>>;
  readonly passed: number;
  readonly failed: number;
  /** The first `maxMismatches` mismatches, in file order. */
  readonly mismatches: readonly VectorMismatch[];
  /** Malformed lines (E41xx); those lines are neither passed nor failed. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Limits on what a report keeps. */
export interface CheckOptions {
  readonly maxMismatches?: number;
  readonly maxDiagnostics?: number;
}

/** Checks every line of a vector file's text against the reference numerics for `format`. */
export function checkVectorText(file: string, text: string, format: PositFormat, options: CheckOptions = {}): VectorFileReport {
  const maxMismatches = options.maxMismatches ?? 10;
  const maxDiagnostics = options.maxDiagnostics ?? 20;
  const ops = positOps(format);
  const quire = new Quire(format);
  const tallies: Partial<Record<VectorOp, OpTally>> = {};
  const mismatches: VectorMismatch[] = [];
  const diagnostics: Diagnostic[] = [];
  let badLines = 0;
  let passed = 0;
  let failed = 0;
  let start = 0;
  for (let lineNo = 1; start < text.length; lineNo++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineText = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (lineText.trim() === '') continue;
    const parsed = parseVectorLine(file, lineNo, lineText, format);
    if (!parsed.ok) {
      if (++badLines <= maxDiagnostics) diagnostics.push(parsed.diagnostic);
      continue;
    }
    const c = parsed.value;
    const got = compute(ops, quire, c);
    const ok = c.op === 'to_f64' ? sameF64(c.r, got as string) : got === c.r;
    const t = (tallies[c.op] ??= { passed: 0, failed: 0 });
    if (ok) {
      t.passed++;
      passed++;
    } else {
      t.failed++;
      failed++;
      if (mismatches.length < maxMismatches) mismatches.push(describeMismatch(file, format, c, got));
    }
  }
  if (badLines > maxDiagnostics) {
    diagnostics.push({
      code: 'E4109',
      severity: 'error',
      message: `${badLines - maxDiagnostics} more malformed lines in ${file} not shown (${badLines} in all)`,
      at: { file, line: 1, column: 1 },
    });
  }
  const ordered: Partial<Record<VectorOp, OpTally>> = {};
  for (const op of VECTOR_OPS) {
    const t = tallies[op];
    if (t) ordered[op] = t;
  }
  return { file, format, ops: ordered, passed, failed, mismatches, diagnostics };
}

/** The reference result of one case: a pattern, or for to_f64 the 16-digit binary64 hex. */
export function compute(ops: PositOps, quire: Quire, c: VectorCase): number | string {
  switch (c.op) {
    case 'add':
      return ops.add(c.a, c.b);
    case 'sub':
      return ops.sub(c.a, c.b);
    case 'mul':
      return ops.mul(c.a, c.b);
    case 'div':
      return ops.div(c.a, c.b);
    case 'sqrt':
      return ops.sqrt(c.a);
    case 'from_f64':
      return ops.fromF64(f64FromHex(c.a));
    case 'to_f64':
      return f64ToHex(ops.toF64(c.a));
    case 'fdp': {
      quire.clear();
      for (let i = 0; i < c.a.length; i++) quire.mulAdd(c.a[i]!, c.b[i]!);
      return quire.toPosit();
    }
  }
}

const VIEW = new DataView(new ArrayBuffer(8));

/** The double whose binary64 bits are the 16 hex digits `hex`. */
export function f64FromHex(hex: string): number {
  VIEW.setUint32(0, parseInt(hex.slice(0, 8), 16));
  VIEW.setUint32(4, parseInt(hex.slice(8, 16), 16));
  return VIEW.getFloat64(0);
}

/** The binary64 bits of `x` as 16 lowercase hex digits. */
export function f64ToHex(x: number): string {
  VIEW.setFloat64(0, x);
  return VIEW.getUint32(0).toString(16).padStart(8, '0') + VIEW.getUint32(4).toString(16).padStart(8, '0');
}

/** Equal bit patterns, or both NaN (the files store one NaN; any NaN stands for NaR). */
function sameF64(expected: string, got: string): boolean {
  if (expected === got) return true;
  return Number.isNaN(f64FromHex(expected)) && Number.isNaN(f64FromHex(got));
}

function describeMismatch(file: string, format: PositFormat, c: VectorCase, got: number | string): VectorMismatch {
  const digits = POSIT_SPECS[format].nbits / 4;
  const hex = (p: number): string => p.toString(16).padStart(digits, '0');
  const base = { file, line: c.line, op: c.op };
  const gotHex = typeof got === 'string' ? got : hex(got);
  switch (c.op) {
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      return { ...base, a: hex(c.a), b: hex(c.b), expected: hex(c.r), got: gotHex };
    case 'sqrt':
      return { ...base, a: hex(c.a), expected: hex(c.r), got: gotHex };
    case 'from_f64':
      return { ...base, a: c.a, expected: hex(c.r), got: gotHex };
    case 'to_f64':
      return { ...base, a: hex(c.a), expected: c.r, got: gotHex };
    case 'fdp':
      return { ...base, a: c.a.map(hex), b: c.b.map(hex), expected: hex(c.r), got: gotHex };
  }
}
