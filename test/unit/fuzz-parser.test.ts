// Mutation fuzzing of the front end: 10,000 seeded mutants of the examples (token and character
// deletions, insertions, duplications and swaps, random bytes, deep nesting, huge numbers,
// unicode) go through compileToIR with the verifier on. None may throw or report an internal
// error; every diagnostic must carry a code and a span inside the text; a clean result must
// carry a verified graph.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileToIR } from '../../compiler/index.ts';
import { verifyGraph } from '../../ir/verify.ts';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const seeds = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.dg'))
  .sort()
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));

/** mulberry32: a small seeded PRNG, so every run mutates identically. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCAB = ['model', 'input', 'label', 'class', 'numeric', 'quire', 'output', 'loss', 'learn', 'target', 'dense', 'gate', 'moe', 'relu', 'softmax', 'anneal', 'x', 'h', '{', '}', '(', ')', '[', ']', ':', ',', '=', '*', '-', '0', '784', '0.5', '1e-3', 'kind', 'hard', 'act', '//', '\n'];
const NUMBERS = ['1e999', '99999999999999999999999', '0', '-5', '0.0000001', '1e-400', '4294967296', '1.5e308', '00000'];
const UNICODE = ['é', '：', '−', '\u200b', '\u202e', '😀', '\ud800', '\u0000', '\uffff', '𝔁', 'ı'];

type Rand = () => number;
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function tokens(text: string): string[] {
  return text.match(/[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\/\/[^\n]*|\s+|./gsu) ?? [];
}

function mutate(text: string, r: Rand): string {
  const op = Math.floor(r() * 10);
  const toks = tokens(text);
  const i = Math.floor(r() * Math.max(1, toks.length));
  const at = Math.floor(r() * (text.length + 1));
  switch (op) {
    case 0:
      toks.splice(i, 1);
      return toks.join('');
    case 1:
      toks.splice(i, 0, ` ${pick(r, VOCAB)} `);
      return toks.join('');
    case 2:
      toks.splice(i, 0, toks[i] ?? '');
      return toks.join('');
    case 3: {
      const j = Math.min(toks.length - 1, i + 1);
      [toks[i], toks[j]] = [toks[j] ?? '', toks[i] ?? ''];
      return toks.join('');
    }
    case 4:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
    case 5: {
      const bytes = Array.from({ length: 1 + Math.floor(r() * 8) }, () => String.fromCharCode(Math.floor(r() * 256))).join('');
      return text.slice(0, at) + bytes + text.slice(at);
    }
    case 6: {
      const depth = 1 + Math.floor(r() * 120);
      const open = pick(r, ['(', '[', 'relu(']);
      const close = open === '[' ? ']' : ')';
      return `${text.slice(0, at)}${open.repeat(depth)}x${close.repeat(r() < 0.5 ? depth : Math.floor(depth / 2))}${text.slice(at)}`;
    }
    case 7:
      return text.replace(/\d+(\.\d+)?/g, (m) => (r() < 0.3 ? pick(r, NUMBERS) : m));
    case 8:
      return text.slice(0, at) + pick(r, UNICODE) + text.slice(at);
    default: {
      const s = Math.floor(r() * text.length);
      return text.slice(0, s) + text.slice(s, s + Math.floor(r() * 200)).repeat(1 + Math.floor(r() * 3)) + text.slice(s);
    }
  }
}

const TOTAL = 10_000;
const CHUNKS = 10;

describe('front-end fuzzing', () => {
  for (let c = 0; c < CHUNKS; c++) {
    it(`mutants ${c * (TOTAL / CHUNKS)}..${(c + 1) * (TOTAL / CHUNKS) - 1} never crash and always diagnose`, { timeout: 60_000 }, () => {
      const r = rng(0x5eed + c);
      let clean = 0;
      const codes = new Set<string>();
      for (let k = 0; k < TOTAL / CHUNKS; k++) {
        let text = pick(r, seeds);
        const rounds = 1 + Math.floor(r() * 3);
        for (let m = 0; m < rounds; m++) text = mutate(text, r);
        const res = compileToIR(text, 'fuzz.dg', { verify: true });
        const errors = res.diagnostics.filter((d) => d.severity === 'error');
        for (const d of res.diagnostics) {
          codes.add(d.code);
          expect(d.code, text).toMatch(/^E[01]\d{3}$/);
          expect(d.span, text).toBeDefined();
          expect(d.span!.start).toBeGreaterThanOrEqual(0);
          expect(d.span!.end).toBeGreaterThanOrEqual(d.span!.start);
          expect(d.span!.end).toBeLessThanOrEqual(text.length);
        }
        if (errors.length === 0) {
          clean++;
          expect(res.graph, text).toBeDefined();
          expect(verifyGraph(res.graph!)).toEqual([]);
        } else expect(res.graph).toBeUndefined();
      }
      // Some mutants (comment or whitespace edits) stay valid; most must not.
      expect(clean).toBeGreaterThan(0);
      expect(clean).toBeLessThan(TOTAL / CHUNKS);
      // The mutants reach both the parser and the checker.
      expect([...codes].filter((x) => x.startsWith('E0')).length).toBeGreaterThanOrEqual(3);
      expect([...codes].filter((x) => x.startsWith('E1')).length).toBeGreaterThanOrEqual(3);
    });
  }
});
