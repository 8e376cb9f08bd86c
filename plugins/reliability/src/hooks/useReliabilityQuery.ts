import { useApi } from '@backstage/core-plugin-api';
import { DependencyList, useMemo, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ReliabilityApi, reliabilityApiRef } from '../api/ReliabilityApi';

/**
 * What {@link useReliabilityQuery} gives a component: the last answer
 * (kept on screen while a retry loads, and after a retry fails), whether a
 * load is running, its error, and `retry` to load again after a change.
 */
export type ReliabilityQuery<T> = {
  /** The last answer for the current dependencies, if any. */
  value?: T;
  loading: boolean;
  /** The last load's error; `value` may still hold the answer before it. */
  error?: Error;
  retry: () => void;
};

/**
 * Loads data from the reliability API: the one way components read it, so
 * loading, error and reload behave alike in every card. `query` gets the
 * API; it runs again when a value in `deps` changes (the API is a
 * dependency already).
 *
 * An answer belongs to the dependencies it was loaded for: after a change
 * (another entity, say) `value` is empty until the new answer arrives, so
 * a card never shows the previous entity's data under the new one's name.
 * A failed retry keeps the last answer, with the error beside it, so one
 * failed poll does not blank a card.
 */
export function useReliabilityQuery<T>(
  query: (api: ReliabilityApi) => Promise<T>,
  deps: DependencyList,
): ReliabilityQuery<T> {
  const api = useApi(reliabilityApiRef);
  // A new token whenever a dependency changes: answers carry the one they
  // were loaded for.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const token = useMemo(() => ({}), [api, ...deps]);
  const { value, loading, error, retry } = useAsyncRetry(
    async () => ({ token, answer: await query(api) }),
    // The caller lists what its query reads, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [token],
  );
  const last = useRef<{ token: object; answer: T }>();
  if (value && value.token === token) last.current = value;
  const kept = last.current?.token === token ? last.current.answer : undefined;
  return { value: kept, loading, error, retry };
}
