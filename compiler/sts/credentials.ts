import { createHash, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** A new STS AccessKeyId: `STS.` and 28 random letters and digits (Alibaba's ids have this shape). */
export function newAccessKeyId(): string {
  return `STS.${randomText(28)}`;
}

/**
 * A new AccessKeySecret: 44 random letters and digits. **[choice]** Engines decide requests without
 * checking request signatures, so the secret is returned to the caller and bound to nothing.
 */
export function newAccessKeySecret(): string {
  return randomText(44);
}

/**
 * The role's id in `AssumedRoleId` (`<role-id>:<session-name>`) **[choice]**: models carry no role ids, so
 * an 18-digit number derived from the account and the role name (SHA-256), the same on every call.
 */
export function roleId(account: string, roleName: string): string {
  const digest = createHash('sha256').update(`${account}:${roleName}`).digest();
  const number = digest.readBigUInt64BE(0) % 900_000_000_000_000_000n;
  return (number + 100_000_000_000_000_000n).toString();
}
