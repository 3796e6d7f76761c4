/** Built-in policy documents written as data and printed as the exact text the catalog serves. */

type StringList = string | readonly string[];

/** One statement of a built-in permission policy: every leaf is a string (semantics §2). */
export interface StatementData {
  Effect: 'Allow' | 'Deny';
  Action: StringList;
  Resource: StringList;
  Condition?: Readonly<Record<string, Readonly<Record<string, StringList>>>>;
}

/**
 * The policy document text: `Version` "1", pretty-printed with a 2-space indent so that
 * explanations can point at lines. Deterministic: the same statements give the same text.
 */
export function policyText(statements: readonly StatementData[]): string {
  return JSON.stringify({ Version: '1', Statement: statements }, null, 2);
}
