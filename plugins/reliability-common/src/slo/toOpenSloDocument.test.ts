import fc from 'fast-check';
import { SECRET_KEY } from './openSloSchema';
import { parseOpenSlo } from './parseOpenSlo';
import { SloDefinition, SloTimeWindow } from './SloDefinition';
import { formatOpenSlo, toOpenSloDocument } from './toOpenSloDocument';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock times as the suite keeps them: `YYYY-MM-DDTHH:mm:ss`. */
const startTime = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  .map(
    d =>
      `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(
        d.getUTCDate(),
      )}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(
        d.getUTCSeconds(),
      )}`,
  );

const timeZone = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
);

const rolling: fc.Arbitrary<SloTimeWindow> = fc
  .oneof(
    fc.integer({ min: 60, max: 99_999 }).map(n => `${n}m`),
    fc.integer({ min: 1, max: 2160 }).map(n => `${n}h`),
    fc.integer({ min: 1, max: 90 }).map(n => `${n}d`),
    fc.integer({ min: 1, max: 12 }).map(n => `${n}w`),
  )
  .map(duration => ({ kind: 'rolling', duration }));

const MAX_COUNT = { hour: 2208, day: 92, week: 13, month: 3, quarter: 1 };

const calendar: fc.Arbitrary<SloTimeWindow> = fc
  .constantFrom('hour', 'day', 'week', 'month', 'quarter' as const)
  .chain(unit =>
    fc.record({
      unit: fc.constant(unit),
      count: fc.integer({ min: 1, max: MAX_COUNT[unit] }),
      startTime: fc.option(startTime, { nil: undefined }),
      timeZone,
    }),
  )
  // More than one unit per period needs a start.
  .filter(w => w.count === 1 || w.startTime !== undefined)
  .map(w => ({
    kind: 'calendar',
    unit: w.unit,
    ...(w.count > 1 ? { count: w.count } : {}),
    ...(w.startTime ? { startTime: w.startTime } : {}),
    timeZone: w.timeZone,
  }));

const text = (maxLength: number) =>
  fc.option(fc.string({ minLength: 1, maxLength }), { nil: undefined });

const metricSource = fc.record(
  {
    metricSourceRef: fc.string({ maxLength: 253 }),
    type: fc.string({ maxLength: 63 }),
    // JSON values: what a metric source's spec can hold (no -0, no undefined).
    spec: fc.json().map(json => JSON.parse(json) as unknown),
  },
  { requiredKeys: [] },
);

const minutes = (min: number, max: number) =>
  fc.integer({ min, max }).map(n => `${n}m`);

/** Any alert policy the suite accepts, names unique per SLO. */
const alertPolicies = fc.uniqueArray(
  fc.record({
    name: fc.string({ minLength: 1, maxLength: 253 }),
    displayName: text(200),
    description: text(1050),
    alertWhenBreaching: fc.boolean(),
    alertWhenResolved: fc.boolean(),
    alertWhenNoData: fc.boolean(),
    condition: fc.record({
      name: fc.string({ minLength: 1, maxLength: 253 }),
      displayName: text(200),
      description: text(1050),
      severity: fc.string({ minLength: 1, maxLength: 63 }),
      op: fc.constantFrom('lt', 'lte', 'gt', 'gte' as const),
      threshold: fc.double({ min: 0, max: 1e6, noNaN: true }),
      lookbackWindow: minutes(1, 3 * 24 * 60),
      alertAfter: minutes(0, 60),
    }),
    notificationTargets: fc.array(fc.string({ minLength: 1, maxLength: 253 }), {
      maxLength: 3,
    }),
  }),
  { selector: p => p.name, minLength: 1, maxLength: 3 },
);

/** Drops the keys whose value is undefined, as a parsed definition has. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/** A lookback rounded down to whole slices (at least one). */
function wholeSlices(lookback: string, slice?: string): string {
  if (!slice) return lookback;
  const sliceMinutes = slice === '1h' ? 60 : parseInt(slice, 10);
  const lookbackMinutes = parseInt(lookback, 10);
  return `${
    Math.max(1, Math.floor(lookbackMinutes / sliceMinutes)) * sliceMinutes
  }m`;
}

/** A sliced SLO's method and fields, or Occurrences. */
function slicesOf(
  slices:
    | { ratio: boolean; timeSliceTarget: number; timeSliceWindow: string }
    | undefined,
): Pick<
  SloDefinition,
  'budgetingMethod' | 'timeSliceTarget' | 'timeSliceWindow'
> {
  if (!slices) return { budgetingMethod: 'Occurrences' };
  if (slices.ratio) {
    return {
      budgetingMethod: 'RatioTimeslices',
      timeSliceWindow: slices.timeSliceWindow,
    };
  }
  return {
    budgetingMethod: 'Timeslices',
    timeSliceTarget: slices.timeSliceTarget,
    timeSliceWindow: slices.timeSliceWindow,
  };
}

