import { parseAllDocuments } from 'yaml';
import { z } from 'zod/v3';
import {
  dataSourcePartSchema,
  MIN_EVENTS_ANNOTATION,
  minEventsSchema,
  openSloDocumentSchema,
  OpenSloSpec,
  openSloSpecSchema,
  servicePartSchema,
  sliPartSchema,
} from './openSloSchema';
import {
  alertConditionPartSchema,
  AlertPolicyPart,
  alertPolicyPartSchema,
  notificationTargetPartSchema,
} from './openSloAlertSchema';
import { normalizeStartTime, parseCalendarDuration } from './openSloTimeWindow';
import {
  OpenSloParts,
  PartProblem,
  resolveAlertPolicy,
} from './resolveOpenSloParts';
import {
  SloAlertPolicy,
  SloCalendarUnit,
  SloDefinition,
  SloTimeWindow,
} from './SloDefinition';

/**
 * One problem in an OpenSLO document.
 *
 * @public
 */
export interface OpenSloError {
  /** 1-based position of the YAML document in the file. */
  document: number;
  /** Dotted path within the document, e.g. `spec.objectives[0].target`. */
  path: string;
  message: string;
}

function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') {
      out += `[${part}]`;
    } else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) {
      // An annotation such as reliability/min-events.
      out += `['${part}']`;
    } else {
      out += out ? `.${part}` : part;
    }
  }
  return out;
}

