// The deterministic f64 elementary functions (runtime/numerics/elementary.ts): their constants
// are fdlibm's bit patterns, edge cases follow IEEE/C99 Annex F, they stay within 1 ulp of the
// host's Math.* on 10^6 inputs each, and their true error, measured against an exact BigInt
// oracle, is below 1 ulp (exp, expm1, log) or 2 ulps (tanh, sigmoid).
import { describe, expect, it } from 'vitest';
import {
  ELEMENTARY_CONSTANTS, exp, expm1, gelu, log, logSumExp, sigmoid, softmaxRow, tanh,
} from '../../runtime/numerics/index.ts';
import { elementaryInputs, toBits, ulpDistance } from './elementary-inputs.ts';

const FDLIBM_HEX: Record<keyof typeof ELEMENTARY_CONSTANTS, string> = {
  LN2_HI: '3fe62e42fee00000', LN2_LO: '3dea39ef35793c76', INV_LN2: '3ff71547652b82fe',
  EXP_OVERFLOW: '40862e42fefa39ef', EXP_UNDERFLOW: 'c0874910d52d3051', E: '4005bf0a8b145769',
  TWO_1023: '7fe0000000000000', TWO_M1000: '0170000000000000', TWO_54: '4350000000000000',
  P1: '3fc555555555553e', P2: 'bf66c16c16bebd93', P3: '3f11566aaf25de2c', P4: 'bebbbd41c5d26bf1',
  P5: '3e66376972bea4d0', Q1: 'bfa11111111110f4', Q2: '3f5a01a019fe5585', Q3: 'bf14ce199eaadbb7',
  Q4: '3ed0cfca86e65239', Q5: 'be8afdb76e09c32d', LG1: '3fe5555555555593', LG2: '3fd999999997fa04',
  LG3: '3fd2492494229359', LG4: '3fcc71c51d8e78af', LG5: '3fc7466496cb03de', LG6: '3fc39a09d078c69f',
  LG7: '3fc2f112df3e5244', THIRD: '3fd5555555555555', GELU_C: '3fe9884533d43651', GELU_K: '3fa6e4e26d4801f7',
};

const hex = (x: number): string => toBits(x).map((w) => w.toString(16).padStart(8, '0')).join('');

describe('constants', () => {
  it('are the documented bit patterns', () => {
    const got = Object.fromEntries(Object.entries(ELEMENTARY_CONSTANTS).map(([k, v]) => [k, hex(v)]));
    expect(got).toEqual(FDLIBM_HEX);
  });
});

describe('edge cases', () => {
  const same = (a: number, b: number): boolean => Object.is(a, b);
  it.each([
    ['exp', exp, [[0, 1], [-0, 1], [NaN, NaN], [Infinity, Infinity], [-Infinity, 0], [1, Math.E],
      [709.7827128933841, Infinity], [709.782712893384, 1.7976931348622732e308], [709.78, 1.7928227943945155e308], [-745.1332191019411, 5e-324],
      [-745.1332191019412, 0], [-740, 4.2e-322], [1e-300, 1], [-1e-300, 1]]],
    ['expm1', expm1, [[0, 0], [-0, -0], [NaN, NaN], [Infinity, Infinity], [-Infinity, -1], [-40, -1],
      [5e-324, 5e-324], [-1e-300, -1e-300], [710, Infinity]]],
    ['log', log, [[1, 0], [0, -Infinity], [-0, -Infinity], [-1, NaN], [-Infinity, NaN], [NaN, NaN],
      [Infinity, Infinity], [5e-324, -744.4400719213812], [Number.MAX_VALUE, 709.782712893384], [Math.E, 1]]],
    ['tanh', tanh, [[0, 0], [-0, -0], [NaN, NaN], [Infinity, 1], [-Infinity, -1], [22, 1], [-30, -1],
      [5e-324, 5e-324], [-1e-10, -1e-10]]],
    ['sigmoid', sigmoid, [[0, 0.5], [-0, 0.5], [NaN, NaN], [Infinity, 1], [-Infinity, 0], [40, 1],
      [-800, 0], [-740, 4.2e-322]]],
    ['gelu', gelu, [[0, 0], [-0, -0], [NaN, NaN], [Infinity, Infinity], [-Infinity, -0], [1e200, 1e200],
      [-1e200, -0], [-10, -0]]],
  ] as const)('%s', (_name, f, cases) => {
    const bad = cases.filter(([x, y]) => !same(f(x), y)).map(([x, y]) => `f(${x}) = ${f(x)}, want ${y}`);
    expect(bad).toEqual([]);
  });

  it('tanh and gelu keep their symmetries', () => {
    for (const x of elementaryInputs(3, 20_000, 30)) {
      expect(same(tanh(-x), -tanh(x))).toBe(true);
    }
    expect(gelu(1)).toBe(0.5 * 1 * (1 + tanh(ELEMENTARY_CONSTANTS.GELU_C * (1 + ELEMENTARY_CONSTANTS.GELU_K * 1))));
  });
});

