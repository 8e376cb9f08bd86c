import { meetsThreshold } from './meetsThreshold';

describe('meetsThreshold', () => {
  it.each([
    ['lt', 499.9, true],
    ['lt', 500, false],
    ['lte', 500, true],
    ['lte', 500.1, false],
    ['gt', 500, false],
    ['gt', 500.1, true],
    ['gte', 500, true],
    ['gte', 499.9, false],
    ['lt', Infinity, false],
    ['gt', Infinity, true],
    ['lt', -Infinity, true],
  ] as const)('%s 500 holds for %s: %s', (op, value, good) => {
    expect(meetsThreshold({ op, value: 500 }, value)).toBe(good);
  });
});
