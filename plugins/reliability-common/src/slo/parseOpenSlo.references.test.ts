import { parseOpenSlo, parseSloSpec } from './parseOpenSlo';
import { SloAlertPolicy } from './SloDefinition';

/** An SLO whose indicator and alert policy come by name. */
const sloByRef = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  indicatorRef: checkout-requests
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
  alertPolicies:
    - alertPolicyRef: fast-burn
`;

const sli = `
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-requests
spec:
  ratioMetric:
    counter: true
    good: { metricSource: { type: Prometheus, spec: { query: good } } }
    total: { metricSource: { type: Prometheus, spec: { query: total } } }
`;

/** OpenSLO's README example: a policy whose condition is inline. */
const inlinePolicy = `
apiVersion: openslo/v1
kind: AlertPolicy
metadata:
  name: fast-burn
  displayName: Fast burn
spec:
  description: Pages when an hour burns the budget twice as fast
  alertWhenBreaching: true
  alertWhenResolved: false
  conditions:
    - kind: AlertCondition
      metadata:
        name: burn-over-2
        displayName: Burn rate over 2
      spec:
        description: SLO burn rate over an hour exceeds 2
        severity: page
        condition:
          kind: burnrate
          op: gt
          threshold: 2
          lookbackWindow: 1h
          alertAfter: 5m
  notificationTargets:
    - targetRef: on-call-mail
`;

/** The same policy, its condition by reference. */
const policyByRef = `
apiVersion: openslo/v1
kind: AlertPolicy
metadata:
  name: fast-burn
  displayName: Fast burn
spec:
  description: Pages when an hour burns the budget twice as fast
  conditions:
    - conditionRef: burn-over-2
  notificationTargets:
    - targetRef: on-call-mail
`;

const condition = `
apiVersion: openslo/v1
kind: AlertCondition
metadata:
  name: burn-over-2
  displayName: Burn rate over 2
spec:
  description: SLO burn rate over an hour exceeds 2
  severity: page
  condition:
    op: gt
    threshold: 2
    lookbackWindow: 1h
    alertAfter: 5m
`;

const service = `
apiVersion: openslo/v1
kind: Service
metadata:
  name: checkout
spec:
  description: The checkout API
`;

const file = (...documents: string[]) => documents.join('\n---\n');

/** The policy all three spellings mean, defaults filled in. */
const fastBurn: SloAlertPolicy = {
  name: 'fast-burn',
  displayName: 'Fast burn',
  description: 'Pages when an hour burns the budget twice as fast',
  alertWhenBreaching: true,
  alertWhenResolved: false,
  alertWhenNoData: false,
  condition: {
    name: 'burn-over-2',
    displayName: 'Burn rate over 2',
    description: 'SLO burn rate over an hour exceeds 2',
    severity: 'page',
    op: 'gt',
    threshold: 2,
    lookbackWindow: '1h',
    alertAfter: '5m',
  },
  notificationTargets: ['on-call-mail'],
};

describe('parseOpenSlo references', () => {
  it('resolves indicatorRef, alertPolicyRef and conditionRef in any order', () => {
    const { slos, errors } = parseOpenSlo(
      file(policyByRef, sloByRef, condition, sli, service),
    );
    expect(errors).toEqual([]);
    expect(slos).toEqual([
      {
        name: 'checkout-availability',
        target: 0.999,
        timeWindow: { kind: 'rolling', duration: '28d' },
        budgetingMethod: 'Occurrences',
        indicator: {
          good: {
            metricSource: { type: 'Prometheus', spec: { query: 'good' } },
          },
          total: {
            metricSource: { type: 'Prometheus', spec: { query: 'total' } },
          },
        },
        alertPolicies: [fastBurn],
      },
    ]);
  });

  it('reads an inline policy with an inline condition as the same policy', () => {
    const inline = sloByRef.replace(
      '    - alertPolicyRef: fast-burn\n',
      inlinePolicy
        .trim()
        .split('\n')
        .filter(line => !line.startsWith('apiVersion'))
        .map((line, i) => `${i === 0 ? '    - ' : '      '}${line}`)
        .join('\n'),
    );
    const { slos, errors } = parseOpenSlo(file(inline, sli));
    expect(errors).toEqual([]);
    expect(slos[0].alertPolicies).toEqual([fastBurn]);
  });

  it('names a reference that nothing in the file answers', () => {
    expect(parseOpenSlo(sloByRef).errors).toEqual([
      {
        document: 1,
        path: 'spec.indicatorRef',
        message: "no SLI named 'checkout-requests' in this file",
      },
      {
        document: 1,
        path: 'spec.alertPolicies[0].alertPolicyRef',
        message: "no AlertPolicy named 'fast-burn' in this file",
      },
    ]);
  });

  it('reports a broken referenced document where it is, and the SLO that uses it', () => {
    const { slos, errors } = parseOpenSlo(
      file(
        sloByRef,
        sli.replace('counter: true', 'counter: yes please'),
        policyByRef,
      ),
    );
    expect(slos).toEqual([]);
    expect(errors).toEqual([
      {
        document: 2,
        path: 'spec.ratioMetric.counter',
        message: 'Expected boolean, received string',
      },
      {
        document: 3,
        path: 'spec.conditions[0].conditionRef',
        message: "no AlertCondition named 'burn-over-2' in this file",
      },
      {
        document: 1,
        path: 'spec.indicatorRef',
        message:
          "refers to SLI 'checkout-requests' (document 2), which is not valid",
      },
      {
        document: 1,
        path: 'spec.alertPolicies[0].alertPolicyRef',
        message:
          "refers to AlertPolicy 'fast-burn' (document 3), which is not valid",
      },
    ]);
  });

  it('checks service against the Services of the file, when it has some', () => {
    const other = service.replace('name: checkout', 'name: payments');
    expect(
      parseOpenSlo(file(sloByRef, sli, inlinePolicy, other)).errors,
    ).toEqual([
      {
        document: 1,
        path: 'spec.service',
        message: "no Service named 'checkout' in this file",
      },
    ]);
    // Without Service documents, service is a label.
    expect(parseOpenSlo(file(sloByRef, sli, inlinePolicy)).errors).toEqual([]);
  });

  it('asks a thresholdMetric that comes by indicatorRef for op and value', () => {
    const threshold = `
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-requests
spec:
  thresholdMetric: { metricSource: { type: Prometheus, spec: { query: p99 } } }
