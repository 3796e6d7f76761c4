import type { JsonValue } from '../parse/json-ast.js';
import type { Located } from './ast.js';
import { describeKind, excerpt, report, type ValidationContext } from './validate-context.js';

/** How to write a non-string JSON value as the string RAM expects. */
function quoteHelp(value: JsonValue): string {
  switch (value.kind) {
    case 'number':
      return `Every value in a RAM policy is a string: write it quoted: "${excerpt(value.raw)}".`;
    case 'boolean':
      return `Every value in a RAM policy is a string: write it quoted: "${value.value}".`;
    case 'null':
      return 'Remove the value, or write it as a string.';
    default:
      return 'A value is a string or a flat array of strings; nested arrays and objects are not allowed.';
  }
}

/** The strings of a list value, and whether the whole value was well-formed. */
export interface StringList {
  /** Every string item, also when other items were wrong, so they can still be checked. */
  values: Located[];
  ok: boolean;
}

/**
 * Reads a string, or a non-empty array of strings (a single string and a one-element array are the same,
 * semantics §2). Reports every item that is not a string. `what` names the place for messages, e.g.
 * "`Action` of Statement[0]".
 */
export function readStringList(ctx: ValidationContext, value: JsonValue, what: string): StringList {
  if (value.kind === 'string') return { values: [{ value: value.value, span: value.span }], ok: true };
  if (value.kind !== 'array') {
    report(
      ctx,
      'VALUE_NOT_STRING',
      'error',
      `${what} must be a string or an array of strings, not ${describeKind(value)}.`,
      value.span,
      quoteHelp(value),
    );
    return { values: [], ok: false };
  }
  if (value.items.length === 0) {
    report(
      ctx,
      'VALUE_EMPTY_ARRAY',
      'error',
      `${what} is an empty array.`,
      value.span,
      'Give at least one value, or remove the member.',
    );
    return { values: [], ok: false };
  }
  const out: Located[] = [];
  let ok = true;
  for (const item of value.items) {
    if (item.kind === 'string') {
      out.push({ value: item.value, span: item.span });
    } else {
      ok = false;
      report(
        ctx,
        'VALUE_NOT_STRING',
        'error',
        `Each value of ${what} must be a string, not ${describeKind(item)}.`,
        item.span,
        quoteHelp(item),
      );
    }
  }
  return { values: out, ok };
}
