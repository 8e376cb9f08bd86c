import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { SloPullInfo } from '@reliability-suite/plugin-reliability-common';
import { formatLocal } from '../EntityOnCallCard/EntityOnCallCard';

/** `prometheus` → `Prometheus`: provider ids are lower-case names. */
export function providerName(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/**
 * Where a pulled SLO's figures come from, how far they reach, and the
 * provider's last failure: a card that goes quiet when Prometheus is down
 * would look like a healthy SLO with no traffic.
 */
export function SloPullState(props: { pull: SloPullInfo }) {
  const { pull } = props;
  const source = providerName(pull.provider);
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {pull.pulledUntil
          ? `Pulled from ${source}, up to ${formatLocal(pull.pulledUntil)}`
          : `Pulled from ${source}: waiting for the first pull`}
      </Typography>
      {pull.problem && (
        <Box mt={1}>
          <Alert severity="warning">
            The last pull from {source} failed: {pull.problem}.
            {pull.nextAttemptAt
              ? ` Next attempt ${formatLocal(pull.nextAttemptAt)}.`
              : ''}
            {pull.pulledUntil
              ? ` The figures below stop at ${formatLocal(pull.pulledUntil)}.`
              : ' No figures until a pull succeeds.'}
          </Alert>
        </Box>
      )}
    </>
  );
}
