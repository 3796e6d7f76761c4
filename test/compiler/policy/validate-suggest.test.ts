import { describe, expect, it } from 'vitest';
import { didYouMean, didYouMeanSentence } from '../../../compiler/policy/validate-suggest.js';

const MEMBERS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'Condition'];

describe('didYouMean', () => {
  it.each([
    ['statement', ['Version', 'Statement'], 'Statement'],
    ['EFFECT', MEMBERS, 'Effect'],
    ['Actions', MEMBERS, 'Action'],
    ['Ressource', MEMBERS, 'Resource'],
    ['Princpal', MEMBERS, 'Principal'],
    ['notresource', MEMBERS, 'NotResource'],
    ['sid', MEMBERS, 'Sid'],
    ['Alolw', ['Allow', 'Deny'], 'Allow'],
    ['Cnodition', MEMBERS, 'Condition'],
  ])('maps %s to the intended name', (input, candidates, expected) => {
    expect(didYouMean(input, candidates)).toBe(expected);
  });

  it.each([
    ['Id', ['Version', 'Statement']],
    ['Foo', MEMBERS],
    ['Bad', ['Version', 'Statement']],
    ['Conditional', ['Bool']],
    ['x'.repeat(100), MEMBERS],
  ])('suggests nothing for %s', (input, candidates) => {
    expect(didYouMean(input, candidates)).toBeUndefined();
  });

  it('prefers an exact case-insensitive match over a closer edit', () => {
    expect(didYouMean('notaction', ['NotActions', 'NotAction'])).toBe('NotAction');
  });

  it('formats a sentence or nothing', () => {
    expect(didYouMeanSentence('Allow')).toBe(' Did you mean `Allow`?');
    expect(didYouMeanSentence(undefined)).toBe('');
  });
});

describe('didYouMean on longer inputs', () => {
  it('suggests a name the input extends', () => {
    expect(didYouMean('Boolean', ['Bool', 'IpAddress'])).toBe('Bool');
    expect(didYouMean('Sids', ['Sid'])).toBe('Sid');
    expect(didYouMean('Sidebar', ['Sid'])).toBeUndefined();
  });
});
