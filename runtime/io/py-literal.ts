// A strict parser for the Python literal subset that NumPy writes in .npy headers: dicts, tuples,
// lists, str, int (with the Python 2 `L` suffix), True/False/None. It never evaluates anything,
// keeps offsets for diagnostics and bounds nesting depth. Used only by runtime/io/npy.ts.

/** A parsed Python literal with its [start, end) offsets in the header text. */
export type PyValue =
  | { readonly kind: 'dict'; readonly start: number; readonly end: number; readonly entries: readonly PyEntry[] }
  | { readonly kind: 'tuple' | 'list'; readonly start: number; readonly end: number; readonly items: readonly PyValue[] }
  | { readonly kind: 'str'; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: 'int'; readonly start: number; readonly end: number; readonly value: number; readonly raw: string }
  | { readonly kind: 'bool'; readonly start: number; readonly end: number; readonly value: boolean }
  | { readonly kind: 'none'; readonly start: number; readonly end: number };

/** One `key: value` pair of a dict literal. */
export interface PyEntry {
  readonly key: PyValue;
  readonly value: PyValue;
}

/** Parse result: a value, or the offset and wording of the first error. */
export type PyParseResult =
  | { readonly ok: true; readonly value: PyValue }
  | { readonly ok: false; readonly offset: number; readonly message: string };

const MAX_DEPTH = 16;
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', '0': '\0' };

/** Internal unwinding for the first syntax error; never escapes the module. */
class Fail extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `text` as exactly one Python literal surrounded by optional whitespace. */
export function parsePyLiteral(text: string): PyParseResult {
  const p = new PyParser(text);
  try {
    p.ws();
    const value = p.value(0);
    p.ws();
    if (p.pos < text.length) throw new Fail(p.pos, `unexpected ${p.describe()} after the literal`);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, offset: e.offset, message: e.message };
    throw e;
  }
}

class PyParser {
  pos = 0;
  constructor(private readonly text: string) {}

  describe(): string {
    const c = this.text[this.pos];
    if (c === undefined) return 'end of header';
    const code = c.charCodeAt(0);
    return code < 0x20 || code > 0x7e ? `character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `'${c}'`;
  }

  ws(): void {
    while (this.pos < this.text.length && ' \t\n\r\f'.includes(this.text[this.pos] ?? 'x')) this.pos++;
  }

  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) throw new Fail(this.pos, `literal nested deeper than ${MAX_DEPTH} levels`);
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === '{') return this.dict(depth);
    if (c === '(' || c === '[') return this.sequence(depth, c);
    if (c === "'" || c === '"') return this.str();
    if (c !== undefined && (c === '-' || (c >= '0' && c <= '9'))) return this.int();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(start, start + 32))?.[0];
    if (word === 'True' || word === 'False') {
      this.pos += word.length;
      return { kind: 'bool', start, end: this.pos, value: word === 'True' };
    }
    if (word === 'None') {
      this.pos += 4;
      return { kind: 'none', start, end: this.pos };
    }
    if (word !== undefined) throw new Fail(start, `'${word}' is not a literal (only str, int, True, False, None, tuples, lists and dicts are allowed)`);
    throw new Fail(start, `expected a literal, found ${this.describe()}`);
  }

  private dict(depth: number): PyValue {
    const start = this.pos++;
    const entries: PyEntry[] = [];
    for (;;) {
      this.ws();
      if (this.text[this.pos] === '}') break;
      const key = this.value(depth + 1);
      this.ws();
      if (this.text[this.pos] !== ':') throw new Fail(this.pos, `expected ':' after a dict key, found ${this.describe()}`);
      this.pos++;
      this.ws();
      entries.push({ key, value: this.value(depth + 1) });
      this.ws();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') throw new Fail(this.pos, `expected ',' or '}' in dict, found ${this.describe()}`);
    }
    this.pos++;
    return { kind: 'dict', start, end: this.pos, entries };
  }

  private sequence(depth: number, open: '(' | '['): PyValue {
    const close = open === '(' ? ')' : ']';
    const start = this.pos++;
    const items: PyValue[] = [];
    let sawComma = false;
    for (;;) {
      this.ws();
      if (this.text[this.pos] === close) break;
      items.push(this.value(depth + 1));
      this.ws();
      if (this.text[this.pos] === ',') {
        this.pos++;
        sawComma = true;
      } else if (this.text[this.pos] !== close) throw new Fail(this.pos, `expected ',' or '${close}', found ${this.describe()}`);
    }
    this.pos++;
    const onlyOne = items[0];
    // `(x)` without a comma is a parenthesised value, not a 1-tuple.
    if (open === '(' && items.length === 1 && !sawComma && onlyOne) return onlyOne;
    return { kind: open === '(' ? 'tuple' : 'list', start, end: this.pos, items };
  }

  private str(): PyValue {
    const start = this.pos;
    const quote = this.text[this.pos++];
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') throw new Fail(start, 'unterminated string');
      this.pos++;
      if (c === quote) return { kind: 'str', start, end: this.pos, value: out };
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos++];
      if (e !== undefined && e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
      else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(this.text.slice(this.pos, this.pos + 2))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 2), 16));
        this.pos += 2;
      } else throw new Fail(this.pos - 2, `unsupported escape '\\${e ?? ''}' in string`);
    }
  }

  private int(): PyValue {
    const start = this.pos;
    const m = /^-?[0-9]+[lL]?/.exec(this.text.slice(start, start + 64));
    if (!m) throw new Fail(start, `expected an integer, found ${this.describe()}`);
    const raw = m[0];
    this.pos += raw.length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9A-Za-z_.]/.test(next)) throw new Fail(this.pos, `malformed integer '${raw}${next}'`);
    const digits = raw.replace(/[lL]$/, '');
    if (/^-?0[0-9]/.test(digits)) throw new Fail(start, `integer '${digits}' has a leading zero`);
    // Beyond 2^53 the exact value no longer matters: any such dimension is rejected downstream.
    return { kind: 'int', start, end: this.pos, value: Number(digits), raw };
  }
}
