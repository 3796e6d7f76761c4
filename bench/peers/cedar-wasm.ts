import {
  type AuthorizationAnswer,
  type EntityJson,
  type EntityUid,
  preparsePolicySet,
  statefulIsAuthorized,
} from '@cedar-policy/cedar-wasm/nodejs';
import type { DecisionKind } from '../../runtime/types.js';
import type { Contender, Peer } from '../engines/contender.js';
import type { BenchModel, BenchRequest, Workload } from '../workloads/types.js';
import { cedarContext, cedarPolicy, resourceGroupCondition } from './cedar-translate.js';
import {
  decideScoped,
  identityKey,
  type ScopedPolicy,
  sliceFor,
  sliceIdentities,
} from './identity-slices.js';

/** Cedar caches prepared policy sets by id for the life of the process: every prepared set gets a fresh one. */
let preparedSets = 0;

function prepareSet(policies: string[]): string {
  preparedSets += 1;
  const id = `ramc-bench-${preparedSets}`;
  const answer = preparsePolicySet(id, { staticPolicies: policies.join('\n') });
  if (answer.type !== 'success') {
    const reasons = answer.errors.map((e) => e.message).join('; ');
    throw new Error(`cedar-wasm refused the translated policies: ${reasons}`);
  }
  return id;
}

/** Allow, or a deny that is explicit when a `forbid` was satisfied; a Cedar evaluation error is a bug in the translation. */
function toDecision(answer: AuthorizationAnswer): DecisionKind {
  if (answer.type !== 'success') throw new Error(answer.errors.map((e) => e.message).join('; '));
  const { decision, diagnostics } = answer.response;
  if (diagnostics.errors.length > 0)
    throw new Error(diagnostics.errors.map((e) => e.error.message).join('; '));
  if (decision === 'allow') return 'Allow';
  return diagnostics.reason.length > 0 ? 'ExplicitDeny' : 'ImplicitDeny';
}

function principalUid(request: BenchRequest, account: string): { type: string; id: string } {
  const key = identityKey(request.principal, account);
  if (key === null)
    throw new Error(`the Cedar translation takes user and role-session callers, not ${request.principal}`);
  const [kind, name = ''] = key.split('/');
  return { type: kind === 'user' ? 'User' : 'Role', id: name };
}

const ACTION = (request: BenchRequest): EntityUid => ({ type: 'Action', id: request.action.toLowerCase() });
const RESOURCE: EntityUid = { type: 'Resource', id: 'requested' };

/** Cedar's scope for an attachment target: `group/g` → `principal in Group::"g"`, a user or role → `==`. */
function principalScope(to: string): string {
  const [kind, name = ''] = to.split('/');
  const type = kind === 'group' ? 'Group' : kind === 'user' ? 'User' : 'Role';
  return `principal ${kind === 'group' ? 'in' : '=='} ${type}::${JSON.stringify(name)}`;
}

/** The whole account as one policy set: one Cedar policy per statement per attachment. */
export function accountPolicies(model: BenchModel): string[] {
  const documents = new Map(model.policies.map((p) => [p.name, p.document]));
  return model.attachments.flatMap((attachment) => {
    const statements = documents.get(attachment.policy)?.Statement ?? [];
    const extra =
      attachment.resourceGroup === undefined ? [] : [resourceGroupCondition(attachment.resourceGroup)];
    return statements.map((s) => cedarPolicy(s, principalScope(attachment.to), extra));
  });
}

function callerEntities(request: BenchRequest, model: BenchModel): EntityJson[] {
  const uid = principalUid(request, model.account);
  const user = uid.type === 'User' ? model.users.find((u) => u.name === uid.id) : undefined;
  const parents = (user?.groups ?? []).map((g) => ({ type: 'Group', id: g }));
  return [{ uid, attrs: {}, parents }];
}

const idiomatic: Peer = {
  name: 'cedar-wasm',
  packageName: '@cedar-policy/cedar-wasm',
  differences: [
    'Idiomatic Cedar: the whole account is one policy set, parsed once (`preparsePolicySet`) and decided with `statefulIsAuthorized`. Each statement of each attachment is one `permit`/`forbid` scoped to `principal in Group::"…"` (or `==` a user or role); the caller is an entity whose parents are its groups. Cedar has no index from principals to policies: its decision time grows with the number of policies in the set.',
    'Resource-group scopes become a condition on the request’s resource group (`context["ramc:resourcegroup"]`). That equals RAM’s precedence rule only because resource-group-scoped policies in the workload never deny (an account-scope Allow would otherwise hide a resource-group Deny in RAM but not in Cedar).',
    'Explicit and implicit denies are told apart by whether a `forbid` is among the determining policies.',
    'RAM matching rules are written out: action names are lower-cased entity ids (RAM compares them case-insensitively); wildcard actions and resources use `like` on `context.action` / `context.resource` (Cedar has no one-character `?`); condition keys are context attributes named by the lower-cased key, IPs as `ip` values, booleans as Bool, times as epoch-millisecond Longs; a missing key fails non-negated tests and satisfies negated ones.',
    'The context and the caller entity are built from each request before timing; Cedar still converts them from JavaScript on every call.',
  ],
  prepare(workload: Workload): Contender {
    const { model, requests } = workload;
    const setId = prepareSet(accountPolicies(model));
    const calls = requests.map((request) => ({
      principal: principalUid(request, model.account),
      action: ACTION(request),
      resource: RESOURCE,
      context: cedarContext(request, true),
      entities: callerEntities(request, model),
      preparsedPolicySetId: setId,
    }));
    return {
      name: 'cedar-wasm',
      decide: (index) => toDecision(statefulIsAuthorized(calls[index] as (typeof calls)[number])),
    };
  },
};

const perCaller: Peer = {
  name: 'cedar-wasm/caller',
  packageName: '@cedar-policy/cedar-wasm',
  differences: [
    'The same translation, sliced by caller as the other peers are: one prepared policy set per identity and scope (only the policies attached to it), chosen by the host, so Cedar’s cost stays flat like ramc’s. RAM resource-group precedence is applied by the host as for pbac.',
  ],
  prepare(workload: Workload): Contender {
    const { model, requests } = workload;
    const build = (policies: ScopedPolicy[]) =>
      prepareSet(policies.flatMap((p) => p.document.Statement.map((s) => cedarPolicy(s, 'principal'))));
    const slices = sliceIdentities(model, new Set(requests.map((r) => r.principal)), build);
    const prepared = requests.map((request) => ({
      slice: sliceFor(slices, request.principal, model.account),
      group: request.resourceGroup,
      call: {
        principal: principalUid(request, model.account),
        action: ACTION(request),
        resource: RESOURCE,
        context: cedarContext(request, false),
        entities: [],
      },
    }));
    return {
      name: 'cedar-wasm/caller',
      decide(index) {
        const { slice, group, call } = prepared[index] as (typeof prepared)[number];
        return decideScoped(slice, group, (preparsedPolicySetId) =>
          toDecision(statefulIsAuthorized({ ...call, preparsedPolicySetId })),
        );
      },
    };
  },
};

/** @cedar-policy/cedar-wasm 4: the Cedar authorizer compiled to WebAssembly, two ways (see `differences`). */
export const cedarPeers: Peer[] = [idiomatic, perCaller];
