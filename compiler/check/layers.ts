// Expression checking: resolves names, checks every layer call (dense, gate, moe, activations,
// softmax) against its signature, and computes feature shapes, giving typed TExprs. Shape
// errors explain which operands disagree and how to fix them (E1009 with a hint).
import type { DiagnosticBag, Span } from '../../ir/diagnostics.ts';
import { ACTIVATION_FNS, GATE_MODES, type ActivationFn, type AnnealSchedule, type GateMode } from '../../ir/nodes.ts';
import type { Expr } from '../syntax/ast.ts';
import { didYouMean } from '../syntax/suggest.ts';
import { bindArgs, describeExpr, MAX_WIDTH, readChoice, readInt, readNumber, type BoundArgs, type Signature } from './args.ts';
import type { TExpr } from './checked.ts';

/** What a name refers to at a point of the model. */
export type Resolved =
  | { readonly kind: 'input' | 'binding'; readonly dims: readonly number[]; readonly span: Span }
  | { readonly kind: 'label'; readonly classes: number; readonly span: Span }
  | { readonly kind: 'later'; readonly span: Span; readonly line: number }
  | { readonly kind: 'broken' };

/** Context of checking one binding's expression. */
export interface ExprContext {
  readonly bag: DiagnosticBag;
  readonly lookup: (name: string) => Resolved | undefined;
  readonly names: () => string[];
  /** Binding being defined; layer parameter paths start with it. */
  readonly binding: string;
  readonly counters: Map<string, number>;
}

const SIGNATURES: Readonly<Record<string, Signature>> = {
  dense: { fn: 'dense', positional: ['x', 'units'], required: 2, named: ['act'] },
  gate: { fn: 'gate', positional: ['x', 'units'], required: 2, named: ['kind', 'threshold'], requiredNamed: ['kind'] },
  moe: { fn: 'moe', positional: ['x', 'units'], required: 1, named: ['experts', 'route', 'act'], requiredNamed: ['experts', 'route'] },
  softmax: { fn: 'softmax', positional: ['x'], required: 1, named: [] },
  ...Object.fromEntries(ACTIVATION_FNS.map((f) => [f, { fn: f, positional: ['x'], required: 1, named: [] }])),
};

/** Names callable in expressions. */
export const LAYER_FUNCTIONS = Object.keys(SIGNATURES);

/** Checks an expression that must denote a real value. `top`: the binding's direct layer. */
export function checkValue(e: Expr, cx: ExprContext, top: boolean): TExpr | undefined {
  switch (e.kind) {
    case 'Name':
      return checkRef(e.name, e.span, cx);
    case 'Call':
      return checkCall(e, cx, top);
    case 'Product':
      return checkProduct(e.factors, e.span, cx);
    case 'Number':
    case 'List':
    case 'Missing':
      cx.bag.error('E1008', `expected a value (a name or a layer call), found ${describeExpr(e)}`, e.span);
      return undefined;
  }
}

function checkRef(name: string, span: Span, cx: ExprContext): TExpr | undefined {
  const r = cx.lookup(name);
  if (!r) {
    const hint = SIGNATURES[name] ? `${name} is a function: write ${name}(...)` : didYouMean(name, cx.names());
    cx.bag.error('E1001', `unknown name '${name}'`, span, hint);
    return undefined;
  }
  switch (r.kind) {
    case 'broken':
      return undefined;
    case 'later':
      cx.bag.error('E1023', `'${name}' is used before its definition on line ${r.line}`, span, 'move the definition above this use');
      return undefined;
    case 'label':
      cx.bag.error('E1010', `'${name}' is a label (class[${r.classes}]), not a value a layer can read`, span, `labels are only read by the loss: loss cross_entropy(y, ${name})`);
      return undefined;
    default:
      return { kind: 'Ref', name, target: r.kind, dims: r.dims, span };
  }
}

