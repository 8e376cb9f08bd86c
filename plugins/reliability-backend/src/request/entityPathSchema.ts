import { z } from 'zod/v3';

/**
 * The `{kind}/{namespace}/{name}` part of entity routes, checked against
 * the catalog's naming rules before anything reads the database.
 */
export const entityPathSchema = z
  .object({
    kind: z
      .string()
      .regex(
        /^[a-zA-Z][a-zA-Z0-9]{0,62}$/,
        'must be a catalog kind such as Component',
      ),
    namespace: z
      .string()
      .regex(
        /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/,
        'must be a catalog namespace such as default',
      )
      .max(63, 'must be at most 63 characters'),
    name: z
      .string()
      .regex(
        /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/,
        'must be a catalog entity name: letters, digits and single -, _ or . between them',
      )
      .max(63, 'must be at most 63 characters'),
  })
  .strict();

/** Query strings of routes that take no parameters. */
export const noQuerySchema = z.object({}).strict();
