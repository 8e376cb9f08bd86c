import { AlertPolicyPart } from './openSloAlertSchema';
import { OpenSloSpec } from './openSloSchema';
import { parseSloDuration } from './parseSloDuration';
import { normalizeStartTime, parseCalendarDuration } from './openSloTimeWindow';
import {
  OpenSloParts,
  PartProblem,
  resolveAlertPolicy,
  resolveDataSources,
} from './resolveOpenSloParts';
import {
  SloAlertPolicy,
  SloCalendarUnit,
  SloDefinition,
  SloObjective,
  SloTimeWindow,
} from './SloDefinition';

/**
 * A sliced SLO's lookbacks count whole slices: a lookback shorter than a
 * slice, or not a multiple of it, would hold no slice at some minutes (and
 * read as no data) and one or two at others.
 */
function sliceMismatch(
  policy: SloAlertPolicy,
  spec: OpenSloSpec,
): string | undefined {
  if (spec.budgetingMethod === 'Occurrences') return undefined;
  const window = spec.objectives[0].timeSliceWindow;
  const sliceMs = window ? parseSloDuration(window) : undefined;
  const lookbackMs = parseSloDuration(policy.condition.lookbackWindow);
  if (!sliceMs || !lookbackMs || lookbackMs % sliceMs === 0) return undefined;
  return `the condition '${policy.condition.name}' looks back ${policy.condition.lookbackWindow}, which is not a whole number of this SLO's ${window} slices: give a lookbackWindow that is`;
}

/** A validated OpenSLO time window as the suite's. */
function toTimeWindow(
  window: OpenSloSpec['timeWindow'][number],
): SloTimeWindow {
  if (window.isRolling ?? !window.calendar) {
    return { kind: 'rolling', duration: window.duration };
  }
  // Validated: a duration the schema accepted.
  const { unit, count } = parseCalendarDuration(window.duration) as {
    unit: SloCalendarUnit;
    count: number;
  };
  const startTime = window.calendar!.startTime;
  return {
    kind: 'calendar',
    unit,
    ...(count > 1 ? { count } : {}),
    ...(startTime ? { startTime: normalizeStartTime(startTime) } : {}),
    timeZone: window.calendar!.timeZone,
  };
}

/**
 * Turns a validated OpenSLO spec into the suite's definition, resolving
 * its references (`indicatorRef`, `alertPolicyRef`, `service`) in
 * `parts`; or the problems, at paths relative to the spec.
 *
 * @internal
 */
