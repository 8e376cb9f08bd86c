import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor';
import {
  entityRefSchema,
  httpUrlSchema,
  localDateSchema,
  numericIdSchema,
  ownerRefSchema,
} from './fieldSchemas';
import { isoTimestampSchema } from './isoTimestampSchema';

/** Most actions on one page of `GET /actions`. */
export const MAX_ACTION_PAGE = 100;

const prioritySchema = z.enum(['P0', 'P1', 'P2', 'P3']);
const statusSchema = z.enum(['open', 'in-progress', 'done', 'wont-do']);
const statusFilterSchema = z.enum([
  'open',
  'in-progress',
  'done',
  'wont-do',
  'all',
]);

const actionCreateFields = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(300),
    entityRef: entityRefSchema,
    incidentId: numericIdSchema.nullable().optional(),
    owner: ownerRefSchema,
    priority: prioritySchema,
    dueDate: localDateSchema,
    ticketUrl: httpUrlSchema.nullable().optional(),
  })
  .strict();

/** A new action as `POST /actions` takes it. */
export type ActionCreateBody = z.infer<typeof actionCreateFields>;

/**
 * `POST /actions`: the due date must not be before `today()` (the
 * organisation's local date). The date check runs only once every field
 * is valid, so it never adds to the errors of a malformed body.
 */
export function actionCreateBodySchema(today: () => string) {
  return actionCreateFields.pipe(
    z.custom<ActionCreateBody>().superRefine((body, ctx) => {
      if (body.dueDate < today()) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['dueDate'],
          message: `${body.dueDate} is before the action's creation`,
        });
      }
    }),
  );
}

/** `PATCH /actions/:id` */
export const actionPatchBodySchema = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    owner: ownerRefSchema.optional(),
    priority: prioritySchema.optional(),
    dueDate: localDateSchema.optional(),
    status: statusSchema.optional(),
    ticketUrl: httpUrlSchema.nullable().optional(),
  })
  .strict();

/** The changes `PATCH /actions/:id` takes. */
export type ActionPatchBody = z.infer<typeof actionPatchBodySchema>;

/** `GET /entities/:kind/:namespace/:name/actions` */
export const entityActionsQuerySchema = z
  .object({ status: statusFilterSchema.optional() })
  .strict();

/** `GET /actions` */
export const actionListQuerySchema = z
  .object({
    owner: ownerRefSchema,
    overdue: z.enum(['true', 'false']).optional(),
    status: statusFilterSchema.optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_ACTION_PAGE, `must be at most ${MAX_ACTION_PAGE}`)
      .optional(),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** Where a page of `GET /actions` ends: the last row's due date and id. */
export interface ActionPageKey {
  dueDate: string;
  id: number;
}

const isActionPageKey = (v: any): v is ActionPageKey =>
  typeof v?.dueDate === 'string' && typeof v?.id === 'number';

/** The cursor of the page after `key`. */
export function encodeActionCursor(key: ActionPageKey): string {
  return encodeCursor({ dueDate: key.dueDate, id: key.id });
}

/** The key a cursor of `GET /actions` continues after; a 400 for anything else. */
export function decodeActionCursor(cursor: string): ActionPageKey {
  return decodeCursor(cursor, isActionPageKey);
}

/** `POST /actions/import` */
export const actionImportQuerySchema = z
  .object({ dryRun: z.enum(['true', 'false']).optional() })
  .strict();

/** An import as JSON: a tracker's export. */
export const actionImportJsonBodySchema = z
  .object({ actions: z.array(z.unknown()) })
  .strict();

/** One row of an import, from a CSV line or a JSON item. */
export const actionImportRowSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(300),
    entityRef: entityRefSchema,
    owner: ownerRefSchema,
    priority: prioritySchema,
    dueDate: localDateSchema,
    status: statusSchema.default('open'),
    ticketUrl: httpUrlSchema.nullable().optional(),
    createdAt: isoTimestampSchema.or(localDateSchema).optional(),
  })
  .strict();

/** A valid import row. */
export type ActionImportRow = z.infer<typeof actionImportRowSchema>;
