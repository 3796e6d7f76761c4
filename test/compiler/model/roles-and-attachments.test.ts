import { describe, expect, it } from 'vitest';
import { SERVICE_LINKED_ROLES } from '../../../compiler/catalog/service-linked-roles.js';
import { loadModelFromObject } from '../../../compiler/model/load-model.js';

/** [code, the source text the diagnostic points at] for a model object; objects are shortened to `{…}`. */
function problems(model: unknown): [string, string][] {
  const text = JSON.stringify(model, null, 2);
  return loadModelFromObject(model).diagnostics.map((d) => {
    const at = text.slice(d.span.offset, d.span.end);
    return [d.code, at.startsWith('{') ? '{…}' : at];
  });
}

const ALLOW_ALL = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
const TRUST = {
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: 'acs:ram::1:root' } }],
};
const KEYSTORE = { name: 'AliyunServiceRoleForKMSKeyStore', serviceLinkedTo: 'keystore.kms.aliyuncs.com' };

describe('roles', () => {
  it('needs exactly one of trustPolicy and trustPolicyFile', () => {
    expect(problems({ account: '1', roles: [{ name: 'r' }] })).toEqual([['MODEL_ROLE_TRUST_POLICY', '{…}']]);
    expect(
      problems({ account: '1', roles: [{ name: 'r', trustPolicy: TRUST, trustPolicyFile: 't.json' }] }),
    ).toEqual([['MODEL_ROLE_TRUST_POLICY', '"trustPolicyFile"']]);
  });

  it('validates the trust policy as a trust policy', () => {
    const codes = problems({ account: '1', roles: [{ name: 'r', trustPolicy: ALLOW_ALL }] }).map((p) => p[0]);
    expect(codes).toContain('STATEMENT_MISSING_PRINCIPAL');
  });

  it('accepts role names with dots and checks their length', () => {
    expect(problems({ account: '1', roles: [{ name: 'app.role-1', trustPolicy: TRUST }] })).toEqual([]);
    expect(problems({ account: '1', roles: [{ name: 'r'.repeat(65), trustPolicy: TRUST }] })).toEqual([
      ['MODEL_INVALID_NAME', `"${'r'.repeat(65)}"`],
    ]);
  });

  it('takes maxSessionDuration as whole seconds from 3,600 to 43,200, default 3,600', () => {
    const role = (maxSessionDuration?: unknown) => ({
      account: '1',
      roles: [
        {
          name: 'r',
          trustPolicy: TRUST,
          ...(maxSessionDuration === undefined ? {} : { maxSessionDuration }),
        },
      ],
    });
    expect(loadModelFromObject(role()).model?.roles.get('r')?.maxSessionDuration).toBe(3600);
    expect(loadModelFromObject(role(43200)).model?.roles.get('r')?.maxSessionDuration).toBe(43200);
    expect(problems(role(3600))).toEqual([]);
    expect(problems(role(3599))).toEqual([['MODEL_SESSION_DURATION', '3599']]);
    expect(problems(role(43201))).toEqual([['MODEL_SESSION_DURATION', '43201']]);
    expect(problems(role(3600.5))).toEqual([['MODEL_SESSION_DURATION', '3600.5']]);
    expect(problems(role('3600'))).toEqual([['MODEL_WRONG_TYPE', '"3600"']]);
  });
});

