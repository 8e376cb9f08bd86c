import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useEffect } from 'react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RELIABILITY_SLOS_ANNOTATION } from '@reliability-suite/plugin-reliability-common';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { PendingCard } from '../PendingCard';
import { CardEmptyState } from '../CardEmptyState';
import { DeployGateBanner } from '../DeployGateBanner';
import { SloRow } from './SloRow';

/** How often a running replay's progress is read. */
const REPLAY_POLL_MS = 10_000;

const OPENSLO_SNIPPET = `# catalog-info.yaml
metadata:
  annotations:
    ${RELIABILITY_SLOS_ANNOTATION}: ./slos.yaml

# slos.yaml (OpenSLO v1)
apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus } }
        total: { metricSource: { type: Prometheus } }
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999`;

/**
 * The entity's SLOs: per SLO its target, attainment, error budget, burn
 * rates, alerts and projected exhaustion, a budget chart on demand, and a
 * banner when the error-budget policy freezes deploys.
 *
 * @public
 */
export function EntitySloCard() {
  const { entity } = useEntity();
  const { value, loading, error, retry } = useReliabilityQuery(
    async api => {
      const ref = getCompoundEntityRef(entity);
      // The summary (shared with the tier card's request) carries the
      // problems of the entity's OpenSLO file. Only those come from it: when
      // it fails the SLOs still show, and the card says the file's state is
      // unknown rather than claiming there are no SLOs.
      const [slos, gate, file] = await Promise.all([
        api.getSlos(ref),
        api.getDeployGate(ref),
        api
          .getEntitySummary(ref)
          .then(summary => ({
            problems: summary.problems.filter(
              p => p.code === 'invalid-openslo',
            ),
            unknown: undefined,
          }))
          .catch((e: Error) => ({ problems: [], unknown: e })),
      ]);
      return {
        slos,
        gate,
        fileProblems: file.problems,
        fileUnknown: file.unknown,
      };
    },
    [entity],
  );

  // While a replay runs, its progress is read again every few seconds.
  const replaying = value?.slos.items.some(slo => slo.pull?.replay) ?? false;
  useEffect(() => {
    if (!replaying || loading) return undefined;
    const timer = setTimeout(retry, REPLAY_POLL_MS);
    return () => clearTimeout(timer);
  }, [replaying, loading, retry]);

  const title = 'Service level objectives';
  // A reload keeps the last answer on screen instead of a spinner, and a
  // failed one keeps it too, with the error above it.
  if (!value) {
    return (
      <PendingCard
        title={title}
        error={
          loading
            ? undefined
            : error ?? new Error('No answer from the reliability backend')
        }
      />
    );
  }
  const stale = error && !loading && (
    <Box mb={2}>
      <Alert severity="warning">
        Could not refresh these SLOs: {error.message}. They are shown as last
        read; the card tries again {replaying ? 'shortly' : 'on reload'}.
      </Alert>
    </Box>
  );
  const problems = value.fileProblems.length > 0 && (
    <Box mb={2}>
      <Alert severity="error">
        <AlertTitle>The SLO file failed validation</AlertTitle>
        {value.fileProblems.map(problem => (
          <div key={problem.message}>{problem.message}</div>
        ))}
        {value.slos.items.length === 0 &&
          ' No valid SLO definitions have been read from it yet.'}
      </Alert>
    </Box>
  );
  if (value.slos.items.length === 0 && problems) {
    return (
      <InfoCard title={title}>
        {stale}
        {problems}
      </InfoCard>
    );
  }
  if (value.slos.items.length === 0 && value.fileUnknown) {
    return (
      <InfoCard title={title}>
        {stale}
        <Alert severity="warning">
          No SLOs have been read for this entity, and whether its SLO file has
          problems could not be checked: {value.fileUnknown.message}. Reload to
          try again.
        </Alert>
      </InfoCard>
    );
  }
  if (value.slos.items.length === 0) {
    return (
      <InfoCard title={title}>
        {stale}
        <CardEmptyState
          title="No SLOs yet"
          description="Define this entity's SLOs in an OpenSLO file next to its catalog-info.yaml and point the annotation at it; the suite reads it within minutes. SLOs can also be created through the API (PUT …/slos/{name})."
          snippet={{ language: 'yaml', text: OPENSLO_SNIPPET }}
        />
      </InfoCard>
    );
  }
  return (
    <InfoCard title={title}>
      <Box mb={value.gate.allowed && !value.gate.exception ? 0 : 2}>
        <DeployGateBanner gate={value.gate} />
      </Box>
      {stale}
      {problems}
      {value.slos.items.map(slo => (
        <SloRow
          key={slo.name}
          slo={slo}
          entityRef={getCompoundEntityRef(entity)}
          onChanged={retry}
        />
      ))}
    </InfoCard>
  );
}
