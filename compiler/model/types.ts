import type { PolicyType } from '../../runtime/types.js';
import type { Span } from '../diagnostics.js';
import type { PolicyDocument } from '../policy/ast.js';

export type { PolicyType } from '../../runtime/types.js';

/** A policy as the engines see it: one document in force, with the names decisions report. */
export interface ResolvedPolicy {
  name: string;
  type: PolicyType;
  /** The version in force (`v1` for single-version custom and system policies; null for session and trust policies). */
  version: string | null;
  document: PolicyDocument;
}

export interface CustomPolicyVersion {
  id: string;
  document: PolicyDocument;
}

export interface CustomPolicy {
  name: string;
  versions: CustomPolicyVersion[];
  /** Id of the version in force. */
  defaultVersion: string;
  span: Span;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKey {
  id: string;
  status: AccessKeyStatus;
  span: Span;
}

export interface User {
  name: string;
  groups: string[];
  accessKeys: AccessKey[];
  span: Span;
}

export interface Group {
  name: string;
  span: Span;
}

export interface Role {
  name: string;
  /** 3,600–43,200 seconds; 3,600 when not given. */
  maxSessionDuration: number;
  /** The trust policy of a normal or regular service role; null for a service-linked role. */
  trustPolicy: PolicyDocument | null;
  /** The linked service (`keystore.kms.aliyuncs.com`) of a service-linked role, else null. */
  serviceLinkedTo: string | null;
  span: Span;
}

export type AttachmentTarget = { kind: 'user' | 'group' | 'role'; name: string };

export interface Attachment {
  policy: string;
  policyType: 'System' | 'Custom';
  to: AttachmentTarget;
  /** The resource group the attachment is scoped to; null for account scope. */
  resourceGroup: string | null;
  span: Span;
}

/**
 * One account's RAM state after loading and linking: every reference resolves, names are unique,
 * every policy document is valid. Produced only when loading found no errors.
 */
export interface AccountModel {
  account: string;
  /** PEM text of the STS public key, when the model names one. */
  stsPublicKeyPem: string | null;
  policies: Map<string, CustomPolicy>;
  users: Map<string, User>;
  groups: Map<string, Group>;
  roles: Map<string, Role>;
  attachments: Attachment[];
}
