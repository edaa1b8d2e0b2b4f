// A strict RFC 8259 JSON parser that keeps source offsets on every node, so loaders of hostile
// JSON (safetensors headers, grid descriptions) can point a diagnostic at the offending key or
// value. Duplicate keys are kept (the caller decides), nesting depth is bounded, and the parser
// never throws: a syntax error comes back as { offset, message }.

/** An object member with the offsets of its key (including quotes). */
export interface JsonMember {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JsonNode;
}

/** A parsed JSON value with its [start, end) offsets in the source string (UTF-16 indices). */
export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly members: readonly JsonMember[] }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: 'number'; readonly start: number; readonly end: number; readonly value: number; readonly raw: string }
  | { readonly kind: 'bool'; readonly start: number; readonly end: number; readonly value: boolean }
  | { readonly kind: 'null'; readonly start: number; readonly end: number };

/** Result of parsing: a tree, or the first syntax error with its offset. */
export type JsonParseResult =
  | { readonly ok: true; readonly node: JsonNode }
  | { readonly ok: false; readonly offset: number; readonly message: string };

/** Deepest nesting accepted; deeper input is refused rather than risking stack exhaustion. */
export const JSON_MAX_DEPTH = 64;
/** Most values one document may hold, so a hostile header cannot exhaust memory (~100 bytes each). */
export const JSON_MAX_NODES = 1_000_000;

/** Internal unwinding for the first syntax error; never escapes the module. */
class Fail extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const CLEAN_BREAK = /[\\\u0000-\u001f]/;
const NUMBER_RE = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Parses `text` as one JSON value (surrounding whitespace allowed, nothing else). */
export function parseJsonTree(text: string, maxNodes = JSON_MAX_NODES): JsonParseResult {
  const p = new Parser(text, maxNodes);
  try {
    p.skipWs();
    const node = p.value(0);
    p.skipWs();
    if (p.pos < text.length) throw new Fail(p.pos, `unexpected ${describeChar(text, p.pos)} after the JSON value`);
    return { ok: true, node };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, offset: e.offset, message: e.message };
    throw e;
  }
}

/** Human wording for the character at `pos` (or end of input). */
function describeChar(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input';
  const c = text.charCodeAt(pos);
  if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xfeff) return `invisible character U+${c.toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${text[pos]}'`;
}

class Parser {
  pos = 0;
  private nodes = 0;
  constructor(
    private readonly text: string,
    private readonly maxNodes: number,
  ) {}

  skipWs(): void {
    while (this.pos < this.text.length && WS.has(this.text.charCodeAt(this.pos))) this.pos++;
  }

  value(depth: number): JsonNode {
    if (depth > JSON_MAX_DEPTH) throw new Fail(this.pos, `JSON nested deeper than ${JSON_MAX_DEPTH} levels`);
    if (++this.nodes > this.maxNodes) throw new Fail(this.pos, `more than ${this.maxNodes} JSON values`);
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') {
      const start = this.pos;
      const value = this.string();
      return { kind: 'string', start, end: this.pos, value };
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, node] of [
      ['true', { kind: 'bool', value: true }],
      ['false', { kind: 'bool', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        const start = this.pos;
        this.pos += word.length;
        return { ...node, start, end: this.pos };
      }
    }
    throw new Fail(this.pos, `expected a JSON value, found ${describeChar(this.text, this.pos)}`);
  }

  private object(depth: number): JsonNode {
    const start = this.pos++;
    const members: JsonMember[] = [];
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', start, end: this.pos, members };
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') throw new Fail(this.pos, `expected a string key, found ${describeChar(this.text, this.pos)}`);
      const keyStart = this.pos;
      const key = this.string();
      const keyEnd = this.pos;
      this.skipWs();
      if (this.text[this.pos] !== ':') throw new Fail(this.pos, `expected ':' after key "${key}", found ${describeChar(this.text, this.pos)}`);
      this.pos++;
      this.skipWs();
      members.push({ key, keyStart, keyEnd, value: this.value(depth + 1) });
      this.skipWs();
      const sep = this.text[this.pos];
      this.pos++;
      if (sep === '}') return { kind: 'object', start, end: this.pos, members };
      if (sep !== ',') throw new Fail(this.pos - 1, `expected ',' or '}' in object, found ${describeChar(this.text, this.pos - 1)}`);
    }
  }

  private array(depth: number): JsonNode {
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', start, end: this.pos, items };
    }
    for (;;) {
      this.skipWs();
      items.push(this.value(depth + 1));
      this.skipWs();
      const sep = this.text[this.pos];
      this.pos++;
      if (sep === ']') return { kind: 'array', start, end: this.pos, items };
      if (sep !== ',') throw new Fail(this.pos - 1, `expected ',' or ']' in array, found ${describeChar(this.text, this.pos - 1)}`);
    }
  }

  private string(): string {
    const open = this.pos++;
    // Fast path: most strings have no escapes or control characters.
    const close = this.text.indexOf('"', this.pos);
    if (close >= 0 && !CLEAN_BREAK.test(this.text.slice(this.pos, close))) {
      const s = this.text.slice(this.pos, close);
      this.pos = close + 1;
      return s;
    }
    let out = '';
    let run = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) throw new Fail(open, 'unterminated string');
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x22) {
        out += this.text.slice(run, this.pos++);
        return out;
      }
      if (c < 0x20) throw new Fail(this.pos, `${describeChar(this.text, this.pos)} inside a string (must be escaped)`);
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += this.text.slice(run, this.pos);
      const e = this.text[this.pos + 1];
      if (e === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail(this.pos, 'invalid \\u escape (needs 4 hex digits)');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
        this.pos += 2;
      } else {
        throw new Fail(this.pos, `invalid escape '\\${e ?? ''}' in string`);
      }
      run = this.pos;
    }
  }

  private number(): JsonNode {
    const start = this.pos;
    NUMBER_RE.lastIndex = start;
    const m = NUMBER_RE.exec(this.text);
    if (!m || m[0] === '-' || m[0].length === 0) throw new Fail(start, 'malformed number');
    const raw = m[0];
    this.pos = start + raw.length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) throw new Fail(this.pos, `malformed number '${raw}${next}'`);
    return { kind: 'number', start, end: this.pos, value: Number(raw), raw };
  }
}

/** The member of an object node named `key` (the first one, if duplicated). */
export function memberOf(node: JsonNode, key: string): JsonMember | undefined {
  return node.kind === 'object' ? node.members.find((m) => m.key === key) : undefined;
}

/** Plain JS value of a node (for tests and for callers that have already validated positions). */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const m of node.members) Object.defineProperty(o, m.key, { value: toPlain(m.value), enumerable: true, writable: true, configurable: true });
      return o;
    }
    case 'array':
      return node.items.map(toPlain);
    case 'null':
      return null;
    default:
      return node.value;
  }
}
