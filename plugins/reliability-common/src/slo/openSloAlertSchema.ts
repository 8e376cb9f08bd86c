import { z } from 'zod/v3';
import { parseSloDuration } from './parseSloDuration';

const MINUTE_MS = 60_000;
/** Minutes are kept for 4 days: a 3-day lookback ending an hour ago fits. */
const MAX_LOOKBACK_MS = 3 * 24 * 60 * MINUTE_MS;
/** Every minute of `alertAfter` is one more lookback to sum. */
const MAX_ALERT_AFTER_MS = 60 * MINUTE_MS;

/**
 * `metadata` of the OpenSLO kinds an SLO refers to. Their names are
 * looser than an SLO's: the spec's own examples use `AlertPolicy` and
 * `OnCallDevopsMailNotification`.
 */
export const openSloPartMetadata = z
  .object({
    name: z.string().min(1).max(253),
    displayName: z.string().max(200).optional(),
    labels: z.unknown().optional(),
    annotations: z.unknown().optional(),
  })
  .strict();

/**
 * A document of `kind` inline in another, or on its own in the file
 * (then with `apiVersion`).
 */
export function openSloPart<T extends z.ZodTypeAny>(kind: string, spec: T) {
  return z
    .object({
      apiVersion: z
        .literal('openslo/v1', {
          errorMap: () => ({ message: "must be 'openslo/v1'" }),
        })
        .optional(),
      kind: z.literal(kind, {
        errorMap: () => ({ message: `must be '${kind}'` }),
      }),
      metadata: openSloPartMetadata,
      spec,
    })
    .strict();
}

/** A part given inline, or by name (`{ <refKey>: name }`). */
export type RefOrInline<T> = { ref: string } | { inline: T };

/**
 * OpenSLO's "inline or by reference": an object with only `refKey` is a
 * reference; anything else must be the inline part. Dispatching on the
 * key (rather than a zod union) keeps the messages at the field at fault.
 */
export function refOrInline<T extends z.ZodTypeAny>(
  refKey: string,
  inline: T,
): z.ZodType<RefOrInline<z.output<T>>, z.ZodTypeDef, unknown> {
  const ref = z.object({ [refKey]: z.string().min(1).max(253) }).strict();
  return z.unknown().transform((value, ctx) => {
    const isRef =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      refKey in value;
    const result = (isRef ? ref : inline).safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue(issue);
      return z.NEVER;
    }
    return isRef
      ? { ref: (result.data as Record<string, string>)[refKey] }
      : { inline: result.data as z.output<T> };
  });
}

/** A duration of whole minutes within `[minMs, maxMs]`; `0m` when 0 may be. */
function minutesDuration(minMs: number, maxMs: number, example: string) {
  return z
    .string()
    .max(16)
    .superRefine((value, ctx) => {
      const ms = /^0[smhdw]$/.test(value) ? 0 : parseSloDuration(value);
      if (ms === undefined || ms % MINUTE_MS !== 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be a duration of whole minutes, e.g. ${example}`,
        });
      } else if (ms < minMs || ms > maxMs) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            ms > maxMs
              ? `not supported: more than ${maxMs / 3_600_000}h`
              : 'must be at least 1m',
        });
      }
    });
}

/** OpenSLO `AlertCondition.spec`, of kind `burnrate` (the only one v1 has). */
export const alertConditionSpecSchema = z
  .object({
    description: z.string().max(1050).optional(),
    severity: z.string().min(1).max(63),
    condition: z
      .object({
        kind: z
          .enum(['burnrate'], {
            errorMap: () => ({ message: "must be 'burnrate'" }),
          })
          .default('burnrate'),
        op: z.enum(['lte', 'gte', 'lt', 'gt']),
        threshold: z
          .number()
          .refine(Number.isFinite, 'must be a finite number')
          .refine(n => n >= 0, 'must not be negative (a burn rate)'),
        lookbackWindow: minutesDuration(MINUTE_MS, MAX_LOOKBACK_MS, '1h'),
        alertAfter: minutesDuration(0, MAX_ALERT_AFTER_MS, '5m').default('0m'),
      })
      .strict(),
  })
  .strict();

export const alertConditionPartSchema = openSloPart(
  'AlertCondition',
  alertConditionSpecSchema,
);

/** An `AlertNotificationTarget`, inline in a policy or its own document. */
export const notificationTargetPartSchema = openSloPart(
  'AlertNotificationTarget',
  z
    .object({
      description: z.string().max(1050).optional(),
      target: z.string().min(1).max(253),
    })
    .strict(),
);

/** OpenSLO `AlertPolicy.spec`; its condition inline or by `conditionRef`. */
export const alertPolicySpecSchema = z
  .object({
    description: z.string().max(1050).optional(),
    alertWhenNoData: z.boolean().optional(),
    alertWhenResolved: z.boolean().optional(),
    alertWhenBreaching: z.boolean().optional(),
    conditions: z
      .array(refOrInline('conditionRef', alertConditionPartSchema))
      .length(1, 'must have exactly one condition (as OpenSLO v1 says)'),
    notificationTargets: z
      .array(refOrInline('targetRef', notificationTargetPartSchema))
      .max(20)
      .optional(),
  })
  .strict();

export const alertPolicyPartSchema = openSloPart(
  'AlertPolicy',
  alertPolicySpecSchema,
);

/** An SLO's `alertPolicies`: each inline or by `alertPolicyRef`. */
export const sloAlertPoliciesSchema = z
  .array(refOrInline('alertPolicyRef', alertPolicyPartSchema))
  .max(10)
  .nullable()
  .optional();

export type AlertConditionPart = z.output<typeof alertConditionPartSchema>;
export type AlertPolicyPart = z.output<typeof alertPolicyPartSchema>;