`;
    const { errors } = parseOpenSlo(file(sloByRef, threshold, inlinePolicy));
    expect(errors.map(e => `${e.path}: ${e.message}`)).toEqual([
      'spec.objectives[0].op: a thresholdMetric objective needs op and value (e.g. op: lt, value: 500: values below 500 are good)',
      'spec.objectives[0].value: a thresholdMetric objective needs op and value (e.g. op: lt, value: 500: values below 500 are good)',
    ]);
  });

  it('refuses a second document of a kind with the same name, and an unknown kind', () => {
    const { errors } = parseOpenSlo(
      file(
        sloByRef,
        sli,
        sli,
        inlinePolicy,
        'apiVersion: openslo/v1\nkind: Slo\n',
      ),
    );
    expect(errors).toEqual([
      {
        document: 3,
        path: 'metadata.name',
        message: "duplicates the SLI name 'checkout-requests'",
      },
      {
        document: 5,
        path: 'kind',
        message:
          'must be one of SLO, SLI, AlertCondition, AlertPolicy, AlertNotificationTarget, Service, DataSource',
      },
    ]);
  });

  it.each([
    [
      'lookbackWindow: 90s',
      'lookbackWindow',
      'must be a duration of whole minutes, e.g. 1h',
    ],
    ['lookbackWindow: 4d', 'lookbackWindow', 'not supported: more than 72h'],
    ['alertAfter: 2h', 'alertAfter', 'not supported: more than 1h'],
    [
      'op: eq',
      'op',
      "Invalid enum value. Expected 'lte' | 'gte' | 'lt' | 'gt', received 'eq'",
    ],
    ['threshold: -1', 'threshold', 'must not be negative (a burn rate)'],
    ['kind: slope', 'kind', "must be 'burnrate'"],
  ])('refuses a condition with %s at its path', (line, field, message) => {
    const key = line.split(':')[0];
    const broken = condition.replace(
      new RegExp(`    ${key}: .*`),
      `    ${line}`,
    );
    const text = broken.includes(line)
      ? broken
      : broken.replace('    op: gt', `    op: gt\n    ${line}`);
    const { errors } = parseOpenSlo(file(sloByRef, sli, policyByRef, text));
    expect(errors[0]).toEqual({
      document: 4,
      path: `spec.condition.${field}`,
      message,
    });
  });

  it('takes alertAfter 0m, and leaves it at 0m when absent', () => {
    const zero = condition.replace('alertAfter: 5m', 'alertAfter: 0m');
    const absent = condition.replace('    alertAfter: 5m\n', '');
    for (const text of [zero, absent]) {
      const { slos, errors } = parseOpenSlo(
        file(sloByRef, sli, policyByRef, text),
      );
      expect(errors).toEqual([]);
      expect(slos[0].alertPolicies![0].condition.alertAfter).toBe('0m');
    }
  });

  it('refuses two conditions in one policy, as OpenSLO v1 allows one', () => {
    const two = policyByRef.replace(
      '    - conditionRef: burn-over-2\n',
      '    - conditionRef: burn-over-2\n    - conditionRef: burn-over-2\n',
    );
    expect(parseOpenSlo(file(sloByRef, sli, two, condition)).errors[0]).toEqual(
      {
        document: 3,
        path: 'spec.conditions',
        message: 'must have exactly one condition (as OpenSLO v1 says)',
      },
    );
  });

  it('asks an API body for its parts inline', () => {
    const result = parseSloSpec('x', {
      indicatorRef: 'checkout-requests',
      objectives: [{ target: 0.99 }],
    });
    expect(result.errors).toEqual([
      {
        document: 1,
        path: 'indicatorRef',
        message:
          "no SLI named 'checkout-requests': the API takes one SLO, so give it inline (references resolve within an OpenSLO file)",
      },
    ]);
  });

  it('takes the DataSource documents its metric sources name', () => {
    const bySource = sli.replace(
      /\{ type: Prometheus, spec: \{ query: (good|total) \} \}/g,
      '{ metricSourceRef: prod-prometheus, spec: { query: $1 } }',
    );
    const dataSource = `
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prod-prometheus
  displayName: Production Prometheus
