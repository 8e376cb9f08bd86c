import Grid from '@material-ui/core/Grid';
import { EntityOnCallCard } from '../EntityOnCallCard';
import { EntitySloCard } from '../EntitySloCard';
import { EntityTierCard } from '../EntityTierCard';

/**
 * The Reliability tab of an entity page: the tier and what it requires,
 * who is on call, and the SLOs (later features add actions and readiness).
 *
 * @public
 */
export function EntityReliabilityContent() {
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={4}>
        <Grid container spacing={3} direction="column">
          <Grid item>
            <EntityTierCard />
          </Grid>
          <Grid item>
            <EntityOnCallCard />
          </Grid>
        </Grid>
      </Grid>
      <Grid item xs={12} md={8}>
        <EntitySloCard />
      </Grid>
    </Grid>
  );
}
