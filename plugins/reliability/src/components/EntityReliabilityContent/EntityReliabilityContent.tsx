import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import { EntityOnCallCard } from '../EntityOnCallCard';
import { EntityPostmortemActionsCard } from '../EntityPostmortemActionsCard';
import { EntityReadinessCard } from '../EntityReadinessCard';
import { EntitySloCard } from '../EntitySloCard';
import { EntityTierCard } from '../EntityTierCard';

const useStyles = makeStyles({
  // Grid items are flex children; without this, a wide code snippet in a
  // card widens its column over the next one instead of scrolling.
  item: { minWidth: 0, maxWidth: '100%' },
});

/**
 * The Reliability tab of an entity page: the tier and what it requires,
 * who is on call, the SLOs, and postmortem actions and the production-readiness checklist.
 *
 * @public
 */
export function EntityReliabilityContent() {
  const classes = useStyles();
  return (
    <Grid container spacing={3} alignItems="flex-start">
      <Grid item xs={12} md={4} className={classes.item}>
        <Grid container spacing={3} direction="column" wrap="nowrap">
          <Grid item className={classes.item}>
            <EntityTierCard />
          </Grid>
          <Grid item className={classes.item}>
            <EntityOnCallCard />
          </Grid>
        </Grid>
      </Grid>
      <Grid item xs={12} md={8} className={classes.item}>
        <Grid container spacing={3} direction="column" wrap="nowrap">
          <Grid item className={classes.item}>
            <EntitySloCard />
          </Grid>
          <Grid item className={classes.item}>
            <EntityPostmortemActionsCard />
          </Grid>
          <Grid item className={classes.item}>
            <EntityReadinessCard />
          </Grid>
        </Grid>
      </Grid>
    </Grid>
  );
}
