import { formatPercent } from './formatPercent';

describe('formatPercent', () => {
  it.each([
    [0.999, undefined, '99.9 %'],
    [0.995, undefined, '99.5 %'],
    [0.5, undefined, '50 %'],
    [0.99995, undefined, '99.995 %'],
    [0.1 + 0.2, undefined, '30 %'],
    [0.123456, 1, '12.3 %'],
    [-0.25, undefined, '-25 %'],
  ])('formats %d (%s decimals) as %s', (fraction, decimals, expected) => {
    expect(formatPercent(fraction, decimals)).toBe(expected);
  });
});
