import { parseOpenSlo, parseSloSpec } from './parseOpenSlo';

const availability = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
spec:
  description: Orders placed without a server error
  service: checkout-api
  indicator:
    metadata:
      name: checkout-good-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total{code!~"5.."}[1m]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(http_requests_total[1m]))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: 99.9 % of requests succeed
      target: 0.999
`;

const latency = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
spec:
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus } }
        total: { metricSource: { type: Prometheus } }
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: "2026-01-01 00:00:00"
        timeZone: Europe/Berlin
  budgetingMethod: Timeslices
  objectives:
    - targetPercent: 99.5
      timeSliceTarget: 0.95
      timeSliceWindow: 5m
`;

/** A valid API body (spec plus displayName). */
const apiSpec = {
  indicator: {
    spec: {
      ratioMetric: {
        good: { metricSource: { type: 'api' } },
        total: { metricSource: { type: 'api' } },
      },
    },
  },
  timeWindow: [{ duration: '30d', isRolling: true }],
  budgetingMethod: 'Occurrences',
  objectives: [{ target: 0.995 }],
};

describe('parseOpenSlo', () => {
  it('reads several SLO documents and skips other OpenSLO kinds', () => {
    const service = `apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: checkout-api\nspec: {}\n`;
    const { slos, errors } = parseOpenSlo(
      `${service}---${availability}---${latency}`,
    );
    expect(errors).toEqual([]);
    expect(slos).toEqual([
      {
        name: 'checkout-availability',
        displayName: 'Checkout availability',
        description: 'Orders placed without a server error',
        target: 0.999,
        timeWindow: { kind: 'rolling', duration: '28d' },
        budgetingMethod: 'Occurrences',
        indicator: {
          good: {
            metricSource: {
              type: 'Prometheus',
              spec: {
                query: 'sum(rate(http_requests_total{code!~"5.."}[1m]))',
              },
            },
          },
          total: {
            metricSource: {
              type: 'Prometheus',
              spec: { query: 'sum(rate(http_requests_total[1m]))' },
            },
          },
        },
      },
      {
        name: 'checkout-latency',
        target: 0.995,
        // calendar.startTime is kept (it used to be dropped).
        timeWindow: {
          kind: 'calendar',
          unit: 'month',
          startTime: '2026-01-01T00:00:00',
          timeZone: 'Europe/Berlin',
        },
        budgetingMethod: 'Timeslices',
        timeSliceTarget: 0.95,
        timeSliceWindow: '5m',
        indicator: {
          good: { metricSource: { type: 'Prometheus' } },
          total: { metricSource: { type: 'Prometheus' } },
        },
      },
    ]);
  });

  it('returns every error with its document and path, keeping the valid SLOs', () => {
    const broken = availability
      .replace('name: checkout-availability', 'name: Checkout_Availability')
      .replace('target: 0.999', 'target: 99.9')
      .replace('duration: 28d', 'duration: 28 days')
      .replace(
        'budgetingMethod: Occurrences',
        'budgetingMethod: Occurrences\n  alertPolicy: fast',
      );
    const { slos, errors } = parseOpenSlo(`${latency}---${broken}`);
    expect(slos.map(s => s.name)).toEqual(['checkout-latency']);
    expect(errors).toEqual(
      expect.arrayContaining([
        {
          document: 2,
          path: 'metadata.name',
          message: expect.stringContaining('lower-case'),
        },
        { document: 2, path: 'spec', message: "unknown field 'alertPolicy'" },
        {
          document: 2,
          path: 'spec.timeWindow[0].duration',
          message: expect.stringContaining('rolling window'),
        },
        {
          document: 2,
          path: 'spec.objectives[0].target',
          message: 'must be a fraction less than 1 (99.9 % is 0.999)',
        },
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it.each([
    [
      'a Timeslices SLO without slice settings',
      latency.replace(
        '      timeSliceTarget: 0.95\n      timeSliceWindow: 5m\n',
        '',
      ),
      [
        'spec.objectives[0].timeSliceTarget',
        'spec.objectives[0].timeSliceWindow',
      ],
    ],
    [
      'a slice window that does not divide an hour',
      latency.replace('timeSliceWindow: 5m', 'timeSliceWindow: 7m'),
      ['spec.objectives[0].timeSliceWindow'],
    ],
    [
      'an unknown time zone',
      latency.replace('Europe/Berlin', 'Europe/Atlantis'),
      ['spec.timeWindow[0].calendar.timeZone'],
    ],
    [
      'a calendar window of 2 months without a start',
      latency
        .replace('duration: 1M', 'duration: 2M')
        .replace('        startTime: "2026-01-01 00:00:00"\n', ''),
      ['spec.timeWindow[0].calendar.startTime'],
    ],
    [
      'a calendar window longer than a quarter',
      latency.replace('duration: 1M', 'duration: 4M'),
      ['spec.timeWindow[0].duration'],
    ],
    [
      'a start time with a zone',
      latency.replace('"2026-01-01 00:00:00"', '"2026-01-01T00:00:00+01:00"'),
      ['spec.timeWindow[0].calendar.startTime'],
    ],
    [
      'a rolling window with a calendar',
      latency.replace('isRolling: false', 'isRolling: true'),
      ['spec.timeWindow[0].duration', 'spec.timeWindow[0].calendar'],
    ],
    [
      'a minimum of events that is not a whole number',
      availability.replace(
        '  displayName: Checkout availability',
        '  displayName: Checkout availability\n  annotations:\n    reliability/min-events: "ten"',
      ),
      ["metadata.annotations['reliability/min-events']"],
    ],
    [
      'both target and targetPercent',
      latency.replace(
        '- targetPercent: 99.5',
        '- targetPercent: 99.5\n      target: 0.995',
      ),
      ['spec.objectives[0].target'],
    ],
    [
      'a wrong apiVersion',
      availability.replace('openslo/v1', 'openslo/v2'),
      ['apiVersion'],
    ],
    [
      'Timeslices objectives that judge slices differently',
      latency.replace(
        '      timeSliceWindow: 5m',
        '      timeSliceWindow: 5m\n    - target: 0.99\n      timeSliceTarget: 0.9\n      timeSliceWindow: 5m',
      ),
      ['spec.objectives[1]'],
    ],
    [
      'two objectives on a thresholdMetric',
      availability
        .replace(
          / {6}ratioMetric:[\s\S]*?(?= {2}timeWindow:)/,
          '      thresholdMetric:\n        metricSource: { type: Prometheus, spec: { query: latency } }\n',
        )
        .replace(
          '      target: 0.999',
          '      target: 0.999\n      op: lt\n      value: 500\n    - target: 0.99\n      op: lt\n      value: 500',
        ),
      ['spec.objectives'],
    ],
  ])('rejects %s', (_, text, paths) => {
    const { slos, errors } = parseOpenSlo(text);
    expect(slos).toEqual([]);
    expect(errors.map(e => e.path).sort()).toEqual([...paths].sort());
    expect(errors.every(e => e.document === 1)).toBe(true);
  });

  it("reads several objectives, the highest target being the SLO's", () => {
    const { slos, errors } = parseOpenSlo(
      availability.replace(
        '      target: 0.999',
        '      target: 0.999\n    - displayName: SLA\n      targetPercent: 99',
      ),
    );
    expect(errors).toEqual([]);
    expect(slos[0]).toMatchObject({
      target: 0.999,
      objectives: [
        { displayName: '99.9 % of requests succeed', target: 0.999 },
        { displayName: 'SLA', target: 0.99 },
      ],
    });
  });

  it('reads calendar windows of several units from their start, bare-number slices and the minimum of events', () => {
    const { slos, errors } = parseOpenSlo(
      latency
        .replace('duration: 1M', 'duration: 2w')
        .replace('      isRolling: false\n', '')
        .replace('timeSliceWindow: 5m', 'timeSliceWindow: 5')
        .replace(
          '  name: checkout-latency',
          '  name: checkout-latency\n  annotations:\n    reliability/min-events: "100"\n    team: payments',
        ),
    );
    expect(errors).toEqual([]);
    expect(slos[0]).toMatchObject({
      // isRolling left out beside a calendar: calendar-aligned (OpenSLO).
      timeWindow: {
        kind: 'calendar',
        unit: 'week',
        count: 2,
        startTime: '2026-01-01T00:00:00',
        timeZone: 'Europe/Berlin',
      },
      timeSliceWindow: '5m',
      minEvents: 100,
    });
  });

  it('names ratioMetric.bad as not supported rather than unknown', () => {
    const { errors } = parseOpenSlo(
      availability.replace(
        '        counter: true',
        '        counter: true\n        bad: { metricSource: { type: Prometheus } }',
      ),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('spec.indicator.spec.ratioMetric.bad');
    expect(errors[0].message).toMatch(/^not supported: /);
  });

  it('asks a threshold metric for its op and value, and one metric kind only', () => {
    const threshold = availability.replace(
      / {6}ratioMetric:[\s\S]*?(?= {2}timeWindow:)/,
      '      thresholdMetric:\n        metricSource: { type: Prometheus, spec: { query: latency } }\n',
    );
    expect(parseOpenSlo(threshold).errors).toEqual([
      {
        document: 1,
        path: 'spec.objectives[0].op',
        message:
          'a thresholdMetric objective needs op and value (e.g. op: lt, value: 500: values below 500 are good)',
      },
      {
        document: 1,
        path: 'spec.objectives[0].value',
        message:
          'a thresholdMetric objective needs op and value (e.g. op: lt, value: 500: values below 500 are good)',
      },
    ]);
    const both = availability.replace(
      '    spec:\n      ratioMetric:',
      '    spec:\n      thresholdMetric: { metricSource: { type: Prometheus } }\n      ratioMetric:',
    );
    expect(parseOpenSlo(both).errors.map(e => e.path)).toContain(
      'spec.indicator.spec.ratioMetric',
    );
  });

  it.each([
    [
      'indicatorRef: null and no indicator',
      { indicatorRef: null },
      'indicator',
    ],
    // Not a name: refused at the field itself.
    ['indicatorRef: [] and no indicator', { indicatorRef: [] }, 'indicatorRef'],
  ])('refuses %s, naming the field', (_, extra, path) => {
    const { indicator: _indicator, ...rest } = apiSpec;
    const result = parseSloSpec('x', { ...rest, ...extra });
    expect(result.slo).toBeUndefined();
    expect(result.errors.map(e => e.path)).toContain(path);
  });

  it('refuses a ratioMetric of bad: null without good', () => {
    const result = parseSloSpec('x', {
      ...apiSpec,
      indicator: {
        spec: {
          ratioMetric: { bad: null, total: { metricSource: { type: 'api' } } },
        },
      },
    });
    expect(result.errors.map(e => e.path)).toEqual([
      'indicator.spec.ratioMetric.good',
    ]);
  });

  it('takes the minimum of events unquoted too, and an empty annotations map', () => {
    const unquoted = parseOpenSlo(
      availability.replace(
        '  displayName: Checkout availability',
        '  displayName: Checkout availability\n  annotations:\n    reliability/min-events: 100',
      ),
    );
    expect(unquoted.errors).toEqual([]);
    expect(unquoted.slos[0].minEvents).toBe(100);
    const empty = parseOpenSlo(
      availability.replace(
        '  displayName: Checkout availability',
        '  displayName: Checkout availability\n  annotations:',
      ),
    );
    expect(empty.errors).toEqual([]);
  });

  it('refuses a start time of 24:00', () => {
    const { errors } = parseOpenSlo(
      latency.replace('"2026-01-01 00:00:00"', '"2026-01-01 24:00:00"'),
    );
    expect(errors.map(e => e.path)).toEqual([
      'spec.timeWindow[0].calendar.startTime',
    ]);
  });

  it('rejects duplicate names and YAML syntax errors', () => {
    expect(parseOpenSlo(`${availability}---${availability}`).errors).toEqual([
      {
        document: 2,
        path: 'metadata.name',
        message: "duplicates the SLO name 'checkout-availability'",
      },
    ]);
    const { errors } = parseOpenSlo('kind: SLO\nmetadata: [unclosed');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ document: 1, path: '' });
  });
});

describe('parseSloSpec', () => {
  const spec = {
    displayName: 'Search availability',
    indicator: {
      spec: {
        ratioMetric: {
          good: { metricSource: { type: 'api' } },
          total: { metricSource: { type: 'api' } },
        },
      },
    },
    timeWindow: [{ duration: '30d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: [{ target: 0.995 }],
  };

  it('accepts the OpenSLO spec as JSON plus a displayName', () => {
    expect(parseSloSpec('search-availability', spec)).toEqual({
      errors: [],
      slo: {
        name: 'search-availability',
        displayName: 'Search availability',
        target: 0.995,
        timeWindow: { kind: 'rolling', duration: '30d' },
        budgetingMethod: 'Occurrences',
        indicator: {
          good: { metricSource: { type: 'api' } },
          total: { metricSource: { type: 'api' } },
        },
      },
    });
  });

  it('takes minEvents beside the spec', () => {
    expect(parseSloSpec('x', { ...spec, minEvents: 50 }).slo?.minEvents).toBe(
      50,
    );
  });

  it.each([
    [{ ...spec, objectives: [{ target: 1 }] }, 'objectives[0].target'],
    [{ ...spec, objectives: [{ target: 0 }] }, 'objectives[0].target'],
    [
      { ...spec, timeWindow: [{ duration: '1y', isRolling: true }] },
      'timeWindow[0].duration',
    ],
    [{ ...spec, owner: 'me' }, ''],
    [{ ...spec, displayName: 42 }, 'displayName'],
    [{ ...spec, budgetingMethod: 'Ratio' }, 'budgetingMethod'],
    [{ ...spec, minEvents: 2.5 }, 'minEvents'],
    [{ ...spec, minEvents: 0 }, 'minEvents'],
  ])('names the field of a bad spec (%#)', (body, path) => {
    const result = parseSloSpec('x', body);
    expect(result.slo).toBeUndefined();
    expect(result.errors.map(e => e.path)).toContain(path);
  });
});
