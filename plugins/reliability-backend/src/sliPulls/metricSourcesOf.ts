import { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import { SliMetricSource } from '@reliability-suite/plugin-reliability-node';
import { StoredSlo } from '../database/slos/SloStore';

/**
 * `{ metricSource }` of one side of an indicator (`{}` when absent), with
 * the DataSource document its `metricSourceRef` names, if any.
 */
export function metricSourceOf(
  definition: SloDefinition,
  side: 'good' | 'total' | 'thresholdMetric',
): SliMetricSource {
  const source = ((
    definition.indicator?.[side] as
      | { metricSource?: SliMetricSource }
      | undefined
  )?.metricSource ?? {}) as SliMetricSource;
  const ref = source.metricSourceRef;
  const dataSource =
    ref !== undefined &&
    definition.dataSources &&
    // Own names only: `toString` is not a data source.
    Object.hasOwn(definition.dataSources, ref)
      ? definition.dataSources[ref]
      : undefined;
  if (!dataSource) return source;
  return {
    ...source,
    type: source.type ?? dataSource.type,
    dataSource: {
      name: ref!,
      type: dataSource.type,
      ...(dataSource.connectionDetails !== undefined
        ? { connectionDetails: dataSource.connectionDetails }
        : {}),
    },
  };
}

/** The two metric sources of an SLO's ratio indicator. */
export function sourcesOf(slo: StoredSlo): {
  good: SliMetricSource;
  total: SliMetricSource;
} {
  return {
    good: metricSourceOf(slo.definition, 'good'),
    total: metricSourceOf(slo.definition, 'total'),
  };
}