function issuesToErrors(
  error: z.ZodError,
  document: number,
  prefix: (string | number)[] = [],
): OpenSloError[] {
  return error.issues.map(issue => ({
    document,
    path: formatPath([...prefix, ...issue.path]),
    message:
      issue.code === z.ZodIssueCode.unrecognized_keys
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
            .map(k => `'${k}'`)
            .join(', ')}`
        : issue.message,
  }));
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
    alertPolicies.push(resolved.policy);
  });
  if (problems.length > 0 || !indicatorSpec) return { problems };

  const target =
    objective.target ??
    Number((objective.targetPercent! / 100).toPrecision(12));
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
      ...(extra.minEvents !== undefined ? { minEvents: extra.minEvents } : {}),
      ...(thresholdMetric
        ? {
            indicator: { thresholdMetric },
            threshold: { op: objective.op!, value: objective.value! },
          }
        : { indicator: { good: ratio!.good, total: ratio!.total } }),
      ...(alertPolicies.length > 0 ? { alertPolicies } : {}),
    },
  };
}

/** Problems of one document as OpenSLO errors. */
function toErrors(
  document: number,
  problems: PartProblem[],
  prefix: (string | number)[],
): OpenSloError[] {
  return problems.map(p => ({
    document,
    path: formatPath([...prefix, ...p.path]),
    message: p.message,
  }));
}

/**
 * Validates an SLO spec sent as JSON (the API's `PUT …/slos/{name}` body:
 * the OpenSLO `spec` plus `displayName` and `minEvents`).
 *
 * @internal
 */
export function parseSloSpec(
  name: string,
  body: unknown,
):
  | { slo: SloDefinition; errors: [] }
  | { slo?: undefined; errors: OpenSloError[] } {
  const extras = z
    .object({
      displayName: z.string().max(200).optional(),
      minEvents: minEventsSchema.optional(),
    })
    .passthrough()
    .safeParse(body);
  if (!extras.success) {
    return { errors: issuesToErrors(extras.error, 1) };
  }
  // The rest is the OpenSLO spec, checked strictly: unknown fields fail.
  const { displayName, minEvents, ...spec } = extras.data as {
    displayName?: string;
    minEvents?: number;
  };
  const result = openSloSpecSchema.safeParse(spec);
  if (!result.success) {
    return { errors: issuesToErrors(result.error, 1) };
  }
  const resolved = sloDefinitionFromSpec(
    name,
    result.data,
    { displayName, minEvents },
    new OpenSloParts(false),
  );
  if ('problems' in resolved) {
    return { errors: toErrors(1, resolved.problems, []) };
  }
  return { slo: resolved.slo, errors: [] };
}

/** The kinds an SLO refers to, with their schemas and where they go. */
const PART_KINDS = {
  SLI: { schema: sliPartSchema, map: (p: OpenSloParts) => p.slis },
  AlertCondition: {
    schema: alertConditionPartSchema,
    map: (p: OpenSloParts) => p.conditions,
  },
  AlertPolicy: {
    schema: alertPolicyPartSchema,
    map: (p: OpenSloParts) => p.policies,
  },
  AlertNotificationTarget: {
    schema: notificationTargetPartSchema,
    map: (p: OpenSloParts) => p.targets,
  },
  Service: { schema: servicePartSchema, map: (p: OpenSloParts) => p.services },
  DataSource: {
    schema: dataSourcePartSchema,
    map: (p: OpenSloParts) => p.dataSources,
  },
} as const;

const KIND_NAMES = ['SLO', ...Object.keys(PART_KINDS)];

/**
 * Parses an OpenSLO v1 YAML file with one or more documents: SLOs, and the
 * SLI, AlertPolicy, AlertCondition, AlertNotificationTarget, Service and
 * DataSource documents they refer to by name (in any order). Every error is
 * returned with its document and path; valid SLOs are returned even when
 * other documents fail, so callers can decide what to keep.
 *
 * @internal
 */
export function parseOpenSlo(text: string): {
  slos: SloDefinition[];
  errors: OpenSloError[];
} {
  const errors: OpenSloError[] = [];
  const parts = new OpenSloParts(true);
  const sloDocuments: Array<{ document: number; value: unknown }> = [];
  parseAllDocuments(text).forEach((doc, index) => {
    const document = index + 1;
    if (doc.errors.length > 0) {
      errors.push(
        ...doc.errors.map(e => ({ document, path: '', message: e.message })),
      );
      return;
    }
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) {
      return; // an empty document, e.g. after a trailing `---`
    }
    const { apiVersion, kind } = value as {
      apiVersion?: unknown;
      kind?: unknown;
    };
    if (apiVersion !== 'openslo/v1' || kind === 'SLO') {
      // Validated as an SLO, which says what is wrong with apiVersion.
      sloDocuments.push({ document, value });
      return;
    }
    const partKind = PART_KINDS[kind as keyof typeof PART_KINDS];
    if (!partKind) {
      errors.push({
        document,
        path: 'kind',
        message: `must be one of ${KIND_NAMES.join(', ')}`,
      });
      return;
    }
    const result = partKind.schema.safeParse(value);
    const name = (value as { metadata?: { name?: unknown } }).metadata?.name;
    if (!result.success) {
      errors.push(...issuesToErrors(result.error, document));
    }
    if (typeof name !== 'string') return;
    const map = partKind.map(parts) as Map<string, unknown>;
    if (map.has(name)) {
      errors.push({
        document,
        path: 'metadata.name',
        message: `duplicates the ${String(kind)} name '${name}'`,
      });
      return;
    }
    // Policies and conditions keep the whole part (their own names are
    // part of the alert); the other kinds only their spec.
    const whole = kind === 'AlertPolicy' || kind === 'AlertCondition';
    map.set(name, {
      document,
      value: result.success
        ? whole
          ? result.data
          : result.data.spec
        : undefined,
    });
  });
  // A referenced policy's own references are its document's problems.
  for (const [name, entry] of parts.policies) {
    if (entry.value === undefined) continue;
    const resolved = resolveAlertPolicy(entry.value, parts);
    if ('problems' in resolved) {
      errors.push(...toErrors(entry.document, resolved.problems, []));
      parts.policies.set(name, { document: entry.document });
    }
  }
  const slos: SloDefinition[] = [];
  const seen = new Set<string>();
  for (const { document, value } of sloDocuments) {
    const result = openSloDocumentSchema.safeParse(value);
    if (!result.success) {
      errors.push(...issuesToErrors(result.error, document));
      continue;
    }
    const { metadata, spec } = result.data;
    if (seen.has(metadata.name)) {
      errors.push({
        document,
        path: 'metadata.name',
        message: `duplicates the SLO name '${metadata.name}'`,
      });
      continue;
    }
    seen.add(metadata.name);
    const resolved = sloDefinitionFromSpec(
      metadata.name,
      spec,
      {
        displayName: metadata.displayName,
        minEvents: metadata.annotations?.[MIN_EVENTS_ANNOTATION],
      },
      parts,
    );
    if ('problems' in resolved) {
      errors.push(...toErrors(document, resolved.problems, ['spec']));
      continue;
    }
    slos.push(resolved.slo);
  }
  return { slos, errors };
}
