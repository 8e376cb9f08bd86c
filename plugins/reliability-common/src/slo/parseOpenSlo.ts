import { parseAllDocuments } from 'yaml';
import { z } from 'zod/v3';
import {
  CALENDAR_UNITS,
  openSloDocumentSchema,
  OpenSloSpec,
  openSloSpecSchema,
} from './openSloSchema';
import { SloDefinition } from './SloDefinition';

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

/**
 * Turns a validated OpenSLO spec into the suite's definition.
 *
 * @internal
 */
export function sloDefinitionFromSpec(
  name: string,
  spec: OpenSloSpec,
  displayName?: string,
): SloDefinition {
  const window = spec.timeWindow[0];
  const objective = spec.objectives[0];
  const target =
    objective.target ??
    Number((objective.targetPercent! / 100).toPrecision(12));
  return {
    name,
    ...(displayName ? { displayName } : {}),
    ...(spec.description ? { description: spec.description } : {}),
    target,
    timeWindow: window.isRolling
      ? { kind: 'rolling', duration: window.duration }
      : {
          kind: 'calendar',
          unit: CALENDAR_UNITS[window.duration],
          timeZone: window.calendar!.timeZone,
        },
    budgetingMethod: spec.budgetingMethod,
    ...(spec.budgetingMethod === 'Timeslices'
      ? {
          timeSliceTarget: objective.timeSliceTarget,
          timeSliceWindow: objective.timeSliceWindow,
        }
      : {}),
    indicator: {
      good: spec.indicator.spec.ratioMetric.good,
      total: spec.indicator.spec.ratioMetric.total,
    },
  };
}

/**
 * Validates an SLO spec sent as JSON (the API's `PUT …/slos/{name}` body:
 * the OpenSLO `spec` plus `displayName`).
 *
 * @internal
 */
export function parseSloSpec(
  name: string,
  body: unknown,
):
  | { slo: SloDefinition; errors: [] }
  | { slo?: undefined; errors: OpenSloError[] } {
  const withDisplayName = z
    .object({ displayName: z.string().max(200).optional() })
    .passthrough()
    .safeParse(body);
  if (!withDisplayName.success) {
    return { errors: issuesToErrors(withDisplayName.error, 1) };
  }
  // The rest is the OpenSLO spec, checked strictly: unknown fields fail.
  const { displayName, ...spec } = withDisplayName.data as {
    displayName?: string;
  };
  const result = openSloSpecSchema.safeParse(spec);
  if (!result.success) {
    return { errors: issuesToErrors(result.error, 1) };
  }
  return {
    slo: sloDefinitionFromSpec(name, result.data, displayName),
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
    slos.push(sloDefinitionFromSpec(metadata.name, spec, metadata.displayName));
  });
  return { slos, errors };
}
