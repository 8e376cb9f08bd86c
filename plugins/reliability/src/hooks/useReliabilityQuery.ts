import { useApi } from '@backstage/core-plugin-api';
import { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ReliabilityApi, reliabilityApiRef } from '../api/ReliabilityApi';

/**
 * What {@link useReliabilityQuery} gives a component: the last answer
 * (kept on screen while a retry loads), whether a load is running, its
 * error, and `retry` to load again after a change.
 */
export type ReliabilityQuery<T> = {
  value?: T;
  loading: boolean;
  error?: Error;
  retry: () => void;
};

/**
 * Loads data from the reliability API: the one way components read it, so
 * loading, error and reload behave alike in every card. `query` gets the
 * API; it runs again when a value in `deps` changes (the API is a
 * dependency already).
 */
export function useReliabilityQuery<T>(
  query: (api: ReliabilityApi) => Promise<T>,
  deps: DependencyList,
): ReliabilityQuery<T> {
  const api = useApi(reliabilityApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => query(api),
    // The caller lists what its query reads, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, ...deps],
  );
  return { value, loading, error, retry };
}
