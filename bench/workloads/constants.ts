/** Names shared by the account generator, the request mix and the peers' translations. */
export const ACCOUNT = '1234567890123456';
export const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing'] as const;
export const CRYPTO = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
];
export const KEY_ADMIN = [
  'kms:DescribeKey',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateRotationPolicy',
  'kms:TagResource',
];
export const SECRETS = ['kms:GetSecretValue', 'kms:DescribeSecret', 'kms:PutSecretValue'];
/** The office networks: requests from elsewhere are denied (IPv4 and IPv6). */
export const OFFICE_V4 = '203.0.113.0/24';
export const OFFICE_V6 = '2001:db8:1::/48';

/** A project's name: stable, short, and never a prefix of another project's name. */
export function projectName(index: number): string {
  return `p${index.toString(36).padStart(4, '0')}`;
}
