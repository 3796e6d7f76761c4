import { forEachCandidateList } from '../../runtime/candidate-runs.js';
import { decodeBundle } from '../../runtime/decode.js';
import type { DecodedBundle } from '../../runtime/decoded-bundle.js';
import * as F from '../../runtime/format.js';
import { OPERATOR_NAMES } from '../../runtime/operator-codes.js';

const SECTION_NAMES: Record<number, string> = {
  [F.SECTION_META]: 'META',
  [F.SECTION_STRINGS]: 'STRINGS',
  [F.SECTION_POLICIES]: 'POLICIES',
  [F.SECTION_STATEMENTS]: 'STATEMENTS',
  [F.SECTION_CONDITIONS]: 'CONDITIONS',
  [F.SECTION_LISTS]: 'LISTS',
  [F.SECTION_NUMBERS]: 'NUMBERS',
  [F.SECTION_IP_BLOCKS]: 'IP_BLOCKS',
  [F.SECTION_PRINCIPALS]: 'PRINCIPALS',
  [F.SECTION_ACCESS_KEYS]: 'ACCESS_KEYS',
  [F.SECTION_SETS]: 'SETS',
  [F.SECTION_ACTIONS]: 'ACTIONS',
  [F.SECTION_CANDIDATES]: 'CANDIDATES',
  [F.SECTION_RESOURCE_GROUP_SETS]: 'RESOURCE_GROUP_SETS',
};

const POLICY_TYPE_NAMES = ['System', 'Custom', 'Session', 'Trust'];

/**
 * A readable listing of a decision bundle, for golden tests and `ramc inspect`: the header and section
 * table, then every table with strings shown quoted in place of their ids, statements as `s<id>`, sets as
 * `#<id>`, known actions as `a<id>`. Checks the bundle first and throws its `BundleError` when invalid.
 */
export function disassemble(bytes: Uint8Array): string {
  const b = decodeBundle(bytes);
  const out: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const checksum = view.getUint32(F.HEADER_CHECKSUM, true).toString(16).padStart(8, '0');
  out.push(
    `ramc bundle format ${b.major}.${b.minor}, ${bytes.length} bytes, checksum 0x${checksum}, ir v${b.irVersion}`,
  );
  out.push('sections');
  const sections = view.getUint32(F.HEADER_SECTION_COUNT, true);
  for (let i = 0; i < sections; i++) {
    const at = F.HEADER_BYTES + i * F.SECTION_ENTRY_BYTES;
    const id = view.getUint32(at, true);
    const name = SECTION_NAMES[id] ?? `unknown ${id}`;
    out.push(
      `  ${name.padEnd(20)} at ${view.getUint32(at + 4, true)}, ${view.getUint32(at + 8, true)} bytes`,
    );
  }
  const str = (id: number): string => (id === F.NONE ? '-' : JSON.stringify(b.strings[id]));
  out.push(`account ${str(b.account)}`);
  out.push(
    `sts public key ${b.stsPublicKeyPem === F.NONE ? 'none' : `${(b.strings[b.stsPublicKeyPem] ?? '').length} characters`}`,
  );
  out.push(`strings ${b.strings.length}`);
  listPolicies(b, out, str);
  listStatements(b, out, str);
  listPrincipals(b, out, str);
  out.push('access keys');
  for (let at = 0; at < b.accessKeys.length; at += F.ACCESS_KEY_WORDS) {
    const active = b.accessKeys[at + F.ACCESS_KEY_ACTIVE] === 1 ? 'Active' : 'Inactive';
    out.push(
      `  ${str(b.accessKeys[at + F.ACCESS_KEY_ID] as number)} principal ${b.accessKeys[at + F.ACCESS_KEY_PRINCIPAL]} ${active}`,
    );
  }
  out.push('actions');
  b.actions.forEach((id, i) => {
    out.push(`  a${i} ${str(id)}`);
  });
  listSets(b, out);
  return `${out.join('\n')}\n`;
}

type Str = (id: number) => string;

function words(b: DecodedBundle, start: number, count: number): number[] {
  return Array.from(b.lists.subarray(start, start + count));
}

