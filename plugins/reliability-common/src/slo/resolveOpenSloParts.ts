import { AlertConditionPart, AlertPolicyPart } from './openSloAlertSchema';
import { DataSourcePart, OpenSloIndicatorSpec } from './openSloSchema';
import {
  SloAlertCondition,
  SloAlertPolicy,
  SloDataSource,
} from './SloDefinition';

/** A problem at a path relative to the part being resolved. */
export interface PartProblem {
  path: (string | number)[];
  message: string;
}

/**
 * A document an SLO can refer to by name: `value` is absent when the
 * document failed validation (its errors are reported where it is).
 */
interface Named<T> {
  document: number;
  value?: T;
}

/**
 * The documents of one OpenSLO file that SLOs refer to by name, by kind.
 * An API body has none: it is a single SLO, so references cannot resolve.
 */
export class OpenSloParts {
  readonly slis = new Map<string, Named<OpenSloIndicatorSpec>>();
  readonly conditions = new Map<string, Named<AlertConditionPart>>();
  readonly policies = new Map<string, Named<AlertPolicyPart>>();
  readonly services = new Map<string, Named<unknown>>();
  readonly dataSources = new Map<string, Named<DataSourcePart>>();
  readonly targets = new Map<string, Named<unknown>>();

  /** @param inFile - false for an API body, which no file surrounds. */
  constructor(readonly inFile: boolean) {}

  /** What a reference to a missing `kind` named `name` reads. */
  missing(kind: string, name: string): string {
    return this.inFile
      ? `no ${kind} named '${name}' in this file`
      : `no ${kind} named '${name}': the API takes one SLO, so give it inline (references resolve within an OpenSLO file)`;
  }

  /**
   * Looks a reference up: its value, or the problem with it (missing, or
   * pointing at a document that failed).
   */
  lookUp<T>(
    map: Map<string, Named<T>>,
    kind: string,
    name: string,
  ): { value: T } | { problem: string } {
    const found = map.get(name);
    if (!found) return { problem: this.missing(kind, name) };
    if (found.value === undefined) {
      return {
        problem: `refers to ${kind} '${name}' (document ${found.document}), which is not valid`,
      };
    }
    return { value: found.value };
  }
}

function toCondition(part: AlertConditionPart): SloAlertCondition {
  const { metadata, spec } = part;
  return {
    name: metadata.name,
    ...(metadata.displayName ? { displayName: metadata.displayName } : {}),
    ...(spec.description ? { description: spec.description } : {}),
    severity: spec.severity,
    op: spec.condition.op,
    threshold: spec.condition.threshold,
    lookbackWindow: spec.condition.lookbackWindow,
    alertAfter: spec.condition.alertAfter,
  };
}

/**
 * An alert policy with its condition and target references resolved, or
 * the problems, at paths relative to the policy.
 */
export function resolveAlertPolicy(
  part: AlertPolicyPart,
  parts: OpenSloParts,
): { policy: SloAlertPolicy } | { problems: PartProblem[] } {
  const { metadata, spec } = part;
  const problems: PartProblem[] = [];
  const entry = spec.conditions[0];
  let condition: SloAlertCondition | undefined;
  if ('inline' in entry) {
    condition = toCondition(entry.inline);
  } else {
    const found = parts.lookUp(parts.conditions, 'AlertCondition', entry.ref);
    if ('problem' in found) {
      problems.push({
        path: ['spec', 'conditions', 0, 'conditionRef'],
        message: found.problem,
      });
    } else {
      condition = toCondition(found.value);
    }
  }
  const targets = (spec.notificationTargets ?? []).map((target, index) => {
    if ('inline' in target) return target.inline.metadata.name;
    // Only checked in a file that defines targets: elsewhere a target is
    // a name for the systems that deliver alerts.
    if (parts.targets.size > 0) {
      const found = parts.lookUp(
        parts.targets,
        'AlertNotificationTarget',
        target.ref,
      );
      if ('problem' in found) {
        problems.push({
          path: ['spec', 'notificationTargets', index, 'targetRef'],
          message: found.problem,
        });
      }
    }
    return target.ref;
  });
  if (problems.length > 0 || !condition) return { problems };
  return {
    policy: {
      name: metadata.name,
      ...(metadata.displayName ? { displayName: metadata.displayName } : {}),
      ...(spec.description ? { description: spec.description } : {}),
      alertWhenBreaching: spec.alertWhenBreaching ?? true,
      alertWhenResolved: spec.alertWhenResolved ?? false,
      alertWhenNoData: spec.alertWhenNoData ?? false,
      condition,
      notificationTargets: targets,
    },
  };
}

/**
 * The DataSource documents an indicator's metric sources name by
 * `metricSourceRef`, by name; a `type` beside the reference must be the
 * data source's. A reference no DataSource answers is left as it is: the
 * provider may know it (a configured server). Problems are at paths
 * relative to the SLO spec: within the indicator when it is inline, at
 * `indicatorRef` when it came by name.
 */
export function resolveDataSources(
  indicator: OpenSloIndicatorSpec,
  inline: boolean,
  parts: OpenSloParts,
): { dataSources: Record<string, SloDataSource>; problems: PartProblem[] } {
  const sides: Array<[(string | number)[], unknown]> = indicator.thresholdMetric
    ? [[['thresholdMetric'], indicator.thresholdMetric]]
    : [
        [['ratioMetric', 'good'], indicator.ratioMetric?.good],
        [['ratioMetric', 'total'], indicator.ratioMetric?.total],
      ];
  // A Map, then own properties: a name such as `__proto__` must stay a name.
  const dataSources = new Map<string, SloDataSource>();
  const problems: PartProblem[] = [];
  for (const [path, side] of sides) {
    const source = (
      side as { metricSource?: { metricSourceRef?: string; type?: string } }
    )?.metricSource;
    const ref = source?.metricSourceRef;
    if (ref === undefined || !parts.dataSources.has(ref)) continue;
    // Both sides naming one data source: one problem is enough.
    if (!inline && problems.length > 0) continue;
    const at = (field: string) =>
      inline
        ? ['indicator', 'spec', ...path, 'metricSource', field]
        : ['indicatorRef'];
    const found = parts.lookUp(parts.dataSources, 'DataSource', ref);
    if ('problem' in found) {
      problems.push({ path: at('metricSourceRef'), message: found.problem });
      continue;
    }
    const { metadata, spec } = found.value;
    // Types compare as providers read them, without regard to case.
    if (
      source!.type !== undefined &&
      source!.type.toLowerCase() !== spec.type.toLowerCase()
    ) {
      problems.push({
        path: at('type'),
        message: `${inline ? '' : "the SLI's metric source type "}is '${
          source!.type
        }', but DataSource '${ref}' is of type '${spec.type}'`,
      });
      continue;
    }
    dataSources.set(ref, {
      type: spec.type,
      ...(metadata.displayName ? { displayName: metadata.displayName } : {}),
      ...(spec.description ? { description: spec.description } : {}),
      ...(spec.connectionDetails !== undefined
        ? { connectionDetails: spec.connectionDetails }
        : {}),
    });
  }
  return { dataSources: Object.fromEntries(dataSources), problems };
}
