import { z } from 'zod/v3';

/**
 * A refinement for PATCH bodies: `{}` is a 400, never a write. An empty
 * change used to bump the version and record an audit event for nothing;
 * every PATCH route refuses it the same way.
 */
export function requireAChange(body: object, ctx: z.RefinementCtx): void {
  if (Object.keys(body).length === 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must change at least one field',
    });
  }
}