function statementIds(b: DecodedBundle, start: number, count: number): string {
  return `[${words(b, start, count)
    .map((id) => `s${id}`)
    .join(' ')}]`;
}

function listPolicies(b: DecodedBundle, out: string[], str: Str): void {
  out.push('policies');
  for (let at = 0, i = 0; at < b.policies.length; at += F.POLICY_WORDS, i++) {
    const type = POLICY_TYPE_NAMES[b.policies[at + F.POLICY_TYPE] as number];
    const version = b.policies[at + F.POLICY_VERSION] as number;
    out.push(`  p${i} ${type} ${str(b.policies[at + F.POLICY_NAME] as number)} version ${str(version)}`);
  }
}

function listStatements(b: DecodedBundle, out: string[], str: Str): void {
  out.push('statements');
  for (let at = 0, i = 0; at < b.statements.length; at += F.STATEMENT_WORDS, i++) {
    const s = (field: number): number => b.statements[at + field] as number;
    const flags = s(F.STATEMENT_FLAGS);
    const effect = flags & F.STATEMENT_FLAG_DENY ? 'Deny' : 'Allow';
    const sid = s(F.STATEMENT_SID) === F.NONE ? '' : ` sid ${str(s(F.STATEMENT_SID))}`;
    const origin = `${str(s(F.STATEMENT_ORIGIN_FILE))}:${s(F.STATEMENT_ORIGIN_LINE)}:${s(F.STATEMENT_ORIGIN_COLUMN)}`;
    out.push(`  s${i} p${s(F.STATEMENT_POLICY)}[${s(F.STATEMENT_INDEX)}] ${effect}${sid} at ${origin}`);
    const actions = words(b, s(F.STATEMENT_ACTIONS_START), s(F.STATEMENT_ACTIONS_COUNT)).map(str);
    out.push(`    ${flags & F.STATEMENT_FLAG_NOT_ACTION ? 'NotAction' : 'Action'} ${actions.join(' ')}`);
    const resources = words(b, s(F.STATEMENT_RESOURCES_START), s(F.STATEMENT_RESOURCES_COUNT)).map(str);
    if (resources.length > 0 || flags & F.STATEMENT_FLAG_NOT_RESOURCE) {
      out.push(
        `    ${flags & F.STATEMENT_FLAG_NOT_RESOURCE ? 'NotResource' : 'Resource'} ${resources.join(' ')}`,
      );
    }
    for (let c = 0; c < s(F.STATEMENT_CONDITIONS_COUNT); c++) {
      out.push(`    ${conditionLine(b, s(F.STATEMENT_CONDITIONS_START) + c, str)}`);
    }
  }
}

function conditionLine(b: DecodedBundle, index: number, str: Str): string {
  const c = (field: number): number => b.conditions[index * F.CONDITION_WORDS + field] as number;
  const op = c(F.CONDITION_OPERATOR);
  const values = words(b, c(F.CONDITION_VALUES_START), c(F.CONDITION_VALUES_COUNT)).map(str);
  const start = c(F.CONDITION_CONST_START);
  const count = c(F.CONDITION_CONST_COUNT);
  let constants: string[];
  switch (c(F.CONDITION_CONST_KIND)) {
    case F.CONST_STRING:
      constants = words(b, start, count).map(str);
      break;
    case F.CONST_BOOL:
      constants = words(b, start, count).map((w) => (w === 1 ? 'true' : 'false'));
      break;
    case F.CONST_NUMBER:
      constants = Array.from(b.numbers.subarray(start, start + count), (n) =>
        op >= F.OP_DATE_EQUALS && op < F.OP_BOOL ? dateText(n) : String(n),
      );
      break;
    default:
      constants = Array.from({ length: count }, (_, i) => ipBlockText(b, start + i));
  }
  const lookup = c(F.CONDITION_CONST_FLAGS) & F.CONST_FLAG_LOOKUP ? ' (hashed)' : '';
  return `${OPERATOR_NAMES[op]} ${str(c(F.CONDITION_KEY))} ${values.join(' ')} => ${constants.join(' ')}${lookup}`;
}