describe('within 1 ulp of the host Math.* (10^6 inputs each)', () => {
  const N = 1_000_000;
  it.each([
    ['exp', exp, Math.exp, 800],
    ['expm1', expm1, Math.expm1, 800],
    ['log', log, Math.log, 1e6],
    ['tanh', tanh, Math.tanh, 25],
  ] as const)('%s', (_name, f, ref, range) => {
    const xs = elementaryInputs(range, N, range);
    let worst = 0;
    let at = 0;
    for (const x of xs) {
      const d = ulpDistance(f(x), ref(x));
      if (d > worst) [worst, at] = [d, x];
    }
    expect(worst, `worst at ${at}`).toBeLessThanOrEqual(1);
  });
});

describe('true error against an exact oracle', () => {
  it.each([
    ['exp', exp, exactExp, 740, 1],
    ['expm1', expm1, (x: number) => exactExp(x, -1n), 740, 1],
    ['log', log, exactLog, 0, 1],
    ['tanh', tanh, exactTanh, 3, 2],
    ['sigmoid', sigmoid, exactSigmoid, 740, 2],
  ] as const)('%s', (_name, f, exact, range, bound) => {
    const next = rngUnit(range + 17);
    let worst = 0;
    for (let i = 0; i < 6000; i++) {
      // log takes positive arguments over the whole range; the others a uniform range (expm1 and
      // tanh also near 0, where their formulas matter most).
      const u = next();
      const x = range === 0 ? 2 ** ((u * 2 - 1) * 1000) * (1 + next()) : i % 3 === 0 ? (u * 2 - 1) * 2 ** (-next() * 40) : (u * 2 - 1) * range;
      const [num, e] = exact(x);
      worst = Math.max(worst, ulpError(f(x), num, e));
    }
    expect(worst).toBeLessThan(bound);
  });
});

describe('softmaxRow and logSumExp', () => {
  it('follow their definition and stay finite for huge logits', () => {
    const xs = [1000, 999, -5, 1000];
    const out = new Float64Array(4);
    softmaxRow(xs, out);
    const e = [exp(0), exp(-1), exp(-1005), exp(0)];
    const s = e[0]! + e[1]! + e[2]! + e[3]!;
    expect([...out]).toEqual(e.map((v) => v / s));
    expect(logSumExp(xs)).toBe(1000 + log(s));
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([3, Infinity])).toBe(Infinity);
  });

  it('a NaN entry makes the whole row NaN', () => {
    const out = new Float64Array(3);
    softmaxRow([1, NaN, 2], out);
    expect([...out].every((v) => Number.isNaN(v))).toBe(true);
    expect(logSumExp([1, NaN])).toBeNaN();
  });
});

// ---- exact oracle: BigInt fixed point with G fraction bits ---------------------------------------

