import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import {
  describeTierRequirements,
  RELIABILITY_TIER_ANNOTATION,
} from '@reliability-suite/plugin-reliability-common';
import { useEntitySummary } from '../../hooks/useEntitySummary';
import { PendingCard } from '../PendingCard';
import { CardEmptyState } from '../CardEmptyState';
import { TierChip } from '../TierChip';

const TIER_SNIPPET = `metadata:
  annotations:
    ${RELIABILITY_TIER_ANNOTATION}: tier-1`;

function formatSince(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

/**
 * The entity's tier, what it requires, and any problem with the tier
 * annotation. An untiered entity gets the YAML to add one.
 *
 * @public
 */
export function EntityTierCard() {
  const { value: summary, loading, error } = useEntitySummary();

  if (loading || error || !summary) {
    return (
      <PendingCard
        title="Reliability tier"
        error={
          loading
            ? undefined
            : error ?? new Error('No answer from the reliability backend')
        }
      />
    );
  }

  const problems = summary.problems.map(problem => (
    <Box mb={2} key={problem.code}>
      <Alert severity={problem.severity}>{problem.message}</Alert>
    </Box>
  ));

  if (!summary.tier) {
    return (
      <InfoCard title="Reliability tier">
        {problems}
        <CardEmptyState
          title={
            summary.problems.length > 0
              ? 'Fix the tier annotation'
              : 'This entity has no tier yet'
          }
          description="The tier says how critical this entity is and what it must have in place: SLOs, on-call, runbook, postmortems. Add the annotation to its catalog-info.yaml, using a tier id from your portal's tier policy:"
          snippet={{ language: 'yaml', text: TIER_SNIPPET }}
        />
      </InfoCard>
    );
  }

  const { tier } = summary;
  const requirements = describeTierRequirements(tier.requirements);
  return (
    <InfoCard
      title="Reliability tier"
      subheader={
        tier.since ? `In this tier since ${formatSince(tier.since)}` : undefined
      }
    >
      {problems}
      <Box display="flex" alignItems="center" mb={1}>
        <TierChip tier={tier} size="medium" />
      </Box>
      {tier.description && (
        <Typography variant="body2" paragraph>
          {tier.description}
        </Typography>
      )}
      <Typography variant="subtitle2">What this tier requires</Typography>
      {requirements.length > 0 ? (
        <ul aria-label="Tier requirements">
          {requirements.map(line => (
            <li key={line}>
              <Typography variant="body2">{line}</Typography>
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2">
          Nothing: this tier is best effort.
        </Typography>
      )}
      {tier.requirements.errorBudgetPolicy.description && (
        <Typography variant="body2" color="textSecondary">
          Error-budget policy: {tier.requirements.errorBudgetPolicy.description}
        </Typography>
      )}
    </InfoCard>
  );
}