function dateText(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

function ipBlockText(b: DecodedBundle, index: number): string {
  const at = index * F.IP_BLOCK_WORDS;
  const word = (n: number): number => (b.ipBlocks[at + F.IP_BLOCK_WORD0 + n] as number) >>> 0;
  const prefix = b.ipBlocks[at + F.IP_BLOCK_PREFIX];
  if (b.ipBlocks[at + F.IP_BLOCK_FAMILY] === 4) {
    const w = word(0);
    return `${w >>> 24}.${(w >>> 16) & 0xff}.${(w >>> 8) & 0xff}.${w & 0xff}/${prefix}`;
  }
  const groups: number[] = [];
  for (let n = 0; n < 4; n++) groups.push(word(n) >>> 16, word(n) & 0xffff);
  return `${ipv6Text(groups)}/${prefix}`;
}

/** Eight 16-bit groups in the RFC 5952 form: lower-case hex, the longest run of 2+ zero groups as `::`. */
function ipv6Text(groups: readonly number[]): string {
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = (part: readonly number[]): string => part.map((g) => g.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`;
}

function listPrincipals(b: DecodedBundle, out: string[], str: Str): void {
  out.push('principals');
  for (let at = 0, i = 0; at < b.principals.length; at += F.PRINCIPAL_WORDS, i++) {
    const p = (field: number): number => b.principals[at + field] as number;
    const role = p(F.PRINCIPAL_KIND) === F.PRINCIPAL_ROLE;
    const linked =
      p(F.PRINCIPAL_LINKED_SERVICE) === F.NONE ? '' : ` linked ${str(p(F.PRINCIPAL_LINKED_SERVICE))}`;
    const extra = role ? ` max ${p(F.PRINCIPAL_MAX_SESSION)}${linked}` : '';
    const accountSet = p(F.PRINCIPAL_ACCOUNT_SET) === F.NONE ? '-' : `#${p(F.PRINCIPAL_ACCOUNT_SET)}`;
    out.push(`  ${i} ${role ? 'role' : 'user'} ${str(p(F.PRINCIPAL_NAME))}${extra} account ${accountSet}`);
    for (let g = 0; g < p(F.PRINCIPAL_GROUP_SETS_COUNT); g++) {
      const row = (p(F.PRINCIPAL_GROUP_SETS_START) + g) * F.GROUP_SET_WORDS;
      out.push(
        `    group ${str(b.groupSets[row + F.GROUP_SET_GROUP] as number)} #${b.groupSets[row + F.GROUP_SET_SET]}`,
      );
    }
    if (p(F.PRINCIPAL_TRUST_COUNT) > 0) {
      out.push(`    trust ${statementIds(b, p(F.PRINCIPAL_TRUST_START), p(F.PRINCIPAL_TRUST_COUNT))}`);
    }
  }
}

function listSets(b: DecodedBundle, out: string[]): void {
  out.push('sets');
  for (let at = 0, i = 0; at < b.sets.length; at += F.SET_WORDS, i++) {
    const s = (field: number): number => b.sets[at + field] as number;
    out.push(`  #${i} ${statementIds(b, s(F.SET_STATEMENTS_START), s(F.SET_STATEMENTS_COUNT))}`);
    // Actions with the same candidate list are listed together, as ranges: `a0-a18 a20 [s3]`.
    const groups = new Map<string, number[]>();
    const actionCount = b.actions.length;
    forEachCandidateList(
      b.candidates,
      s(F.SET_CANDIDATES_START),
      s(F.SET_CANDIDATES_COUNT),
      actionCount,
      (action, start, count) => {
        const list = statementIds(b, start, count);
        const actions = groups.get(list) ?? [];
        actions.push(action);
        groups.set(list, actions);
      },
    );
    for (const [list, actions] of groups) out.push(`    ${actionRanges(actions)} ${list}`);
    out.push(`    other ${statementIds(b, s(F.SET_OTHER_START), s(F.SET_OTHER_COUNT))}`);
  }
}

/** Ascending action ids as `a0-a3 a7`. */
function actionRanges(actions: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < actions.length; ) {
    let j = i;
    while (j + 1 < actions.length && actions[j + 1] === (actions[j] as number) + 1) j++;
    parts.push(j === i ? `a${actions[i]}` : `a${actions[i]}-a${actions[j]}`);
    i = j + 1;
  }
  return parts.join(' ');
}
