// Entry point of the syntax phase: text -> tokens -> CST -> AST, with every lexer and parser
// error turned into a coded Diagnostic (E0xxx) whose span lies inside the text. Nesting is
// bounded before parsing so hostile input cannot exhaust the stack; parsing never throws.
import type { IRecognitionException, IToken } from 'chevrotain';
import type { DiagCode } from '../../ir/diagnostic-codes.ts';
import { DiagnosticBag, SourceFile, type Span } from '../../ir/diagnostics.ts';
import type { ModelAst } from './ast.ts';
import { cstToAst } from './cst-to-ast.ts';
import { DgParser } from './parser.ts';
import { closest } from './suggest.ts';
import { dgLexer, KEYWORDS } from './tokens.ts';

/** Deepest allowed nesting of (), [] and {}. */
export const MAX_NESTING = 64;
/** Syntax errors reported before giving up on a file. */
export const MAX_SYNTAX_ERRORS = 25;

/** Result of parsing one file. `ast` is present when parsing got far enough to build one. */
export interface ParseResult {
  readonly ast?: ModelAst;
  readonly diagnostics: DiagnosticBag;
  readonly source: SourceFile;
  /** True when no syntax error was found. */
  readonly ok: boolean;
}

let sharedParser: DgParser | undefined;

/** Parses .dg text; never throws on any input. */
export function parseDg(text: string, file: string): ParseResult {
  const source = new SourceFile(file, text);
  const bag = new DiagnosticBag();
  const lexed = dgLexer.tokenize(text);
  for (const e of lexed.errors) lexError(bag, text, file, e.offset, e.length);
  const tokens = lexed.tokens;
  if (!checkNesting(bag, tokens, file)) return { diagnostics: bag, source, ok: false };
  sharedParser ??= new DgParser();
  const parser = sharedParser;
  parser.input = tokens;
  const cst = parser.model();
  const errors = parser.errors;
  for (const e of errors.slice(0, MAX_SYNTAX_ERRORS)) parseError(bag, e, source, tokens);
  if (errors.length > MAX_SYNTAX_ERRORS) {
    const last = tokens[tokens.length - 1];
    const at = last ? last.startOffset : 0;
    bag.error('E0006', `stopped after ${MAX_SYNTAX_ERRORS} syntax errors`, { file, start: at, end: at }, 'fix the first errors and try again');
  }
  keepFirstPerLine(bag, source);
  const ast = cst.children && Object.keys(cst.children).length > 0 ? cstToAst(cst, file, text.length) : undefined;
  return { ...(ast ? { ast } : {}), diagnostics: bag, source, ok: !bag.hasErrors };
}

const LOOKALIKES: Readonly<Record<string, string>> = {
  ';': "statements need no ';': put each on its own line",
  '#': "comments start with '//'",
  '/': "comments start with '//'",
  '"': 'names and options are written without quotes',
  "'": 'names and options are written without quotes',
  '+': "only '*' (elementwise product) combines values",
  '.': "numbers need a digit before the point: write 0.5",
  '：': "this is a full-width colon; use ':'",
  '，': "this is a full-width comma; use ','",
  '−': "this is a Unicode minus sign; use '-'",
  '×': "use '*' for the elementwise product",
};