function checkProduct(factors: readonly Expr[], span: Span, cx: ExprContext): TExpr | undefined {
  const checked = factors.map((f) => checkValue(f, cx, false));
  if (checked.some((c) => c === undefined)) return undefined;
  const ts = checked as TExpr[];
  const first = ts[0] as TExpr;
  for (const t of ts.slice(1)) {
    if (!sameDims(t.dims, first.dims)) {
      cx.bag.error(
        'E1009',
        `cannot multiply ${shapeWords(first)} by ${shapeWords(t)}`,
        span,
        `'*' is elementwise and needs equal shapes; give both sides ${first.dims.join('x')} units (or ${t.dims.join('x')})`,
      );
      return undefined;
    }
  }
  return { kind: 'Mul', factors: ts, dims: first.dims, span };
}

function checkCall(e: Extract<Expr, { kind: 'Call' }>, cx: ExprContext, top: boolean): TExpr | undefined {
  const fn = e.callee.name;
  const sig = SIGNATURES[fn];
  if (!sig) {
    const r = cx.lookup(fn);
    const hint =
      fn === 'cross_entropy'
        ? 'cross_entropy is only allowed in a loss declaration: loss cross_entropy(y, t)'
        : r && r.kind !== 'broken'
          ? `'${fn}' is a value, not a function`
          : (didYouMean(fn, LAYER_FUNCTIONS) ?? `known functions: ${LAYER_FUNCTIONS.join(', ')}`);
    cx.bag.error('E1003', `unknown layer or function '${fn}'`, e.callee.span, hint);
    return undefined;
  }
  const args = bindArgs(cx.bag, sig, e.args, e.span);
  if (!args) return undefined;
  const x = checkValue(args.get('x') as Expr, cx, top && (fn === 'softmax' || (ACTIVATION_FNS as readonly string[]).includes(fn)));
  if (!x) return undefined;
  if (fn === 'softmax') {
    if (x.dims.length !== 1) {
      cx.bag.error('E1009', `softmax needs a vector of units, got ${shapeWords(x)}`, e.span, 'apply dense(...) first to get a [n] vector');
      return undefined;
    }
    return { kind: 'Softmax', x, dims: x.dims, span: e.span };
  }
  if ((ACTIVATION_FNS as readonly string[]).includes(fn)) return { kind: 'Act', fn: fn as ActivationFn, x, dims: x.dims, span: e.span };
  const layer = top ? cx.binding : nextName(cx, fn);
  if (fn === 'dense') return checkDense(args, x, layer, e.span, cx);
  if (fn === 'gate') return checkGate(args, x, layer, e.span, cx);
  return checkMoe(args, x, layer, e.span, cx);
}

function nextName(cx: ExprContext, fn: string): string {
  const k = cx.counters.get(fn) ?? 0;
  cx.counters.set(fn, k + 1);
  return `${cx.binding}.${fn}${k}`;
}

function readAct(args: BoundArgs, cx: ExprContext): { ok: boolean; act?: ActivationFn } {
  const a = args.get('act');
  if (!a) return { ok: true };
  const act = readChoice(cx.bag, a, 'activation', ACTIVATION_FNS, 'E1004');
  return act ? { ok: true, act } : { ok: false };
}

function checkDense(args: BoundArgs, x: TExpr, layer: string, span: Span, cx: ExprContext): TExpr | undefined {
  const u = args.get('units') as Expr;
  const items = u.kind === 'List' ? u.items : [u];
  if (items.length === 0) {
    cx.bag.error('E1018', 'a dense stack needs at least one width', u.span, 'e.g. dense(x, [512, 256], act: relu)');
    return undefined;
  }
  const widths = items.map((w) => readInt(cx.bag, w, 'units', 1, MAX_WIDTH));
  const act = readAct(args, cx);
  if (widths.some((w) => w === undefined) || !act.ok) return undefined;
  const ws = widths as number[];
  return { kind: 'Dense', x, widths: ws, ...(act.act ? { act: act.act } : {}), layer, dims: [ws[ws.length - 1] as number], span };
}

