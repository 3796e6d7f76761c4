import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../compiler/parse/json-ast.js';
import {
  MAX_JSON_DEPTH,
  MAX_JSON_DEPTH_CEILING,
  MAX_JSON_DIAGNOSTICS,
  MAX_JSON_INPUT_LENGTH,
  MAX_JSON_TOKENS,
  parseJson,
} from '../../../compiler/parse/json-parser.js';

// Time bounds are generous (CI machines are slow and shared); they catch quadratic behaviour or a
// hang, which would take minutes on these inputs, not a few percent of slowdown.
const FAST_MS = 10_000;

function timed(text: string, options?: { maxDepth?: number }) {
  const started = performance.now();
  const result = parseJson(text, 'big.json', options);
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(FAST_MS);
  return result;
}

function codes(result: ReturnType<typeof parseJson>): string[] {
  return [...new Set(result.diagnostics.map((d) => d.code))];
}

describe('nesting depth', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels and refuses ${MAX_JSON_DEPTH + 1} at the opening bracket`, () => {
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseJson(ok, 'p.json').diagnostics).toEqual([]);
    const deep = `{"a":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`;
    const result = parseJson(deep, 'p.json');
    expect(result.value).toBeNull();
    expect(result.diagnostics).toMatchObject([
      { code: 'JSON_TOO_DEEP', span: { line: 1, column: 5 + MAX_JSON_DEPTH, offset: 4 + MAX_JSON_DEPTH } },
    ]);
    expect(result.diagnostics[0]?.message).toBe(`this '[' nests values 65 levels deep; the limit is 64`);
  });

  it('honours maxDepth, up to the ceiling', () => {
    expect(codes(parseJson('[[1]]', 'p.json', { maxDepth: 1 }))).toEqual(['JSON_TOO_DEEP']);
    expect(codes(parseJson('1', 'p.json', { maxDepth: 0 }))).toEqual([]);
    const atCeiling = '['.repeat(MAX_JSON_DEPTH_CEILING) + ']'.repeat(MAX_JSON_DEPTH_CEILING);
    expect(parseJson(atCeiling, 'p.json', { maxDepth: 1e9 }).diagnostics).toEqual([]);
    const beyond = `[${atCeiling}]`;
    expect(parseJson(beyond, 'p.json', { maxDepth: 1e9 }).diagnostics).toMatchObject([
      { code: 'JSON_TOO_DEEP', message: expect.stringContaining(`the limit is ${MAX_JSON_DEPTH_CEILING}`) },
    ]);
  });

  it('refuses 100,000 open brackets before the parser recurses', () => {
    const result = timed('['.repeat(100_000));
    expect(result.diagnostics).toMatchObject([
      { code: 'JSON_TOO_DEEP', span: { column: MAX_JSON_DEPTH + 1 } },
    ]);
  });

  it('refuses 100,000 nested objects, even with the ceiling as maxDepth', () => {
    const text = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expect(codes(timed(text, { maxDepth: Number.POSITIVE_INFINITY }))).toEqual(['JSON_TOO_DEEP']);
  });
});

describe('size limits', () => {
  it('refuses an input longer than the limit without reading it', () => {
    const result = timed(' '.repeat(MAX_JSON_INPUT_LENGTH + 1));
    expect(result.diagnostics).toMatchObject([{ code: 'JSON_TOO_LARGE', span: { line: 1, column: 1 } }]);
  });

  it('refuses more tokens than the limit, bounding memory', () => {
    const text = `[${'0,'.repeat(MAX_JSON_TOKENS / 2)}0]`;
    expect(text.length).toBeLessThan(MAX_JSON_INPUT_LENGTH);
    expect(codes(timed(text))).toEqual(['JSON_TOO_LARGE']);
  });

  it('accepts a document as long as the limit', () => {
    const text = JSON.stringify(['x'.repeat(MAX_JSON_INPUT_LENGTH - 4)]);
    expect(text.length).toBe(MAX_JSON_INPUT_LENGTH);
    expect(timed(text).diagnostics).toEqual([]);
  });
});

describe('diagnostic limit', () => {
  const over = MAX_JSON_DIAGNOSTICS + 10;

  it(`reports the first ${MAX_JSON_DIAGNOSTICS} problems, then JSON_TOO_MANY_ERRORS where it stopped`, () => {
    const result = timed(`"${'\\x'.repeat(over)}"`);
    expect(result.diagnostics).toHaveLength(MAX_JSON_DIAGNOSTICS + 1);
    expect(result.diagnostics.at(-2)).toMatchObject({
      code: 'JSON_BAD_STRING',
      span: { offset: 1 + 2 * (MAX_JSON_DIAGNOSTICS - 1) },
    });
    expect(result.diagnostics.at(-1)).toMatchObject({
      code: 'JSON_TOO_MANY_ERRORS',
      span: { line: 1, offset: 1 + 2 * MAX_JSON_DIAGNOSTICS },
      message: `ramc stopped looking for problems here, after the first ${MAX_JSON_DIAGNOSTICS}`,
    });
  });

  it.each([
    ['raw control characters', `"${'\u0001'.repeat(over)}"`, 'JSON_BAD_STRING'],
    ['unclosed strings', '"\n'.repeat(over), 'JSON_BAD_STRING'],
    ['comments', `${'/**/'.repeat(over)}1`, 'JSON_COMMENT'],
    ['bad numbers', `[${'01,'.repeat(over)}1]`, 'JSON_BAD_NUMBER'],
    ['duplicate keys', `{${'"a":1,'.repeat(over)}"a":1}`, 'JSON_DUPLICATE_KEY'],
  ])('applies to %s', (_name, text, code) => {
    const result = timed(text);
    expect(result.diagnostics).toHaveLength(MAX_JSON_DIAGNOSTICS + 1);
    expect(codes(result)).toEqual([code, 'JSON_TOO_MANY_ERRORS']);
  });
});

describe('large and pathological inputs finish fast and never throw', () => {
  it('parses a 1 MB policy-like document exactly as JSON.parse does', () => {
    const statements = Array.from({ length: 3_000 }, (_, i) => ({
      Sid: `s${i}`,
      Effect: i % 2 === 0 ? 'Allow' : 'Deny',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: `acs:kms:cn-hangzhou:1234567890123456:key/key-${i}`,
      Condition: { IpAddress: { 'acs:SourceIp': ['203.0.113.0/24', '198.51.100.7'] }, n: i / 7 },
    }));
    const text = JSON.stringify({ Version: '1', Statement: statements }, null, 2);
    expect(text.length).toBeGreaterThan(1_000_000);
    const result = timed(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.value === null ? null : toPlain(result.value)).toEqual(JSON.parse(text));
  });

  it('decodes a 1 MB string and a 1 MB run of escapes', () => {
    const plain = timed(JSON.stringify('x'.repeat(1 << 20)));
    expect(plain.value).toMatchObject({ kind: 'string', span: { end: (1 << 20) + 2 } });
    const escaped = timed(`"${'\\n\\u00e9'.repeat(1 << 17)}"`);
    expect(escaped.value?.kind === 'string' ? escaped.value.value : '').toBe('\n\u00e9'.repeat(1 << 17));
  });

  it('reports each of 100,000 duplicate keys', () => {
    const text = `{${Array.from({ length: 100_000 }, () => '"a":1').join(',')}}`;
    const result = timed(text);
    expect(result.diagnostics).toHaveLength(99_999);
    expect(codes(result)).toEqual(['JSON_DUPLICATE_KEY']);
  });

  it.each([
    ['a 1 MB unclosed string', `["${'x'.repeat(1 << 20)}`, ['JSON_BAD_STRING']],
    ['a 1 MB unclosed comment', `[1, /*${'*'.repeat(1 << 20)}`, ['JSON_COMMENT']],
    ['1 MB of unexpected characters', `[${'@'.repeat(1 << 20)}]`, ['JSON_SYNTAX']],
    ['1 MB of line breaks', '\n'.repeat(1 << 20), ['JSON_EMPTY']],
    ['a 1 MB number', '9'.repeat(1 << 20), []],
    ['a 1 MB malformed number', `0${'.'.repeat(1 << 20)}`, ['JSON_BAD_NUMBER']],
    ['100,000 bad escapes', `"${'\\x'.repeat(100_000)}"`, ['JSON_BAD_STRING']],
    ['100,000 unclosed strings', '"\n'.repeat(100_000), ['JSON_BAD_STRING']],
    ['100,000 commas', `[${','.repeat(100_000)}]`, ['JSON_SYNTAX', 'JSON_TRAILING_COMMA']],
    ['100,000 closing brackets', ']'.repeat(100_000), ['JSON_SYNTAX']],
    ['100,000 quotes', '"'.repeat(100_000), ['JSON_SYNTAX']],
    ['100,000 alternating brackets', '[]'.repeat(100_000), ['JSON_SYNTAX']],
  ])('%s', (_name, text, expected) => {
    expect(codes(timed(text))).toEqual(expected);
  });
});
