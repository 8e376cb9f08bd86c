import { parseAllDocuments } from 'yaml';
import { z } from 'zod/v3';
import {
  dataSourcePartSchema,
  MIN_EVENTS_ANNOTATION,
  minEventsSchema,
  openSloDocumentSchema,
  openSloSpecSchema,
  servicePartSchema,
  sliPartSchema,
} from './openSloSchema';
import {
  alertConditionPartSchema,
  alertPolicyPartSchema,
  notificationTargetPartSchema,
} from './openSloAlertSchema';
import {
  OpenSloParts,
  PartProblem,
  resolveAlertPolicy,
} from './resolveOpenSloParts';
import { SloDefinition } from './SloDefinition';
import { sloDefinitionFromSpec } from './sloDefinitionFromSpec';

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
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (e) {
      // e.g. "Excessive alias count": a billion laughs, refused.
      errors.push({ document, path: '', message: (e as Error).message });
      return;
    }
    if (value === null || value === undefined) {
      return; // an empty document, e.g. after a trailing `---`
    }
    const { apiVersion, kind } = value as {
      apiVersion?: unknown;
      kind?: unknown;
    };
    const partKind =
      kind !== 'SLO' && Object.hasOwn(PART_KINDS, String(kind))
        ? PART_KINDS[kind as keyof typeof PART_KINDS]
        : undefined;
    if (!partKind && (apiVersion !== 'openslo/v1' || kind === 'SLO')) {
      // Validated as an SLO, which says what is wrong with apiVersion.
      sloDocuments.push({ document, value });
      return;
    }
    if (partKind && apiVersion !== 'openslo/v1') {
      // Inline parts may leave it out; a document of its own may not.
      errors.push({
        document,
        path: 'apiVersion',
        message: "must be 'openslo/v1'",
      });
    }
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
    // Policies, conditions and data sources keep the whole part (their
    // names and display names are kept); the other kinds only their spec.
    const whole =
      kind === 'AlertPolicy' ||
      kind === 'AlertCondition' ||
      kind === 'DataSource';
    let kept: unknown;
    if (result.success && apiVersion === 'openslo/v1') {
      kept = whole ? result.data : result.data.spec;
    }
    map.set(name, { document, value: kept });
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
