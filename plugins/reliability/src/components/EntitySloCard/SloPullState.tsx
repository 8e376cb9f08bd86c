import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  formatPercent,
  reliabilitySloIngestPermission,
  SloPullInfo,
} from '@reliability-suite/plugin-reliability-common';
import { useState } from 'react';
import { formatLocal } from '../EntityOnCallCard/EntityOnCallCard';
import { ReplayHistoryDialog } from '../ReplayHistoryDialog';

/** `prometheus` → `Prometheus`: provider ids are lower-case names. */
export function providerName(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/**
 * Where a pulled SLO's figures come from, how far they reach, a replay
 * under way, and the provider's last failure: a card that went quiet when
 * Prometheus is down would look like a healthy SLO with no traffic.
 * People who may push measurements may also ask for a replay.
 */
export function SloPullState(props: {
  pull: SloPullInfo;
  entityRef: CompoundEntityRef;
  sloName: string;
  /** Reloads the card after a replay was asked for. */
  onChanged: () => void;
}) {
  const { pull, entityRef, sloName, onChanged } = props;
  const source = providerName(pull.provider);
  const [replaying, setReplaying] = useState(false);
  // The backend decides; the UI only hides what would be refused.
  const { allowed } = usePermission({
    permission: reliabilitySloIngestPermission,
    resourceRef: stringifyEntityRef(entityRef),
  });
  return (
    <>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <Typography variant="body2" color="textSecondary">
          {pull.lastSuccessAt
            ? `Pulled from ${source}, last pull ${formatLocal(
                pull.lastSuccessAt,
              )}`
            : `Pulled from ${source}: no pull has succeeded yet`}
        </Typography>
        {allowed && !pull.replay && (
          <Button size="small" onClick={() => setReplaying(true)}>
            Replay history
          </Button>
        )}
      </Box>
      {pull.replay && (
        <Box mt={1} maxWidth={420}>
          <Typography variant="caption" color="textSecondary">
            Replaying history since {formatLocal(pull.replay.from)}:{' '}
            {formatPercent(pull.replay.progress, 0)}
          </Typography>
          <LinearProgress
            aria-label={`Replay of ${sloName}`}
            variant="determinate"
            value={pull.replay.progress * 100}
          />
        </Box>
      )}
      {pull.problem && (
        <Box mt={1}>
          <Alert severity="warning">
            The last pull from {source} failed: {pull.problem}.
            {pull.nextAttemptAt
              ? ` Next attempt ${formatLocal(pull.nextAttemptAt)}.`
              : ''}
            {pull.lastSuccessAt
              ? ` The figures below are as of the last successful pull, ${formatLocal(
                  pull.lastSuccessAt,
                )}.`
              : ' No figures until a pull succeeds.'}
          </Alert>
        </Box>
      )}
      {replaying && (
        <ReplayHistoryDialog
          entityRef={entityRef}
          sloName={sloName}
          source={source}
          onClose={() => setReplaying(false)}
          onStarted={() => {
            setReplaying(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}
