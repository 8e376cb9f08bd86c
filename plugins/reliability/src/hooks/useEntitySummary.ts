import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useReliabilityQuery } from './useReliabilityQuery';

/**
 * The reliability summary of the entity in context, with loading, error
 * and a `retry` to reload it.
 */
export function useEntitySummary() {
  const { entity } = useEntity();
  const entityRef = getCompoundEntityRef(entity);
  return useReliabilityQuery(
    api => api.getEntitySummary(entityRef),
    [entityRef.kind, entityRef.namespace, entityRef.name],
  );
}
