import type { DecidingStatement } from '../../runtime/types.js';

/**
 * A deciding statement for a message: `statement 0 (Sid "DenyAssume") of policy "KmsAdmin" (Custom v2,
 * account scope) at policies/kms-admin-v2.json:4:5`; trust policies read `of the trust policy of role "r"`.
 */
export function describeStatement(d: DecidingStatement): string {
  const sid = d.sid === null ? '' : ` (Sid ${JSON.stringify(d.sid)})`;
  const where =
    d.position === undefined ? '' : ` at ${d.position.file}:${d.position.line}:${d.position.column}`;
  if (d.policyType === 'Trust')
    return `statement ${d.statement}${sid} of the trust policy of role "${d.policy}"${where}`;
  const version = d.version === null ? '' : ` ${d.version}`;
  const scope =
    d.scope === 'account' ? 'account scope' : d.scope === 'session' ? 'session' : `resource group ${d.scope}`;
  return `statement ${d.statement}${sid} of policy "${d.policy}" (${d.policyType}${version}, ${scope})${where}`;
}
