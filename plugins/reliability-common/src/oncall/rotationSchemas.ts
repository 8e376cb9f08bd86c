import { DateTime, Duration, IANAZone } from 'luxon';
import { z } from 'zod/v3';
import { timestampSchema } from '../time/parseTimestamp';
import { visibleTextSchema } from '../text/visibleTextSchema';

const HOUR_MS = 3_600_000;

/**
 * Lower-cased `user:namespace/name`.
 *
 * @internal
 */
export const userRefSchema = z
  .string()
  .max(191, 'must be at most 191 characters')
  .transform(v => v.trim().toLocaleLowerCase('en-US'))
  .refine(
    v => /^user:[a-z0-9._-]+\/[a-z0-9._-]+$/.test(v),
    'must be a User entity ref such as user:default/ana',
  );

/**
 * Lower-cased `group:namespace/name`.
 *
 * @internal
 */
export const groupRefSchema = z
  .string()
  .max(191, 'must be at most 191 characters')
  .transform(v => v.trim().toLocaleLowerCase('en-US'))
  .refine(
    v => /^group:[a-z0-9._-]+\/[a-z0-9._-]+$/.test(v),
    'must be a Group entity ref such as group:default/payments',
  );

const shiftLengthSchema = z
  .string()
  .refine(
    v => Duration.fromISO(v).isValid,
    'must be an ISO-8601 duration such as P1W, P1D or PT12H',
  )
  .refine(
    v =>
      !Duration.fromISO(v).isValid || Duration.fromISO(v).toMillis() >= HOUR_MS,
    'must be at least one hour (PT1H)',
  )
  .refine(
    v =>
      !Duration.fromISO(v).isValid ||
      Duration.fromISO(v).toMillis() <= 366 * 24 * HOUR_MS,
    'must be at most a year',
  );

/**
 * Rotation ids in URLs: lower-case letters, digits and hyphens.
 *
 * @internal
 */
export const rotationIdSchema = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be lower-case letters, digits and hyphens, e.g. payments-primary',
  );

/**
 * A rotation as `PUT /rotations/{rotationId}` takes it.
 *
 * @public
 */
export interface RotationInput {
  name: string;
  /** The owning Group's entity ref. */
  team: string;
  /** An IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** A local date-time without offset when a shift starts, e.g. `2026-01-05T09:00`. */
  handoffAnchor: string;
  /** An ISO 8601 duration, e.g. `P7D`. */
  shiftLength: string;
  levels: Array<{ users: string[]; shiftLength?: string }>;
  /** Required to replace an existing rotation. */
  version?: number;
}

/**
 * The body of `PUT /rotations/{rotationId}`. `version` is required to
 * replace an existing rotation.
 *
 * Typed by its interface, not inferred: an inferred zod type lists its
 * members in whatever order the compiler met them, which made the API
 * report differ between machines.
 *
 * @public
 */
export const rotationInputSchema: z.ZodType<
  RotationInput,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    name: visibleTextSchema({ min: 1, max: 100 }),
    team: groupRefSchema,
    timeZone: z
      .string()
      .refine(
        v => IANAZone.isValidZone(v),
        'must be an IANA time zone such as Europe/Berlin',
      ),
    handoffAnchor: z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/,
        'must be a local date-time without offset, e.g. 2026-01-05T09:00',
      ),
    shiftLength: shiftLengthSchema,
    levels: z
      .array(
        z
          .object({
            users: z
              .array(userRefSchema)
              .min(1, 'must name at least one user')
              .max(50),
            shiftLength: shiftLengthSchema.optional(),
          })
          .strict(),
      )
      .min(1, 'must have at least one level')
      .max(5, 'must have at most 5 levels'),
    version: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (IANAZone.isValidZone(input.timeZone)) {
      const anchor = DateTime.fromISO(input.handoffAnchor, {
        zone: input.timeZone,
      });
      if (!anchor.isValid) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['handoffAnchor'],
          message: 'is not a valid date-time',
        });
      } else if (anchor.year < 2000 || anchor.year > 2099) {
        // The range every timestamp of the API keeps to (parseTimestamp).
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['handoffAnchor'],
          message: 'must be in the years 2000 to 2099',
        });
      }
    }
  });

/**
 * An override as `POST /rotations/{rotationId}/overrides` takes it.
 *
 * @public
 */
export interface OverrideInput {
  /** RFC 3339 timestamp. */
  start: string;
  /** RFC 3339 timestamp, after `start`, at most 90 days later. */
  end: string;
  /** The User's entity ref. */
  user: string;
  /** The escalation level, 1 when absent. */
  level?: number;
}

/**
 * The body of `POST /rotations/{rotationId}/overrides`.
 *
 * @public
 */
export const overrideInputSchema: z.ZodType<
  OverrideInput,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    start: timestampSchema,
    end: timestampSchema,
    user: userRefSchema,
    level: z.number().int().min(1).max(5).optional(),
  })
  .strict()
  .refine(o => Date.parse(o.end) > Date.parse(o.start), {
    message: 'must be after start',
    path: ['end'],
  })
  .refine(o => Date.parse(o.end) - Date.parse(o.start) <= 90 * 24 * HOUR_MS, {
    message: 'an override lasts at most 90 days',
    path: ['end'],
  });
