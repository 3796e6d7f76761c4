import { type Diagnostic, diagnostic, type Severity, type Span } from '../diagnostics.js';
import type { JsonValue } from '../parse/json-ast.js';
import type { PolicyKind } from './ast.js';

/** What every validation step needs: the policy kind and the list diagnostics are collected into. */
export interface ValidationContext {
  kind: PolicyKind;
  /** The document's file as the caller names it; every diagnostic is reported against it. */
  file: string;
  diagnostics: Diagnostic[];
}

/** Records one diagnostic; never throws. */
export function report(
  ctx: ValidationContext,
  code: string,
  severity: Severity,
  message: string,
  span: Span,
  help?: string,
): void {
  const located = span.file === ctx.file ? span : { ...span, file: ctx.file };
  ctx.diagnostics.push(diagnostic(code, severity, message, located, help));
}

/** `a number`, `an array`, ... for messages about a JSON value of the wrong kind. */
export function describeKind(value: JsonValue): string {
  switch (value.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'null':
      return 'null';
  }
}

/** Shortens user text for a message so a huge value cannot flood the output. */
export function excerpt(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
