import { incidentDurations, incidentTimesOutOfOrder } from './Incident';
import {
  actionAgeDays,
  actionClosedOnTime,
  isActionOverdue,
  postmortemOnTime,
} from './actionMath';

const utc = { timeZone: 'UTC' };

describe('incidentDurations', () => {
  it('measures acknowledge, mitigate and resolve times', () => {
    expect(
      incidentDurations({
        startedAt: '2026-11-20T10:00:00Z',
        detectedAt: '2026-11-20T10:05:00Z',
        acknowledgedAt: '2026-11-20T10:08:00Z',
        mitigatedAt: '2026-11-20T10:40:00Z',
        resolvedAt: '2026-11-20T12:00:00Z',
      }),
    ).toEqual({
      timeToAcknowledgeMs: 3 * 60_000,
      timeToMitigateMs: 40 * 60_000,
      timeToResolveMs: 2 * 3_600_000,
    });
  });

  it('gives null for durations whose times are missing', () => {
    expect(
      incidentDurations({
        startedAt: '2026-11-20T10:00:00Z',
        detectedAt: null,
        acknowledgedAt: '2026-11-20T10:08:00Z',
        mitigatedAt: null,
        resolvedAt: null,
      }),
    ).toEqual({
      timeToAcknowledgeMs: null,
      timeToMitigateMs: null,
      timeToResolveMs: null,
    });
  });
});

describe('incidentTimesOutOfOrder', () => {
  it.each([
    [
      { startedAt: '2026-11-20T10:00:00Z', resolvedAt: '2026-11-20T09:00:00Z' },
      ['resolvedAt', 'startedAt'],
    ],
    [
      { startedAt: '2026-11-20T10:00:00Z', detectedAt: '2026-11-20T09:59:00Z' },
      ['detectedAt', 'startedAt'],
    ],
    [
      {
        detectedAt: '2026-11-20T10:00:00Z',
        acknowledgedAt: '2026-11-20T09:00:00Z',
      },
      ['acknowledgedAt', 'detectedAt'],
    ],
    [
      {
        mitigatedAt: '2026-11-20T11:00:00Z',
        resolvedAt: '2026-11-20T10:30:00Z',
      },
      ['resolvedAt', 'mitigatedAt'],
    ],
    [
      { startedAt: '2026-11-20T10:00:00Z', resolvedAt: '2026-11-20T10:00:00Z' },
      undefined,
    ],
  ])('for %j finds %j', (times, expected) => {
    expect(incidentTimesOutOfOrder(times)).toEqual(expected);
  });
});

describe('action facts', () => {
  const open = {
    status: 'open' as const,
    dueDate: '2026-11-20',
    createdAt: '2026-09-01T00:00:00Z',
    closedAt: null,
  };

  it('is overdue only after the end of its due date, and only while not closed', () => {
    expect(isActionOverdue(open, Date.parse('2026-11-20T23:59:59Z'), utc)).toBe(
      false,
    );
    expect(isActionOverdue(open, Date.parse('2026-11-21T00:00:00Z'), utc)).toBe(
      true,
    );
    expect(
      isActionOverdue(
        { ...open, status: 'done', closedAt: '2026-11-25T00:00:00Z' },
        Date.parse('2026-12-01T00:00:00Z'),
        utc,
      ),
    ).toBe(false);
  });

  it('was closed on time by the end of its due date', () => {
    expect(
      actionClosedOnTime(
        { ...open, status: 'done', closedAt: '2026-11-20T23:00:00Z' },
        utc,
      ),
    ).toBe(true);
    expect(
      actionClosedOnTime(
        { ...open, status: 'wont-do', closedAt: '2026-11-21T01:00:00Z' },
        utc,
      ),
    ).toBe(false);
    expect(actionClosedOnTime(open, utc)).toBeNull();
  });

  it('ages from creation to closing or now', () => {
    // 1 September to 1 November: 61 days.
    expect(actionAgeDays(open, Date.parse('2026-11-01T12:00:00Z'))).toBe(61);
    expect(
      actionAgeDays(
        { ...open, status: 'done', closedAt: '2026-09-11T00:00:00Z' },
        Date.parse('2026-11-01T00:00:00Z'),
      ),
    ).toBe(10);
  });
});

describe('postmortemOnTime', () => {
  const due = '2026-11-27T22:59:59.999Z';
  it.each([
    [
      { status: 'published', publishedAt: '2026-11-26T10:00:00Z', dueAt: due },
      '2026-12-10T00:00:00Z',
      true,
    ],
    [
      { status: 'published', publishedAt: '2026-11-28T10:00:00Z', dueAt: due },
      '2026-12-10T00:00:00Z',
      false,
    ],
    [
      { status: 'draft', publishedAt: null, dueAt: due },
      '2026-11-25T00:00:00Z',
      null,
    ],
    [
      { status: 'in-review', publishedAt: null, dueAt: due },
      '2026-11-28T00:00:00Z',
      false,
    ],
  ])('%j at %s is %s', (postmortem, at, expected) => {
    expect(postmortemOnTime(postmortem, Date.parse(at))).toBe(expected);
  });
});
