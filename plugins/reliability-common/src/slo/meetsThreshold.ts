import { SloThreshold } from './SloDefinition';

/**
 * Whether one value of a threshold metric is a good event. Infinite
 * values compare as numbers do (an infinite latency is never below 500).
 *
 * @public
 */
export function meetsThreshold(
  threshold: SloThreshold,
  value: number,
): boolean {
  switch (threshold.op) {
    case 'lt':
      return value < threshold.value;
    case 'lte':
      return value <= threshold.value;
    case 'gt':
      return value > threshold.value;
    case 'gte':
      return value >= threshold.value;
    default:
      return false;
  }
}
