import { ConfigReader } from '@backstage/config';
import { DEFAULT_SCORECARD_TARGETS } from '@reliability-suite/plugin-reliability-common';
import { readScorecardTargets } from './readScorecardTargets';

describe('readScorecardTargets', () => {
  it('takes the defaults and overrides key by key', () => {
    expect(readScorecardTargets(new ConfigReader({}))).toEqual(
      DEFAULT_SCORECARD_TARGETS,
    );
    expect(
      readScorecardTargets(
        new ConfigReader({
          reliability: { targets: { sloCoverage: 0.8, mttaMinutes: 10 } },
        }),
      ),
    ).toEqual({
      ...DEFAULT_SCORECARD_TARGETS,
      sloCoverage: 0.8,
      mttaMinutes: 10,
    });
  });

  it.each([
    [
      { postmortemsOnTime: 90 },
      "'reliability.targets.postmortemsOnTime': must be a fraction from 0 to 1",
    ],
    [
      { maxActionsOlderThan60Days: -1 },
      "'reliability.targets.maxActionsOlderThan60Days': must not be negative",
    ],
  ])('refuses %j', (targets, message) => {
    expect(() =>
      readScorecardTargets(new ConfigReader({ reliability: { targets } })),
    ).toThrow(message);
  });
});
