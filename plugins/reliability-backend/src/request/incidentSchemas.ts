import { InputError } from '@backstage/errors';
import {
  incidentTimesOutOfOrder,
  visibleTextSchema,
} from '@reliability-suite/plugin-reliability-common';
import { z } from 'zod/v3';
import { entityRefSchema, httpUrlSchema } from './fieldSchemas';
import { DateRules } from './DateRules';
import { isoTimestampSchema } from './isoTimestampSchema';
import { requireAChange } from './requireAChange';

/**
 * `POST /incidents` and `PATCH /incidents/:id` bodies; the severity must be
 * one of the configured ones, and every time one that has happened.
 */
export function incidentBodySchemas(severities: string[], dates: DateRules) {
  const happened = isoTimestampSchema.superRefine(dates.happened());
  const incidentTimes = {
    detectedAt: happened.nullable().optional(),
    acknowledgedAt: happened.nullable().optional(),
    mitigatedAt: happened.nullable().optional(),
    resolvedAt: happened.nullable().optional(),
  };
  const create = z
    .object({
      title: visibleTextSchema({ min: 1, max: 300 }),
      severity: z.string().refine(s => severities.includes(s), {
        message: `must be one of ${severities.join(', ')}`,
      }),
      entityRefs: z
        .array(entityRefSchema)
        .min(1, 'must name at least one entity')
        .max(20),
      startedAt: happened,
      ...incidentTimes,
      externalUrl: httpUrlSchema.nullable().optional(),
    })
    .strict();
  return {
    create,
    patch: create.partial().strict().superRefine(requireAChange),
  };
}

/** A new incident as `POST /incidents` takes it. */
export type IncidentCreateBody = z.infer<
  ReturnType<typeof incidentBodySchemas>['create']
>;

/** The changes `PATCH /incidents/:id` takes. */
export type IncidentPatchBody = z.infer<
  ReturnType<typeof incidentBodySchemas>['patch']
>;

/** `PUT /incidents/:id/postmortem` */
export const postmortemBodySchema = z
  .object({
    status: z.enum(['draft', 'in-review', 'published']),
    documentUrl: httpUrlSchema.nullable().optional(),
    summary: visibleTextSchema({ min: 0, max: 10_000 }).nullable().optional(),
  })
  .strict();

/** A postmortem as `PUT /incidents/:id/postmortem` takes it. */
export type PostmortemBody = z.infer<typeof postmortemBodySchema>;

/** `GET /entities/:kind/:namespace/:name/incidents` */
export const entityIncidentsQuerySchema = z
  .object({ since: isoTimestampSchema.optional() })
  .strict();

/**
 * Refuses an incident whose times are out of order (resolved before
 * mitigated, …), naming the first field that is.
 *
 * @throws InputError (400)
 */
export function checkIncidentTimes(
  times: Parameters<typeof incidentTimesOutOfOrder>[0],
): void {
  const outOfOrder = incidentTimesOutOfOrder(times);
  if (outOfOrder) {
    throw new InputError(
      `Invalid request body '${outOfOrder[0]}': must not be before ${outOfOrder[1]}`,
    );
  }
}
