import { visibleTextSchema } from '@reliability-suite/plugin-reliability-common';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { decodeCursor, encodeCursor } from './cursor';
import { requireAChange } from './requireAChange';
import {
  httpUrlSchema,
  localDateSchema,
  numericIdSchema,
  ownerRefSchema,
  workEntityRefSchema,
} from './fieldSchemas';
import { DateRules } from './DateRules';
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

const titleSchema = visibleTextSchema({ min: 1, max: 300 });

const actionCreateFields = (dates: DateRules) =>
  z
    .object({
      title: titleSchema,
      entityRef: workEntityRefSchema,
      incidentId: numericIdSchema.nullable().optional(),
      owner: ownerRefSchema,
      priority: prioritySchema,
      dueDate: localDateSchema.superRefine(dates.plannable()),
      ticketUrl: httpUrlSchema.nullable().optional(),
    })
    .strict();

/** A new action as `POST /actions` takes it. */
export type ActionCreateBody = z.infer<ReturnType<typeof actionCreateFields>>;

/**
 * `POST /actions`: the due date must not be before today (the
 * organisation's local date) nor beyond the planning horizon. The
 * creation check runs only once every field is valid, so it never adds to
 * the errors of a malformed body.
 */
export function actionCreateBodySchema(dates: DateRules) {
  return actionCreateFields(dates).pipe(
    z.custom<ActionCreateBody>().superRefine((body, ctx) => {
      if (body.dueDate < dates.today()) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['dueDate'],
          message: `${body.dueDate} is before the action's creation`,
        });
      }
    }),
  );
}

/**
 * `PATCH /actions/:id`: a due date within the planning horizon; whether
 * it is before the action's creation is {@link checkPatchedDueDate}'s.
 */
export const actionPatchBodySchema = (dates: DateRules) =>
  z
    .object({
      title: titleSchema.optional(),
      owner: ownerRefSchema.optional(),
      priority: prioritySchema.optional(),
      dueDate: localDateSchema.superRefine(dates.plannable()).optional(),
      status: statusSchema.optional(),
      ticketUrl: httpUrlSchema.nullable().optional(),
    })
    .strict()
    .superRefine(requireAChange);

/** The changes `PATCH /actions/:id` takes. */
export type ActionPatchBody = z.infer<ReturnType<typeof actionPatchBodySchema>>;

/**
 * A due date moved by PATCH is held to the rule POST applies: not before
 * the action's creation (its local date). A 400 naming `dueDate`.
 */
export function checkPatchedDueDate(
  dueDate: string | undefined,
  createdLocalDate: string,
): void {
  if (dueDate !== undefined && dueDate < createdLocalDate) {
    throw new InputError(
      `Invalid request body 'dueDate': ${dueDate} is before the action's creation (${createdLocalDate})`,
    );
  }
}

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

/**
 * One row of an import, from a CSV line or a JSON item: created in the
 * past (a tracker's history), due within the planning horizon.
 */
export const actionImportRowSchema = (dates: DateRules) =>
  z
    .object({
      title: titleSchema,
      entityRef: workEntityRefSchema,
      owner: ownerRefSchema,
      priority: prioritySchema,
      dueDate: localDateSchema.superRefine(dates.plannable()),
      status: statusSchema.default('open'),
      ticketUrl: httpUrlSchema.nullable().optional(),
      createdAt: isoTimestampSchema
        .superRefine(dates.happened())
        .or(
          localDateSchema.refine(
            d => d <= dates.today(),
            'must not be in the future',
          ),
        )
        .optional(),
    })
    .strict();

/** A valid import row. */
export type ActionImportRow = z.infer<ReturnType<typeof actionImportRowSchema>>;
