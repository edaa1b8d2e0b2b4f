// The checker: names, shapes and types of a parsed .dg model (E1xxx). It resolves every name,
// checks every layer call and declaration, checks that the learn mode fits the model, and
// returns a CheckedModel for lowering, or undefined after reporting every problem it found.
import type { DiagnosticBag, SourceFile, Span } from '../../ir/diagnostics.ts';
import { DEFAULT_LEARN, type LearnConfig, type NumericDecl, type TargetDecl } from '../../ir/meta.ts';
import type { Expr, Item, ModelAst } from '../syntax/ast.ts';
import { didYouMean } from '../syntax/suggest.ts';
import { bindArgs, MAX_WIDTH, readInt } from './args.ts';
import { checkLearn, checkNumeric, checkTarget } from './blocks.ts';
import type { CheckedLoss, CheckedModel, TExpr } from './checked.ts';
import { checkValue, shapeWords, type ExprContext, type Resolved } from './layers.ts';
import { countParams, usesRouting } from './walk.ts';

/** Largest number of features of one input sample. */
export const MAX_INPUT_FEATURES = 1 << 24;
/** Largest total parameter count (elements). */
export const MAX_PARAMS = 1 << 28;

type Decl = { kind: 'input' | 'label' | 'binding'; span: Span; index: number };

/** Checks a parsed model; reports into `bag` and returns the checked model when it is sound. */
export function checkModel(ast: ModelAst, bag: DiagnosticBag, source: SourceFile): CheckedModel | undefined {
  const before = bag.items.length;
  const line = (s: Span): number => source.position(s.start).line;
  const decls = collectDecls(ast, bag, line);
  const blocks = checkBlocks(ast.items, bag, line);
  const inputs = new Map<string, { name: string; span: Span; dims: number[] }>();
  const labels = new Map<string, { name: string; span: Span; classes: number }>();
  const bindings = new Map<string, { expr: TExpr; span: Span }>();
  const broken = new Set<string>();
  for (const it of ast.items) {
    if (it.kind === 'InputDecl') checkInput(it, bag, inputs, broken);
    if (it.kind === 'LabelDecl') {
      const classes = readInt(bag, it.classes, 'class count', 2, MAX_WIDTH);
      if (classes === undefined) broken.add(it.name.name);
      else labels.set(it.name.name, { name: it.name.name, span: it.name.span, classes });
    }
  }
  const lookup = (name: string): Resolved | undefined => {
    if (broken.has(name)) return { kind: 'broken' };
    const i = inputs.get(name);
    if (i) return { kind: 'input', dims: i.dims, span: i.span };
    const l = labels.get(name);
    if (l) return { kind: 'label', classes: l.classes, span: l.span };
    const b = bindings.get(name);
    if (b) return { kind: 'binding', dims: b.expr.dims, span: b.span };
    const d = decls.get(name);
    return d?.kind === 'binding' ? { kind: 'later', span: d.span, line: line(d.span) } : undefined;
  };
  const names = (): string[] => [...decls.keys()];
  const cx = (binding: string): ExprContext => ({ bag, lookup, names, binding, counters: new Map() });
  for (const it of ast.items) {
    if (it.kind !== 'Binding') continue;
    if (decls.get(it.name.name)?.span !== it.name.span) continue; // a duplicate, already reported
    const expr = checkValue(it.value, cx(it.name.name), true);
    if (expr) bindings.set(it.name.name, { expr, span: it.name.span });
    else broken.add(it.name.name);
  }
  const outputs = checkOutputs(ast, bag, lookup, names);
  const loss = checkLossDecls(ast.items, bag, cx('loss'), lookup, line);
  if (inputs.size === 0 && !ast.items.some((i) => i.kind === 'InputDecl')) {
    bag.error('E1013', `model '${ast.name.name}' declares no input`, ast.name.span, 'declare one: input x : [784]');
  }
  if (bag.items.length > before) return void sortFrom(bag, before);
  const roots = [...outputs.map((o) => bindings.get(o.name)?.expr), loss?.logits].filter((e): e is TExpr => e !== undefined);
  if (!checkLearnFit(ast, bag, blocks.learn, roots, bindings, loss)) return undefined;
  const params = countParams(roots, bindings);
  if (params > MAX_PARAMS) {
    bag.error('E1025', `model has ${params} parameters; the limit is ${MAX_PARAMS}`, ast.name.span, 'use narrower layers');
    return undefined;
  }
  const meta = { name: ast.name.name, numeric: blocks.numeric, learn: blocks.learn.config, targets: blocks.targets };
  return { meta, inputs, labels, bindings, outputs, ...(loss ? { loss } : {}) };
}

