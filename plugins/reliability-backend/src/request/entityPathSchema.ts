import { z } from 'zod/v3';

/** Query strings of routes that take no parameters. */
export const noQuerySchema = z.object({}).strict();
