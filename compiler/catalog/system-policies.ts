/** The KMS system policies (semantics §8.3): built in, attachable by name with policy type `System`. */
import { policyText } from './policy-text.js';

/** Policy name → exact document text (see `policyText`). System policies cannot be edited. */
export const SYSTEM_POLICIES: ReadonlyMap<string, string> = new Map([
  [
    'AliyunKMSFullAccess',
    policyText([
      { Effect: 'Allow', Action: 'kms:*', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'ram:CreateServiceLinkedRole',
        Resource: '*',
        Condition: {
          StringEquals: {
            'ram:ServiceName': ['secretsmanager-rds.kms.aliyuncs.com', 'keystore.kms.aliyuncs.com'],
          },
        },
      },
    ]),
  ],
  [
    'AliyunKMSReadOnlyAccess',
    policyText([
      {
        Effect: 'Allow',
        Action: [
          'kms:List*',
          'kms:Describe*',
          'kms:GetPublicKey',
          'kms:GetKeyPolicy',
          'kms:GetSecretPolicy',
          'kms:GetKmsInstance',
          'kms:GetDefaultKmsInstance',
          'kms:GetKmsInstanceQuotaInfos',
        ],
        Resource: '*',
      },
    ]),
  ],
  [
    'AliyunKMSCryptoAdminAccess',
    policyText([{ Effect: 'Allow', Action: 'kms:*', Resource: ['acs:kms:*:*:key*', 'acs:kms:*:*:alias*'] }]),
  ],
  [
    'AliyunKMSCryptoUserAccess',
    policyText([
      {
        Effect: 'Allow',
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:AsymmetricDecrypt',
          'kms:AsymmetricEncrypt',
          'kms:AsymmetricSign',
          'kms:AsymmetricVerify',
          'kms:GetPublicKey',
          'kms:GenerateMac',
          'kms:VerifyMac',
        ],
        Resource: '*',
      },
    ]),
  ],
  [
    'AliyunKMSSecretUserAccess',
    policyText([
      {
        Effect: 'Allow',
        Action: ['kms:GetSecretValue', 'kms:DescribeSecret', 'kms:ListSecretVersionIds'],
        Resource: '*',
      },
    ]),
  ],
  [
    'AliyunKMSSecretAdminAccess',
    policyText([
      { Effect: 'Allow', Action: 'kms:*', Resource: 'acs:kms:*:*:secret*' },
      { Effect: 'Allow', Action: 'kms:GetRandomPassword', Resource: '*' },
    ]),
  ],
  ['AliyunSTSAssumeRoleAccess', policyText([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }])],
]);
