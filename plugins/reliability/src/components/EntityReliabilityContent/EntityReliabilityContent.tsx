import Grid from '@material-ui/core/Grid';
import { EntitySloCard } from '../EntitySloCard';
import { EntityTierCard } from '../EntityTierCard';

/**
 * The Reliability tab of an entity page: the tier and what it requires,
 * and the cards later features add (SLOs, on-call, actions, readiness).
 *
 * @public
 */
export function EntityReliabilityContent() {
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={4}>
        <EntityTierCard />
      </Grid>
      <Grid item xs={12} md={8}>
        <EntitySloCard />
      </Grid>
    </Grid>
  );
}
