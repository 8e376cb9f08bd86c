import { CustomErrorBase } from '@backstage/errors';

/**
 * A request body or batch over its limit; answered with 413.
 *
 * @public
 */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}
