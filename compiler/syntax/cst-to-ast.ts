// CST-to-AST conversion for .dg: walks Chevrotain's concrete syntax tree and builds the typed
// AST of compiler/syntax/ast.ts. The CST may be partial after error recovery, so every child is
// optional here; tokens inserted by recovery (NaN offsets) get a zero-width fallback span at
// the end of the last real token seen.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Span } from '../../ir/diagnostics.ts';
import type { Arg, Entry, Expr, Ident, Item, ModelAst } from './ast.ts';

class Converter {
  private lastEnd = 0;

  constructor(
    private readonly file: string,
    private readonly length: number,
  ) {}

  model(cst: CstNode): ModelAst {
    const head = this.tok(cst, 'Model');
    const name = this.ident(this.tok(cst, 'Identifier'));
    const items = this.nodes(cst, 'item').flatMap((it) => this.item(it));
    return { name, items, span: this.spanOf(cst, head) };
  }

  private item(cst: CstNode): Item[] {
    const [inner] = Object.values(cst.children).flat().filter(isNode);
    if (!inner) return [];
    const span = this.spanOf(inner);
    switch (inner.name) {
      case 'inputDecl': {
        const name = this.ident(this.tok(inner, 'Identifier'));
        const shape = this.nodes(inner, 'shape')[0];
        const dims = shape ? this.toks(shape, 'NumberLit').map((t) => this.numberTok(t, undefined)) : [];
        return [{ kind: 'InputDecl', name, dims, span }];
      }
      case 'labelDecl': {
        const name = this.ident(this.tok(inner, 'Identifier'));
        const n = this.tok(inner, 'NumberLit');
        const classes: Expr = n ? this.numberTok(n, undefined) : { kind: 'Missing', span: this.fallback() };
        return [{ kind: 'LabelDecl', name, classes, span }];
      }
      case 'numericDecl':
        return [{ kind: 'NumericDecl', format: this.ident(this.tok(inner, 'Identifier')), quire: this.tok(inner, 'Quire') !== undefined, span }];
      case 'outputDecl':
        return [{ kind: 'OutputDecl', names: this.toks(inner, 'Identifier').map((t) => this.ident(t)), span }];
      case 'lossDecl':
        return [{ kind: 'LossDecl', value: this.exprOf(inner), span }];
      case 'learnBlock':
        return [{ kind: 'LearnBlock', entries: this.nodes(inner, 'entry').map((e) => this.entry(e)), span }];
      case 'targetBlock': {
        const target = this.ident(this.tok(inner, 'Identifier'));
        return [{ kind: 'TargetBlock', target, entries: this.nodes(inner, 'entry').map((e) => this.entry(e)), span }];
      }
      case 'binding':
        return [{ kind: 'Binding', name: this.ident(this.tok(inner, 'Identifier')), value: this.exprOf(inner), span }];
      default:
        return [];
    }
  }

  private entry(cst: CstNode): Entry {
    return { key: this.ident(this.tok(cst, 'Identifier')), value: this.exprOf(cst), span: this.spanOf(cst) };
  }

  /** The `expr` child of a node, or Missing. */
  private exprOf(cst: CstNode): Expr {
    const e = this.nodes(cst, 'expr')[0];
    return e ? this.expr(e) : { kind: 'Missing', span: this.fallback() };
  }

  private expr(cst: CstNode): Expr {
    const factors = this.nodes(cst, 'atom').map((a) => this.atom(a));
    if (factors.length === 1) return factors[0] as Expr;
    if (factors.length === 0) return { kind: 'Missing', span: this.spanOf(cst) };
    return { kind: 'Product', factors, span: this.spanOf(cst) };
  }