describe('service-linked roles', () => {
  it('accepts every KMS service-linked role of the catalog', () => {
    const roles = SERVICE_LINKED_ROLES.map((r) => ({ name: r.roleName, serviceLinkedTo: r.service }));
    const { model, diagnostics } = loadModelFromObject({ account: '1', roles });
    expect(diagnostics).toEqual([]);
    expect(model?.roles.size).toBe(5);
    for (const r of SERVICE_LINKED_ROLES) {
      expect(model?.roles.get(r.roleName)).toMatchObject({ serviceLinkedTo: r.service, trustPolicy: null });
    }
  });

  it('refuses a trust policy or a session duration, naming the rule', () => {
    const { diagnostics } = loadModelFromObject({
      account: '1',
      roles: [{ ...KEYSTORE, trustPolicy: TRUST, maxSessionDuration: 7200 }],
    });
    expect(diagnostics.map((d) => d.code)).toEqual(['MODEL_SLR_IMMUTABLE', 'MODEL_SLR_IMMUTABLE']);
    for (const d of diagnostics) {
      expect(d.message).toContain(
        "a service-linked role's trust policy and session duration are defined by the service and cannot be changed",
      );
    }
  });

  it('refuses services without a KMS service-linked role, and wrong role names', () => {
    expect(problems({ account: '1', roles: [{ name: 'x', serviceLinkedTo: 'ecs.aliyuncs.com' }] })).toEqual([
      ['MODEL_SLR_UNKNOWN_SERVICE', '"ecs.aliyuncs.com"'],
    ]);
    const typo = loadModelFromObject({
      account: '1',
      roles: [{ name: 'x', serviceLinkedTo: 'keystore.kms.aliyun.com' }],
    });
    expect(typo.diagnostics[0]?.message).toContain('Did you mean `keystore.kms.aliyuncs.com`?');
    expect(
      problems({
        account: '1',
        roles: [{ name: 'KeyStoreRole', serviceLinkedTo: 'keystore.kms.aliyuncs.com' }],
      }),
    ).toEqual([['MODEL_SLR_NAME', '"KeyStoreRole"']]);
  });

  it('refuses a role named like a service-linked role without serviceLinkedTo, in any case', () => {
    expect(
      problems({ account: '1', roles: [{ name: 'aliyunserviceroleforkmskeystore', trustPolicy: TRUST }] }),
    ).toEqual([['MODEL_SLR_NOT_LINKED', '"aliyunserviceroleforkmskeystore"']]);
  });

  it('refuses attachments to a service-linked role', () => {
    const { diagnostics } = loadModelFromObject({
      account: '1',
      roles: [KEYSTORE],
      attachments: [{ policy: 'AliyunKMSFullAccess', policyType: 'System', to: `role/${KEYSTORE.name}` }],
    });
    expect(diagnostics.map((d) => d.code)).toEqual(['MODEL_SLR_ATTACHMENT']);
    expect(diagnostics[0]?.message).toContain('no policy can be attached to or detached from');
  });
});

