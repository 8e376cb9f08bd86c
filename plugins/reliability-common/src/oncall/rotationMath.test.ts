import { Rotation } from './Rotation';
import { nextHandoffs, onCallAt, uncoveredIntervals } from './rotationMath';

const ANA = 'user:default/ana';
const BRUNO = 'user:default/bruno';
const CHEN = 'user:default/chen';
const DANA = 'user:default/dana';
const EMIL = 'user:default/emil';
const GITA = 'user:default/gita';
const HUGO = 'user:default/hugo';
const t = (iso: string) => Date.parse(iso);

/** Weekly, Monday 09:00 Berlin, three people; level 2 fortnightly. */
const berlin: Rotation = {
  id: 'payments-primary',
  name: 'Payments primary',
  team: 'group:default/payments',
  timeZone: 'Europe/Berlin',
  handoffAnchor: '2026-03-02T09:00',
  shiftLength: 'P1W',
  levels: [
    { users: [ANA, BRUNO, CHEN] },
    { users: [GITA, HUGO], shiftLength: 'P2W' },
  ],
  overrides: [],
};

/** Daily, 09:00 New York, two people. */
const newYork: Rotation = {
  id: 'checkout-daily',
  name: 'Checkout daily',
  team: 'group:default/checkout-team',
  timeZone: 'America/New_York',
  handoffAnchor: '2026-10-30T09:00',
  shiftLength: 'P1D',
  levels: [{ users: [DANA, EMIL] }],
  overrides: [],
};

describe('onCallAt', () => {
  it.each([
    // First shift: 09:00 CET is 08:00 UTC.
    [
      '2026-03-02T08:00:00Z',
      ANA,
      '2026-03-02T08:00:00.000Z',
      '2026-03-09T08:00:00.000Z',
    ],
    ['2026-03-02T07:59:59Z', null, '', ''],
    // Berlin springs forward on 29 March: Monday 30 March 09:00 CEST is
    // 07:00 UTC, an hour earlier in UTC than the weeks before.
    [
      '2026-03-30T06:59:00Z',
      ANA,
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ],
    [
      '2026-03-30T07:30:00Z',
      BRUNO,
      '2026-03-30T07:00:00.000Z',
      '2026-04-06T07:00:00.000Z',
    ],
    // Berlin falls back on 25 October: Monday 26 October 09:00 CET is
    // 08:00 UTC again. Shift 33 (ana) runs until then, shift 34 is bruno.
    [
      '2026-10-26T07:30:00Z',
      ANA,
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ],
    [
      '2026-10-26T08:00:00Z',
      BRUNO,
      '2026-10-26T08:00:00.000Z',
      '2026-11-02T08:00:00.000Z',
    ],
  ])('Berlin level 1 at %s is %s', (at, user, start, end) => {
    const level1 = onCallAt(berlin, t(at)).find(s => s.level === 1);
    expect(level1 ?? null).toEqual(
      user === null ? null : { level: 1, user, start, end, override: false },
    );
  });

  it('runs level 2 on its own, fortnightly, shift', () => {
    // Four weeks after the anchor: level-2 shift 2 → gita again.
    expect(onCallAt(berlin, t('2026-03-30T07:30:00Z'))).toEqual([
      expect.objectContaining({ level: 1, user: BRUNO }),
      {
        level: 2,
        user: GITA,
        start: '2026-03-30T07:00:00.000Z',
        end: '2026-04-13T07:00:00.000Z',
        override: false,
      },
    ]);
    expect(onCallAt(berlin, t('2026-03-17T12:00:00Z'))[1].user).toBe(HUGO);
  });

  it.each([
    ['2026-10-31T12:59:00Z', DANA],
    ['2026-10-31T13:00:00Z', EMIL], // 09:00 EDT
    // New York falls back on 1 November: the day has 25 hours and the
    // 09:00 EST hand-off is at 14:00 UTC, not 13:00.
    ['2026-11-01T13:30:00Z', EMIL],
    ['2026-11-01T14:00:00Z', DANA],
  ])('New York daily at %s is %s', (at, user) => {
    expect(onCallAt(newYork, t(at))[0].user).toBe(user);
  });

  it('lets an override win, across a hand-off', () => {
    const withOverride: Rotation = {
      ...berlin,
      overrides: [
        {
          id: 'o1',
          start: '2026-03-29T20:00:00Z',
          end: '2026-03-30T12:00:00Z',
          user: CHEN,
        },
      ],
    };
    expect(onCallAt(withOverride, t('2026-03-30T07:30:00Z'))[0]).toEqual({
      level: 1,
      user: CHEN,
      start: '2026-03-29T20:00:00Z',
      end: '2026-03-30T12:00:00Z',
      override: true,
    });
    expect(onCallAt(withOverride, t('2026-03-30T12:00:00Z'))[0].user).toBe(
      BRUNO,
    );
    // An override on level 2 leaves level 1 alone.
    const level2: Rotation = {
      ...berlin,
      overrides: [
        {
          start: '2026-03-30T00:00:00Z',
          end: '2026-03-31T00:00:00Z',
          user: ANA,
          level: 2,
        },
      ],
    };
    expect(
      onCallAt(level2, t('2026-03-30T07:30:00Z')).map(s => s.user),
    ).toEqual([BRUNO, ANA]);
  });

  it('keeps exact hours for hour-based shifts, even across a change', () => {
    const twelveHours: Rotation = {
      ...berlin,
      handoffAnchor: '2026-03-28T09:00',
      shiftLength: 'PT12H',
      levels: [{ users: [ANA, BRUNO] }],
    };
    // 08:00Z, 20:00Z, then 08:00Z on the 29th, which is 10:00 CEST.
    expect(onCallAt(twelveHours, t('2026-03-29T07:59:00Z'))[0]).toMatchObject({
      user: BRUNO,
      start: '2026-03-28T20:00:00.000Z',
    });
    expect(onCallAt(twelveHours, t('2026-03-29T08:00:00Z'))[0]).toMatchObject({
      user: ANA,
      end: '2026-03-29T20:00:00.000Z',
    });
  });
});