  private atom(cst: CstNode): Expr {
    const [inner] = Object.values(cst.children).flat().filter(isNode);
    if (!inner) return { kind: 'Missing', span: this.spanOf(cst) };
    switch (inner.name) {
      case 'number': {
        const t = this.tok(inner, 'NumberLit');
        return t ? this.numberTok(t, this.tok(inner, 'Minus')) : { kind: 'Missing', span: this.spanOf(inner) };
      }
      case 'list':
        return { kind: 'List', items: this.nodes(inner, 'expr').map((e) => this.expr(e)), span: this.spanOf(inner) };
      case 'paren':
        return this.exprOf(inner);
      case 'nameOrCall': {
        const callee = this.ident(this.tok(inner, 'Identifier'));
        if (!this.tok(inner, 'LParen')) return { kind: 'Name', name: callee.name, span: callee.span };
        const args = this.nodes(inner, 'arg').map((a) => this.arg(a));
        return { kind: 'Call', callee, args, span: this.spanOf(inner) };
      }
      default:
        return { kind: 'Missing', span: this.spanOf(inner) };
    }
  }

  private arg(cst: CstNode): Arg {
    const span = this.spanOf(cst);
    const value = this.exprOf(cst);
    if (this.tok(cst, 'Colon')) return { kind: 'Named', key: this.ident(this.tok(cst, 'Identifier')), value, span };
    return { kind: 'Positional', value, span };
  }

  private numberTok(t: IToken, minus: IToken | undefined): Expr {
    const digits = t.image;
    const text = minus ? `-${digits}` : digits;
    const span = minus ? this.join(this.tokSpan(minus), this.tokSpan(t)) : this.tokSpan(t);
    return { kind: 'Number', value: Number(text), text, span };
  }

  private ident(t: IToken | undefined): Ident {
    if (!t || t.isInsertedInRecovery) return { name: '', span: t ? this.tokSpan(t) : this.fallback() };
    return { name: t.image, span: this.tokSpan(t) };
  }

  private tokSpan(t: IToken): Span {
    const s = t.startOffset;
    const e = t.endOffset;
    if (!Number.isFinite(s) || t.isInsertedInRecovery) return this.fallback();
    const end = Number.isFinite(e) ? (e as number) + 1 : s + t.image.length;
    this.lastEnd = Math.max(this.lastEnd, end);
    return this.clamp(s, end);
  }

  /** Span of a CST node: from its first to its last real token (fallback when it has none). */
  private spanOf(cst: CstNode, first?: IToken): Span {
    const toks: IToken[] = [];
    collectTokens(cst, toks);
    const real = toks.filter((t) => Number.isFinite(t.startOffset) && !t.isInsertedInRecovery);
    if (first && Number.isFinite(first.startOffset)) real.push(first);
    if (real.length === 0) return this.fallback();
    let start = Infinity;
    let end = -Infinity;
    for (const t of real) {
      start = Math.min(start, t.startOffset);
      end = Math.max(end, Number.isFinite(t.endOffset) ? (t.endOffset as number) + 1 : t.startOffset + t.image.length);
    }
    this.lastEnd = Math.max(this.lastEnd, end);
    return this.clamp(start, end);
  }

  private join(a: Span, b: Span): Span {
    return this.clamp(Math.min(a.start, b.start), Math.max(a.end, b.end));
  }

  private fallback(): Span {
    return this.clamp(this.lastEnd, this.lastEnd);
  }

  private clamp(start: number, end: number): Span {
    const s = Math.max(0, Math.min(start, this.length));
    return { file: this.file, start: s, end: Math.max(s, Math.min(end, this.length)) };
  }

  private tok(cst: CstNode, name: string): IToken | undefined {
    return this.toks(cst, name)[0];
  }

  private toks(cst: CstNode, name: string): IToken[] {
    return (cst.children[name] ?? []).filter((c): c is IToken => !isNode(c));
  }

  private nodes(cst: CstNode, name: string): CstNode[] {
    return (cst.children[name] ?? []).filter(isNode);
  }
}

function isNode(c: CstElement): c is CstNode {
  return 'children' in c;
}

function collectTokens(cst: CstNode, out: IToken[]): void {
  for (const cs of Object.values(cst.children)) {
    for (const c of cs) {
      if (isNode(c)) collectTokens(c, out);
      else out.push(c);
    }
  }
}

/** Converts a `model` CST (possibly partial) to the AST. */
export function cstToAst(cst: CstNode, file: string, textLength: number): ModelAst {
  return new Converter(file, textLength).model(cst);
}
