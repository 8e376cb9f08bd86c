import { ConfigReader } from '@backstage/config';
import { readDemoRotations } from './seedDemoRotations';

const rotation = {
  id: 'sre',
  name: 'SRE',
  team: 'group:default/sre',
  timeZone: 'UTC',
  handoffAnchor: '2026-11-02T09:00',
  shiftLength: 'P1W',
  levels: [{ users: ['user:default/gita'] }],
  overrides: [
    { user: 'User:default/Hugo', startedAgo: 'PT2H', lasts: 'PT20H' },
  ],
};

describe('readDemoRotations', () => {
  it('reads rotations and their relative overrides', () => {
    const config = new ConfigReader({
      reliability: { demoData: { rotations: [rotation] } },
    });
    expect(readDemoRotations(config)).toEqual([
      {
        id: 'sre',
        fields: {
          name: 'SRE',
          team: 'group:default/sre',
          timeZone: 'UTC',
          handoffAnchor: '2026-11-02T09:00',
          shiftLength: 'P1W',
          levels: [{ users: ['user:default/gita'] }],
        },
        overrides: [
          {
            user: 'user:default/hugo',
            startedAgoMs: 7_200_000,
            lastsMs: 72_000_000,
            level: undefined,
          },
        ],
      },
    ]);
  });

  it('names the key of an invalid demo rotation', () => {
    const config = new ConfigReader({
      reliability: {
        demoData: {
          rotations: [rotation, { ...rotation, timeZone: 'Nowhere/Land' }],
        },
      },
    });
    expect(() => readDemoRotations(config)).toThrow(
      "Invalid demo rotation at 'reliability.demoData.rotations[1].timeZone'",
    );
  });
});
