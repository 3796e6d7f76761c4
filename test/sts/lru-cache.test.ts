import { describe, expect, it } from 'vitest';
import { LruCache } from '../../runtime/sts/lru-cache.js';

describe('LruCache', () => {
  it('evicts the least recently used entry past the entry bound', () => {
    const cache = new LruCache<string, number>(3, 1_000);
    cache.set('a', 1, 1);
    cache.set('b', 2, 1);
    cache.set('c', 3, 1);
    expect(cache.get('a')).toBe(1); // a is now the newest
    cache.set('d', 4, 1);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
    expect(cache.size).toBe(3);
  });

  it('evicts past the weight bound, and never stores an entry heavier than the bound', () => {
    const cache = new LruCache<string, number>(100, 10);
    cache.set('a', 1, 6);
    cache.set('b', 2, 6);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    cache.set('huge', 3, 11);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
  });

  it('replaces an entry without counting it twice', () => {
    const cache = new LruCache<string, number>(2, 10);
    cache.set('a', 1, 5);
    cache.set('a', 2, 5);
    cache.set('b', 3, 5);
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([2, 3, 2]);
  });

  it('keeps an entry that is used while a stream of new keys passes through', () => {
    const cache = new LruCache<number, number>(100, 1_000_000);
    cache.set(-1, -1, 1);
    for (let i = 0; i < 10_000; i++) {
      cache.set(i, i, 1);
      if (i % 10 === 0) expect(cache.get(-1), `after key ${i}`).toBe(-1);
    }
    // The used entry holds one of the 100 places; the 99 newest keys hold the rest.
    expect(cache.size).toBe(100);
    expect(cache.get(10_000 - 99)).toBe(10_000 - 99);
    expect(cache.get(10_000 - 100)).toBeUndefined();
  });

  it('stays bounded under 10,000 distinct keys', () => {
    const cache = new LruCache<number, number>(1_024, 1_000_000);
    for (let i = 0; i < 10_000; i++) cache.set(i, i, 1);
    expect(cache.size).toBe(1_024);
    expect(cache.get(10_000 - 1)).toBe(9_999);
    expect(cache.get(0)).toBeUndefined();
  });
});
