// tilegate's deterministic elementary functions (runtime/numerics/elementary.ts, spec/numerics.md
// §8) over the WGSL soft f64 of soft-f64.ts, bit for bit: the same IEEE operations on the same
// operands. Shader compilers inline every function call, and one soft op is a few hundred
// instructions, so exp, expm1 and log run as step machines: a loop over a uniform step index
// whose switch picks each step's operands, and a single sf64_alu call site. Branches of the TS
// become operand selects (exact identities x + (-0) and x * 1 fill the unused steps).
import { ELEMENTARY_CONSTANTS as K } from '../../../runtime/numerics/index.ts';

const words = new DataView(new ArrayBuffer(8));

/** A double as a WGSL vec2<u32> literal (high word, low word). */
function lit(x: number): string {
  words.setFloat64(0, x);
  const w = (o: number): string => `0x${words.getUint32(o).toString(16)}u`;
  return `vec2<u32>(${w(0)}, ${w(4)})`;
}

/** One step: `acc = a op b` (a subtraction adds the negated b); `pre` runs first (it may read acc). */
interface Step {
  readonly pre?: string;
  readonly a: string;
  readonly op: '+' | '-' | '*' | '/';
  readonly b: string;
}

const OP = { '+': 0, '-': 0, '*': 1, '/': 2 } as const;

/** The step machine: `acc` holds the last step's result after the loop. */
function stepLoop(steps: readonly Step[]): string {
  const cases = steps.map((s, i) => {
    const b = s.op === '-' ? `sf64_neg(${s.b})` : s.b;
    return `      case ${i}u: {${s.pre ? ` ${s.pre}` : ''} a = ${s.a}; b = ${b}; op = ${OP[s.op]}u; }`;
  });
  return `var acc = SF64_ZERO;
  for (var step = 0u; step < ${steps.length}u; step++) {
    var a = SF64_ZERO;
    var b = SF64_ZERO;
    var op = 0u;
    switch step {
${cases.join('\n')}
      default: {}
    }
    acc = sf64_alu(op, a, b);
  }`;
}

/** Steps for c[0] + t*(c[1] + ... + t*c[n-1]) (fdlibm's nesting); `pre` goes on the first. */
function horner(t: string, cs: readonly number[], pre?: string): Step[] {
  const out: Step[] = [{ pre, a: t, op: '*', b: lit(cs[cs.length - 1]!) }];
  for (let j = cs.length - 2; j >= 0; j--) {
    out.push({ a: lit(cs[j]!), op: '+', b: 'acc' });
    if (j > 0) out.push({ a: t, op: '*', b: 'acc' });
  }
  return out;
}

const ONE = lit(1);
const TWO = lit(2);
const HALF = lit(0.5);
const MZERO = lit(-0); // x + (-0) = x for every x, signed zeros included

/** x = k ln2 + (hi - lo) (the TS reduce): k = ±1 below 1.5 ln2, else trunc(x/ln2 ± 1/2); r = hi - lo. */
const REDUCE: Step[] = [
  { a: lit(K.INV_LN2), op: '*', b: 'x' },
  { a: 'acc', op: '+', b: `select(${HALF}, ${lit(-0.5)}, neg)` },
  {
    pre: 'k = select(0, select(sf64_trunc_i32(acc), select(1, -1, neg), ax < 0x3ff0a2b2u), reduce); dk = sf64_from_i32(k);',
    a: 'dk', op: '*', b: lit(K.LN2_HI), // k ln2_hi is exact, so ±1 reproduces x ∓ LN2_HI
  },
  { a: 'x', op: '-', b: 'acc' },
  { pre: 'hi = acc;', a: 'dk', op: '*', b: lit(K.LN2_LO) },
  { pre: 'lo = acc;', a: 'hi', op: '-', b: 'lo' },
];

