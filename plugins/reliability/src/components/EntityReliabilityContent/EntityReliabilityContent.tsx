import Grid from '@material-ui/core/Grid';
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
      <Grid item xs={12} md={6}>
        <EntityTierCard />
      </Grid>
    </Grid>
  );
}
