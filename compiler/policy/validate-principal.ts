import type { JsonMember } from '../parse/json-ast.js';
import type { Located, PrincipalSpec } from './ast.js';
import { describeKind, excerpt, report, type ValidationContext } from './validate-context.js';
import { didYouMean, didYouMeanSentence } from './validate-suggest.js';
import { readStringList } from './validate-values.js';

const PRINCIPAL_MEMBERS = ['RAM', 'Service', 'Federated'] as const;
type PrincipalMember = (typeof PRINCIPAL_MEMBERS)[number];

/** The forms each principal type can name (semantics §1, §7.1); other values trust nobody. */
const PRINCIPAL_FORMATS: Readonly<
  Record<PrincipalMember, { test: (text: string) => boolean; help: string }>
> = {
  RAM: {
    test: (text) => /^acs:ram::\d+:(?:root|user\/.+|role\/.+)$/.test(text),
    help:
      'Write `acs:ram::<account-id>:root` (every user and role of the account), ' +
      '`acs:ram::<account-id>:user/<name>` or `acs:ram::<account-id>:role/<name>`.',
  },
  Service: {
    test: (text) => text.endsWith('.aliyuncs.com') && /^[a-z0-9-][a-z0-9.-]*$/.test(text),
    help: 'Write a service principal such as `kms.aliyuncs.com` or `keystore.kms.aliyuncs.com`.',
  },
  Federated: {
    test: (text) => /^acs:ram::\d+:(?:saml-provider|oidc-provider)\/.+$/.test(text),
    help: 'Write `acs:ram::<account-id>:saml-provider/<name>` or `acs:ram::<account-id>:oidc-provider/<name>`.',
  },
};

function isPrincipalMember(key: string): key is PrincipalMember {
  return (PRINCIPAL_MEMBERS as readonly string[]).includes(key);
}

function checkFormats(ctx: ValidationContext, type: PrincipalMember, values: Located[]): void {
  const format = PRINCIPAL_FORMATS[type];
  for (const v of values) {
    if (format.test(v.value)) continue;
    report(
      ctx,
      'PRINCIPAL_BAD_FORMAT',
      'warning',
      `\`${excerpt(v.value)}\` under \`${type}\` is not a ${type} principal, so it trusts no caller.`,
      v.span,
      format.help,
    );
  }
}

/** Validates the `Principal` of a trust-policy statement; null when it has an error. */
export function validatePrincipal(ctx: ValidationContext, principal: JsonMember): PrincipalSpec | null {
  const value = principal.value;
  if (value.kind !== 'object') {
    report(
      ctx,
      'PRINCIPAL_NOT_OBJECT',
      'error',
      `\`Principal\` must be an object, not ${describeKind(value)}.`,
      value.span,
      'Write `"Principal": { "RAM": ["acs:ram::<account-id>:root"] }`, or use `Service` or `Federated` instead of `RAM`.',
    );
    return null;
  }
  const spec: PrincipalSpec = { ram: [], service: [], federated: [], span: principal.keySpan };
  let ok = true;
  if (value.members.length === 0) {
    ok = false;
    report(
      ctx,
      'PRINCIPAL_EMPTY',
      'error',
      '`Principal` names nobody.',
      value.span,
      'Add at least one of `RAM`, `Service` or `Federated`.',
    );
  }
  for (const m of value.members) {
    if (!isPrincipalMember(m.key)) {
      ok = false;
      const suggestion = didYouMean(m.key, PRINCIPAL_MEMBERS);
      report(
        ctx,
        'PRINCIPAL_UNKNOWN_MEMBER',
        'error',
        `\`${excerpt(m.key)}\` is not a principal type (names are case-sensitive).${didYouMeanSentence(suggestion)}`,
        m.keySpan,
        m.key === 'AWS' || m.key === 'CanonicalUser'
          ? 'RAM names accounts, users and roles under `RAM`, e.g. `"RAM": ["acs:ram::<account-id>:root"]`.'
          : 'A principal is one of `RAM`, `Service` or `Federated`.',
      );
      continue;
    }
    const list = readStringList(ctx, m.value, `\`Principal\` / \`${m.key}\``);
    if (!list.ok) ok = false;
    checkFormats(ctx, m.key, list.values);
    const target = m.key === 'RAM' ? spec.ram : m.key === 'Service' ? spec.service : spec.federated;
    target.push(...list.values);
  }
  return ok ? spec : null;
}
