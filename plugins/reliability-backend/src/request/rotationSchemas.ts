import {
  groupRefSchema,
  rotationIdSchema,
} from '@reliability-suite/plugin-reliability-common';
import { z } from 'zod';
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
