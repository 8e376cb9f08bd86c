import {
  groupRefSchema,
  rotationIdSchema,
} from '@reliability-suite/plugin-reliability-common';
import { InputError } from '@backstage/errors';
import { OverrideInput } from '@reliability-suite/plugin-reliability-common';
import { z } from 'zod/v3';
import { DateRules } from './DateRules';
import { isoTimestampSchema } from './isoTimestampSchema';

/** `/rotations/:rotationId` */
export const rotationPathSchema = z.object({ rotationId: rotationIdSchema });

/** `/rotations/:rotationId/overrides/:overrideId`: the override part. */
export const overridePathSchema = z.object({
  overrideId: z.string().regex(/^\d{1,12}$/, 'must be an override id'),
});

/** `GET /rotations` */
export const rotationListQuerySchema = z
  .object({ owner: groupRefSchema.optional() })
  .strict();

/** `GET …/oncall` */
export const entityOnCallQuerySchema = z
  .object({ at: isoTimestampSchema.optional() })
  .strict();

/**
 * An override ends within the planning horizon: one until 2090 would
 * silence a rotation for good.
 *
 * @throws InputError (400) naming `end`
 */
export function checkOverrideHorizon(
  override: OverrideInput,
  dates: DateRules,
): void {
  if (Date.parse(override.end) > dates.lastPlannableInstant()) {
    throw new InputError(
      `Invalid request body 'end': must be at most ${dates.horizon} ahead: see reliability.planningHorizon`,
    );
  }
}