describe('nextHandoffs', () => {
  it('lists the next hand-offs in New York across the November change', () => {
    expect(nextHandoffs(newYork, t('2026-10-31T12:00:00Z'), 3)).toEqual([
      { at: '2026-10-31T13:00:00.000Z', level: 1, from: DANA, to: EMIL },
      { at: '2026-11-01T14:00:00.000Z', level: 1, from: EMIL, to: DANA },
      { at: '2026-11-02T14:00:00.000Z', level: 1, from: DANA, to: EMIL },
    ]);
  });

  it('merges overrides with the schedule and skips boundaries that change nobody', () => {
    const withOverride: Rotation = {
      ...berlin,
      overrides: [
        {
          start: '2026-03-29T20:00:00.000Z',
          end: '2026-03-30T12:00:00.000Z',
          user: CHEN,
        },
      ],
    };
    expect(nextHandoffs(withOverride, t('2026-03-29T19:00:00Z'), 3)).toEqual([
      { at: '2026-03-29T20:00:00.000Z', level: 1, from: ANA, to: CHEN },
      { at: '2026-03-30T12:00:00.000Z', level: 1, from: CHEN, to: BRUNO },
      { at: '2026-04-06T07:00:00.000Z', level: 1, from: BRUNO, to: CHEN },
    ]);
  });

  it('starts with the first shift when asked before the anchor', () => {
    expect(nextHandoffs(berlin, t('2026-03-01T00:00:00Z'), 1)).toEqual([
      { at: '2026-03-02T08:00:00.000Z', level: 1, from: null, to: ANA },
    ]);
  });

  it('has no hand-offs in a one-person rotation', () => {
    expect(
      nextHandoffs(
        { ...berlin, levels: [{ users: [ANA] }] },
        t('2026-04-01T00:00:00Z'),
        3,
      ),
    ).toEqual([]);
  });
});

describe('uncoveredIntervals', () => {
  it('reports the time before the first hand-off, unless an override covers it', () => {
    expect(
      uncoveredIntervals(
        berlin,
        t('2026-03-01T00:00:00Z'),
        t('2026-03-03T00:00:00Z'),
      ),
    ).toEqual([
      { start: '2026-03-01T00:00:00.000Z', end: '2026-03-02T08:00:00.000Z' },
    ]);
    const covered: Rotation = {
      ...berlin,
      overrides: [
        {
          start: '2026-03-01T12:00:00Z',
          end: '2026-03-01T18:00:00Z',
          user: HUGO,
        },
      ],
    };
    expect(
      uncoveredIntervals(
        covered,
        t('2026-03-01T00:00:00Z'),
        t('2026-03-03T00:00:00Z'),
      ),
    ).toEqual([
      { start: '2026-03-01T00:00:00.000Z', end: '2026-03-01T12:00:00.000Z' },
      { start: '2026-03-01T18:00:00.000Z', end: '2026-03-02T08:00:00.000Z' },
    ]);
    expect(
      uncoveredIntervals(
        berlin,
        t('2026-04-01T00:00:00Z'),
        t('2026-04-30T00:00:00Z'),
      ),
    ).toEqual([]);
  });
});
