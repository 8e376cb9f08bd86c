import { parseAllDocuments } from 'yaml';
import { z } from 'zod/v3';
import {
  MIN_EVENTS_ANNOTATION,
  minEventsSchema,
  openSloDocumentSchema,
  OpenSloSpec,
  openSloSpecSchema,
} from './openSloSchema';
import { normalizeStartTime, parseCalendarDuration } from './openSloTimeWindow';
import { SloCalendarUnit, SloDefinition, SloTimeWindow } from './SloDefinition';

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
 * Turns a validated OpenSLO spec into the suite's definition.
 *
 * @internal
 */
export function sloDefinitionFromSpec(
  name: string,
  spec: OpenSloSpec,
  extra: { displayName?: string; minEvents?: number } = {},
): SloDefinition {
  const objective = spec.objectives[0];
  const target =
    objective.target ??
    Number((objective.targetPercent! / 100).toPrecision(12));
  const { ratioMetric: ratio, thresholdMetric } = spec.indicator!.spec;
  return {
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
  };
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
  return {
    slo: sloDefinitionFromSpec(name, result.data, { displayName, minEvents }),
    errors: [],
  };
}

/**
 * Parses an OpenSLO v1 YAML file with one or more documents. Documents of
 * other OpenSLO kinds (Service, SLI, …) are skipped. Every error is
 * returned with its document and path; valid SLOs are returned even when
 * other documents fail, so callers can decide what to keep.
 *
 * @internal
 */
export function parseOpenSlo(text: string): {
  slos: SloDefinition[];
  errors: OpenSloError[];
} {
  const slos: SloDefinition[] = [];
  const errors: OpenSloError[] = [];
  const seen = new Set<string>();
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
    if (
      typeof value === 'object' &&
      (value as { apiVersion?: unknown }).apiVersion === 'openslo/v1' &&
      (value as { kind?: unknown }).kind !== 'SLO'
    ) {
      return;
    }
    const result = openSloDocumentSchema.safeParse(value);
    if (!result.success) {
      errors.push(...issuesToErrors(result.error, document));
      return;
    }
    const { metadata, spec } = result.data;
    if (seen.has(metadata.name)) {
      errors.push({
        document,
        path: 'metadata.name',
        message: `duplicates the SLO name '${metadata.name}'`,
      });
      return;
    }
    seen.add(metadata.name);
    slos.push(
      sloDefinitionFromSpec(metadata.name, spec, {
        displayName: metadata.displayName,
        minEvents: metadata.annotations?.[MIN_EVENTS_ANNOTATION],
      }),
    );
  });
  return { slos, errors };
}
