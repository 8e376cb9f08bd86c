import { z } from 'zod/v3';
import { openSloPart, sloAlertPoliciesSchema } from './openSloAlertSchema';
import { HOUR_MS, openSloTimeWindowSchema } from './openSloTimeWindow';
import { parseSloDuration } from './parseSloDuration';

/**
 * A field of OpenSLO v1 the suite does not compute yet: refused at its path
 * with what is missing, never called unknown. Absent, `null` and `[]` pass.
 */
function notSupported(what: string) {
  return z
    .unknown()
    .optional()
    .superRefine((value, ctx) => {
      if (
        value === undefined ||
        value === null ||
        (Array.isArray(value) && value.length === 0)
      ) {
        return;
      }
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `not supported: ${what}`,
      });
    });
}

const openSloMetadata = z
  .object({
    name: z.string().max(253).optional(),
    displayName: z.string().max(200).optional(),
    labels: z.unknown().optional(),
    annotations: z.unknown().optional(),
  })
  .strict();

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

const ratioMetric = z
  .object({
    counter: z.boolean().optional(),
    good: metricSource.optional(),
    total: metricSource,
    bad: notSupported('ratioMetric.bad; count the good events instead'),
    raw: notSupported('ratioMetric.raw (precomputed ratios)'),
    rawType: notSupported('ratioMetric.rawType (precomputed ratios)'),
  })
  .strict()
  .superRefine((ratio, ctx) => {
    // `bad` is refused as not supported; without `good` there is no ratio.
    if (!ratio.good) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['good'],
        message: 'a ratioMetric needs good and total',
      });
    }
  });

/** OpenSLO `SLI.spec`: inline in an SLO, or its own document. */
const indicatorSpec = z
  .object({
    description: z.string().max(1050).optional(),
    ratioMetric: ratioMetric.optional(),
    thresholdMetric: metricSource.optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (!spec.ratioMetric === !spec.thresholdMetric) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['ratioMetric'],
        message: 'an SLI needs exactly one of ratioMetric and thresholdMetric',
      });
    }
  });

export type OpenSloIndicatorSpec = z.output<typeof indicatorSpec>;

const indicator = z
  .object({
    metadata: openSloMetadata.optional(),
    spec: indicatorSpec,
  })
  .strict();

/** An `SLI` document, for an SLO's `indicatorRef`. */
export const sliPartSchema = openSloPart('SLI', indicatorSpec);

/** A `Service` document, for an SLO's `service`. */
export const servicePartSchema = openSloPart(
  'Service',
  z
    .object({ description: z.string().max(1050).optional() })
    .strict()
    .nullable()
    .optional(),
);

const objective = z
  .object({
    displayName: z.string().max(200).optional(),
    // For thresholdMetric SLIs; a ratio SLI has no values to compare, and
    // the spec's own ratio examples carry `op` anyway, so it is ignored.
    op: z.enum(['lte', 'gte', 'lt', 'gt']).optional(),
    value: z
      .number()
      .refine(Number.isFinite, 'must be a finite number')
      .optional(),
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
    // OpenSLO: a bare number is minutes.
    timeSliceWindow: z
      .union([z.string().max(16), z.number().int().positive().max(60)])
      .transform(value => (typeof value === 'number' ? `${value}m` : value))
      .optional(),
    indicator: notSupported('composite SLOs (an indicator per objective)'),
    indicatorRef: notSupported('composite SLOs (an indicator per objective)'),
    compositeWeight: notSupported('composite SLOs (compositeWeight)'),
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
 * The OpenSLO v1 SLO `spec`. Every field v1 defines is known: the ones the
 * suite does not compute yet are refused as "not supported: …" at their
 * path. Other fields are errors, so a typo never silently changes an SLO.
 *
 * Where v1 leaves a field out, the suite fills it in: no `timeWindow` is a
 * rolling 28 days, and no `budgetingMethod` (required by the spec, yet left
 * out of its own README example) is Occurrences.
 */
export const openSloSpecSchema = z
  .object({
    description: z.string().max(1050).optional(),
    service: z.string().max(253).optional(),
    indicator: indicator.optional(),
    /** The name of an SLI document in the same file. */
    indicatorRef: z.string().min(1).max(253).nullable().optional(),
    timeWindow: z
      .array(openSloTimeWindowSchema)
      .length(1, 'must have exactly one time window')
      .default([{ duration: '28d', isRolling: true }]),
    budgetingMethod: z
      .enum(['Occurrences', 'Timeslices', 'RatioTimeslices'])
      .default('Occurrences'),
    // Several objectives judge the same events against different targets.
    objectives: z
      .array(objective)
      .min(1, 'must have an objective')
      .max(10, 'must have at most 10 objectives'),
    alertPolicies: sloAlertPoliciesSchema,
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (!spec.indicator === !spec.indicatorRef) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['indicator'],
        message: spec.indicator
          ? 'give the indicator inline or by indicatorRef, not both'
          : 'an SLO needs its indicator (the SLI), inline or by indicatorRef',
      });
    }
    // Whether a thresholdMetric's objective says op and value is checked
    // once the indicator is known (it may come by indicatorRef).
    const method = spec.budgetingMethod;
    if (method === 'Occurrences') {
      return;
    }
    const first = spec.objectives[0];
    spec.objectives.forEach((o, index) => {
      if (method === 'Timeslices' && o.timeSliceTarget === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['objectives', index, 'timeSliceTarget'],
          message: 'Timeslices needs timeSliceTarget, e.g. 0.95',
        });
      }
      if (method === 'RatioTimeslices' && o.timeSliceTarget !== undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['objectives', index, 'timeSliceTarget'],
          message:
            'RatioTimeslices averages the ratios of the slices, so no slice is judged by a timeSliceTarget: leave it out (or use Timeslices)',
        });
      }
      const sliceMs = o.timeSliceWindow
        ? parseSloDuration(o.timeSliceWindow)
        : undefined;
      if (!sliceMs || sliceMs % 60_000 !== 0 || HOUR_MS % sliceMs !== 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['objectives', index, 'timeSliceWindow'],
          message: `${method} needs a timeSliceWindow of whole minutes that divides an hour, e.g. 1m or 5m`,
        });
      } else if (
        index > 0 &&
        (o.timeSliceTarget !== first.timeSliceTarget ||
          sliceMs !== parseSloDuration(first.timeSliceWindow ?? ''))
      ) {
        // Rolled-up hours keep one count of bad slices.
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['objectives', index],
          message: `not supported: ${method} objectives with different slices; give every objective the timeSliceTarget and timeSliceWindow of the first (slices are judged once, then each target is applied)`,
        });
      }
    });
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

