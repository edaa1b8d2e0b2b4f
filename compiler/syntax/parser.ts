// The .dg grammar as a Chevrotain CstParser (grammar in EBNF: spec/language.md).
// Rules are class properties; performSelfAnalysis() runs last in the constructor. Error
// recovery is on, so one parse reports several syntax errors; compiler/syntax/cst-to-ast.ts
// turns the (possibly partial) CST into the typed AST.
import { CstParser, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.ts';

/** What each rule is, in words, for "expected ..." messages. */
export const RULE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  model: "a model: 'model' NAME '{' ... '}'",
  item: 'a model item: input, label, numeric, output, loss, learn, target, or NAME = expression',
  shape: 'a shape like [784]',
  entry: 'an entry NAME: value',
  expr: 'an expression',
  atom: "an expression: a name, a number, a call like dense(x, 10), a list [...], or '('",
  arg: 'an argument',
};

/** Describes a token for messages: `'foo'`, `end of input`. */
export function describeToken(t: IToken): string {
  if (t.tokenType.name === 'EOF') return 'end of input';
  const img = t.image.length > 24 ? `${t.image.slice(0, 24)}...` : t.image;
  return `'${img}'`;
}

function expectedWhat(ruleName: string): string {
  return RULE_DESCRIPTIONS[ruleName] ?? ruleName;
}

function labelOf(t: TokenType): string {
  if (t.name === 'Identifier') return 'a name';
  return t.LABEL ?? t.name;
}

/** A '}' that ends a repetition is really "another item, or '}'": say so. */
function closingContext(expected: TokenType, ruleName: string): string {
  if (expected.name !== 'RBrace') return '';
  if (ruleName === 'model') return 'a model item or ';
  if (ruleName === 'learnBlock' || ruleName === 'targetBlock') return 'an entry NAME: value or ';
  return '';
}

const firstOf = (ts: readonly IToken[]): string => (ts[0] ? describeToken(ts[0]) : 'end of input');

/** Human messages for Chevrotain's exceptions (the codes are attached in parse.ts). */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, ruleName }) => `expected ${closingContext(expected, ruleName)}${labelOf(expected)}, found ${describeToken(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${describeToken(firstRedundant)} after the end of the model`,
  buildNoViableAltMessage: ({ actual, ruleName }) => `expected ${expectedWhat(ruleName)}, found ${firstOf(actual)}`,
  buildEarlyExitMessage: ({ actual, ruleName }) => `expected ${expectedWhat(ruleName)}, found ${firstOf(actual)}`,
};

/** The .dg parser. Stateful (holds the current input), so one instance is reused sequentially. */
export class DgParser extends CstParser {
  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: messages });
    this.performSelfAnalysis();
  }

  /** model = 'model' NAME '{' { item } '}' */
  model = this.RULE('model', () => {
    this.CONSUME(T.Model);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.item));
    this.CONSUME(T.RBrace);
  });

  item = this.RULE('item', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.labelDecl) },
      { ALT: () => this.SUBRULE(this.numericDecl) },
      { ALT: () => this.SUBRULE(this.outputDecl) },
      { ALT: () => this.SUBRULE(this.lossDecl) },
      { ALT: () => this.SUBRULE(this.learnBlock) },
      { ALT: () => this.SUBRULE(this.targetBlock) },
      { ALT: () => this.SUBRULE(this.binding) },
    ]);
  });

  inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(T.Input);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.shape);
  });

  labelDecl = this.RULE('labelDecl', () => {
    this.CONSUME(T.Label);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.CONSUME(T.Class);
    this.CONSUME(T.LBracket);
    this.CONSUME(T.NumberLit);
    this.CONSUME(T.RBracket);
  });

  numericDecl = this.RULE('numericDecl', () => {
    this.CONSUME(T.Numeric);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.Quire));
  });

  outputDecl = this.RULE('outputDecl', () => {
    this.CONSUME(T.Output);
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.Identifier);
    });
  });

  lossDecl = this.RULE('lossDecl', () => {
    this.CONSUME(T.Loss);
    this.SUBRULE(this.expr);
  });

  learnBlock = this.RULE('learnBlock', () => {
    this.CONSUME(T.Learn);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.entry));
    this.CONSUME(T.RBrace);
  });

  targetBlock = this.RULE('targetBlock', () => {
    this.CONSUME(T.Target);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.entry));
    this.CONSUME(T.RBrace);
  });

  binding = this.RULE('binding', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  shape = this.RULE('shape', () => {
    this.CONSUME(T.LBracket);
    this.CONSUME(T.NumberLit);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.NumberLit);
    });
    this.CONSUME(T.RBracket);
  });

  entry = this.RULE('entry', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  expr = this.RULE('expr', () => {
    this.SUBRULE(this.atom);
    this.MANY(() => {
      this.CONSUME(T.Star);
      this.SUBRULE2(this.atom);
    });
  });

  atom = this.RULE('atom', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.number) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
      { ALT: () => this.SUBRULE(this.paren) },
    ]);
  });

  number = this.RULE('number', () => {
    this.OPTION(() => this.CONSUME(T.Minus));
    this.CONSUME(T.NumberLit);
  });

  list = this.RULE('list', () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expr);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expr);
      });
    });
    this.CONSUME(T.RBracket);
  });

  nameOrCall = this.RULE('nameOrCall', () => {
    this.CONSUME(T.Identifier);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => {
        this.SUBRULE(this.arg);
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.arg);
        });
      });
      this.CONSUME(T.RParen);
    });
  });

  arg = this.RULE('arg', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.CONSUME(T.Colon);
          this.SUBRULE(this.expr);
        },
      },
      { ALT: () => this.SUBRULE2(this.expr) },
    ]);
  });

  paren = this.RULE('paren', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expr);
    this.CONSUME(T.RParen);
  });
}
