// The positioned JSON parser: agrees with JSON.parse on valid JSON, rejects what RFC 8259
// rejects with an offset, keeps duplicate keys and offsets, and never throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JSON_MAX_DEPTH, memberOf, parseJsonTree, toPlain } from '../../runtime/io/json-tree.ts';
import { utf8Locator } from '../../runtime/io/binary-codec.ts';

describe('parseJsonTree', () => {
  it('records key and value offsets', () => {
    const text = '{\n  "a": [1, {"b": true}],\n  "a": null\n}';
    const r = parseJsonTree(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.node.kind === 'object' && r.node.members.map((m) => m.key)).toEqual(['a', 'a']);
    const a = memberOf(r.node, 'a');
    expect(a && text.slice(a.keyStart, a.keyEnd)).toBe('"a"');
    expect(a && text.slice(a.value.start, a.value.end)).toBe('[1, {"b": true}]');
  });

  it.each([
    ['{"a":1,}', 7],
    ['[1,]', 3],
    ['01', 1],
    ['1.', 1],
    ['-', 0],
    ['"a\tb"', 2],
    ['"\\x"', 1],
    ["{'a':1}", 1],
    ['{"a" 1}', 5],
    ['[1] [2]', 4],
    ['', 0],
    ['NaN', 0],
    ['"abc', 0],
  ])('rejects %j at offset %d', (text, offset) => {
    const r = parseJsonTree(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.offset).toBe(offset);
  });

  it('bounds nesting depth', () => {
    expect(parseJsonTree('['.repeat(JSON_MAX_DEPTH) + ']'.repeat(JSON_MAX_DEPTH)).ok).toBe(true);
    const deep = parseJsonTree('['.repeat(100_000));
    expect(deep.ok).toBe(false);
  });

  it('agrees with JSON.parse on random JSON', () => {
    fc.assert(
      fc.property(fc.json(), (s) => {
        const r = parseJsonTree(s);
        expect(r.ok).toBe(true);
        if (r.ok) expect(toPlain(r.node)).toEqual(JSON.parse(s));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and agrees with JSON.parse on acceptance of random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', '-', 'e', '.', ' ', 'a', '\\', 't', 'r', 'u', 'n', 'l') }), (s) => {
        let native = true;
        try {
          JSON.parse(s);
        } catch {
          native = false;
        }
        expect(parseJsonTree(s).ok).toBe(native);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('utf8Locator', () => {
  it('maps string indices to UTF-8 byte offsets in any query order', () => {
    const text = 'aé€😀b';
    const at = utf8Locator(text);
    const want = [0, 1, 3, 6, 10, 11];
    for (const i of [0, 2, 5, 1, 3, 4]) expect(at([0, 1, 2, 3, 5, 6][i]!)).toBe(want[i]);
    expect(at(text.length)).toBe(new TextEncoder().encode(text).length);
  });
});