function checkGate(args: BoundArgs, x: TExpr, layer: string, span: Span, cx: ExprContext): TExpr | undefined {
  const width = readInt(cx.bag, args.get('units') as Expr, 'units', 1, MAX_WIDTH);
  const kindExpr = args.get('kind') as Expr;
  let mode: GateMode | undefined;
  let schedule: AnnealSchedule | undefined;
  if (kindExpr.kind === 'Call' && kindExpr.callee.name === 'anneal') {
    mode = 'anneal';
    schedule = readSchedule(kindExpr, cx);
    if (!schedule) return undefined;
  } else {
    mode = readChoice(cx.bag, kindExpr, 'gate kind', GATE_MODES);
    if (mode === 'anneal') schedule = DEFAULT_SCHEDULE;
  }
  const t = args.get('threshold');
  if (t && mode === 'soft') {
    cx.bag.error('E1006', 'a soft gate has no threshold', t.span, 'remove threshold, or use kind: hard or kind: anneal');
    return undefined;
  }
  const threshold = t ? readNumber(cx.bag, t, 'threshold', (v) => v > 0 && v < 1, 'strictly between 0 and 1') : 0.5;
  if (width === undefined || mode === undefined || threshold === undefined) return undefined;
  return { kind: 'Gate', x, width, mode, threshold, ...(schedule ? { schedule } : {}), layer, dims: [width], span };
}

/** Defaults of `kind: anneal` without arguments. */
export const DEFAULT_SCHEDULE: AnnealSchedule = { from: 1, to: 0.01, steps: 1000 };

function readSchedule(call: Extract<Expr, { kind: 'Call' }>, cx: ExprContext): AnnealSchedule | undefined {
  const sig: Signature = { fn: 'anneal', positional: [], required: 0, named: ['from', 'to', 'steps'] };
  const args = bindArgs(cx.bag, sig, call.args, call.span);
  if (!args) return undefined;
  const pos = (v: number): boolean => v > 0 && v <= 1e6;
  const from = args.has('from') ? readNumber(cx.bag, args.get('from') as Expr, 'from', pos, 'a temperature in (0, 1e6]') : DEFAULT_SCHEDULE.from;
  const to = args.has('to') ? readNumber(cx.bag, args.get('to') as Expr, 'to', pos, 'a temperature in (0, 1e6]') : DEFAULT_SCHEDULE.to;
  const steps = args.has('steps') ? readInt(cx.bag, args.get('steps') as Expr, 'steps', 1, 1e9) : DEFAULT_SCHEDULE.steps;
  if (from === undefined || to === undefined || steps === undefined) return undefined;
  if (!(to < from)) {
    cx.bag.error('E1018', `anneal must cool down: to (${to}) must be below from (${from})`, call.span, 'e.g. anneal(from: 1.0, to: 0.01, steps: 1000)');
    return undefined;
  }
  return { from, to, steps };
}

function checkMoe(args: BoundArgs, x: TExpr, layer: string, span: Span, cx: ExprContext): TExpr | undefined {
  const u = args.get('units');
  const inWidth = x.dims.reduce((a, b) => a * b, 1);
  const width = u ? readInt(cx.bag, u, 'units', 1, MAX_WIDTH) : inWidth;
  const experts = readInt(cx.bag, args.get('experts') as Expr, 'experts', 2, 256);
  const route = readChoice(cx.bag, args.get('route') as Expr, 'route', ['top1', 'soft'] as const);
  const act = readAct(args, cx);
  if (width === undefined || experts === undefined || route === undefined || !act.ok) return undefined;
  return { kind: 'Moe', x, width, experts, route, ...(act.act ? { act: act.act } : {}), layer, dims: [width], span };
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** `h (512 units)`, `x ([28, 28])`, for shape messages. */
export function shapeWords(t: TExpr): string {
  const what = t.kind === 'Ref' ? `'${t.name}'` : t.kind === 'Mul' ? 'the product' : t.kind === 'Act' ? `${t.fn}(...)` : `${t.kind.toLowerCase()}(...)`;
  return t.dims.length === 1 ? `${what} (${t.dims[0]} units)` : `${what} ([${t.dims.join(', ')}])`;
}
