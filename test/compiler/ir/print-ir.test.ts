import { describe, expect, it } from 'vitest';
import { printIr } from '../../../compiler/ir/print-ir.js';
import { PASSES } from '../../../compiler/passes/index.js';
import { irOf } from '../passes/fixtures.js';

function compiled(): string {
  const lowered = irOf([
    {
      actions: ['kms:decrypt'],
      conditions: [
        { operator: 'IpAddress', key: 'acs:sourceip', values: ['10.1.2.3/8', '2001:db8::1/32'] },
        { operator: 'StringEquals', key: 'k', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] },
        { operator: 'Bool', key: 'acs:securetransport', values: ['TRUE'] },
        { operator: 'NumericLessThan', key: 'n', values: ['1e3'] },
      ],
    },
    { actions: ['kms:*'], notAction: true, effect: 'Deny', resources: ['acs:kms:*:*:key/x'] },
  ]);
  return printIr(PASSES.reduce((ir, pass) => pass.run(ir), lowered));
}

describe('printIr', () => {
  it('shows conditions with their parsed constants', () => {
    const text = compiled();
    expect(text).toContain(
      '    IpAddress "acs:sourceip" "10.1.2.3/8" "2001:db8::1/32" => ip 10.0.0.0/8 2001:db8:0:0:0:0:0:0/32\n',
    );
    expect(text).toContain('=> string "a" "b" "c" "d" "e" "f" "g" "h" (lookup)\n');
    expect(text).toContain('    Bool "acs:securetransport" "TRUE" => bool true\n');
    expect(text).toContain('    NumericLessThan "n" "1e3" => number 1000\n');
  });

  it('shows statements, sets and the action index', () => {
    const text = compiled();
    expect(text).toContain(
      '  s1 p0[1] Deny at "p.json":2:1\n    NotAction "kms:*"\n    Resource "acs:kms:*:*:key/x"\n',
    );
    expect(text).toContain('    sets account=#0\n');
    expect(text).toContain('sets\n  #0: s0 s1\n');
    expect(text).toContain('    "kms:decrypt": s0\n');
    expect(text).toContain('    "sts:assumerole": s1\n');
    expect(text).toContain('    other: s1\n');
    expect(text).toMatch(/\nactions \d+\n {2}\S/);
  });

  it('prints the same text for the same IR', () => {
    expect(compiled()).toBe(compiled());
  });
});