export function sloDefinitionFromSpec(
  name: string,
  spec: OpenSloSpec,
  extra: { displayName?: string; minEvents?: number },
  parts: OpenSloParts,
): { slo: SloDefinition } | { problems: PartProblem[] } {
  const problems: PartProblem[] = [];
  let indicatorSpec = spec.indicator?.spec;
  if (!indicatorSpec && spec.indicatorRef) {
    const found = parts.lookUp(parts.slis, 'SLI', spec.indicatorRef);
    if ('problem' in found) {
      problems.push({ path: ['indicatorRef'], message: found.problem });
    } else {
      indicatorSpec = found.value;
    }
  }
  // In a file that defines Services, `service` must name one of them;
  // elsewhere it is a free label, as OpenSLO allows.
  if (spec.service && parts.services.size > 0) {
    const found = parts.lookUp(parts.services, 'Service', spec.service);
    if ('problem' in found) {
      problems.push({ path: ['service'], message: found.problem });
    }
  }
  const objective = spec.objectives[0];
  const thresholdMetric = indicatorSpec?.thresholdMetric;
  if (thresholdMetric && spec.objectives.length > 1) {
    problems.push({
      path: ['objectives'],
      message:
        'a thresholdMetric SLO has exactly one objective (as OpenSLO v1 says)',
    });
  }
  if (thresholdMetric) {
    // Each value is judged by the objective: it must say how.
    for (const field of ['op', 'value'] as const) {
      if (objective[field] === undefined) {
        problems.push({
          path: ['objectives', 0, field],
          message: `a thresholdMetric objective needs op and value (e.g. op: lt, value: 500: values below 500 are good)`,
        });
      }
    }
  }
  const alertPolicies: SloAlertPolicy[] = [];
  (spec.alertPolicies ?? []).forEach((entry, index) => {
    let part: AlertPolicyPart;
    if ('inline' in entry) {
      part = entry.inline;
    } else {
      const found = parts.lookUp(parts.policies, 'AlertPolicy', entry.ref);
      if ('problem' in found) {
        problems.push({
          path: ['alertPolicies', index, 'alertPolicyRef'],
          message: found.problem,
        });
        return;
      }
      part = found.value;
    }
    if (alertPolicies.some(p => p.name === part.metadata.name)) {
      problems.push({
        path: ['alertPolicies', index],
        message: `names the alert policy '${part.metadata.name}' twice`,
      });
      return;
    }
    const resolved = resolveAlertPolicy(part, parts);
    if ('problems' in resolved) {
      // An inline policy's problems are at its place in the SLO; a
      // referenced one's own document reports them.
      if ('inline' in entry) {
        problems.push(
          ...resolved.problems.map(p => ({
            ...p,
            path: ['alertPolicies', index, ...p.path],
          })),
        );
      } else {
        problems.push({
          path: ['alertPolicies', index, 'alertPolicyRef'],
          message: `refers to AlertPolicy '${entry.ref}', which is not valid`,
        });
      }
      return;
    }
    const sliceProblem = sliceMismatch(resolved.policy, spec);
    if (sliceProblem) {
      problems.push({ path: ['alertPolicies', index], message: sliceProblem });
      return;
    }
    alertPolicies.push(resolved.policy);
  });
  const sources = indicatorSpec
    ? resolveDataSources(indicatorSpec, !!spec.indicator, parts)
    : { dataSources: {}, problems: [] };
  problems.push(...sources.problems);
  if (problems.length > 0 || !indicatorSpec) return { problems };

  const targetOf = (o: (typeof spec.objectives)[number]) =>
    o.target ?? Number((o.targetPercent! / 100).toPrecision(12));
  const objectives: SloObjective[] = spec.objectives.map(o => ({
    ...(o.displayName ? { displayName: o.displayName } : {}),
    target: targetOf(o),
  }));
  // The strictest objective is the one tier minimums are checked against.
  const target = Math.max(...objectives.map(o => o.target));
  const ratio = indicatorSpec.ratioMetric;
  return {
    slo: {
      name,
      ...(extra.displayName ? { displayName: extra.displayName } : {}),
      ...(spec.description ? { description: spec.description } : {}),
      target,
      timeWindow: toTimeWindow(spec.timeWindow[0]),
      budgetingMethod: spec.budgetingMethod as SloDefinition['budgetingMethod'],
      ...(spec.budgetingMethod === 'Timeslices'
        ? {
            timeSliceTarget: objective.timeSliceTarget,
            timeSliceWindow: objective.timeSliceWindow,
          }
        : {}),
      ...(spec.budgetingMethod === 'RatioTimeslices'
        ? { timeSliceWindow: objective.timeSliceWindow }
        : {}),
      ...(extra.minEvents !== undefined ? { minEvents: extra.minEvents } : {}),
      ...(thresholdMetric
        ? {
            indicator: { thresholdMetric },
            threshold: { op: objective.op!, value: objective.value! },
          }
        : { indicator: { good: ratio!.good, total: ratio!.total } }),
      ...(objectives.length > 1 ? { objectives } : {}),
      ...(alertPolicies.length > 0 ? { alertPolicies } : {}),
      ...(Object.keys(sources.dataSources).length > 0
        ? { dataSources: sources.dataSources }
        : {}),
    },
  };
}
