import fs from 'fs';
import path from 'path';
import { parseOpenSlo } from './parseOpenSlo';

/** One of the OpenSLO specification's own examples, verbatim. */
const example = (name: string) =>
  fs.readFileSync(
    path.join(__dirname, '__fixtures__', 'openslo-examples', name),
    'utf8',
  );

describe('the OpenSLO specification examples', () => {
  it("reads the README's inline SLO, filling in what v1 leaves to the implementation", () => {
    expect(parseOpenSlo(example('readme-inline-slo.yaml'))).toEqual({
      errors: [],
      slos: [
        {
          name: 'foo-slo',
          displayName: 'Foo SLO',
          target: 0.98,
          // No timeWindow: a rolling 28 days. No budgetingMethod: Occurrences.
          timeWindow: { kind: 'rolling', duration: '28d' },
          budgetingMethod: 'Occurrences',
          indicator: {
            good: {
              metricSource: {
                metricSourceRef: 'datadog-datasource',
                type: 'Datadog',
                spec: {
                  query:
                    'sum:trace.http.request.hits.by_http_status{http.status_code:200}.as_count()',
                },
              },
            },
            total: {
              metricSource: {
                metricSourceRef: 'datadog-datasource',
                type: 'Datadog',
                spec: {
                  query:
                    'sum:trace.http.request.hits.by_http_status{*}.as_count()',
                },
              },
            },
          },
        },
      ],
    });
  });

  it('reads the low-traffic example as weeks from Saturday 12:00 in New York', () => {
    expect(
      parseOpenSlo(
        example('treat-low-traffic-as-equally-important-timeslices-slo.yaml'),
      ),
    ).toEqual({
      errors: [],
      slos: [
        {
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
          indicator: {
            good: { metricSource: { type: 'Any', spec: { query: 'Any' } } },
            total: { metricSource: { type: 'Any', spec: { query: 'Any' } } },
          },
        },
      ],
    });
  });

  it('reads the Occurrences example as a threshold metric: searches under 500 ms are good', () => {
    expect(
      parseOpenSlo(example('budgeting-method-occurences-slo.yaml')),
    ).toEqual({
      errors: [],
      slos: [
        {
          name: 'search-slo',
          displayName: 'Searching time',
          description:
            'Regardless of the number of paraller searches it never should be more than 500ms.',
          target: 0.99,
          timeWindow: { kind: 'rolling', duration: '2w' },
          budgetingMethod: 'Occurrences',
          indicator: {
            thresholdMetric: {
              metricSource: { type: 'Any', spec: { query: 'Any' } },
            },
          },
          threshold: { op: 'lt', value: 500 },
        },
      ],
    });
  });

  // What the suite does not compute yet, or what an example gets wrong,
  // is refused by name at its path, never as an unknown field; `op`,
  // `value` and an empty alertPolicies pass.
  it('reads the RatioTimeslices example: two weeks of 1-minute slices averaged', () => {
    expect(
      parseOpenSlo(example('budgeting-method-ratio-timeslices.yaml')),
    ).toEqual({
      errors: [],
      slos: [
        {
          name: 'main-page',
          displayName: 'Main page availability',
          description: 'Our main page should be available always',
          target: 0.99,
          timeWindow: { kind: 'rolling', duration: '2w' },
          budgetingMethod: 'RatioTimeslices',
          timeSliceWindow: '1m',
          indicator: {
            good: {
              metricSource: { type: 'Any', spec: { query: 'Any' } },
            },
            total: {
              metricSource: { type: 'Any', spec: { query: 'Any' } },
            },
          },
        },
      ],
    });
  });

  it.each([
    [
      // `duration: 1m` is one minute by the spec's duration-shorthand; the
      // example's comment means a month, which is `1M`.
      'budgeting-method-timeslices-slo.yaml',
      [
        {
          document: 1,
          path: 'spec.timeWindow[0].duration',
          message:
            'a calendar window must be at least 1h: 1m is 1 minute (a month is 1M)',
        },
      ],
    ],
  ])('refuses %s with what is not supported', (file, errors) => {
    expect(parseOpenSlo(example(file))).toEqual({ slos: [], errors });
  });

  it('reads the Timeslices example whole once its month is written 1M', () => {
    const { slos, errors } = parseOpenSlo(
      example('budgeting-method-timeslices-slo.yaml').replace(
        'duration: 1m',
        'duration: 1M',
      ),
    );
    expect(errors).toEqual([]);
    expect(slos[0]).toMatchObject({
      name: 'service-availability',
      // The internal objective is the higher, so the SLO's status is its.
      target: 0.995,
      objectives: [
        { displayName: 'Internal objective', target: 0.995 },
        { displayName: 'SLA', target: 0.99 },
      ],
      timeWindow: {
        kind: 'calendar',
        unit: 'month',
        startTime: '2022-01-01T12:00:00',
        timeZone: 'America/New_York',
      },
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.99,
      timeSliceWindow: '1m',
    });
  });
});
