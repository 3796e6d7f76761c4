import { describe, expect, it } from 'vitest';
import type { Span } from '../../../compiler/diagnostics.js';
import type { JsonValue } from '../../../compiler/parse/json-ast.js';
import { member } from '../../../compiler/parse/json-ast.js';
import { parseJson } from '../../../compiler/parse/json-parser.js';

function parsed(text: string): JsonValue {
  const result = parseJson(text, 'p.json');
  expect(result.diagnostics).toEqual([]);
  if (result.value === null) throw new Error('no value');
  return result.value;
}

function at(line: number, column: number, offset: number, end: number): Span {
  return { file: 'p.json', line, column, offset, end };
}

/** Every span of a value, keys included, in source order. */
function spans(value: JsonValue): Span[] {
  if (value.kind === 'object')
    return [value.span, ...value.members.flatMap((m) => [m.keySpan, ...spans(m.value)])];
  if (value.kind === 'array') return [value.span, ...value.items.flatMap(spans)];
  return [value.span];
}

/** An oracle independent of LineIndex: line and column by splitting the text before the offset. */
function naivePosition(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

describe('spans', () => {
  it('gives every key and value its exact line, column, offset and end', () => {
    const text =
      '{\n  "Version": "1",\n  "Statement": [\n    {"Effect": "Allow", "n": -1.5e3, "ok": true}\n  ]\n}';
    const doc = parsed(text);
    if (doc.kind !== 'object') throw new Error('not an object');
    expect(doc.span).toEqual(at(1, 1, 0, text.length));
    const version = member(doc, 'Version');
    expect(version?.keySpan).toEqual(at(2, 3, 4, 13));
    expect(version?.value).toEqual({ kind: 'string', value: '1', span: at(2, 14, 15, 18) });
    const statements = member(doc, 'Statement');
    expect(statements?.keySpan).toEqual(at(3, 3, 22, 33));
    const list = statements?.value;
    if (list?.kind !== 'array') throw new Error('not an array');
    expect(list.span).toEqual(at(3, 16, 35, 89));
    const statement = list.items[0];
    if (statement?.kind !== 'object') throw new Error('not an object');
    expect(statement.span).toEqual(at(4, 5, 41, 85));
    expect(statement.members.map((m) => m.keySpan)).toEqual([
      at(4, 6, 42, 50),
      at(4, 25, 61, 64),
      at(4, 38, 74, 78),
    ]);
    expect(statement.members.map((m) => m.value)).toEqual([
      { kind: 'string', value: 'Allow', span: at(4, 16, 52, 59) },
      { kind: 'number', value: -1500, raw: '-1.5e3', span: at(4, 30, 66, 72) },
      { kind: 'boolean', value: true, span: at(4, 44, 80, 84) },
    ]);
  });

  it('ends a string span after its closing quote and measures escapes as written', () => {
    const doc = parsed('["a\\u00e9\\n", null]');
    if (doc.kind !== 'array') throw new Error('not an array');
    expect(doc.items).toEqual([
      { kind: 'string', value: 'a\u00e9\n', span: at(1, 2, 1, 12) },
      { kind: 'null', span: at(1, 15, 14, 18) },
    ]);
  });

  it('splits lines on \\n, \\r\\n and \\r alike', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = `[${eol}1,${eol}${eol}  2${eol}]`;
      const doc = parsed(text);
      if (doc.kind !== 'array') throw new Error('not an array');
      expect(doc.items.map((i) => [i.span.line, i.span.column])).toEqual([
        [2, 1],
        [4, 3],
      ]);
      expect(doc.span).toMatchObject({ line: 1, column: 1, offset: 0, end: text.length });
    }
  });

  it('counts columns in UTF-16 code units', () => {
    const doc = parsed('{"😀é": "😀", "x": 1}');
    if (doc.kind !== 'object') throw new Error('not an object');
    expect(doc.members.map((m) => [m.keySpan.column, m.value.span.column, m.value.span.end])).toEqual([
      [2, 9, 12],
      [15, 20, 20],
    ]);
  });

  it('skips a byte order mark without counting it as a column, keeping offsets into the text', () => {
    const text = '\ufeff{"a":\n 1}';
    const doc = parsed(text);
    if (doc.kind !== 'object') throw new Error('not an object');
    expect(doc.span).toEqual(at(1, 1, 1, text.length));
    expect(doc.members[0]?.keySpan).toEqual(at(1, 2, 2, 5));
    expect(doc.members[0]?.value.span).toEqual(at(2, 2, 8, 9));
  });

  it('agrees with a naive line/column oracle and with the source text on every span', () => {
    const text =
      '\r\n{ "a" :[ 1 ,\t-0.5e-3,\r"\\"q\\"" ],\n\n"b":{"c":{}, "d":[]},\r\n  "e" : false , "f":null }\n';
    for (const span of spans(parsed(text))) {
      expect(naivePosition(text, span.offset)).toEqual({ line: span.line, column: span.column });
      expect(JSON.parse(text.slice(span.offset, span.end))).toBeDefined();
    }
  });
});
