import { describe, expect, it } from 'vitest';
import { StringTable } from '../../../compiler/ir/intern.js';

describe('StringTable', () => {
  it('gives each distinct string one id, in first-seen order', () => {
    const t = new StringTable();
    expect([t.intern('a'), t.intern('b'), t.intern('a'), t.intern('')]).toEqual([0, 1, 0, 2]);
    expect(t.strings).toEqual(['a', 'b', '']);
  });

  it('keeps the ids of a table it starts from and never changes that array', () => {
    const base = ['x', 'y'];
    const t = new StringTable(base);
    expect(t.strings).toBe(base);
    expect(t.intern('y')).toBe(1);
    expect(t.strings).toBe(base);
    expect(t.intern('z')).toBe(2);
    expect(base).toEqual(['x', 'y']);
    expect(t.strings).toEqual(['x', 'y', 'z']);
  });
});
