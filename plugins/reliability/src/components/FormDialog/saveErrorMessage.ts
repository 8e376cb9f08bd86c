import { ResponseError } from '@backstage/errors';

/**
 * The message a failed save shows: the backend's own message, or for a
 * stale version (412, or 409 from a store that detected the race) one that
 * says to reload, with `stale` set so a form can offer the reload.
 */
export function saveErrorMessage(
  error: unknown,
  options: {
    /**
     * Whether a 409 means a stale version (the default). A form whose
     * resource has no version says what the backend says instead.
     */
    conflictIsStale?: boolean;
  } = {},
): {
  message: string;
  stale: boolean;
} {
  const conflictIsStale = options.conflictIsStale ?? true;
  if (error instanceof ResponseError) {
    if (
      error.statusCode === 412 ||
      (error.statusCode === 409 && conflictIsStale)
    ) {
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
