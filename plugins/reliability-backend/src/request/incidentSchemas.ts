import { InputError } from '@backstage/errors';
import { incidentTimesOutOfOrder } from '@reliability-suite/plugin-reliability-common';
import { z } from 'zod';
import { entityRefSchema, httpUrlSchema } from './fieldSchemas';
import { isoTimestampSchema } from './isoTimestampSchema';

const incidentTimes = {
  detectedAt: isoTimestampSchema.nullable().optional(),
  acknowledgedAt: isoTimestampSchema.nullable().optional(),
  mitigatedAt: isoTimestampSchema.nullable().optional(),
  resolvedAt: isoTimestampSchema.nullable().optional(),
};

/**
 * `POST /incidents` and `PATCH /incidents/:id` bodies; the severity must be
 * one of the configured ones.
 */
export function incidentBodySchemas(severities: string[]) {
  const create = z
    .object({
      title: z.string().trim().min(1, 'must not be empty').max(300),
      severity: z.string().refine(s => severities.includes(s), {
        message: `must be one of ${severities.join(', ')}`,
      }),
      entityRefs: z
        .array(entityRefSchema)
        .min(1, 'must name at least one entity')
        .max(20),
      startedAt: isoTimestampSchema,
      ...incidentTimes,
      externalUrl: httpUrlSchema.nullable().optional(),
    })
    .strict();
  return { create, patch: create.partial().strict() };
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
    summary: z.string().max(10_000).nullable().optional(),
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