function lexError(bag: DiagnosticBag, text: string, file: string, offset: number, length: number): void {
  const ch = String.fromCodePoint(text.codePointAt(offset) ?? 63);
  const shown = /[\x20-\x7e]/.test(ch) ? `'${ch}'` : `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const hint = LOOKALIKES[ch] ?? (/[^\x00-\x7f]/.test(ch) ? 'names use ASCII letters, digits and _' : undefined);
  const span = { file, start: offset, end: Math.min(text.length, offset + Math.max(1, length)) };
  bag.error('E0001', `unexpected character ${shown}${length > 1 ? ` (and ${length - 1} more)` : ''}`, span, hint);
}

function checkNesting(bag: DiagnosticBag, tokens: readonly IToken[], file: string): boolean {
  let depth = 0;
  for (const t of tokens) {
    const n = t.tokenType.name;
    if (n === 'LParen' || n === 'LBracket' || n === 'LBrace') depth++;
    else if (n === 'RParen' || n === 'RBracket' || n === 'RBrace') depth = Math.max(0, depth - 1);
    if (depth > MAX_NESTING) {
      bag.error('E0005', `brackets nest deeper than ${MAX_NESTING} levels`, { file, start: t.startOffset, end: t.startOffset + 1 }, 'split the expression into named bindings');
      return false;
    }
  }
  return true;
}

function codeOf(e: IRecognitionException): DiagCode {
  switch (e.name) {
    case 'MismatchedTokenException':
      return 'E0002';
    case 'NotAllInputParsedException':
      return 'E0004';
    default:
      return 'E0003';
  }
}

function parseError(bag: DiagnosticBag, e: IRecognitionException, source: SourceFile, tokens: readonly IToken[]): void {
  const file = source.name;
  const length = source.text.length;
  const tok = e.token;
  const rawPrev = (e as { previousToken?: IToken }).previousToken;
  const prev = rawPrev && Number.isFinite(rawPrev.startOffset) && !rawPrev.isInsertedInRecovery ? rawPrev : undefined;
  const realTok = Number.isFinite(tok.startOffset) && !tok.isInsertedInRecovery && tok.tokenType.name !== 'EOF';
  const prevEnd = prev ? (prev.endOffset ?? prev.startOffset) + 1 : undefined;
  let span: Span;
  if (realTok && !(e.name === 'MismatchedTokenException' && prevEnd !== undefined && source.position(tok.startOffset).line > source.position(prevEnd).line)) {
    span = { file, start: tok.startOffset, end: (tok.endOffset ?? tok.startOffset) + 1 };
  } else {
    // End of input, an inserted token, or a token missing at the end of a line: point just after the last real token.
    const last = tokens[tokens.length - 1];
    const at = prevEnd ?? (last ? (last.endOffset ?? last.startOffset) + 1 : length);
    span = { file, start: Math.min(at, length), end: Math.min(at, length) };
  }
  bag.error(codeOf(e), e.message, span, hintFor(e.message, tok, prev));
}

/** Hints for the commonest slips: a misspelt keyword, or a keyword used as a name. */
function hintFor(message: string, tok: IToken, prev: IToken | undefined): string | undefined {
  for (const t of [tok, prev]) {
    if (t?.tokenType.name !== 'Identifier') continue;
    const k = closest(t.image, KEYWORDS);
    if (k) return `'${t.image}' is not a keyword; did you mean '${k}'?`;
  }
  if ((KEYWORDS as readonly string[]).includes(tok.image) && message.startsWith('expected a name')) {
    return `'${tok.image}' is a keyword and cannot be used as a name`;
  }
  if (prev && (KEYWORDS as readonly string[]).includes(prev.image) && tok.tokenType.name === 'Equals') {
    return `'${prev.image}' is a keyword and cannot be used as a name`;
  }
  const next = tok.tokenType.name;
  if ((next === 'Identifier' || next === 'NumberLit' || next === 'LBracket') && /^expected '[)\]]'/.test(message)) return "is a ',' missing between arguments?";
  if (tok.tokenType.name === 'EOF') return prev ? "is a closing '}' or ')' missing?" : "a .dg file starts with 'model NAME {'";
  return undefined;
}

/** Recovery often reports follow-on errors right after the first; one per line is the real one. */
function keepFirstPerLine(bag: DiagnosticBag, source: SourceFile): void {
  const seen = new Set<number>();
  const kept = bag.items.filter((d) => {
    const line = d.span ? source.position(d.span.start).line : 0;
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
  bag.items.splice(0, bag.items.length, ...kept);
}
