import { meetsThreshold } from './meetsThreshold';
import { parseSloDuration } from './parseSloDuration';
import { SloAlertPolicy, SloDefinition, SloPolicyAlert } from './SloDefinition';

const MINUTE_MS = 60_000;

/**
 * A range of bucket starts, `(fromExclusive, toInclusive]`.
 *
 * @internal
 */
export interface SloSumRange {
  fromExclusive: number;
  toInclusive: number;
}

/**
 * An alert condition's `alertAfter` in ms: `0m` (or `0s`, `0h`) is 0,
 * anything else a fixed duration. Validated by the schema.
 *
 * @internal
 */
export function alertAfterMs(alertAfter: string): number {
  return /^0[smhdw]$/.test(alertAfter) ? 0 : parseSloDuration(alertAfter) ?? 0;
}

/**
 * How far back an evaluation at `at` reads for one policy: its lookback,
 * ending at each minute of its `alertAfter`.
 */
function policyReachMs(policy: SloAlertPolicy): number {
  const { lookbackWindow, alertAfter } = policy.condition;
  return parseSloDuration(lookbackWindow)! + alertAfterMs(alertAfter);
}

/**
 * The longest span before `at` an evaluation of the SLO reads: the
 * longest of the default lookbacks (`3d`) and of its alert policies'
 * lookbacks with their `alertAfter`.
 *
 * @internal
 */
export function sloLookbackReachMs(slo: SloDefinition): number {
  return Math.max(
    parseSloDuration('3d')!,
    ...(slo.alertPolicies ?? []).map(policyReachMs),
  );
}

/**
 * For each alert policy, the lookback ranges its condition is judged on:
 * one ending at `at` and one ending at each whole minute before it, back
 * to `at − alertAfter`. Newest first.
 *
 * @internal
 */
export function alertPolicyRanges(
  slo: SloDefinition,
  at: number,
): SloSumRange[][] {
  return (slo.alertPolicies ?? []).map(policy => {
    const lookbackMs = parseSloDuration(policy.condition.lookbackWindow)!;
    const instants = alertAfterMs(policy.condition.alertAfter) / MINUTE_MS;
    const ranges: SloSumRange[] = [];
    for (let k = 0; k <= instants; k++) {
      const end = at - k * MINUTE_MS;
      ranges.push({ fromExclusive: end - lookbackMs, toInclusive: end });
    }
    return ranges;
  });
}

/** What an alert of this severity makes the SLO's status. */
function statusOf(severity: string): 'page' | 'ticket' {
  return severity.toLowerCase() === 'page' ? 'page' : 'ticket';
}

/**
 * The alerts of the SLO's alert policies from the sums over
 * `alertPolicyRanges`: a policy alerts when its condition held at
 * every instant of its `alertAfter` (`breaching`), or, with
 * `alertWhenNoData`, when none of those lookbacks held events
 * (`no-data`). A breaching alert with fewer events than the SLO's
 * `minEvents` in the lookback ending now is marked `suppressed`.
 *
 * @internal
 */
export function evaluateAlertPolicies(
  slo: SloDefinition,
  sums: Array<Array<{ total: number }>>,
  ranges: SloSumRange[][],
  burnRateOver: (index: number, instant: number) => number | null,
): SloPolicyAlert[] {
  const alerts: SloPolicyAlert[] = [];
  (slo.alertPolicies ?? []).forEach((policy, index) => {
    const { condition } = policy;
    const burns = ranges[index].map((_, instant) =>
      burnRateOver(index, instant),
    );
    const compare = { op: condition.op, value: condition.threshold };
    const breaching =
      policy.alertWhenBreaching &&
      burns.every(burn => burn !== null && meetsThreshold(compare, burn));
    const noData = policy.alertWhenNoData && burns.every(b => b === null);
    if (!breaching && !noData) return;
    const events = sums[index][0].total;
    alerts.push({
      policy: policy.name,
      condition: condition.name,
      severity: condition.severity,
      status: statusOf(condition.severity),
      reason: breaching ? 'breaching' : 'no-data',
      op: condition.op,
      threshold: condition.threshold,
      lookbackWindow: condition.lookbackWindow,
      alertAfter: condition.alertAfter,
      burnRate: burns[0],
      ...(breaching && slo.minEvents !== undefined && events < slo.minEvents
        ? { suppressed: { events, minEvents: slo.minEvents } }
        : {}),
    });
  });
  return alerts;
}