/** Any SLO definition the suite accepts. */
const definition: fc.Arbitrary<SloDefinition> = fc
  .record({
    name: fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/),
    displayName: text(200),
    description: text(1050),
    target: fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
    timeWindow: fc.oneof(rolling, calendar),
    slices: fc.option(
      fc.record({
        // RatioTimeslices averages slice ratios: no timeSliceTarget.
        ratio: fc.boolean(),
        timeSliceTarget: fc.double({ min: 1e-9, max: 1, noNaN: true }),
        timeSliceWindow: fc.constantFrom('1m', '5m', '10m', '15m', '60m', '1h'),
      }),
      { nil: undefined },
    ),
    minEvents: fc.option(fc.integer({ min: 1, max: 1_000_000_000 }), {
      nil: undefined,
    }),
    good: metricSource,
    total: metricSource,
    // A threshold metric instead of the ratio, half the time.
    threshold: fc.option(
      fc.record({
        op: fc.constantFrom('lt', 'lte', 'gt', 'gte' as const),
        value: fc.double({ noNaN: true, noDefaultInfinity: true }),
      }),
      { nil: undefined },
    ),
    alertPolicies: fc.option(alertPolicies, { nil: undefined }),
    // More objectives on the same events (ratio metrics only).
    moreObjectives: fc.array(
      fc.record(
        {
          displayName: fc.string({ minLength: 1, maxLength: 200 }),
          target: fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        },
        { requiredKeys: ['target'] },
      ),
      { maxLength: 3 },
    ),
    // The good side's metricSourceRef names a DataSource document, when
    // the draw allows (a name, a type that can match).
    dataSource: fc.option(
      fc.record(
        {
          displayName: text(200),
          description: text(1050),
          // Credentials are refused (SECRET_KEY), so none are drawn.
          connectionDetails: fc
            .json()
            .filter(json => !SECRET_KEY.test(json))
            .map(json => JSON.parse(json) as unknown),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  })
  .map(
    ({
      slices,
      good,
      total,
      threshold,
      displayName,
      description,
      minEvents,
      alertPolicies: policies,
      dataSource,
      moreObjectives,
      ...rest
    }) => ({
      ...rest,
      ...(displayName !== undefined ? { displayName } : {}),
      ...(description !== undefined ? { description } : {}),
      ...slicesOf(slices),
      ...(minEvents !== undefined ? { minEvents } : {}),
      ...(threshold
        ? {
            indicator: { thresholdMetric: { metricSource: good } },
            // -0 reads back as 0: the same threshold.
            threshold: { ...threshold, value: threshold.value || 0 },
          }
        : {
            indicator: {
              good: { metricSource: good },
              total: { metricSource: total },
            },
          }),
      ...(dataSource &&
      good.metricSourceRef &&
      good.type !== '' &&
      (threshold || total.metricSourceRef !== good.metricSourceRef)
        ? {
            dataSources: {
              [good.metricSourceRef]: defined({
                type: good.type ?? 'Prometheus',
                ...dataSource,
              }),
            },
          }
        : {}),
      ...(!threshold && moreObjectives.length > 0
        ? {
            objectives: [{ target: rest.target }, ...moreObjectives],
            target: Math.max(rest.target, ...moreObjectives.map(o => o.target)),
          }
        : {}),
      ...(policies
        ? {
            alertPolicies: policies.map(p =>
              defined({
                ...p,
                // -0 reads back as 0: the same threshold.
                condition: defined({
                  ...p.condition,
                  threshold: p.condition.threshold || 0,
                  // A sliced SLO's lookbacks are whole slices.
                  lookbackWindow: wholeSlices(
                    p.condition.lookbackWindow,
                    slices?.timeSliceWindow,
                  ),
                }),
              }),
            ),
          }
        : {}),
    }),
  );

describe('toOpenSloDocument', () => {
  it('writes a calendar SLO as OpenSLO v1 writes it', () => {
    expect(
      toOpenSloDocument({
        name: 'service-availability',
        displayName: 'SLO for this important service',
        target: 0.9995,
        timeWindow: {
          kind: 'calendar',
          unit: 'week',
          startTime: '2022-01-01T12:00:00',
          timeZone: 'America/New_York',
        },
        budgetingMethod: 'Timeslices',
        timeSliceTarget: 0.95,
        timeSliceWindow: '1m',
        minEvents: 100,
        indicator: {
          good: { metricSource: { type: 'Prometheus', spec: { query: 'a' } } },
          total: { metricSource: { type: 'Prometheus', spec: { query: 'b' } } },
        },
      }),
    ).toEqual({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: {
        name: 'service-availability',
        displayName: 'SLO for this important service',
        annotations: { 'reliability/min-events': '100' },
      },
      spec: {
        indicator: {
          spec: {
            ratioMetric: {
              good: {
                metricSource: { type: 'Prometheus', spec: { query: 'a' } },
              },
              total: {
                metricSource: { type: 'Prometheus', spec: { query: 'b' } },
              },
            },
          },
        },
        timeWindow: [
          {
            duration: '1w',
            isRolling: false,
            calendar: {
              startTime: '2022-01-01 12:00:00',
              timeZone: 'America/New_York',
            },
          },
        ],
        budgetingMethod: 'Timeslices',
        objectives: [
          { target: 0.9995, timeSliceTarget: 0.95, timeSliceWindow: '1m' },
        ],
      },
    });
  });

  it('reads back to the same definition, whatever the SLO', () => {
    fc.assert(
      fc.property(definition, slo => {
        const { slos, errors } = parseOpenSlo(formatOpenSlo(slo));
        expect(errors).toEqual([]);
        expect(slos).toEqual([slo]);
      }),
      { numRuns: 500 },
    );
  });
});