function collectDecls(ast: ModelAst, bag: DiagnosticBag, line: (s: Span) => number): Map<string, Decl> {
  const decls = new Map<string, Decl>();
  ast.items.forEach((it, index) => {
    if (it.kind !== 'InputDecl' && it.kind !== 'LabelDecl' && it.kind !== 'Binding') return;
    const kind = it.kind === 'InputDecl' ? 'input' : it.kind === 'LabelDecl' ? 'label' : 'binding';
    const prev = decls.get(it.name.name);
    if (prev) {
      bag.error('E1002', `'${it.name.name}' is already defined on line ${line(prev.span)}`, it.name.span, 'each input, label and binding needs its own name');
      return;
    }
    decls.set(it.name.name, { kind, span: it.name.span, index });
  });
  return decls;
}

function checkInput(it: Extract<Item, { kind: 'InputDecl' }>, bag: DiagnosticBag, inputs: Map<string, { name: string; span: Span; dims: number[] }>, broken: Set<string>): void {
  const dims = it.dims.map((d) => readInt(bag, d, 'input dimension', 1, MAX_WIDTH));
  if (dims.some((d) => d === undefined) || dims.length === 0) return void broken.add(it.name.name);
  if (dims.length > 3) {
    bag.error('E1018', `input '${it.name.name}' has ${dims.length} dimensions; at most 3 are supported`, it.span, 'flatten it: input x : [784]');
    return void broken.add(it.name.name);
  }
  const ds = dims as number[];
  if (ds.reduce((a, b) => a * b, 1) > MAX_INPUT_FEATURES) {
    bag.error('E1025', `input '${it.name.name}' has more than ${MAX_INPUT_FEATURES} features`, it.span);
    return void broken.add(it.name.name);
  }
  if (!inputs.has(it.name.name)) inputs.set(it.name.name, { name: it.name.name, span: it.name.span, dims: ds });
}

interface Blocks {
  numeric: NumericDecl;
  learn: { config: LearnConfig; modeSpan?: Span };
  targets: TargetDecl[];
}

function checkBlocks(items: readonly Item[], bag: DiagnosticBag, line: (s: Span) => number): Blocks {
  const out: Blocks = { numeric: { format: 'f32', quire: false }, learn: { config: DEFAULT_LEARN }, targets: [] };
  const seen = new Map<string, Span>();
  const once = (key: string, span: Span, what: string): boolean => {
    const prev = seen.get(key);
    if (prev) bag.error('E1019', `${what} is declared twice (first on line ${line(prev)})`, span, 'keep one declaration');
    else seen.set(key, span);
    return !prev;
  };
  for (const it of items) {
    if (it.kind === 'NumericDecl' && once('numeric', it.span, "'numeric'")) {
      const n = checkNumeric(bag, it);
      if (n) out.numeric = n;
    } else if (it.kind === 'LearnBlock' && once('learn', it.span, "'learn'")) {
      const l = checkLearn(bag, it);
      const modeSpan = it.entries.find((e) => e.key.name === 'mode')?.value.span;
      if (l) out.learn = { config: l, ...(modeSpan ? { modeSpan } : { modeSpan: it.span }) };
    } else if (it.kind === 'TargetBlock' && once(`target:${it.target.name}`, it.target.span, `target '${it.target.name}'`)) {
      const t = checkTarget(bag, it);
      if (t) out.targets.push(t);
    }
  }
  return out;
}

function checkOutputs(ast: ModelAst, bag: DiagnosticBag, lookup: (n: string) => Resolved | undefined, names: () => string[]): { name: string; span: Span }[] {
  const outs: { name: string; span: Span }[] = [];
  for (const it of ast.items) {
    if (it.kind !== 'OutputDecl') continue;
    for (const n of it.names) {
      const r = lookup(n.name);
      if (outs.some((o) => o.name === n.name)) bag.error('E1019', `'${n.name}' is already an output`, n.span);
      else if (!r) bag.error('E1001', `unknown name '${n.name}'`, n.span, didYouMean(n.name, names()));
      else if (r.kind === 'label') bag.error('E1024', `'${n.name}' is a label and cannot be an output`, n.span, 'output a prediction, e.g. the last dense layer');
      else if (r.kind !== 'broken') outs.push({ name: n.name, span: n.span });
    }
  }
  if (!ast.items.some((i) => i.kind === 'OutputDecl')) {
    bag.error('E1011', `model '${ast.name.name}' has no output`, ast.name.span, 'add an output declaration, e.g. output y');
  }
  return outs;
}