describe('attachments', () => {
  const base = {
    account: '1',
    policies: [{ name: 'P', document: ALLOW_ALL }],
    groups: [{ name: 'ops' }],
    users: [{ name: 'alice' }],
    roles: [{ name: 'app', trustPolicy: TRUST }],
  };
  const attach = (...attachments: object[]) => ({ ...base, attachments });

  it('links policies and identities of every kind and scope', () => {
    const { model, diagnostics } = loadModelFromObject(
      attach(
        { policy: 'P', to: 'user/alice' },
        { policy: 'P', policyType: 'Custom', to: 'group/ops', resourceGroup: 'rg-acfm2abc' },
        { policy: 'AliyunKMSReadOnlyAccess', policyType: 'System', to: 'role/app' },
        { policy: 'P', to: 'user/alice', resourceGroup: 'rg-acfm2abc' },
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(
      model?.attachments.map((a) => [a.policy, a.policyType, `${a.to.kind}/${a.to.name}`, a.resourceGroup]),
    ).toEqual([
      ['P', 'Custom', 'user/alice', null],
      ['P', 'Custom', 'group/ops', 'rg-acfm2abc'],
      ['AliyunKMSReadOnlyAccess', 'System', 'role/app', null],
      ['P', 'Custom', 'user/alice', 'rg-acfm2abc'],
    ]);
  });

  it('reports dangling identities, suggesting the right kind', () => {
    const { diagnostics } = loadModelFromObject(
      attach({ policy: 'P', to: 'group/alice' }, { policy: 'P', to: 'user/alise' }),
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['MODEL_UNKNOWN_IDENTITY', 'MODEL_UNKNOWN_IDENTITY']);
    expect(diagnostics[0]?.help).toContain('`user/alice`');
    expect(diagnostics[1]?.message).toContain('Did you mean `alice`?');
  });

  it('reports malformed targets', () => {
    expect(
      problems(attach({ policy: 'P', to: 'alice' }, { policy: 'P', to: 'user/' }, { policy: 'P' })),
    ).toEqual([
      ['MODEL_ATTACHMENT_TARGET', '"alice"'],
      ['MODEL_ATTACHMENT_TARGET', '"user/"'],
      ['MODEL_MISSING_MEMBER', '{…}'],
    ]);
  });

  it('checks the policy against the policy type', () => {
    const found = loadModelFromObject(
      attach(
        { policy: 'P', policyType: 'System', to: 'user/alice' },
        { policy: 'Q', to: 'user/alice' },
        { policy: 'AliyunServiceRolePolicyForKMSKeyStore', policyType: 'System', to: 'user/alice' },
      ),
    ).diagnostics;
    expect(found.map((d) => d.code)).toEqual([
      'MODEL_UNKNOWN_SYSTEM_POLICY',
      'MODEL_UNKNOWN_POLICY',
      'MODEL_SLR_ATTACHMENT',
    ]);
    expect(found[0]?.help).toContain('remove `"policyType": "System"`');
    expect(found[2]?.message).toContain('service-linked role');
  });

  it('reports the same policy attached twice at the same scope, but not at different scopes', () => {
    expect(
      problems(
        attach(
          { policy: 'P', to: 'user/alice', resourceGroup: 'rg-a1' },
          { policy: 'P', to: 'user/alice', resourceGroup: 'rg-a2' },
          { policy: 'P', policyType: 'Custom', to: 'user/alice', resourceGroup: 'rg-a1' },
        ),
      ),
    ).toEqual([['MODEL_DUPLICATE_ATTACHMENT', '{…}']]);
  });

  it('takes resource group ids of the form rg-<letters and digits>', () => {
    expect(
      problems(
        attach(
          { policy: 'P', to: 'user/alice', resourceGroup: '' },
          { policy: 'P', to: 'user/alice', resourceGroup: 'rg-' },
          { policy: 'P', to: 'user/alice', resourceGroup: 'account' },
          { policy: 'P', to: 'user/alice', resourceGroup: 42 },
        ),
      ),
    ).toEqual([
      ['MODEL_RESOURCE_GROUP', '""'],
      ['MODEL_RESOURCE_GROUP', '"rg-"'],
      ['MODEL_RESOURCE_GROUP', '"account"'],
      ['MODEL_WRONG_TYPE', '42'],
    ]);
  });

  it('warns past the default attachment quotas and still loads', () => {
    const many = (n: number, to: string) => Array.from({ length: n }, (_, i) => ({ policy: `P${i}`, to }));
    const policies = Array.from({ length: 11 }, (_, i) => ({ name: `P${i}`, document: ALLOW_ALL }));
    const model = {
      ...base,
      policies,
      attachments: [...many(11, 'user/alice'), ...many(6, 'role/app'), ...many(5, 'group/ops')],
    };
    const loaded = loadModelFromObject(model);
    expect(loaded.model).not.toBeNull();
    expect(loaded.diagnostics.map((d) => [d.code, d.severity, d.message.split(' more than ')[0]])).toEqual([
      ['MODEL_ATTACHMENT_LIMIT', 'warning', 'This attachment gives user `alice`'],
      ['MODEL_ATTACHMENT_LIMIT', 'warning', 'This attachment gives role `app`'],
    ]);
    const text = JSON.stringify(model, null, 2);
    const at = loaded.diagnostics.map((d) => text.slice(d.span.offset, d.span.end).replace(/\s+/g, ' '));
    expect(at).toEqual(['{ "policy": "P10", "to": "user/alice" }', '{ "policy": "P5", "to": "role/app" }']);
  });

  it('warns past 20 system attachments', () => {
    const names = ['AliyunKMSFullAccess', 'AliyunKMSReadOnlyAccess'];
    const attachments = Array.from({ length: 21 }, (_, i) => ({
      policy: names[i % 2],
      policyType: 'System',
      to: 'group/ops',
      resourceGroup: `rg-g${i}`,
    }));
    const { diagnostics } = loadModelFromObject({ ...base, attachments });
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['MODEL_ATTACHMENT_LIMIT', 'warning']]);
  });
});
