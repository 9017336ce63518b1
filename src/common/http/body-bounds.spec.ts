import { exceededBound, type BodyBounds } from './body-bounds.js';

const bounds: BodyBounds = { bodyLimit: 1024, depth: 3, keys: 4, arrayItems: 5, stringLength: 6 };
const sut = (text: string) => exceededBound(text, bounds);

describe('exceededBound', () => {
  it('accepts a body exactly at every bound', () => {
    expect(sut('{"a":{"b":[1,2,3]},"cdefgh":"123456","d":[4,5]}')).toBeUndefined();
    expect(sut('{"a":[[]]}')).toBeUndefined();
  });

  it('counts nesting of objects and arrays together', () => {
    expect(sut('{"a":{"b":{"c":1}}}')).toBeUndefined();
    expect(sut('{"a":{"b":{"c":{}}}}')).toBe('Request body nests deeper than 3 levels');
    expect(sut('[[[[]]]]')).toBe('Request body nests deeper than 3 levels');
  });

  it('counts keys across all objects', () => {
    expect(sut('{"a":1,"b":{"c":2,"d":3,"e":4}}')).toBe('Request body has more than 4 keys');
  });

  it('counts array items across all arrays; an empty array has none', () => {
    expect(sut('{"a":[ ],"b":[1,2,3],"c":[4, 5]}')).toBeUndefined();
    expect(sut('{"a":[1,2,3],"b":[4,5,6]}')).toBe('Request body has more than 5 array items');
    expect(sut('[[1],[2],[3]]')).toBe('Request body has more than 5 array items');
  });

  it('measures strings (keys too) with each escape as one character', () => {
    expect(sut('{"k":"\\u00e9\\n\\"\\\\ab"}')).toBeUndefined();
    expect(sut('{"k":"\\u00e9\\n\\"\\\\abc"}')).toBe('Request body has a string longer than 6 characters');
    expect(sut('{"1234567":1}')).toBe('Request body has a string longer than 6 characters');
  });

  it('ignores structure inside strings', () => {
    expect(sut('{"a":"{[:,]}","b":"\\"{{{{"}')).toBeUndefined();
  });

  it('leaves malformed text to the JSON parser', () => {
    expect(sut('{"a":"unterminated')).toBeUndefined();
    expect(sut('}}}]]')).toBeUndefined();
  });

  it('stops at the first bound crossed, in linear time, without recursion', () => {
    const wide = { bodyLimit: 0, depth: 100_000, keys: 1_000_000, arrayItems: 1_000_000, stringLength: 10_000_000 };
    const deep = `${'['.repeat(90_000)}${']'.repeat(90_000)}`;
    expect(exceededBound(deep, wide)).toBeUndefined();
    const escapes = `{"s":"${'\\n'.repeat(1_000_000)}"}`;
    const started = performance.now();
    expect(exceededBound(escapes, wide)).toBeUndefined();
    expect(exceededBound(escapes, { ...wide, stringLength: 999_999 })).toBe('Request body has a string longer than 999999 characters');
    // A quadratic scan of 2 MB of escapes would take minutes; this takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
