import { stringify } from 'yaml';
import { MIN_EVENTS_ANNOTATION } from './openSloSchema';
import { SloAlertPolicy, SloDefinition, SloTimeWindow } from './SloDefinition';

/** OpenSLO's duration-shorthand postfix of each calendar unit. */
const CALENDAR_POSTFIX = {
  hour: 'h',
  day: 'd',
  week: 'w',
  month: 'M',
  quarter: 'Q',
} as const;

function toOpenSloWindow(window: SloTimeWindow): Record<string, unknown> {
  if (window.kind === 'rolling') {
    return { duration: window.duration, isRolling: true };
  }
  const { startTime } = window;
  return {
    duration: `${window.count ?? 1}${CALENDAR_POSTFIX[window.unit]}`,
    isRolling: false,
    calendar: {
      // OpenSLO writes it with a space: `2022-01-01 12:00:00`.
      ...(startTime ? { startTime: startTime.replace('T', ' ') } : {}),
      timeZone: window.timeZone,
    },
  };
}

/** A name, and a display name when there is one: OpenSLO `metadata`. */
function metadataOf(part: { name: string; displayName?: string }) {
  return {
    name: part.name,
    ...(part.displayName ? { displayName: part.displayName } : {}),
  };
}

const withDescription = (description?: string) =>
  description ? { description } : {};

/** An alert policy inline, its condition inline too. */
function toOpenSloPolicy(policy: SloAlertPolicy): Record<string, unknown> {
  const { condition } = policy;
  return {
    kind: 'AlertPolicy',
    metadata: metadataOf(policy),
    spec: {
      ...withDescription(policy.description),
      alertWhenBreaching: policy.alertWhenBreaching,
      alertWhenResolved: policy.alertWhenResolved,
      alertWhenNoData: policy.alertWhenNoData,
      conditions: [
        {
          kind: 'AlertCondition',
          metadata: metadataOf(condition),
          spec: {
            ...withDescription(condition.description),
            severity: condition.severity,
            condition: {
              kind: 'burnrate',
              op: condition.op,
              threshold: condition.threshold,
              lookbackWindow: condition.lookbackWindow,
              alertAfter: condition.alertAfter,
            },
          },
        },
      ],
      notificationTargets: policy.notificationTargets.map(targetRef => ({
        targetRef,
      })),
    },
  };
}

/**
 * An SLO as an OpenSLO v1 document of kind SLO, as an object: what the
 * suite's OpenSLO parser reads back to the same definition. Every field the
 * suite computes with is written out, defaults included, so the document
 * means the same to any other OpenSLO reader. Parts that came by name
 * (an SLI, alert policies and conditions) are written inline, so the
 * document stands alone.
 *
 * @public
 */
export function toOpenSloDocument(
  definition: SloDefinition,
): Record<string, unknown> {
  const objectives = (
    definition.objectives ?? [{ target: definition.target }]
  ).map(({ displayName, target }) => ({
    ...(displayName ? { displayName } : {}),
    ...(definition.threshold
      ? { op: definition.threshold.op, value: definition.threshold.value }
      : {}),
    target,
    ...(definition.budgetingMethod === 'Timeslices'
      ? {
          timeSliceTarget: definition.timeSliceTarget,
          timeSliceWindow: definition.timeSliceWindow,
        }
      : {}),
    ...(definition.budgetingMethod === 'RatioTimeslices'
      ? { timeSliceWindow: definition.timeSliceWindow }
      : {}),
  }));
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      ...metadataOf(definition),
      ...(definition.minEvents !== undefined
        ? {
            // Annotations are strings in OpenSLO.
            annotations: {
              [MIN_EVENTS_ANNOTATION]: String(definition.minEvents),
            },
          }
        : {}),
    },
    spec: {
      ...withDescription(definition.description),
      indicator: {
        spec: definition.threshold
          ? { thresholdMetric: definition.indicator?.thresholdMetric }
          : {
              ratioMetric: {
                ...(definition.indicator?.good !== undefined
                  ? { good: definition.indicator.good }
                  : {}),
                ...(definition.indicator?.total !== undefined
                  ? { total: definition.indicator.total }
                  : {}),
              },
            },
      },
      timeWindow: [toOpenSloWindow(definition.timeWindow)],
      budgetingMethod: definition.budgetingMethod,
      objectives,
      ...(definition.alertPolicies?.length
        ? { alertPolicies: definition.alertPolicies.map(toOpenSloPolicy) }
        : {}),
    },
  };
}

/**
 * The `DataSource` documents an SLO's metric sources refer to, as OpenSLO
 * writes them: they have no inline form, so they go beside the SLO.
 */
function toOpenSloDataSources(
  definition: SloDefinition,
): Array<Record<string, unknown>> {
  return Object.entries(definition.dataSources ?? {}).map(([name, source]) => ({
    apiVersion: 'openslo/v1',
    kind: 'DataSource',
    metadata: metadataOf({ name, displayName: source.displayName }),
    spec: {
      ...withDescription(source.description),
      type: source.type,
      ...(source.connectionDetails !== undefined
        ? { connectionDetails: source.connectionDetails }
        : {}),
    },
  }));
}

/**
 * {@link toOpenSloDocument} as YAML text, the form OpenSLO files take,
 * followed by the `DataSource` documents it refers to: a file the OpenSLO
 * parser reads back to the same definition.
 *
 * @public
 */
export function formatOpenSlo(definition: SloDefinition): string {
  // No line folding: a long query stays on one line, as people write it.
  return [toOpenSloDocument(definition), ...toOpenSloDataSources(definition)]
    .map(document => stringify(document, { lineWidth: 0 }))
    .join('---\n');
}
