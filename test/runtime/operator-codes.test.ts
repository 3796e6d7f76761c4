import { describe, expect, it } from 'vitest';
import { CONDITION_OPERATORS, NEGATED_OPERATORS } from '../../compiler/policy/ast.js';
import { isNegatedOperator, OPERATOR_NAMES, operatorCode } from '../../runtime/operator-codes.js';

// The policy AST (a literal union type for the compiler) and the runtime's opcode table are two
// spellings of semantics §4.1; this keeps them in step.
describe('operator codes', () => {
  it('number the AST operators in the same order, from 1', () => {
    expect(OPERATOR_NAMES.slice(1)).toEqual([...CONDITION_OPERATORS]);
    for (const name of CONDITION_OPERATORS) expect(OPERATOR_NAMES[operatorCode(name)]).toBe(name);
    expect(operatorCode('StringEqualsIfExists')).toBe(0);
  });

  it('agree on which operators are negated', () => {
    for (const name of CONDITION_OPERATORS) {
      expect(isNegatedOperator(operatorCode(name))).toBe(NEGATED_OPERATORS.has(name));
    }
  });
});