spec:
  type: Prometheus
  connectionDetails:
    server: prod
`;
    const { slos, errors } = parseOpenSlo(
      file(sloByRef, bySource, inlinePolicy, dataSource),
    );
    expect(errors).toEqual([]);
    expect(slos[0].dataSources).toEqual({
      'prod-prometheus': {
        type: 'Prometheus',
        displayName: 'Production Prometheus',
        connectionDetails: { server: 'prod' },
      },
    });
    // A type beside the reference must be the data source's.
    const mismatch = parseOpenSlo(
      file(
        sloByRef,
        bySource.replace(
          '{ metricSourceRef: prod-prometheus, spec: { query: good } }',
          '{ metricSourceRef: prod-prometheus, type: Datadog, spec: { query: good } }',
        ),
        inlinePolicy,
        dataSource,
      ),
    );
    expect(mismatch.errors).toEqual([
      {
        document: 1,
        path: 'spec.indicatorRef',
        message:
          "the SLI's metric source type is 'Datadog', but DataSource 'prod-prometheus' is of type 'Prometheus'",
      },
    ]);
    // A reference no DataSource answers is the provider's to read.
    const { slos: bare } = parseOpenSlo(file(sloByRef, bySource, inlinePolicy));
    expect(bare[0].dataSources).toBeUndefined();
  });

  it('refuses a lookback that is not whole slices of a sliced SLO', () => {
    const sliced = sloByRef.replace(
      '  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.999',
      '  budgetingMethod: Timeslices\n  objectives:\n    - target: 0.999\n      timeSliceTarget: 0.95\n      timeSliceWindow: 5m',
    );
    const short = condition.replace('lookbackWindow: 1h', 'lookbackWindow: 2m');
    expect(parseOpenSlo(file(sliced, sli, policyByRef, short)).errors).toEqual([
      {
        document: 1,
        path: 'spec.alertPolicies[0]',
        message:
          "the condition 'burn-over-2' looks back 2m, which is not a whole number of this SLO's 5m slices: give a lookbackWindow that is",
      },
    ]);
    // An hour is twelve slices.
    expect(
      parseOpenSlo(file(sliced, sli, policyByRef, condition)).errors,
    ).toEqual([]);
  });

  it('names a notification target whose document is not valid', () => {
    const brokenTarget = `
apiVersion: openslo/v1
kind: AlertNotificationTarget
metadata:
  name: on-call-mail
spec:
  description: no target given
`;
    const { slos, errors } = parseOpenSlo(
      file(sloByRef, sli, inlinePolicy, brokenTarget),
    );
    expect(slos).toEqual([]);
    expect(errors.map(e => `${e.document} ${e.path}: ${e.message}`)).toEqual([
      '4 spec.target: Required',
      "3 spec.notificationTargets[0].targetRef: refers to AlertNotificationTarget 'on-call-mail' (document 4), which is not valid",
      "1 spec.alertPolicies[0].alertPolicyRef: refers to AlertPolicy 'fast-burn' (document 3), which is not valid",
    ]);
  });

  it('refuses credentials in a DataSource, which every reader of the SLO would see', () => {
    const cloudWatch = `
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: cloudwatch
spec:
  type: CloudWatch
  connectionDetails:
    region: eu-west-1
    accessKeyID: accessKey
    nested: [{ secretAccessKey: secretAccessKey }]
`;
    expect(
      parseOpenSlo(file(sloByRef, sli, inlinePolicy, cloudWatch)).errors.map(
        e => `${e.document} ${e.path}`,
      ),
    ).toEqual([
      '4 spec.connectionDetails.accessKeyID',
      '4 spec.connectionDetails.nested[0].secretAccessKey',
    ]);
  });

  it('asks a document of its own for its apiVersion, and says so alone', () => {
    const { errors } = parseOpenSlo(
      file(sloByRef, sli.replace('apiVersion: openslo/v1\n', ''), inlinePolicy),
    );
    expect(errors).toEqual([
      { document: 2, path: 'apiVersion', message: "must be 'openslo/v1'" },
      {
        document: 1,
        path: 'spec.indicatorRef',
        message:
          "refers to SLI 'checkout-requests' (document 2), which is not valid",
      },
    ]);
  });

  it('refuses a YAML alias bomb instead of throwing', () => {
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'
        .split('')
        .map(
          (name, i) =>
            `${name}: &${name} [${Array(9)
              .fill(`*${'abcdefghi'[i]}`)
              .join(',')}]`,
        ),
    ].join('\n');
    const { slos, errors } = parseOpenSlo(laughs);
    expect(slos).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ document: 1, path: '' }),
    ]);
    expect(errors[0].message).toMatch(/alias/i);
  });
});
