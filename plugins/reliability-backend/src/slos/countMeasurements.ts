import { InputError } from '@backstage/errors';
import {
  meetsThreshold,
  SloDefinition,
} from '@reliability-suite/plugin-reliability-common';
import type { Measurement } from './SloService';

/** A value of a threshold metric at an instant: one event. */
export interface ValueMeasurement {
  timestamp: string;
  value: number;
}

/** What a batch may carry: counts, or values of a threshold metric. */
export type IncomingMeasurement = Measurement | ValueMeasurement;

function isValue(point: IncomingMeasurement): point is ValueMeasurement {
  return (point as ValueMeasurement).value !== undefined;
}

/**
 * The points of a batch as counts. A ratio SLO takes `{ timestamp, good,
 * total }`. A threshold SLO takes `{ timestamp, value }`: each value is one
 * event, good when it meets the objective (`op value`), so the math after
 * this is the same for both.
 *
 * @throws InputError naming the first point of the other kind
 */
export function countMeasurements(
  definition: SloDefinition,
  points: readonly IncomingMeasurement[],
): Measurement[] {
  const { threshold } = definition;
  return points.map((point, index) => {
    if (threshold && isValue(point)) {
      return {
        timestamp: point.timestamp,
        good: meetsThreshold(threshold, point.value) ? 1 : 0,
        total: 1,
      };
    }
    if (!threshold && !isValue(point)) return point;
    throw new InputError(
      threshold
        ? `Invalid request body 'measurements.${index}': SLO '${definition.name}' judges the values of a thresholdMetric: send { timestamp, value } points`
        : `Invalid request body 'measurements.${index}.value': SLO '${definition.name}' counts good and total events: send { timestamp, good, total } points`,
    );
  });
}

/**
 * Values of a threshold metric as one count per minute: a provider may
 * answer many series, and their values for a day outnumber a batch, while
 * their counts are at most one point a minute.
 */
export function countValuesPerMinute(
  definition: SloDefinition,
  values: readonly ValueMeasurement[],
): Measurement[] {
  const minutes = new Map<string, Measurement>();
  for (const point of countMeasurements(definition, values)) {
    const minute = minutes.get(point.timestamp);
    if (minute) {
      minute.good += point.good;
      minute.total += point.total;
    } else {
      minutes.set(point.timestamp, { ...point });
    }
  }
  return [...minutes.values()];
}
