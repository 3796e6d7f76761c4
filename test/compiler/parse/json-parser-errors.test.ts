import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../compiler/diagnostics.js';
import { parseJson } from '../../../compiler/parse/json-parser.js';

/** `CODE@line:column` for every diagnostic, in the order reported. */
function problems(text: string): string[] {
  const result = parseJson(text, 'p.json');
  expect(result.value).toBeNull();
  return result.diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.column}`);
}

function only(text: string) {
  const result = parseJson(text, 'p.json');
  expect(result.value).toBeNull();
  expect(result.diagnostics).toHaveLength(1);
  const [first] = result.diagnostics;
  if (first === undefined) throw new Error('no diagnostic');
  return first;
}

describe('duplicate keys', () => {
  it('names the key and where the first one is', () => {
    const d = only('{\n  "Effect": "Allow",\n  "Effect": "Deny"\n}');
    expect(d.code).toBe('JSON_DUPLICATE_KEY');
    expect(d.span).toEqual({ file: 'p.json', line: 3, column: 3, offset: 25, end: 33 });
    expect(d.message).toBe('duplicate key "Effect": it is already defined at line 2, column 3');
    expect(formatDiagnostic(d)).toMatch(/^p\.json:3:3: error JSON_DUPLICATE_KEY: /);
  });

  it('compares decoded keys, and reports each repetition', () => {
    expect(problems('{"a": 1, "\\u0061": 2, "b": {"a": 1, "a": 2}, "a": 3}')).toEqual([
      'JSON_DUPLICATE_KEY@1:10',
      'JSON_DUPLICATE_KEY@1:37',
      'JSON_DUPLICATE_KEY@1:46',
    ]);
  });

  it('treats keys case-sensitively and only within one object', () => {
    expect(parseJson('{"a": 1, "A": 2, "b": {"a": 3}}', 'p.json').diagnostics).toEqual([]);
  });
});

describe('trailing commas', () => {
  it('points at the comma in an object and in an array', () => {
    const d = only('{"a": 1,\n}');
    expect(d).toMatchObject({ code: 'JSON_TRAILING_COMMA', span: { line: 1, column: 8, offset: 7, end: 8 } });
    expect(d.message).toBe("a comma before '}' is not allowed in JSON");
    expect(problems('[1, 2, ]')).toEqual(['JSON_TRAILING_COMMA@1:6']);
  });

  it('reports every trailing comma and no syntax error after them', () => {
    expect(problems('[[1,], {"a": [2,],},]')).toEqual([
      'JSON_TRAILING_COMMA@1:4',
      'JSON_TRAILING_COMMA@1:16',
      'JSON_TRAILING_COMMA@1:18',
      'JSON_TRAILING_COMMA@1:20',
    ]);
  });
});

describe('comments', () => {
  it('rejects line and block comments at their position', () => {
    expect(problems('{\n  // note\n  "a": /* x */ 1\n}')).toEqual(['JSON_COMMENT@2:3', 'JSON_COMMENT@3:8']);
  });

  it('reports an unclosed block comment without a second error at the end', () => {
    const d = only('[1, /* never closed\n]');
    expect(d).toMatchObject({ code: 'JSON_COMMENT', span: { line: 1, column: 5, offset: 4, end: 21 } });
    expect(d.message).toMatch(/never closed/);
  });

  it('reports a document of only comments as comments and as empty', () => {
    expect(problems('// nothing here\n')).toEqual(['JSON_COMMENT@1:1', 'JSON_EMPTY@1:1']);
  });
});

describe('strings', () => {
  it('rejects invalid escapes at the backslash', () => {
    const d = only('{"a": "C:\\temp\\x"}');
    expect(d).toMatchObject({ code: 'JSON_BAD_STRING', span: { line: 1, column: 15, offset: 14, end: 16 } });
    expect(d.message).toBe("'\\x' is not a valid escape in a JSON string");
    expect(d.help).toMatch(/double it/);
  });

  it('rejects short \\u escapes and names them', () => {
    const d = only('"\\u12G4"');
    expect(d).toMatchObject({ code: 'JSON_BAD_STRING', span: { column: 2, offset: 1, end: 5 } });
    expect(d.message).toMatch(/'\\u12' is not a valid escape/);
  });

  it('rejects raw control characters', () => {
    expect(problems('["a\tb", "\u0000", "\u001f"]')).toEqual([
      'JSON_BAD_STRING@1:4',
      'JSON_BAD_STRING@1:10',
      'JSON_BAD_STRING@1:15',
    ]);
    expect(only('"a\tb"').message).toBe(
      'a raw control character (U+0009, tab) is not allowed in a JSON string',
    );
  });

  it('reports a string left open at the end of its line once, without cascading errors', () => {
    const d = only('{\n  "a": "abc,\n  "b": 2\n}');
    expect(d).toMatchObject({ code: 'JSON_BAD_STRING', span: { line: 2, column: 8, offset: 9, end: 14 } });
    expect(d.message).toMatch(/never closed/);
  });

  it('reports strings left open at the end of the input or after a final backslash', () => {
    expect(problems('["abc')).toEqual(['JSON_BAD_STRING@1:2']);
    expect(problems('["abc\\')).toEqual(['JSON_BAD_STRING@1:2']);
    expect(problems('"')).toEqual(['JSON_BAD_STRING@1:1']);
  });

  it('rejects single-quoted strings as a syntax error that suggests double quotes', () => {
    const d = only("{'Effect': 'Allow'}");
    expect(d).toMatchObject({ code: 'JSON_SYNTAX', span: { line: 1, column: 2, offset: 1, end: 9 } });
    expect(d.message).toBe(
      "expected a key in double quotes or '}' but found the single-quoted string 'Effect'",
    );
    expect(d.help).toBe('JSON strings use double quotes: "Effect"');
  });
});

describe('numbers', () => {
  it.each([
    ['01', /leading zeros/],
    ['-01', /leading zeros/],
    ['1.', /decimal point must be followed/],
    ['1.e5', /decimal point must be followed/],
    ['.5', /digit before the decimal point/],
    ['-.5', /digit before the decimal point/],
    ['+1', /cannot start with '\+'/],
    ['-', /directly followed by digits/],
    ['NaN', /no NaN or Infinity/],
    ['Infinity', /no NaN or Infinity/],
    ['-Infinity', /no NaN or Infinity/],
    ['1e', /look like/],
    ['0x1F', /look like/],
    ['1.2.3', /look like/],
    ['12abc', /look like/],
  ])('rejects %s with a specific hint', (raw, help) => {
    const d = only(`{\n "n": ${raw}}`);
    expect(d).toMatchObject({
      code: 'JSON_BAD_NUMBER',
      message: `'${raw}' is not a valid JSON number`,
      span: { line: 2, column: 7, offset: 8, end: 8 + raw.length },
    });
    expect(d.help).toMatch(help);
  });

  it('reports every bad number of a document', () => {
    expect(problems('[01, 2, .5, NaN]')).toEqual([
      'JSON_BAD_NUMBER@1:2',
      'JSON_BAD_NUMBER@1:9',
      'JSON_BAD_NUMBER@1:13',
    ]);
  });
});

describe('syntax', () => {
  it.each([
    ['{"a" 1}', 1, 6, "expected ':' after the key but found '1'"],
    ['{"a": 1 "b": 2}', 1, 9, "expected ',' or '}' but found \"b\""],
    ['[1 2]', 1, 4, "expected ',' or ']' but found '2'"],
    [
      '[1,,2]',
      1,
      4,
      "expected a value (an object, array, string, number, true, false or null) but found ','",
    ],
    [
      '{"a":}',
      1,
      6,
      "expected a value (an object, array, string, number, true, false or null) but found '}'",
    ],
    ['{"a": 1, 2: 3}', 1, 10, "expected a key in double quotes but found '2'"],
    ['{a: 1}', 1, 2, "expected a key in double quotes or '}' but found 'a'"],
    ['[\n  True\n]', 2, 3, "expected a value or ']' but found 'True'"],
    ['[undefined]', 1, 2, "expected a value or ']' but found 'undefined'"],
    ['{"a": [1}', 1, 9, "expected ',' or ']' but found '}'"],
    ['[1] [2]', 1, 5, "expected the end of the input after the value but found '['"],
    ['{}}', 1, 3, "expected the end of the input after the value but found '}'"],
    [
      '[1, @]',
      1,
      5,
      "expected a value (an object, array, string, number, true, false or null) but found '@'",
    ],
    [
      '[1, #!]',
      1,
      5,
      "expected a value (an object, array, string, number, true, false or null) but found '#!'",
    ],
    ['[\u00a0]', 1, 2, "expected a value or ']' but found '\u00a0' (U+00A0)"],
    ['[\u201cx\u201d]', 1, 2, "expected a value or ']' but found '\u201c'"],
  ])('%j: JSON_SYNTAX at %i:%i', (text, line, column, message) => {
    const d = only(text);
    expect(d).toMatchObject({ code: 'JSON_SYNTAX', message, span: { line, column } });
  });

  it('gives a hint for the usual mistakes', () => {
    expect(only('[True]').help).toBe('JSON literals are lowercase: true, false and null');
    expect(only('[undefined]').help).toMatch(/no undefined/);
    expect(only('{Effect: 1}').help).toBe('keys and text values must be in double quotes: "Effect"');
    expect(only('[\u201cx\u201d]').help).toMatch(/straight double quotes/);
    expect(only('[1] 2').help).toMatch(/exactly one value/);
  });

  it('reports a truncated document at its end and names the bracket left open', () => {
    const d = only('{\n  "a": [1, {"b": 2}\n');
    expect(d).toMatchObject({
      code: 'JSON_SYNTAX',
      message: "expected ',' or ']' but found the end of the input",
      span: { line: 3, column: 1, offset: 22, end: 22 },
      help: "the '[' at line 2, column 8 is never closed",
    });
  });

  it('keeps a syntax error that comes before other problems', () => {
    expect(problems('[1 2, 03, "\\q"]')).toEqual([
      'JSON_SYNTAX@1:4',
      'JSON_BAD_NUMBER@1:7',
      'JSON_BAD_STRING@1:12',
    ]);
  });
});

describe('empty input', () => {
  it.each(['', '   ', '\n\r\n\t', '\ufeff'])('%j is JSON_EMPTY at 1:1', (text) => {
    const d = only(text);
    expect(d).toMatchObject({
      code: 'JSON_EMPTY',
      span: { line: 1, column: 1, offset: 0, end: text.length },
    });
  });
});

describe('never throws', () => {
  it('turns an internal failure into JSON_INTERNAL', () => {
    const result = parseJson(undefined as unknown as string, 'p.json');
    expect(result.value).toBeNull();
    expect(result.diagnostics).toMatchObject([
      { code: 'JSON_INTERNAL', severity: 'error', span: { file: 'p.json' } },
    ]);
    expect(parseJson('{"still": "works"}', 'p.json').value).not.toBeNull();
  });

  it('reports every diagnostic as an error with a message and a span inside the text', () => {
    const text = '{"a": 01, "b": "\\x", \'c\': [1,], // c\n "a": NaN}';
    const { diagnostics } = parseJson(text, 'p.json');
    expect(diagnostics.length).toBeGreaterThan(3);
    for (const d of diagnostics) {
      expect(d.severity).toBe('error');
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.span.offset).toBeGreaterThanOrEqual(0);
      expect(d.span.end).toBeLessThanOrEqual(text.length);
      expect(d.span.end).toBeGreaterThanOrEqual(d.span.offset);
    }
    const offsets = diagnostics.map((d) => d.span.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });
});
