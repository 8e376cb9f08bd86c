import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/**
 * Parses request input with a zod schema. A failure becomes an
 * `InputError` (400) whose message names every offending field, e.g.
 * `Invalid path parameter 'kind': must be a catalog kind such as Component`.
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  where: 'path parameter' | 'query parameter' | 'request body',
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const details = result.error.issues.map(issue => {
    const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      // Named by its whole path, as other fields are: 'measurements.0.good'.
      const keys = issue.keys
        .map(key => `'${[...issue.path, key].join('.')}'`)
        .join(', ');
      return `Unknown ${where}${issue.keys.length > 1 ? 's' : ''} ${keys}`;
    }
    return field
      ? `Invalid ${where} '${field}': ${issue.message}`
      : `Invalid ${where}: ${issue.message}`;
  });
  throw new InputError(details.join('; '));
}
