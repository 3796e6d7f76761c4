/** The policy AST a generated permission-policy document must validate to, with spans left out. */

type StringList = string | string[];

interface StatementJson {
  Sid?: string;
  Effect: string;
  Action?: StringList;
  NotAction?: StringList;
  Resource?: StringList;
  NotResource?: StringList;
  Condition?: Record<string, Record<string, StringList>>;
}

const SPAN_MEMBERS = new Set(['span', 'keySpan', 'operatorSpan']);

/** A copy of an AST without its source positions, for comparing structure only. */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SPAN_MEMBERS.has(key))
      .map(([key, member]) => [key, withoutSpans(member)]),
  );
}

const located = (list: StringList): { value: string }[] =>
  (typeof list === 'string' ? [list] : list).map((value) => ({ value }));

function patternList(positive: StringList | undefined, negative: StringList | undefined) {
  return { negated: positive === undefined, patterns: located(positive ?? negative ?? []) };
}

/** The spanless AST of a generated document (semantics §2): lists as located strings, clauses in source order. */
export function expectedPolicyAst(document: { Statement: Record<string, unknown>[] }): unknown {
  return {
    kind: 'permission',
    statements: document.Statement.map((raw, index) => {
      const s = raw as unknown as StatementJson;
      return {
        index,
        sid: s.Sid ?? null,
        effect: s.Effect,
        action: patternList(s.Action, s.NotAction),
        resource: patternList(s.Resource, s.NotResource),
        principal: null,
        conditions: Object.entries(s.Condition ?? {}).flatMap(([operator, keys]) =>
          Object.entries(keys).map(([key, values]) => ({
            operator,
            key,
            keyLower: key.toLowerCase(),
            values: located(values),
          })),
        ),
      };
    }),
  };
}
