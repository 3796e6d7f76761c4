/** The shapes of generated benchmark workloads: a model.json object (interfaces §1) and requests (§2). */

/** A RAM condition block: operator → condition key → one value or several. */
export type RamCondition = Record<string, Record<string, string | string[]>>;

export interface RamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: RamCondition;
}

export interface RamPolicyDocument {
  Version: '1';
  Statement: RamStatement[];
}

export interface BenchAttachment {
  policy: string;
  to: string;
  resourceGroup?: string;
}

/** A model.json object whose custom policies are all inline documents. */
export interface BenchModel {
  account: string;
  policies: { name: string; document: RamPolicyDocument }[];
  groups: { name: string }[];
  users: { name: string; groups: string[] }[];
  roles: { name: string; trustPolicy: RamTrustPolicy }[];
  attachments: BenchAttachment[];
}

export interface RamTrustPolicy {
  Version: '1';
  Statement: { Effect: 'Allow'; Action: string; Principal: { RAM: string[] } }[];
}

/** A request by principal ARN with string context values, as the JSON Lines input of `ramc eval`. */
export interface BenchRequest {
  principal: string;
  action: string;
  resource: string;
  resourceGroup?: string;
  resourceTags?: Record<string, string>;
  context: Record<string, string>;
}

/** A generated account of about `target` statements and the request mix decided against it. */
export interface Workload {
  target: number;
  /** Statements actually generated (custom policies only). */
  statements: number;
  model: BenchModel;
  requests: BenchRequest[];
}