function checkLossDecls(items: readonly Item[], bag: DiagnosticBag, cx: ExprContext, lookup: (n: string) => Resolved | undefined, line: (s: Span) => number): CheckedLoss | undefined {
  const decls = items.filter((i): i is Extract<Item, { kind: 'LossDecl' }> => i.kind === 'LossDecl');
  for (const d of decls.slice(1)) bag.error('E1019', `a second loss (first on line ${line((decls[0] as Item).span)})`, d.span, 'a model has one loss');
  const d = decls[0];
  return d ? checkLoss(d.value, d.span, bag, cx, lookup) : undefined;
}

function checkLoss(e: Expr, span: Span, bag: DiagnosticBag, cx: ExprContext, lookup: (n: string) => Resolved | undefined): CheckedLoss | undefined {
  if (e.kind !== 'Call' || e.callee.name !== 'cross_entropy') {
    const name = e.kind === 'Call' ? e.callee.name : undefined;
    bag.error('E1012', name ? `unknown loss '${name}'` : 'a loss must be a call like cross_entropy(y, t)', e.kind === 'Call' ? e.callee.span : e.span, didYouMean(name ?? '', ['cross_entropy']) ?? 'the supported loss is cross_entropy(logits, label)');
    return undefined;
  }
  const args = bindArgs(bag, { fn: 'cross_entropy', positional: ['logits', 'label'], required: 2, named: [] }, e.args, e.span);
  if (!args) return undefined;
  const labelE = args.get('label') as Expr;
  const logits = checkValue(args.get('logits') as Expr, cx, false);
  const r = labelE.kind === 'Name' ? lookup(labelE.name) : undefined;
  if (!r || r.kind !== 'label') {
    const what = labelE.kind === 'Name' ? (r ? `'${labelE.name}' is not a class label` : `unknown label '${labelE.name}'`) : 'the second argument must name a class label';
    bag.error('E1012', `cross_entropy needs a class label: ${what}`, labelE.span, 'declare it as: label t : class[10]');
    return undefined;
  }
  if (!logits) return undefined;
  if (logits.dims.length !== 1 || logits.dims[0] !== r.classes) {
    const label = labelE.kind === 'Name' ? labelE.name : 'the label';
    bag.error('E1012', `cross_entropy: ${shapeWords(logits)} does not match the ${r.classes} classes of '${label}'`, logits.span, `the logits need exactly ${r.classes} units, e.g. dense(..., ${r.classes})`);
    return undefined;
  }
  return { logits, label: (labelE as { name: string }).name, span };
}

function checkLearnFit(ast: ModelAst, bag: DiagnosticBag, learn: Blocks['learn'], roots: readonly TExpr[], bindings: ReadonlyMap<string, { expr: TExpr }>, loss: CheckedLoss | undefined): boolean {
  const mode = learn.config.mode;
  if (mode === 'none') return true;
  const span = learn.modeSpan ?? ast.name.span;
  if (!loss) {
    bag.error('E1020', `learn mode ${mode} needs a loss`, span, 'add: loss cross_entropy(y, t)');
    return false;
  }
  if (!usesRouting(roots, bindings)) {
    const why = mode === 'theta_only' ? 'has no routing parameters (theta) to learn' : 'has no gate or mixture, so no unit is ever inactive';
    bag.error('E1020', `learn mode ${mode} does not fit: the model ${why}`, span, 'add a gate(...) or moe(...) layer, or use mode: none');
    return false;
  }
  return true;
}

/** Orders the checker's diagnostics by position, so the first reported is the first in the file. */
function sortFrom(bag: DiagnosticBag, from: number): void {
  const mine = bag.items.splice(from).map((d, i) => ({ d, i }));
  mine.sort((a, b) => (a.d.span?.start ?? 0) - (b.d.span?.start ?? 0) || a.i - b.i);
  bag.items.push(...mine.map((m) => m.d));
}
