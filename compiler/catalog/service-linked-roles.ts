/**
 * The KMS service-linked roles (semantics §8.4): each is owned by one service, which alone can
 * assume it; its policy is fixed and no other policy can be attached to it.
 */
import { policyText, type StatementData } from './policy-text.js';

export interface ServiceLinkedRole {
  roleName: string;
  /** The linked service principal (`keystore.kms.aliyuncs.com`). */
  service: string;
  policyName: string;
  /** Exact document text (see `policyText`). */
  policyText: string;
}

/** Every SLR policy ends with this: the service may delete its own role, and only its own. */
function deleteOwnRole(service: string): StatementData {
  return {
    Effect: 'Allow',
    Action: 'ram:DeleteServiceLinkedRole',
    Resource: '*',
    Condition: { StringEquals: { 'ram:ServiceName': service } },
  };
}

function role(name: string, service: string, statements: readonly StatementData[]): ServiceLinkedRole {
  return {
    roleName: `AliyunServiceRoleFor${name}`,
    service,
    policyName: `AliyunServiceRolePolicyFor${name}`,
    policyText: policyText([...statements, deleteOwnRole(service)]),
  };
}

export const SERVICE_LINKED_ROLES: readonly ServiceLinkedRole[] = [
  role('KMSKeyStore', 'keystore.kms.aliyuncs.com', [
    {
      Effect: 'Allow',
      Action: [
        'ecs:CreateNetworkInterfacePermission',
        'ecs:DeleteNetworkInterfacePermission',
        'ecs:CreateNetworkInterface',
        'ecs:DescribeNetworkInterfaces',
        'ecs:DescribeSecurityGroups',
        'ecs:CreateSecurityGroup',
        'ecs:DeleteSecurityGroup',
        'ecs:AuthorizeSecurityGroup',
        'ecs:AuthorizeSecurityGroupEgress',
        'ecs:RevokeSecurityGroup',
        'ecs:RevokeSecurityGroupEgress',
        'ecs:DescribeSecurityGroupAttribute',
      ],
      Resource: '*',
    },
    { Effect: 'Allow', Action: ['vpc:DescribeVSwitches', 'vpc:DescribeVpcs'], Resource: '*' },
    {
      Effect: 'Allow',
      Action: ['yundun-hsm:DescribeInstances', 'yundun-hsm:DescribeClusters'],
      Resource: '*',
    },
  ]),
  role('KMSSecretsManagerForRDS', 'secretsmanager-rds.kms.aliyuncs.com', [
    {
      Effect: 'Allow',
      Action: ['rds:ResetAccountPassword', 'rds:DescribeDBInstanceAttribute', 'rds:DescribeAccounts'],
      Resource: '*',
    },
  ]),
  role('KMSSecretsManagerForECS', 'secretsmanager-ecs.kms.aliyuncs.com', [
    {
      Effect: 'Allow',
      Action: ['ecs:DescribeInstances', 'ecs:InvokeCommand', 'ecs:DescribeInvocationResults'],
      Resource: ['acs:ecs:*:*:instance/*', 'acs:ecs:*:*:command/cmd-ACS-KMS-RotateECSSecret*'],
    },
    {
      Effect: 'Allow',
      Action: [
        'kms:ListSecretVersionIds',
        'kms:GetSecretValue',
        'kms:DescribeSecret',
        'kms:PutSecretValue',
        'kms:UpdateSecretVersionStage',
      ],
      Resource: 'acs:kms:*:*:secret/acs/ecs/*',
    },
    { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: 'acs:kms:*:*:key/*' },
  ]),
  // The spec names no actions for PolarDB and Redis: these mirror the RDS role (read the accounts, reset a password).
  role('KMSSecretsManagerForPolarDB', 'secretsmanager-polardb.kms.aliyuncs.com', [
    {
      Effect: 'Allow',
      Action: [
        'polardb:DescribeDBClusterAttribute',
        'polardb:DescribeAccounts',
        'polardb:ModifyAccountPassword',
      ],
      Resource: '*',
    },
  ]),
  role('KMSSecretsManagerForRedis', 'secretsmanager-redis.kms.aliyuncs.com', [
    {
      Effect: 'Allow',
      Action: [
        'kvstore:DescribeInstanceAttribute',
        'kvstore:DescribeAccounts',
        'kvstore:ResetAccountPassword',
      ],
      Resource: '*',
    },
  ]),
];

/** The SLR with this role name, compared case-insensitively; `roleName` of the result is the canonical spelling. */
export function findServiceLinkedRoleByName(roleName: string): ServiceLinkedRole | undefined {
  const lower = roleName.toLowerCase();
  return SERVICE_LINKED_ROLES.find((slr) => slr.roleName.toLowerCase() === lower);
}

/** The SLR linked to this service principal (`secretsmanager-rds.kms.aliyuncs.com`), case-insensitively. */
export function findServiceLinkedRoleByService(service: string): ServiceLinkedRole | undefined {
  const lower = service.toLowerCase();
  return SERVICE_LINKED_ROLES.find((slr) => slr.service === lower);
}