const G = 160n;
const ONE = 1n << G;
const LN2 = 2n * atanhInverse(3n); // ln 2 = 2 atanh(1/3)

function atanhInverse(n: bigint): bigint {
  let sum = 0n;
  let term = ONE / n;
  for (let k = 1n; term !== 0n; k += 2n, term /= n * n) sum += term / k;
  return sum;
}

function rngUnit(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** x = m·2^q exactly. */
function split(x: number): [bigint, bigint] {
  const [hi, lo] = toBits(x);
  const e = BigInt((hi >>> 20) & 0x7ff);
  const m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const mant = e === 0n ? m : m | (1n << 52n);
  return [hi >>> 31 ? -mant : mant, e === 0n ? -1074n : e - 1075n];
}

const bitLength = (v: bigint): bigint => BigInt(v.toString(2).length);

function toFixed(x: number): bigint {
  const [m, q] = split(x);
  return q + G >= 0n ? m << (q + G) : m >> -(q + G);
}

/** e^X for fixed-point X: [E, n] with e^X = E·2^(n−G). */
function expFixed(X: bigint): [bigint, bigint] {
  let n = X / LN2;
  let r = X - n * LN2;
  if (r > LN2 / 2n) [r, n] = [r - LN2, n + 1n];
  if (r < -LN2 / 2n) [r, n] = [r + LN2, n - 1n];
  let sum = ONE;
  for (let term = ONE, k = 1n; term !== 0n; k++) {
    term = ((term * r) >> G) / k;
    sum += term;
  }
  return [sum, n];
}

/** e^x + add as [N, e] meaning N·2^e. */
function exactExp(x: number, add = 0n): [bigint, bigint] {
  const [E, n] = expFixed(toFixed(x));
  if (add === 0n) return [E, n - G];
  // e^x + add = N·2^(base − G − 200): 200 extra bits keep e^x − 1 exact enough for x near 0.
  const base = n > 0n ? 0n : n;
  return [(E << (n - base + 200n)) + (add << (G + 200n - base)), base - G - 200n];
}

function exactLog(x: number): [bigint, bigint] {
  const [m, q] = split(x);
  const p = bitLength(m) - 1n + q;
  const f = (m << G) >> (bitLength(m) - 1n); // significand in [1, 2)
  const s = ((f - ONE) << G) / (f + ONE);
  const s2 = (s * s) >> G;
  let sum = 0n;
  for (let term = s, k = 1n; term !== 0n; k += 2n, term = (term * s2) >> G) sum += term / k;
  return [p * LN2 + 2n * sum, -G];
}

function exactTanh(x: number): [bigint, bigint] {
  const [E, n] = expFixed(2n * toFixed(x));
  const v = n >= 0n ? E << n : E >> -n;
  const S = G + 80n;
  return [((v - ONE) << S) / (v + ONE), -S];
}

function exactSigmoid(x: number): [bigint, bigint] {
  const [E, n] = expFixed(-toFixed(x)); // e^-x = E·2^(n−G)
  const [p, q] = n >= 0n ? [ONE, ONE + (E << n)] : [ONE << -n, (ONE << -n) + E];
  const S = G + 80n + bitLength(q) - bitLength(p);
  return [(p << S) / q, -S];
}

/** |y − N·2^e| in ulps of the exact value (subnormal ulp below 2^-1022). */
function ulpError(y: number, N: bigint, e: bigint): number {
  if (N === 0n) return y === 0 ? 0 : Infinity;
  const top = bitLength(N < 0n ? -N : N) - 1n + e;
  const ulpExp = (top < -1022n ? -1022n : top) - 52n;
  if (!Number.isFinite(y)) return top > 1023n ? 0 : Infinity;
  const [my, qy] = split(y);
  const low = [qy, e, ulpExp].reduce((a, b) => (a < b ? a : b));
  const d = (my << (qy - low)) - (N << (e - low));
  return Number(((d < 0n ? -d : d) << 20n) >> (ulpExp - low)) / 2 ** 20;
}
