// The exact oracle used by the randomized WebGPU tests must itself agree with the SoftPosit vectors;
// this runs without a GPU, so the oracle is trustworthy before it judges the WGSL library.
import { describe, expect, it } from 'vitest';
import { refAdd, refDiv, refDot, refMul, refSqrt } from './posit32-exact.ts';
import { loadOp, word, words } from './p32-vectors.ts';

describe('posit32 exact oracle vs p32.jsonl', () => {
  const binary = { add: refAdd, sub: (a: number, b: number) => refAdd(a, -b >>> 0), mul: refMul, div: refDiv } as const;
  it.each(Object.keys(binary) as (keyof typeof binary)[])('%s', (op) => {
    const bad = loadOp(op).filter((c) => binary[op](word(c.v.a), word(c.v.b)) !== word(c.v.r)).map((c) => c.line);
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('sqrt', () => {
    const bad = loadOp('sqrt').filter((c) => refSqrt(word(c.v.a)) !== word(c.v.r)).map((c) => c.line);
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('fdp', () => {
    const bad = loadOp('fdp').filter((c) => refDot(words(c.v.a), words(c.v.b)) !== word(c.v.r)).map((c) => c.line);
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
