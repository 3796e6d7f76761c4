import { type ModelContext, quote, warning } from './model-fields.js';
import type { Attachment } from './types.js';

/** Default RAM quotas (semantics §9). Hosts may raise them, so exceeding one is a warning. */
export const LIMITS = {
  systemPerIdentity: 20,
  customPerUser: 10,
  customPerGroupOrRole: 5,
  groupsPerUser: 5,
} as const;

/** Warns about identities with more attachments than RAM allows by default. */
export function checkAttachmentLimits(ctx: ModelContext, attachments: readonly Attachment[]): void {
  const counts = new Map<string, number>();
  for (const attachment of attachments) {
    const { kind, name } = attachment.to;
    const key = `${attachment.policyType} ${kind}/${name}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    const limit =
      attachment.policyType === 'System'
        ? LIMITS.systemPerIdentity
        : kind === 'user'
          ? LIMITS.customPerUser
          : LIMITS.customPerGroupOrRole;
    if (count !== limit + 1) continue;
    const type = attachment.policyType.toLowerCase();
    warning(
      ctx,
      'MODEL_ATTACHMENT_LIMIT',
      `This attachment gives ${kind} ${quote(name)} more than ${limit} ${type} policies; RAM allows ${limit} per ${kind === 'user' ? 'user' : 'group or role'} by default.`,
      attachment.span,
      'RAM will refuse the attachment unless the quota was raised; merge policies or attach them to a group instead.',
    );
  }
}
