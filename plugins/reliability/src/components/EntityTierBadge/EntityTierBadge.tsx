import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import Skeleton from '@material-ui/lab/Skeleton';
import { RELIABILITY_TIER_ANNOTATION } from '@reliability-suite/plugin-reliability-common';
import { useEntitySummary } from '../../hooks/useEntitySummary';
import { TierChip } from '../TierChip';

const useStyles = makeStyles(theme => ({
  problem: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.main,
  },
}));

/**
 * The entity's tier as a chip, for the entity page. Hover or click it to
 * see what the tier requires. Meant for an entity page, inside an
 * `EntityProvider`.
 *
 * @public
 */
export function EntityTierBadge() {
  const classes = useStyles();
  const { value: summary, loading, error } = useEntitySummary();

  if (loading) {
    return <Skeleton variant="rect" width={120} height={24} />;
  }
  if (error || !summary) {
    return (
      <Tooltip
        title={error?.message ?? 'No answer from the reliability backend'}
      >
        <Chip
          size="small"
          variant="outlined"
          className={classes.problem}
          label="Tier unavailable"
        />
      </Tooltip>
    );
  }
  if (summary.tier) {
    return <TierChip tier={summary.tier} />;
  }
  const problem = summary.problems.find(p => p.code === 'unknown-tier');
  if (problem) {
    return (
      <Tooltip title={problem.message}>
        <Chip
          size="small"
          variant="outlined"
          className={classes.problem}
          label="Unknown tier"
        />
      </Tooltip>
    );
  }
  return (
    <Tooltip
      title={`No tier yet: add the annotation ${RELIABILITY_TIER_ANNOTATION} to this entity's catalog-info.yaml`}
    >
      <Chip size="small" variant="outlined" label="No tier" />
    </Tooltip>
  );
}
