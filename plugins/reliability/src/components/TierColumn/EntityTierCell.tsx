import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Entity } from '@backstage/catalog-model';
import { resolveEntityTier } from '@reliability-suite/plugin-reliability-common';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { TierChip } from '../TierChip';

/**
 * One catalog row's tier. The tier is resolved in the browser from the
 * entity the table already has and the (cached) tier policy, so the table
 * costs one request in total, not one per row.
 */
export function EntityTierCell(props: { entity: Entity }) {
  const { value: policies, error } = useReliabilityQuery(
    api => api.getTierPolicies(),
    [],
  );
  if (error) {
    return (
      <Tooltip title={error.message}>
        <Typography variant="body2" color="error">
          ?
        </Typography>
      </Tooltip>
    );
  }
  if (!policies) {
    return null;
  }
  const resolution = resolveEntityTier(props.entity, policies);
  switch (resolution.state) {
    case 'tiered':
      return (
        <TierChip
          label="id"
          tier={{
            ...resolution.policy,
            rank: policies.indexOf(resolution.policy),
          }}
        />
      );
    case 'unknown':
      return (
        <Tooltip
          title={`'${resolution.annotationValue}' is not a tier of the tier policy`}
        >
          <Chip size="small" variant="outlined" label="Unknown tier" />
        </Tooltip>
      );
    default:
      return (
        <Typography variant="body2" color="textSecondary" aria-label="No tier">
          –
        </Typography>
      );
  }
}