const EXP_STEPS: Step[] = [
  ...REDUCE,
  { pre: 'r = select(x, acc, reduce);', a: 'r', op: '*', b: 'r' },
  ...horner('t', [K.P1, K.P2, K.P3, K.P4, K.P5], 't = acc;'),
  { a: 't', op: '*', b: 'acc' },
  { a: 'r', op: '-', b: 'acc' }, // c
  { pre: 'c = acc;', a: 'r', op: '*', b: 'c' },
  // k = 0: 1 - (rc/(c - 2) - r); else 1 - ((lo - rc/(2 - c)) - hi).
  { pre: 'q = acc;', a: `select(${TWO}, c, k == 0)`, op: '-', b: `select(c, ${TWO}, k == 0)` },
  { a: 'q', op: '/', b: 'acc' },
  { pre: 'q = acc;', a: 'select(lo, q, k == 0)', op: '-', b: 'select(q, r, k == 0)' },
  { a: 'acc', op: '-', b: 'select(hi, SF64_ZERO, k == 0)' },
  { a: ONE, op: '-', b: 'select(acc, sf64_neg(x), tiny)' }, // |x| < 2^-28: 1 + x
  // Scale by 2^k: y 2^k · 1, or (y 2) 2^1023 for k = 1024, or (y 2^(k+1000)) 2^-1000 below -1021.
  { a: 'acc', op: '*', b: `select(select(sf64_pow2(k + 1000), sf64_pow2(k), k >= -1021), ${TWO}, k == 1024)` },
  { a: 'acc', op: '*', b: `select(select(${lit(K.TWO_M1000)}, ${ONE}, k >= -1021), ${lit(K.TWO_1023)}, k == 1024)` },
];

const EXPM1_STEPS: Step[] = [
  ...REDUCE,
  { pre: 'r = select(x, acc, reduce);', a: 'hi', op: '-', b: 'r' },
  { a: 'acc', op: '-', b: 'lo' }, // c: r's rounding error
  { pre: 'c = acc;', a: HALF, op: '*', b: 'r' },
  { pre: 'hfx = acc;', a: 'r', op: '*', b: 'hfx' },
  ...horner('hxs', [K.Q1, K.Q2, K.Q3, K.Q4, K.Q5], 'hxs = acc;'),
  { a: 'hxs', op: '*', b: 'acc' },
  { a: ONE, op: '+', b: 'acc' },
  { pre: 'r1 = acc;', a: 'r1', op: '*', b: 'hfx' },
  { a: lit(3), op: '-', b: 'acc' },
  { pre: 't = acc;', a: 'r', op: '*', b: 't' },
  { a: lit(6), op: '-', b: 'acc' },
  { pre: 'q = acc;', a: 'r1', op: '-', b: 't' },
  { a: 'acc', op: '/', b: 'q' },
  { a: 'hxs', op: '*', b: 'acc' },
  // k = 0: u = r e - hxs; else u = r (e - c) - c and e = u - hxs.
  { pre: 'e = acc;', a: 'e', op: '-', b: 'select(c, SF64_ZERO, k == 0)' },
  { a: 'r', op: '*', b: 'acc' },
  { a: 'acc', op: '-', b: 'select(c, hxs, k == 0)' },
  { a: 'acc', op: '-', b: 'select(hxs, SF64_ZERO, k == 0)' },
  // The TS expm1Scale, case by case as one chain (see sf64_expm1 for the cases).
  {
    pre: `e = acc; b1 = k == 1 && sf64_lt(r, ${lit(-0.25)}); b2 = k == 1 && !b1; kc = k <= -2 || k > 56; kd = k >= 2 && k < 20; ke = k >= 20 && k <= 56; one_minus = vec2<u32>(0x3ff00000u - (0x200000u >> u32(clamp(k, 0, 31))), 0u);`,
    a: 'select(r, e, kc || kd || ke)', op: '+',
    b: `select(select(select(sf64_neg(e), ${HALF}, b1), sf64_neg(r), kc || kd), sf64_pow2(-k), ke)`,
  },
  { a: 'select(select(acc, e, b1), select(select(r, one_minus, kd), ' + ONE + ', kc), kc || kd || ke)', op: '+', b: `select(${MZERO}, sf64_neg(acc), b1 || kc || kd || ke)` },
  { a: 'acc', op: '+', b: `select(${MZERO}, ${ONE}, ke)` },
  { a: 'acc', op: '*', b: `select(select(select(${ONE}, ${HALF}, k == -1), select(${TWO}, ${lit(-2)}, b1), k == 1), select(sf64_pow2(k), ${TWO}, k == 1024), kc || kd || ke)` },
  { a: 'acc', op: '*', b: `select(${ONE}, ${lit(K.TWO_1023)}, k == 1024)` },
  { a: 'acc', op: '+', b: `select(select(${MZERO}, ${lit(-0.5)}, k == -1), select(${ONE}, ${lit(-1)}, kc), b2 || kc)` },
];

