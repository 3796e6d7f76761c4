import { type Diagnostic, hasErrors, sortDiagnostics } from '../diagnostics.js';
import type { JsonMember, JsonObject, JsonValue } from '../parse/json-ast.js';
import type { PolicyDocument, PolicyKind, Statement } from './ast.js';
import { compactJsonLength, POLICY_MAX_LENGTH } from './policy-limits.js';
import { describeKind, excerpt, report, type ValidationContext } from './validate-context.js';
import { validateStatement } from './validate-statement.js';
import { didYouMean, didYouMeanSentence } from './validate-suggest.js';
import { checkUnicode } from './validate-unicode.js';

export interface ValidatePolicyOptions {
  /** The file the document came from, as the user names it; diagnostics are reported against it. */
  file: string;
  /** Built-in system policies are exempt from the length limit (semantics §9). */
  isSystem?: boolean;
}

export interface ValidatePolicyResult {
  /** The AST, or null when there is any error (warnings alone keep it). */
  document: PolicyDocument | null;
  /** Every problem found, sorted by position. */
  diagnostics: Diagnostic[];
}

const POLICY_MEMBERS = ['Version', 'Statement'] as const;

const KIND_NAMES: Readonly<Record<PolicyKind, string>> = {
  permission: 'a custom permission policy',
  session: 'a session policy',
  trust: 'a trust policy',
};

const SKELETON =
  'Write `{ "Version": "1", "Statement": [ { "Effect": "Allow", "Action": [...], "Resource": [...] } ] }`.';

function checkVersion(ctx: ValidationContext, version: JsonMember): void {
  const value = version.value;
  if (value.kind === 'string' && value.value === '1') return;
  let help = 'RAM policies always use `"Version": "1"`.';
  if (value.kind === 'number' && value.value === 1) help = 'Write it quoted: `"Version": "1"`.';
  else if (value.kind === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.value)) {
    help = `\`${value.value}\` is an AWS IAM version; RAM policies use \`"Version": "1"\`.`;
  }
  const shown = value.kind === 'string' ? `\`${excerpt(value.value)}\`` : describeKind(value);
  report(
    ctx,
    'POLICY_BAD_VERSION',
    'error',
    `\`Version\` is ${shown}; it must be the string "1".`,
    value.span,
    help,
  );
}

function validateStatements(ctx: ValidationContext, statement: JsonMember): Statement[] | null {
  const value = statement.value;
  if (value.kind === 'object') {
    report(
      ctx,
      'POLICY_STATEMENT_NOT_ARRAY',
      'error',
      '`Statement` must be an array of statements, not a single object.',
      value.span,
      'Wrap the statement in brackets: `"Statement": [ { ... } ]`.',
    );
    validateStatement(ctx, value, 0);
    return null;
  }
  if (value.kind !== 'array') {
    report(
      ctx,
      'POLICY_STATEMENT_NOT_ARRAY',
      'error',
      `\`Statement\` must be an array of statements, not ${describeKind(value)}.`,
      value.span,
      SKELETON,
    );
    return null;
  }
  if (value.items.length === 0) {
    report(
      ctx,
      'POLICY_EMPTY_STATEMENT',
      'error',
      '`Statement` is empty; a policy needs at least one statement.',
      value.span,
      SKELETON,
    );
    return null;
  }
  const statements: Statement[] = [];
  let ok = true;
  value.items.forEach((item, index) => {
    const s = validateStatement(ctx, item, index);
    if (s === null) ok = false;
    else statements.push(s);
  });
  return ok ? statements : null;
}

function validateRoot(ctx: ValidationContext, root: JsonObject): Statement[] | null {
  const suggested = new Set<string>();
  let version: JsonMember | undefined;
  let statement: JsonMember | undefined;
  for (const m of root.members) {
    if (m.key === 'Version') version = m;
    else if (m.key === 'Statement') statement = m;
    else {
      const suggestion = didYouMean(m.key, POLICY_MEMBERS);
      if (suggestion !== undefined) suggested.add(suggestion);
      report(
        ctx,
        'POLICY_UNKNOWN_MEMBER',
        'error',
        `\`${excerpt(m.key)}\` is not a policy member (member names are case-sensitive).${didYouMeanSentence(suggestion)}`,
        m.keySpan,
        m.key === 'Id'
          ? 'RAM policies have no `Id`: remove it.'
          : 'A policy has exactly two members: `Version` and `Statement`.',
      );
    }
  }
  for (const [name, m] of [
    ['Version', version],
    ['Statement', statement],
  ] as const) {
    if (m !== undefined || suggested.has(name)) continue;
    report(ctx, 'POLICY_MISSING_MEMBER', 'error', `The policy has no \`${name}\`.`, root.span, SKELETON);
  }
  if (version !== undefined) checkVersion(ctx, version);
  return statement === undefined ? null : validateStatements(ctx, statement);
}

function checkLength(ctx: ValidationContext, root: JsonObject): void {
  const limit = POLICY_MAX_LENGTH[ctx.kind];
  const length = compactJsonLength(root);
  if (length <= limit) return;
  report(
    ctx,
    'POLICY_TOO_LONG',
    'error',
    `The policy is ${length} characters long; ${KIND_NAMES[ctx.kind]} may have at most ${limit}.`,
    root.span,
    'Split it into several policies or merge statements with wildcards. Length is counted on compact JSON: ' +
      'whitespace outside strings does not count.',
  );
}

/**
 * Validates a policy document of the given kind (semantics §2, §4.1, §5, §9) and builds its AST.
 * Collects every diagnostic of the document, sorted by position; `document` is null when any is an error.
 */
export function validatePolicy(
  json: JsonValue,
  kind: PolicyKind,
  options: ValidatePolicyOptions,
): ValidatePolicyResult {
  const ctx: ValidationContext = { kind, file: options.file, diagnostics: [] };
  let statements: Statement[] | null = null;
  checkUnicode(ctx, json);
  if (json.kind === 'object') {
    statements = validateRoot(ctx, json);
    if (options.isSystem !== true) checkLength(ctx, json);
  } else {
    report(
      ctx,
      'POLICY_NOT_OBJECT',
      'error',
      `A policy must be a JSON object, not ${describeKind(json)}.`,
      json.span,
      SKELETON,
    );
  }
  const diagnostics = sortDiagnostics(ctx.diagnostics);
  const document =
    statements !== null && !hasErrors(diagnostics) ? { kind, statements, span: json.span } : null;
  return { document, diagnostics };
}
