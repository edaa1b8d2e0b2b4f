// Tokens of the .dg language (Chevrotain lexer). Keywords come before Identifier and name it
// as their longer_alt, so `inputs` or `model2` lex as identifiers. Layer and activation names
// (dense, gate, relu, ...) are plain identifiers: the checker resolves them with did-you-mean.
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Names, including layer functions and option values (`relu`, `hard`, `xdna2`). */
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

const keyword = (word: string, name: string): TokenType =>
  createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, label: `'${word}'` });

/** `model` */
export const Model = keyword('model', 'Model');
/** `input` */
export const Input = keyword('input', 'Input');
/** `label` */
export const Label = keyword('label', 'Label');
/** `class` */
export const Class = keyword('class', 'Class');
/** `numeric` */
export const Numeric = keyword('numeric', 'Numeric');
/** `quire` */
export const Quire = keyword('quire', 'Quire');
/** `output` */
export const Output = keyword('output', 'Output');
/** `loss` */
export const Loss = keyword('loss', 'Loss');
/** `learn` */
export const Learn = keyword('learn', 'Learn');
/** `target` */
export const Target = keyword('target', 'Target');

/** Unsigned decimal numbers: `784`, `0.01`, `1e-3`. A sign is a separate token. */
export const NumberLit = createToken({ name: 'NumberLit', pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, label: 'a number' });

/** `{` */
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/, label: "'{'" });
/** `}` */
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/, label: "'}'" });
/** `(` */
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('" });
/** `)` */
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'" });
/** `[` */
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: "'['" });
/** `]` */
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, label: "']'" });
/** `:` */
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: "':'" });
/** `,` */
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });
/** `=` */
export const Equals = createToken({ name: 'Equals', pattern: /=/, label: "'='" });
/** `*` */
export const Star = createToken({ name: 'Star', pattern: /\*/, label: "'*'" });
/** `-`, only as the sign of a number. */
export const Minus = createToken({ name: 'Minus', pattern: /-/, label: "'-'" });

/** `// ...` to end of line. */
export const Comment = createToken({ name: 'Comment', pattern: /\/\/[^\n\r]*/, group: Lexer.SKIPPED });
/** Spaces, tabs and newlines (the language is not line-sensitive). */
export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });

/** The words that cannot be used as names. */
export const KEYWORDS = ['model', 'input', 'label', 'class', 'numeric', 'quire', 'output', 'loss', 'learn', 'target'] as const;

/** Every token, in lexing priority order. */
export const ALL_TOKENS: TokenType[] = [
  Whitespace,
  Comment,
  Model,
  Input,
  Label,
  Class,
  Numeric,
  Quire,
  Output,
  Loss,
  Learn,
  Target,
  Identifier,
  NumberLit,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Colon,
  Comma,
  Equals,
  Star,
  Minus,
];

/** The .dg lexer; one instance, reused (it holds no per-input state). */
export const dgLexer = new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: false });