const LOG_STEPS: Step[] = [
  { a: 'm', op: '-', b: ONE },
  { pre: 'f = acc;', a: 'dk', op: '*', b: lit(K.LN2_HI) },
  { pre: 'k_hi = acc;', a: 'dk', op: '*', b: lit(K.LN2_LO) },
  { pre: 'k_lo = acc;', a: TWO, op: '+', b: 'f' },
  { a: 'f', op: '/', b: 'acc' },
  { pre: 's = acc;', a: 's', op: '*', b: 's' },
  { pre: 'z = acc;', a: 'z', op: '*', b: 'z' },
  ...horner('w', [K.LG1, K.LG3, K.LG5, K.LG7], 'w = acc;'),
  { a: 'z', op: '*', b: 'acc' },
  ...horner('w', [K.LG2, K.LG4, K.LG6], 'rr = acc;'),
  { a: 'w', op: '*', b: 'acc' },
  { a: 'rr', op: '+', b: 'acc' }, // R = t2 + t1
  { pre: 'rr = acc;', a: HALF, op: '*', b: 'f' },
  { a: 'acc', op: '*', b: 'f' }, // hfsq
  { pre: 'hfsq = acc;', a: 'select(f, hfsq, big)', op: '+', b: 'select(sf64_neg(rr), rr, big)' },
  { a: 's', op: '*', b: 'acc' }, // sr = s (hfsq + R) or s (f - R)
  // |f| < 2^-20: R' = (f f)(0.5 - f/3).
  { pre: 'sr = acc;', a: lit(K.THIRD), op: '*', b: 'f' },
  { a: HALF, op: '-', b: 'acc' },
  { pre: 'q = acc;', a: 'f', op: '*', b: 'f' },
  { a: 'acc', op: '*', b: 'q' },
  // The eight final formulas of the TS log as one chain (see sf64_log for the cases).
  {
    pre: 'q = acc;',
    a: 'select(select(select(sr, hfsq, big && k0), select(f, q, !k0), near), k_hi, f0)',
    op: '+',
    b: `select(select(select(select(sf64_neg(sr), ${MZERO}, !big), select(sf64_neg(k_lo), k_lo, big), !k0), select(sf64_neg(q), sf64_neg(k_lo), !k0), near), k_lo, f0)`,
  },
  { a: 'select(acc, hfsq, !k0 && big && !near && !f0)', op: '+', b: `select(${MZERO}, sf64_neg(acc), !k0 && big && !near && !f0)` },
  { a: 'select(acc, f, k0 && !near)', op: '+', b: `select(select(sf64_neg(f), ${MZERO}, f0 || (near && k0)), sf64_neg(acc), k0 && !near)` },
  { a: 'select(acc, k_hi, !k0 && !f0)', op: '+', b: `select(${MZERO}, sf64_neg(acc), !k0 && !f0)` },
];