/** The annotation of an OpenSLO file's SLO that sets `minEvents`. */
export const MIN_EVENTS_ANNOTATION = 'reliability/min-events';

/**
 * `minEvents`: at least this many events in a burn-rate rule's long
 * lookback before its alert fires.
 */
export const minEventsSchema = z
  .number()
  .int('must be a whole number of events')
  .positive('must be at least 1')
  .max(1_000_000_000);

export const openSloDocumentSchema = z
  .object({
    apiVersion: z.literal('openslo/v1', {
      errorMap: () => ({ message: "must be 'openslo/v1'" }),
    }),
    kind: z.literal('SLO'),
    metadata: openSloMetadata
      .extend({
        name: sloNameSchema,
        annotations: z
          .object({
            // Annotations are strings, but `100` unquoted is what people
            // write: both are taken.
            [MIN_EVENTS_ANNOTATION]: z
              .union([
                minEventsSchema,
                z
                  .string()
                  .regex(
                    /^\d+$/,
                    'must be a whole number of events, e.g. "100"',
                  )
                  .pipe(z.coerce.number().pipe(minEventsSchema)),
              ])
              .optional(),
          })
          .catchall(z.unknown())
          .nullable()
          .optional(),
      })
      .strict(),
    spec: openSloSpecSchema,
  })
  .strict();

/** Keys that name credentials (OpenSLO's own example has `secretAccessKey`). */
export const SECRET_KEY =
  /secret|passw|token|credential|api[-_]?key|access[-_]?key|private[-_]?key|auth/i;

/**
 * Refuses credentials in a DataSource's `connectionDetails`: the SLO's
 * definition is shown to everyone who may read the SLO and written into
 * its export, so a secret there would leak. They belong in app-config.
 */
function refuseSecrets(value: unknown, ctx: z.RefinementCtx) {
  const walk = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, index]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (SECRET_KEY.test(key)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [...path, key],
            message:
              'looks like a credential: an SLO is shown to all who may read it, so keep credentials in app-config (the Prometheus module takes headers per server)',
          });
        } else {
          walk(child, [...path, key]);
        }
      }
    }
  };
  walk(value, []);
}

/**
 * A `DataSource` document. Its `connectionDetails` are for the SLI
 * provider of its `type` to read (the Prometheus module reads `server`).
 */
export const dataSourcePartSchema = openSloPart(
  'DataSource',
  z
    .object({
      description: z.string().max(1050).optional(),
      type: z.string().min(1).max(63),
      connectionDetails: z.unknown().optional().superRefine(refuseSecrets),
    })
    .strict(),
);

export type DataSourcePart = z.output<typeof dataSourcePartSchema>;
