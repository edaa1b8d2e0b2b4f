// Argument binding and value readers for the checker: matches a call's positional and named
// arguments against a signature, and reads literal values (integers, numbers, choices) with
// range checks. Every failure is an E1xxx diagnostic; readers return undefined after one.
import type { DiagnosticBag, Span } from '../../ir/diagnostics.ts';
import type { Arg, Expr } from '../syntax/ast.ts';
import { didYouMean } from '../syntax/suggest.ts';

/** A call signature: parameters that may be positional (in order), and named-only ones. */
export interface Signature {
  readonly fn: string;
  readonly positional: readonly string[];
  /** How many leading positional parameters are required. */
  readonly required: number;
  readonly named: readonly string[];
  /** Named parameters that must be given. */
  readonly requiredNamed?: readonly string[];
}

/** Arguments matched to parameter names, with the span of each. */
export type BoundArgs = ReadonlyMap<string, Expr>;

/** Matches `args` to `sig`; reports unknown, duplicate, extra and missing arguments. */
export function bindArgs(bag: DiagnosticBag, sig: Signature, args: readonly Arg[], callSpan: Span): BoundArgs | undefined {
  const out = new Map<string, Expr>();
  let okay = true;
  let pos = 0;
  const all = [...sig.positional, ...sig.named];
  for (const a of args) {
    if (a.kind === 'Positional') {
      const name = sig.positional[pos++];
      if (name === undefined) {
        bag.error('E1022', `${sig.fn} takes at most ${sig.positional.length} positional argument${sig.positional.length === 1 ? '' : 's'}`, a.span, usage(sig));
        okay = false;
      } else out.set(name, a.value);
      continue;
    }
    const key = a.key.name;
    if (!all.includes(key)) {
      bag.error('E1006', `${sig.fn} has no argument '${key}'`, a.key.span, didYouMean(key, all) ?? usage(sig));
      okay = false;
    } else if (out.has(key)) {
      bag.error('E1007', `argument '${key}' is given twice`, a.key.span);
      okay = false;
    } else out.set(key, a.value);
  }
  const missing = [...sig.positional.slice(0, sig.required), ...(sig.requiredNamed ?? [])].filter((p) => !out.has(p));
  for (const p of missing) {
    bag.error('E1005', `${sig.fn} needs the argument '${p}'`, callSpan, usage(sig));
    okay = false;
  }
  return okay ? out : undefined;
}

function usage(sig: Signature): string {
  const named = sig.named.map((n) => `${n}: ...`);
  return `usage: ${sig.fn}(${[...sig.positional, ...named].join(', ')})`;
}

/** Largest width of a layer or input dim. */
export const MAX_WIDTH = 1 << 20;

/** Reads a positive integer literal in [min, max]. */
export function readInt(bag: DiagnosticBag, e: Expr, what: string, min: number, max: number): number | undefined {
  if (e.kind !== 'Number') {
    bag.error('E1008', `${what} must be an integer, found ${describeExpr(e)}`, e.span);
    return undefined;
  }
  if (!Number.isInteger(e.value) || e.value < min || e.value > max) {
    bag.error('E1018', `${what} must be an integer from ${min} to ${max}, found ${e.text}`, e.span);
    return undefined;
  }
  return e.value;
}

/** Reads a number literal; `test` states the range in words for the message. */
export function readNumber(bag: DiagnosticBag, e: Expr, what: string, ok: (x: number) => boolean, range: string): number | undefined {
  if (e.kind !== 'Number') {
    bag.error('E1008', `${what} must be a number, found ${describeExpr(e)}`, e.span);
    return undefined;
  }
  if (!Number.isFinite(e.value) || !ok(e.value)) {
    bag.error('E1018', `${what} must be ${range}, found ${e.text}`, e.span);
    return undefined;
  }
  return e.value;
}

/** Reads a bare name from a fixed set; unknown names get a did-you-mean. */
export function readChoice<T extends string>(bag: DiagnosticBag, e: Expr, what: string, options: readonly T[], code: 'E1004' | 'E1008' | 'E1016' = 'E1008'): T | undefined {
  if (e.kind !== 'Name') {
    bag.error('E1008', `${what} must be one of ${options.join(' | ')}, found ${describeExpr(e)}`, e.span);
    return undefined;
  }
  if (!(options as readonly string[]).includes(e.name)) {
    bag.error(code, `unknown ${what} '${e.name}'`, e.span, didYouMean(e.name, options) ?? `expected one of ${options.join(' | ')}`);
    return undefined;
  }
  return e.name as T;
}

/** Short description of an expression for messages. */
export function describeExpr(e: Expr): string {
  switch (e.kind) {
    case 'Name':
      return `'${e.name}'`;
    case 'Number':
      return `the number ${e.text}`;
    case 'List':
      return 'a list';
    case 'Call':
      return `a call to ${e.callee.name}`;
    case 'Product':
      return "a product '*'";
    case 'Missing':
      return 'nothing';
  }
}
