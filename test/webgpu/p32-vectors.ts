// Loads the posit32 conformance vectors (SoftPosit results, see the vectors README) for the WebGPU
// tests, grouped by op. Operand and result patterns are parsed from their hex strings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of the posit32 vector file in the repository (test/vectors, a copy of the shared set). */
export const P32_VECTORS = fileURLToPath(new URL('../vectors/p32.jsonl', import.meta.url));

let text: string | undefined;

/** One vector line, as written in the file. */
export interface VectorLine {
  readonly op: string;
  readonly a: string | readonly string[];
  readonly b?: string | readonly string[];
  readonly r: string;
}

/** All lines of one op, in file order (line numbers kept for failure messages). */
export function loadOp(op: string): { line: number; v: VectorLine }[] {
  text ??= readFileSync(P32_VECTORS, 'utf8');
  const out: { line: number; v: VectorLine }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.includes(`"op":"${op}"`)) return;
    const v = JSON.parse(raw) as VectorLine;
    if (v.op === op) out.push({ line: i + 1, v });
  });
  return out;
}

/** A hex pattern string as an unsigned number. */
export function word(h: string | readonly string[] | undefined): number {
  if (typeof h !== 'string') throw new Error(`expected one hex pattern, got ${JSON.stringify(h)}`);
  return parseInt(h, 16) >>> 0;
}

/** An array of hex patterns as numbers. */
export function words(h: string | readonly string[] | undefined): number[] {
  if (!Array.isArray(h)) throw new Error(`expected an array of hex patterns, got ${JSON.stringify(h)}`);
  return (h as readonly string[]).map((x) => parseInt(x, 16) >>> 0);
}
