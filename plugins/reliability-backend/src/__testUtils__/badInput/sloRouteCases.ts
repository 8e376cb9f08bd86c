import {
  BAD_TEXT,
  BAD_TIMESTAMPS,
  BadInputCase,
  fieldCases,
  routeCases,
  withField,
} from './badInputCase';
import { CHECKOUT, hourIn, isoIn, Seeded, sloSpec } from './badInputBackend';

/** An inline alert policy whose condition has `overrides`. */
const alertPolicy = (overrides: Record<string, unknown>) => ({
  kind: 'AlertPolicy',
  metadata: { name: 'fast-burn' },
  spec: {
    conditions: [
      {
        kind: 'AlertCondition',
        metadata: { name: 'burn-over-2' },
        spec: {
          severity: 'page',
          condition: {
            op: 'gt',
            threshold: 2,
            lookbackWindow: '1h',
            ...overrides,
          },
        },
      },
    ],
  },
});

/**
 * The SLO write routes (definitions, measurements, history, replay and
 * budget exceptions) with a valid request and the ways to break it.
 */
export function sloRouteCases(seeded: Seeded): BadInputCase[] {
  const ifMatch1 = { 'if-match': '"1"' };
  return [
    ...routeCases(
      {
        method: 'put',
        path: `${CHECKOUT}/slos/availability`,
        body: { ...sloSpec, version: 1 },
      },
      [
        ...fieldCases('version', [
          ['zero', 0],
          ['negative', -1],
          ['a fraction', 1.5],
          ['beyond 2^53', 2 ** 60],
          ['a string', '1'],
        ]),
        ...fieldCases('budgetingMethod', [['unknown', 'Sometimes']]),
        ...fieldCases(
          'budgetingMethod',
          [['RatioTimeslices without a timeSliceWindow', 'RatioTimeslices']],
          "'objectives[0].timeSliceWindow'",
        ),
        ...fieldCases('minEvents', [
          ['zero', 0],
          ['a fraction', 2.5],
          ['a string', '100'],
        ]),
        ...fieldCases(
          'timeWindow.0',
          [
            [
              'a calendar start with a zone',
              {
                duration: '1w',
                calendar: {
                  startTime: '2026-01-03T12:00:00Z',
                  timeZone: 'America/New_York',
                },
              },
            ],
          ],
          "'timeWindow[0].calendar.startTime'",
        ),
        ...fieldCases(
          'timeWindow.0',
          [
            [
              'a calendar year',
              { duration: '1Y', calendar: { timeZone: 'UTC' } },
            ],
          ],
          "'timeWindow[0].duration'",
        ),
        ...fieldCases(
          'indicator.spec.thresholdMetric',
          [['a thresholdMetric beside the ratioMetric', { metricSource: {} }]],
          "'indicator.spec.ratioMetric'",
        ),
        // The OpenSLO parser names fields as YAML readers know them.
        ...fieldCases(
          'objectives.0.target',
          [
            ['1', 1],
            ['0', 0],
            ['a percentage', 99.9],
          ],
          "'objectives[0].target'",
        ),
        ...fieldCases(
          'timeWindow.0.duration',
          [
            ['91 days', '91d'],
            ['a word', 'monthly'],
          ],
          "'timeWindow[0].duration'",
        ),
        ...fieldCases('service', [['254 characters', 's'.repeat(254)]]),
        ...fieldCases(
          'alertPolicies',
          [
            [
              'a reference, which only a file resolves',
              [{ alertPolicyRef: 'fast' }],
            ],
          ],
          "'alertPolicies[0].alertPolicyRef'",
        ),
        ...fieldCases(
          'alertPolicies',
          [
            [
              'a lookback of 90 seconds',
              [alertPolicy({ lookbackWindow: '90s' })],
            ],
          ],
          "'alertPolicies[0].spec.conditions[0].spec.condition.lookbackWindow'",
        ),
        ...fieldCases(
          'alertPolicies',
          [['alertAfter of 2 hours', [alertPolicy({ alertAfter: '2h' })]]],
          "'alertPolicies[0].spec.conditions[0].spec.condition.alertAfter'",
        ),
        ...fieldCases(
          'indicatorRef',
          [['an SLI by name beside the inline one', 'checkout-requests']],
          "'indicator'",
        ),
        ...fieldCases('description', [
          // OpenSLO v1 allows 1,050.
          ['1,051 characters', 'd'.repeat(1051)],
        ]),
        [
          'spec: 40 KB, over the 32 KiB limit',
          body =>
            withField(
              body,
              'indicator.spec.ratioMetric.good.metricSource.spec',
              { labels: Array.from({ length: 2000 }, () => 'x'.repeat(18)) },
            ),
          'the limit is 32768 bytes',
          413,
        ],
      ],
    ),
    ...routeCases(
      {
        method: 'post',
        path: `${CHECKOUT}/slos/availability/measurements`,
        body: [{ timestamp: isoIn(-0.001), good: 9, total: 10 }],
      },
      [
        ...fieldCases(
          '0.timestamp',
          BAD_TIMESTAMPS,
          "'measurements.0.timestamp'",
        ),
        ...fieldCases(
          '0.good',
          [
            ['more than total', 11],
            ['negative', -1],
            ['a fraction', 0.5],
            ['a string', '9'],
          ],
          "'measurements.0.good'",
        ),
        ...fieldCases('0.total', [['null', null]], "'measurements.0.total'"),
        // Refused before the batch is read as measurements.
        ...fieldCases('0.total', [['beyond 2^53', 2 ** 53 + 2]], "'0.total'"),
        ['an empty batch', () => [], "'measurements'"],
        [
          'values, to an SLO that counts good and total',
          () => [{ timestamp: isoIn(-0.001), value: 120 }],
          "'measurements.0.value'",
        ],
        [
          'a value beside the counts',
          () => [{ timestamp: isoIn(-0.001), value: 120, good: 1 }],
          "'measurements.0.good'",
        ],
      ],
    ),
    ...routeCases(
      {
        method: 'put',
        path: `${CHECKOUT}/slos/availability/history`,
        body: {
          from: hourIn(-10),
          to: hourIn(-9),
          measurements: [{ timestamp: hourIn(-10, 1), good: 9, total: 10 }],
        },
      },
      [
        ...fieldCases('from', [
          ...BAD_TIMESTAMPS,
          ['inside an hour kept per hour', hourIn(-10, 30)],
          ['beyond the 31-day history', hourIn(-40)],
        ]),
        ...fieldCases('to', [
          ...BAD_TIMESTAMPS,
          ['before from', hourIn(-11)],
          ['in the future', hourIn(1)],
        ]),
        ...fieldCases('measurements.0.good', [['more than total', 11]]),
        ...fieldCases(
          'measurements.0.timestamp',
          [['outside the range', hourIn(-8)]],
          '[0].timestamp',
        ),
        ...fieldCases('measurements', [['not a list', 'many']]),
      ],
    ),
    // The bad-input backend pulls nothing, so the valid replay is a 409
    // (about state); bad input is refused before that.
    ...routeCases(
      {
        method: 'post',
        path: `${CHECKOUT}/slos/availability/replay`,
        body: { from: hourIn(-2) },
      },
      [...fieldCases('from', BAD_TIMESTAMPS)],
    ),
    ...routeCases(
      {
        method: 'post',
        path: `${CHECKOUT}/budget-exceptions`,
        body: { reason: 'Hotfix for the 5xx incident', expiresAt: isoIn(2) },
      },
      [
        ...fieldCases('reason', [
          ...BAD_TEXT,
          ['9 characters', 'Too short'],
          ['2,001 characters', 'r'.repeat(2001)],
        ]),
        ...fieldCases('expiresAt', [
          ...BAD_TIMESTAMPS,
          ['in the past', isoIn(-1)],
          ['in 31 days', isoIn(31)],
        ]),
      ],
    ),
    ...routeCases(
      {
        method: 'delete',
        path: `${CHECKOUT}/slos/availability`,
        headers: ifMatch1,
      },
      [],
    ),
    ...routeCases(
      {
        method: 'delete',
        path: `${CHECKOUT}/budget-exceptions/${seeded.budgetExceptionId}`,
      },
      [],
    ),
  ];
}
