import { visibleTextSchema } from '@reliability-suite/plugin-reliability-common';
import { DateTime } from 'luxon';
import { z } from 'zod/v3';
import { decodeCursor, encodeCursor } from './cursor';
import { DateRules } from './DateRules';
import { httpUrlSchema } from './fieldSchemas';
import { isoTimestampSchema } from './isoTimestampSchema';

/** Most reviews on one page of the queue. */
export const MAX_REVIEW_PAGE = 100;

const itemIdSchema = z.string().min(1).max(63);

/** `POST …/readiness/attestations` */
export const attestationBodySchema = z
  .object({
    itemId: itemIdSchema,
    evidenceUrl: httpUrlSchema,
    note: visibleTextSchema({ min: 0, max: 2000 }).nullable().optional(),
  })
  .strict();

/** `DELETE …/readiness/attestations/:id` */
export const attestationPathSchema = z.object({
  id: z.string().regex(/^\d{1,12}$/, 'must be an attestation id'),
});

/** `POST …/readiness/waivers` */
export const waiverBodySchema = z
  .object({
    itemId: itemIdSchema,
    reason: visibleTextSchema({
      min: 10,
      max: 2000,
      tooShort: 'must explain the accepted risk in at least 10 characters',
    }),
    expiresAt: isoTimestampSchema,
  })
  .strict();

/**
 * `POST …/readiness/reviews`: a launch date from today to the planning
 * horizon (a review for a launch in 1900 was once accepted).
 */
export const reviewRequestBodySchema = (dates: DateRules) =>
  z
    .object({
      targetLaunchDate: z
        .string()
        .refine(
          v => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid,
          'must be a date such as 2026-12-15',
        )
        .refine(v => v >= dates.today(), 'must not be in the past')
        .superRefine(dates.plannable())
        .nullable()
        .optional(),
    })
    .strict();

/** `POST /readiness/reviews/:id/decision`: the path. */
export const reviewPathSchema = z.object({
  id: z.string().regex(/^\d{1,12}$/, 'must be a review id'),
});

/** `POST /readiness/reviews/:id/decision`: the body. */
export const reviewDecisionBodySchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: visibleTextSchema({ min: 0, max: 4000 }).nullable().optional(),
  })
  .strict();

/** `GET /readiness/reviews` */
export const reviewQueueQuerySchema = z
  .object({
    state: z.enum(['requested', 'approved', 'rejected']).default('requested'),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_REVIEW_PAGE, `must be at most ${MAX_REVIEW_PAGE}`)
      .default(50),
    cursor: z.string().max(200, 'must be at most 200 characters').optional(),
  })
  .strict();

const isReviewKey = (value: any): value is { id: number } =>
  Number.isSafeInteger(value?.id) && value.id >= 0;

/** The queue's cursor after the review with this id. */
export function encodeReviewCursor(afterId: number): string {
  return encodeCursor({ id: afterId });
}

/** The review id a queue cursor continues after; a 400 for anything else. */
export function decodeReviewCursor(cursor: string): number {
  return decodeCursor(cursor, isReviewKey).id;
}
