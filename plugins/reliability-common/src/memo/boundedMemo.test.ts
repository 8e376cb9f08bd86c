import { boundedMemo } from './boundedMemo';

describe('boundedMemo', () => {
  it('computes a key once, and again only after it was cleared for room', () => {
    const memo = boundedMemo<number>(2);
    const compute = jest.fn((n: number) => n * 10);
    expect(memo('a', () => compute(1))).toBe(10);
    expect(memo('a', () => compute(99))).toBe(10);
    expect(memo('b', () => compute(2))).toBe(20);
    expect(compute).toHaveBeenCalledTimes(2);
    // Full: the third key clears the cache, so 'a' is computed again.
    expect(memo('c', () => compute(3))).toBe(30);
    expect(memo('a', () => compute(1))).toBe(10);
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('remembers undefined results too', () => {
    const memo = boundedMemo<undefined>();
    const compute = jest.fn(() => undefined);
    memo('x', compute);
    memo('x', compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });
});
