import { Rotation } from '@reliability-suite/plugin-reliability-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { levelSegments, RotationTimeline } from './RotationTimeline';

const HOUR = 3_600_000;
const rotation: Rotation = {
  id: 'sre',
  name: 'SRE',
  team: 'group:default/sre',
  timeZone: 'UTC',
  handoffAnchor: '2026-11-02T09:00',
  shiftLength: 'P1D',
  levels: [{ users: ['user:default/gita', 'user:default/hugo'] }],
  overrides: [
    {
      id: '1',
      start: '2026-11-03T12:00:00Z',
      end: '2026-11-03T18:00:00Z',
      user: 'user:default/ana',
      level: 1,
    },
  ],
};

describe('levelSegments', () => {
  it('cuts the range at hand-offs and overrides, with a gap before the first hand-off', () => {
    const from = Date.parse('2026-11-02T06:00:00Z');
    const to = Date.parse('2026-11-04T09:00:00Z');
    expect(
      levelSegments(rotation, 1, from, to).map(s => [
        new Date(s.start).toISOString().slice(5, 16),
        (s.end - s.start) / HOUR,
        s.user,
        s.override,
      ]),
    ).toEqual(
      [
        ['11-02T06:00', 3, null, false],
        ['11-02T09:00', 24, 'user:default/gita', false],
        ['11-03T09:00', 3, 'user:default/hugo', false],
        ['11-03T12:00', 6, 'user:default/ana', true],
        ['11-03T18:00', 15, 'user:default/hugo', false],
        ['11-04T09:00', 0, 'user:default/gita', false],
      ].filter(s => s[1] !== 0),
    );
  });
});

describe('RotationTimeline', () => {
  it('draws a bar per level with named stints', async () => {
    await renderInTestApp(
      <RotationTimeline
        rotation={rotation}
        from={Date.parse('2026-11-02T09:00:00Z')}
        days={2}
      />,
    );
    expect(
      screen.getByRole('figure', {
        name: 'On-call timeline of SRE for the next 2 days',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByTestId('timeline-segment').map(s => s.textContent),
    ).toEqual(['gita', 'hugo', 'ana', 'hugo']);
  });
});
