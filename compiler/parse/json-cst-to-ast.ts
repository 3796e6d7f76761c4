import type { CstElement, CstNode, IToken } from 'chevrotain';
import { type Diagnostic, diagnostic, type Span } from '../diagnostics.js';
import type { JsonArray, JsonMember, JsonObject, JsonValue } from './json-ast.js';
import type { ScannedString } from './json-strings.js';
import type { LineIndex } from './line-index.js';

/**
 * Builds the positioned JSON value from a complete CST of the `json` rule, reporting duplicate keys.
 * A plain function over the CST (no visitor state); recursion depth is bounded by the depth check
 * that runs before the parser.
 */
export function cstToAst(json: CstNode, lines: LineIndex, diagnostics: Diagnostic[]): JsonValue {
  return buildValue(onlyNode(json, 'value'), lines, diagnostics);
}

function buildValue(node: CstNode, lines: LineIndex, diagnostics: Diagnostic[]): JsonValue {
  const children = node.children;
  const object = children.object?.[0];
  if (object !== undefined) return buildObject(asNode(object), lines, diagnostics);
  const array = children.array?.[0];
  if (array !== undefined) return buildArray(asNode(array), lines, diagnostics);

  const string = children.StringLiteral?.[0];
  if (string !== undefined) {
    const token = asToken(string);
    return { kind: 'string', value: (token.payload as ScannedString).value, span: tokenSpan(token, lines) };
  }
  const number = children.NumberLiteral?.[0];
  if (number !== undefined) {
    const token = asToken(number);
    return { kind: 'number', value: Number(token.image), raw: token.image, span: tokenSpan(token, lines) };
  }
  const literal = children.True?.[0] ?? children.False?.[0] ?? children.Null?.[0];
  if (literal === undefined) throw new Error(`the CST node '${node.name}' has no value`);
  const token = asToken(literal);
  const span = tokenSpan(token, lines);
  return token.image === 'null'
    ? { kind: 'null', span }
    : { kind: 'boolean', value: token.image === 'true', span };
}

function buildObject(node: CstNode, lines: LineIndex, diagnostics: Diagnostic[]): JsonObject {
  const members: JsonMember[] = [];
  const firstSpans = new Map<string, Span>();
  for (const element of node.children.member ?? []) {
    const member = asNode(element);
    const keyToken = onlyToken(member, 'StringLiteral');
    const key = (keyToken.payload as ScannedString).value;
    const keySpan = tokenSpan(keyToken, lines);
    const first = firstSpans.get(key);
    if (first === undefined) {
      firstSpans.set(key, keySpan);
    } else {
      diagnostics.push(
        diagnostic(
          'JSON_DUPLICATE_KEY',
          'error',
          `duplicate key ${JSON.stringify(key)}: it is already defined at line ${first.line}, column ${first.column}`,
          keySpan,
          'remove or rename one of them: most JSON parsers silently keep only the last one, so ramc refuses to guess',
        ),
      );
    }
    members.push({ key, keySpan, value: buildValue(onlyNode(member, 'value'), lines, diagnostics) });
  }
  return { kind: 'object', members, span: bracketSpan(node, 'LCurly', 'RCurly', lines) };
}

function buildArray(node: CstNode, lines: LineIndex, diagnostics: Diagnostic[]): JsonArray {
  const items = (node.children.value ?? []).map((item) => buildValue(asNode(item), lines, diagnostics));
  return { kind: 'array', items, span: bracketSpan(node, 'LSquare', 'RSquare', lines) };
}

function tokenSpan(token: IToken, lines: LineIndex): Span {
  return lines.span(token.startOffset, token.startOffset + token.image.length);
}

function bracketSpan(node: CstNode, open: string, close: string, lines: LineIndex): Span {
  return lines.span(onlyToken(node, open).startOffset, onlyToken(node, close).startOffset + 1);
}

// INVARIANT: the parser runs with recovery off and the AST is built only from an error-free parse,
// so every child the grammar requires is present; these helpers turn a broken invariant into an
// internal error instead of a silently wrong value.
function onlyNode(node: CstNode, name: string): CstNode {
  const child = node.children[name]?.[0];
  if (child === undefined) throw new Error(`the CST node '${node.name}' has no '${name}'`);
  return asNode(child);
}

function onlyToken(node: CstNode, name: string): IToken {
  const child = node.children[name]?.[0];
  if (child === undefined) throw new Error(`the CST node '${node.name}' has no '${name}'`);
  return asToken(child);
}

function asNode(element: CstElement): CstNode {
  if (!('children' in element)) throw new Error(`expected a CST node, got the token '${element.image}'`);
  return element;
}

function asToken(element: CstElement): IToken {
  if ('children' in element) throw new Error(`expected a token, got the CST node '${element.name}'`);
  return element;
}
