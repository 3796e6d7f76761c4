/** Where something is in a source file. Lines and columns are 1-based; offsets are 0-based UTF-16 indices. */
export interface Span {
  /** The file the text came from, as the user named it (or a `<...>` label for inline and built-in text). */
  file: string;
  line: number;
  column: number;
  /** Offset of the first character. */
  offset: number;
  /** Offset just past the last character. */
  end: number;
}

export type Severity = 'error' | 'warning';

/** A problem found in a policy, a model or a request file: data, never thrown. */
export interface Diagnostic {
  /** Stable identifier, e.g. `JSON_DUPLICATE_KEY`; listed in docs/diagnostics.md. */
  code: string;
  severity: Severity;
  /** One sentence that says what is wrong, written for the person who must fix it. */
  message: string;
  span: Span;
  /** How to fix it, when there is something useful to say. */
  help?: string;
}

/** A span for text that has no file position (built-in documents, generated objects). */
export function syntheticSpan(file: string): Span {
  return { file, line: 1, column: 1, offset: 0, end: 0 };
}

/** Builds a diagnostic; `help` is left out when not given (exactOptionalPropertyTypes). */
export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  span: Span,
  help?: string,
): Diagnostic {
  return help === undefined ? { code, severity, message, span } : { code, severity, message, span, help };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts diagnostics by file, then position, then code, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.span.file.localeCompare(b.span.file) || a.span.offset - b.span.offset || a.code.localeCompare(b.code),
  );
}

/** `file:line:col: severity CODE: message`, the format of tsc and eslint. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.span.file}:${d.span.line}:${d.span.column}: ${d.severity} ${d.code}: ${d.message}`;
  return d.help === undefined ? head : `${head}\n  help: ${d.help}`;
}
