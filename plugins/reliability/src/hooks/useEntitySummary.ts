import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../api/ReliabilityApi';

/**
 * The reliability summary of the entity in context, with loading, error
 * and a `retry` to reload it.
 */
export function useEntitySummary() {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const entityRef = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => api.getEntitySummary(entityRef),
    [api, entityRef.kind, entityRef.namespace, entityRef.name],
  );
}
