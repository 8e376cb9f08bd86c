import { ResponseError } from '@backstage/errors';

/**
 * The message a failed save shows: the backend's own message, or for a
 * stale version (412, or 409 from a store that detected the race) one that
 * says to reload, with `stale` set so a form can offer the reload.
 */
export function saveErrorMessage(error: unknown): {
  message: string;
  stale: boolean;
} {
  if (error instanceof ResponseError) {
    if (error.statusCode === 412 || error.statusCode === 409) {
      return {
        message:
          'This rotation was changed by someone else. Reload it, then make your change again.',
        stale: true,
      };
    }
    return {
      message: error.body?.error?.message ?? error.message,
      stale: false,
    };
  }
  return { message: (error as Error).message, stale: false };
}
