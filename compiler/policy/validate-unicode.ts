import { hasLoneSurrogate } from '../../runtime/values/unicode.js';
import type { JsonValue } from '../parse/json-ast.js';
import { report, type ValidationContext } from './validate-context.js';

const HELP =
  'Remove the \\uD800–\\uDFFF escape, or write the whole character (both halves of the pair, or the character itself).';

/** Reports every key and string value that holds half of a surrogate pair (not Unicode text). */
export function checkUnicode(ctx: ValidationContext, value: JsonValue): void {
  if (value.kind === 'string') {
    if (hasLoneSurrogate(value.value)) {
      report(
        ctx,
        'VALUE_BAD_UNICODE',
        'error',
        'This string holds half of a UTF-16 surrogate pair.',
        value.span,
        HELP,
      );
    }
  } else if (value.kind === 'array') {
    for (const item of value.items) checkUnicode(ctx, item);
  } else if (value.kind === 'object') {
    for (const m of value.members) {
      if (hasLoneSurrogate(m.key)) {
        report(
          ctx,
          'VALUE_BAD_UNICODE',
          'error',
          'This member name holds half of a UTF-16 surrogate pair.',
          m.keySpan,
          HELP,
        );
      }
      checkUnicode(ctx, m.value);
    }
  }
}
