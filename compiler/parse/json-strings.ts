/** Something wrong inside a string literal, at offsets of the scanned text. */
export interface StringProblem {
  offset: number;
  end: number;
  message: string;
  help: string;
}

/** A double-quoted string literal read from the text: its extent, decoded value and problems. */
export interface ScannedString {
  /** Offset just past the literal: past the closing quote, or where the unclosed string stops. */
  end: number;
  /** False when a line break or the end of the input came before the closing quote. */
  closed: boolean;
  /** The decoded value (escapes resolved); meaningless when there are problems. */
  value: string;
  problems: StringProblem[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const ESCAPE_HELP =
  'the escapes JSON allows are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; to write a backslash, double it: \\\\';

const CONTROL_NAMES: Readonly<Record<number, string>> = { 8: 'backspace', 9: 'tab', 12: 'form feed' };

/**
 * Reads the JSON string literal whose opening quote is at `start`, in one linear pass.
 * The literal stops at the closing quote, or (unclosed) at a line break or the end of the text,
 * so one missing quote never swallows the rest of the document. At most `maxProblems` problems
 * are recorded (the scan goes on to the end of the literal), which bounds memory on a string of
 * millions of bad characters.
 */
export function scanJsonString(text: string, start: number, maxProblems: number): ScannedString {
  const problems: StringProblem[] = [];
  let value = '';
  let chunkStart = start + 1;
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      return { end: i + 1, closed: true, value: value + text.slice(chunkStart, i), problems };
    }
    if (c === LF || c === CR) break;
    if (c === BACKSLASH) {
      value += text.slice(chunkStart, i);
      const next = text.charAt(i + 1);
      if (next === '' || next === '\n' || next === '\r') {
        // A backslash before the line break: the string is unclosed, which is reported once by the caller.
        i += 1;
        chunkStart = i;
        break;
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        value += simple;
        i += 2;
      } else if (next === 'u') {
        let digits = 0;
        while (digits < 4 && isHexDigit(text.charCodeAt(i + 2 + digits))) digits++;
        if (digits === 4) {
          value += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        } else if (problems.length < maxProblems) {
          problems.push(shortUnicodeEscape(text, i, 2 + digits));
        }
        i += 2 + digits;
      } else {
        const width = (text.codePointAt(i + 1) ?? 0) > 0xffff ? 3 : 2;
        if (problems.length < maxProblems) problems.push(badEscape(text, i, width));
        i += width;
      }
      chunkStart = i;
    } else {
      if (c < 0x20 && problems.length < maxProblems) problems.push(rawControl(c, i));
      i++;
    }
  }
  return { end: i, closed: false, value: value + text.slice(chunkStart, i), problems };
}

function shortUnicodeEscape(text: string, offset: number, width: number): StringProblem {
  return {
    offset,
    end: offset + width,
    message: `'${text.slice(offset, offset + width)}' is not a valid escape: \\u must be followed by exactly four hex digits`,
    help: 'write the character as \\u followed by four hex digits, e.g. \\u00e9 for é',
  };
}

function badEscape(text: string, offset: number, width: number): StringProblem {
  return {
    offset,
    end: offset + width,
    message: `'${text.slice(offset, offset + width)}' is not a valid escape in a JSON string`,
    help: ESCAPE_HELP,
  };
}

function rawControl(c: number, offset: number): StringProblem {
  const name = CONTROL_NAMES[c];
  const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    offset,
    end: offset + 1,
    message: `a raw control character (${name === undefined ? code : `${code}, ${name}`}) is not allowed in a JSON string`,
    help: `write it as an escape instead, e.g. \\u${c.toString(16).padStart(4, '0')}${c === 0x09 ? ' or \\t' : ''}`,
  };
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
