import { ConfigReader } from '@backstage/config';
import { readReliabilityConfig } from './readReliabilityConfig';

const read = (reliability: object) =>
  readReliabilityConfig(new ConfigReader({ reliability }));

describe('readReliabilityConfig', () => {
  it('reads the history margin as milliseconds, a day by default', () => {
    expect(read({}).historyMarginMs).toBe(86_400_000);
    expect(read({ slos: { historyMargin: 'PT6H' } }).historyMarginMs).toBe(
      6 * 3_600_000,
    );
    expect(read({ slos: { historyMargin: 'PT0S' } }).historyMarginMs).toBe(0);
  });

  it.each(['P31D', 'a day', '-P1D'])(
    'stops start-up on a history margin of %s, naming the key',
    value => {
      expect(() => read({ slos: { historyMargin: value } })).toThrow(
        `Invalid config 'reliability.slos.historyMargin': '${value}' must be an ISO 8601 duration from PT0S to P30D`,
      );
    },
  );
});
