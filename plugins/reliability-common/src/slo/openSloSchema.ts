import { IANAZone } from 'luxon';
import { z } from 'zod/v3';
import { parseSloDuration } from './parseSloDuration';

const HOUR_MS = 3_600_000;
const MAX_ROLLING_MS = 90 * 24 * HOUR_MS;
const CALENDAR_UNITS: Record<string, 'week' | 'month' | 'quarter'> = {
  '1w': 'week',
  '1M': 'month',
  '1Q': 'quarter',
};

const metricSource = z
  .object({
    metricSource: z
      .object({
        metricSourceRef: z.string().max(253).optional(),
        type: z.string().max(63).optional(),
        spec: z.unknown().optional(),
      })
      .strict(),
  })
  .strict();

const indicator = z
  .object({
    metadata: z
      .object({
        name: z.string().max(253).optional(),
        displayName: z.string().max(200).optional(),
      })
      .strict()
      .optional(),
    spec: z
      .object({
        ratioMetric: z
          .object({
            counter: z.boolean().optional(),
            good: metricSource,
            total: metricSource,
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

const timeWindow = z
  .object({
    duration: z.string().max(16),
    isRolling: z.boolean().default(true),
    calendar: z
      .object({
        startTime: z.string().max(64).optional(),
        timeZone: z
          .string()
          .refine(
            zone => IANAZone.isValidZone(zone),
            'must be an IANA time zone such as Europe/Berlin',
          ),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((window, ctx) => {
    if (window.isRolling) {
      const ms = parseSloDuration(window.duration);
      if (ms === undefined || ms < HOUR_MS || ms > MAX_ROLLING_MS) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['duration'],
          message:
            'a rolling window must be a duration from 1h to 90d, such as 28d or 30d',
        });
      }
    } else {
      if (!CALENDAR_UNITS[window.duration]) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['duration'],
          message: 'a calendar window must be 1w, 1M or 1Q',
        });
      }
      if (!window.calendar) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['calendar'],
          message: 'a calendar window needs calendar.timeZone',
        });
      }
    }
  });

const objective = z
  .object({
    displayName: z.string().max(200).optional(),
    target: z
      .number()
      .gt(0, 'must be a fraction greater than 0 (99.9 % is 0.999)')
      .lt(1, 'must be a fraction less than 1 (99.9 % is 0.999)')
      .optional(),
    targetPercent: z
      .number()
      .gt(0, 'must be a percentage greater than 0')
      .lt(100, 'must be a percentage less than 100')
      .optional(),
    timeSliceTarget: z
      .number()
      .gt(0, 'must be a fraction greater than 0')
      .lte(1, 'must be a fraction at most 1')
      .optional(),
    timeSliceWindow: z.string().max(16).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if ((o.target === undefined) === (o.targetPercent === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['target'],
        message: 'give exactly one of target (a fraction) or targetPercent',
      });
    }
  });

/**
 * The OpenSLO v1 SLO `spec` subset the suite understands. Unknown fields
 * are errors, so a typo never silently changes an SLO.
 */
export const openSloSpecSchema = z
  .object({
    description: z.string().max(1000).optional(),
    service: z.string().max(253).optional(),
    indicator,
    timeWindow: z
      .array(timeWindow)
      .length(1, 'must have exactly one time window'),
    budgetingMethod: z.enum(['Occurrences', 'Timeslices']),
    objectives: z.array(objective).length(1, 'must have exactly one objective'),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.budgetingMethod !== 'Timeslices') {
      return;
    }
    const o = spec.objectives[0];
    if (o?.timeSliceTarget === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['objectives', 0, 'timeSliceTarget'],
        message: 'Timeslices needs timeSliceTarget, e.g. 0.95',
      });
    }
    const sliceMs = o?.timeSliceWindow
      ? parseSloDuration(o.timeSliceWindow)
      : undefined;
    if (!sliceMs || sliceMs % 60_000 !== 0 || HOUR_MS % sliceMs !== 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['objectives', 0, 'timeSliceWindow'],
        message:
          'Timeslices needs a timeSliceWindow of whole minutes that divides an hour, e.g. 1m or 5m',
      });
    }
  });

export type OpenSloSpec = z.infer<typeof openSloSpecSchema>;

/**
 * SLO names (`metadata.name`), as in URLs: lower-case letters, digits and
 * hyphens, at most 63.
 *
 * @public
 */
export const sloNameSchema = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be lower-case letters, digits and hyphens (at most 63), e.g. checkout-availability',
  );

export const openSloDocumentSchema = z
  .object({
    apiVersion: z.literal('openslo/v1', {
      errorMap: () => ({ message: "must be 'openslo/v1'" }),
    }),
    kind: z.literal('SLO'),
    metadata: z
      .object({
        name: sloNameSchema,
        displayName: z.string().max(200).optional(),
        labels: z.unknown().optional(),
        annotations: z.unknown().optional(),
      })
      .strict(),
    spec: openSloSpecSchema,
  })
  .strict();

export { CALENDAR_UNITS };