/** WGSL of sf64_exp, sf64_expm1, sf64_log, sf64_tanh, sf64_sigmoid, sf64_gelu (and their arg/finish steps), posit32 wrappers. */
export const SOFT_F64_ELEMENTARY_WGSL = /* wgsl */ `
// ---- deterministic elementary functions on soft f64 (fdlibm) ----------------------------------
// The one arithmetic call site of a step machine: op 0 adds, 1 multiplies, 2 divides.
fn sf64_alu(op: u32, a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  if (op == 0u) {
    return sf64_add(a, b);
  }
  if (op == 1u) {
    return sf64_mul(a, b);
  }
  return sf64_div(a, b);
}

fn sf64_exp(x: vec2<u32>) -> vec2<u32> {
  let neg = (x.x & SF64_SIGN) != 0u;
  let ax = x.x & 0x7fffffffu;
  let reduce = ax > 0x3fd62e42u; // |x| > ln2/2
  let tiny = ax < 0x3e300000u; // |x| < 2^-28
  // Results without arithmetic: NaN, infinities, overflow, underflow, exp(1) = E.
  var done = true;
  var early = SF64_ZERO;
  if (ax >= 0x7ff00000u) {
    early = select(select(x, SF64_ZERO, neg), SF64_NAN, sf64_is_nan(x));
  } else if (ax >= 0x40862e42u && sf64_gt(x, ${lit(K.EXP_OVERFLOW)})) {
    early = SF64_INF;
  } else if (ax >= 0x40862e42u && sf64_lt(x, ${lit(K.EXP_UNDERFLOW)})) {
    early = SF64_ZERO;
  } else if (all(x == ${ONE})) {
    early = ${lit(K.E)};
  } else {
    done = false;
  }
  var k = 0;
  var dk = SF64_ZERO;
  var hi = SF64_ZERO;
  var lo = SF64_ZERO;
  var r = SF64_ZERO;
  var t = SF64_ZERO;
  var c = SF64_ZERO;
  var q = SF64_ZERO;
  ${stepLoop(EXP_STEPS)}
  return select(acc, early, done);
}

// Cases of the final chain: k = 0; k = -1; k = 1 with r < -0.25 (b1) or not (b2); k <= -2 or
// k > 56 (kc: 2^k (1 - (e - r)) - 1); 2 <= k < 20 (kd: ((1 - 2^-k) - (e - r)) 2^k); 20 <= k <= 56
// (ke: ((r - (e + 2^-k)) + 1) 2^k).
fn sf64_expm1(x: vec2<u32>) -> vec2<u32> {
  let neg = (x.x & SF64_SIGN) != 0u;
  let ax = x.x & 0x7fffffffu;
  let reduce = ax > 0x3fd62e42u;
  var done = true;
  var early = x;
  if (ax >= 0x7ff00000u) {
    early = select(select(x, ${lit(-1)}, neg), SF64_NAN, sf64_is_nan(x));
  } else if (ax >= 0x40862e42u && sf64_gt(x, ${lit(K.EXP_OVERFLOW)})) {
    early = SF64_INF;
  } else if (ax >= 0x4043687au && neg) {
    early = ${lit(-1)}; // x < -56 ln2
  } else if (ax >= 0x3c900000u) {
    done = false; // below 2^-54 the result is x
  }
  var k = 0;
  var dk = SF64_ZERO;
  var hi = SF64_ZERO;
  var lo = SF64_ZERO;
  var r = SF64_ZERO;
  var c = SF64_ZERO;
  var hfx = SF64_ZERO;
  var hxs = SF64_ZERO;
  var r1 = SF64_ZERO;
  var t = SF64_ZERO;
  var q = SF64_ZERO;
  var e = SF64_ZERO;
  var b1 = false;
  var b2 = false;
  var kc = false;
  var kd = false;
  var ke = false;
  var one_minus = SF64_ZERO;
  ${stepLoop(EXPM1_STEPS)}
  return select(acc, early, done);
}

// Cases of the final chain: f0 (f = 0: k ln2_hi + k ln2_lo, or 0 when k0 = (k == 0)); near
// (|f| < 2^-20: f - R' or k ln2_hi - ((R' - k ln2_lo) - f)); otherwise big (significand near
// sqrt 2: hfsq kept apart) or not, each with k = 0 or not.
fn sf64_log(x0: vec2<u32>) -> vec2<u32> {
  var x = x0;
  var hx = bitcast<i32>(x.x);
  var k = 0;
  var done = false;
  var early = SF64_ZERO;
  if (hx < 0x00100000) {
    if (sf64_is_zero(x)) {
      done = true;
      early = ${lit(-Infinity)};
    } else if (hx < 0) {
      done = true;
      early = SF64_NAN;
    } else {
      // Subnormal: times 2^54 (exact, so built from its parts).
      let p = sf64_unpack(x);
      k = -54;
      x = vec2<u32>((u32(p.e + 54 + 1023) << 20u) | ((p.sig.x >> 11u) & 0xfffffu), (p.sig.y >> 11u) | (p.sig.x << 21u));
      hx = bitcast<i32>(x.x);
    }
  }
  if (hx >= 0x7ff00000) {
    done = true;
    early = select(SF64_INF, SF64_NAN, sf64_is_nan(x));
  }
  k = k + (hx >> 20u) - 1023;
  hx = hx & 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  k = k + (i >> 20u);
  let m = vec2<u32>(bitcast<u32>(hx | (i ^ 0x3ff00000)), x.y); // significand in [sqrt(2)/2, sqrt(2))
  let dk = sf64_from_i32(k);
  let k0 = k == 0;
  let near = (0x000fffff & (2 + hx)) < 3;
  let f0 = near && all(m == ${ONE});
  let big = ((hx - 0x6147a) | (0x6b851 - hx)) > 0;
  if (f0 && k0) {
    done = true; // log(1) = +0
    early = SF64_ZERO;
  }
  var f = SF64_ZERO;
  var k_hi = SF64_ZERO;
  var k_lo = SF64_ZERO;
  var s = SF64_ZERO;
  var z = SF64_ZERO;
  var w = SF64_ZERO;
  var rr = SF64_ZERO;
  var hfsq = SF64_ZERO;
  var sr = SF64_ZERO;
  var q = SF64_ZERO;
  ${stepLoop(LOG_STEPS)}
  return select(acc, early, done);
}

// tanh's expm1 argument: 2|x| for |x| >= 1, else -2|x|.
fn sf64_tanh_arg(x: vec2<u32>) -> vec2<u32> {
  return sf64_mul(select(${lit(-2)}, ${TWO}, (x.x & 0x7fffffffu) >= 0x3ff00000u), sf64_abs(x));
}

// tanh(x) from t = expm1(sf64_tanh_arg(x)): 1 - 2/(t + 2) for |x| >= 1, else -t/(t + 2); the
// cases that need no t (NaN, infinities, |x| < 2^-28, |x| >= 22) ignore it.
fn sf64_tanh_finish(x: vec2<u32>, t: vec2<u32>) -> vec2<u32> {
  let neg = (x.x & SF64_SIGN) != 0u;
  let ax = x.x & 0x7fffffffu;
  if (ax >= 0x7ff00000u) {
    return select(select(${ONE}, ${lit(-1)}, neg), SF64_NAN, sf64_is_nan(x));
  }
  var z = ${ONE};
  if (ax < 0x40360000u) {
    if (ax < 0x3e300000u) {
      return x;
    }
    let big = ax >= 0x3ff00000u;
    let q = sf64_div(select(sf64_neg(t), ${TWO}, big), sf64_add(t, ${TWO}));
    z = select(q, sf64_sub(${ONE}, q), big);
  }
  return select(z, sf64_neg(z), neg);
}

fn sf64_tanh(x: vec2<u32>) -> vec2<u32> {
  return sf64_tanh_finish(x, sf64_expm1(sf64_tanh_arg(x)));
}

// sigmoid's exp argument: x for x < 0, else -x (so e^arg never overflows).
fn sf64_sigmoid_arg(x: vec2<u32>) -> vec2<u32> {
  return select(sf64_neg(x), x, sf64_lt(x, SF64_ZERO));
}

// sigmoid(x) from e = exp(sf64_sigmoid_arg(x)): e/(1 + e) for x < 0, else 1/(1 + e).
fn sf64_sigmoid_finish(x: vec2<u32>, e: vec2<u32>) -> vec2<u32> {
  return sf64_div(select(${ONE}, e, sf64_lt(x, SF64_ZERO)), sf64_add(${ONE}, e));
}

fn sf64_sigmoid(x: vec2<u32>) -> vec2<u32> {
  return sf64_sigmoid_finish(x, sf64_exp(sf64_sigmoid_arg(x)));
}

// gelu's tanh argument C (x + K x^3), x^3 = (x x) x.
fn sf64_gelu_arg(x: vec2<u32>) -> vec2<u32> {
  let cube = sf64_mul(sf64_mul(x, x), x);
  return sf64_mul(${lit(K.GELU_C)}, sf64_add(x, sf64_mul(${lit(K.GELU_K)}, cube)));
}

// gelu(x) = 0.5 x (1 + th) from th = tanh(sf64_gelu_arg(x)); gelu(-inf) = -0.
fn sf64_gelu_finish(x: vec2<u32>, th: vec2<u32>) -> vec2<u32> {
  if (all(x == ${lit(-Infinity)})) {
    return vec2<u32>(SF64_SIGN, 0u);
  }
  return sf64_mul(sf64_mul(${HALF}, x), sf64_add(${ONE}, th));
}

fn sf64_gelu(x: vec2<u32>) -> vec2<u32> {
  return sf64_gelu_finish(x, sf64_tanh(sf64_gelu_arg(x)));
}

// posit32 in, posit32 out: the transcendental rule (exact conversion, f64 function, one rounding).
fn sf64_p32_exp(p: u32) -> u32 {
  return sf64_to_p32(sf64_exp(p32_to_sf64(p)));
}

fn sf64_p32_tanh(p: u32) -> u32 {
  return sf64_to_p32(sf64_tanh(p32_to_sf64(p)));
}

fn sf64_p32_sigmoid(p: u32) -> u32 {
  return sf64_to_p32(sf64_sigmoid(p32_to_sf64(p)));
}

fn sf64_p32_gelu(p: u32) -> u32 {
  return sf64_to_p32(sf64_gelu(p32_to_sf64(p)));
}
`;
