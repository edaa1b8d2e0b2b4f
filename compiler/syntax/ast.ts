// The typed AST of a .dg model: what the parser hands to the checker. Readonly plain objects,
// each with a span. Syntax is deliberately permissive (any expression may appear as a value);
// compiler/check decides what each position accepts, so misuse gets an E1xxx diagnostic.
import type { Span } from '../../ir/diagnostics.ts';

/** A name with its source range. */
export interface Ident {
  readonly name: string;
  readonly span: Span;
}

/** Expressions: names, numbers, lists, calls and products. `Missing` stands in after recovery. */
export type Expr =
  | { readonly kind: 'Name'; readonly name: string; readonly span: Span }
  | { readonly kind: 'Number'; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: 'List'; readonly items: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'Call'; readonly callee: Ident; readonly args: readonly Arg[]; readonly span: Span }
  | { readonly kind: 'Product'; readonly factors: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'Missing'; readonly span: Span };

/** A call argument: positional, or `key: value`. */
export type Arg =
  | { readonly kind: 'Positional'; readonly value: Expr; readonly span: Span }
  | { readonly kind: 'Named'; readonly key: Ident; readonly value: Expr; readonly span: Span };

/** `key: value` inside a learn or target block. */
export interface Entry {
  readonly key: Ident;
  readonly value: Expr;
  readonly span: Span;
}

/** One statement of a model body. */
export type Item =
  | { readonly kind: 'InputDecl'; readonly name: Ident; readonly dims: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'LabelDecl'; readonly name: Ident; readonly classes: Expr; readonly span: Span }
  | { readonly kind: 'NumericDecl'; readonly format: Ident; readonly quire: boolean; readonly span: Span }
  | { readonly kind: 'OutputDecl'; readonly names: readonly Ident[]; readonly span: Span }
  | { readonly kind: 'LossDecl'; readonly value: Expr; readonly span: Span }
  | { readonly kind: 'LearnBlock'; readonly entries: readonly Entry[]; readonly span: Span }
  | { readonly kind: 'TargetBlock'; readonly target: Ident; readonly entries: readonly Entry[]; readonly span: Span }
  | { readonly kind: 'Binding'; readonly name: Ident; readonly value: Expr; readonly span: Span };

/** A whole `model NAME { ... }`. */
export interface ModelAst {
  readonly name: Ident;
  readonly items: readonly Item[];
  readonly span: Span;
}
