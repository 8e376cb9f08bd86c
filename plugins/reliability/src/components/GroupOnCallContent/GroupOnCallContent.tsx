import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  reliabilityOncallManagePermission,
  RotationResponse,
} from '@reliability-suite/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { formatLocal } from '../EntityOnCallCard/EntityOnCallCard';
import { OverrideForm } from '../OverrideForm';
import { RotationForm } from '../RotationForm';
import { RotationTimeline } from '../RotationTimeline';

function RotationCard(props: {
  rotation: RotationResponse;
  reload: () => void;
}) {
  const { rotation, reload } = props;
  const api = useApi(reliabilityApiRef);
  // The backend decides; the UI only hides what would be refused.
  const { allowed } = usePermission({
    permission: reliabilityOncallManagePermission,
    resourceRef: rotation.id,
  });
  const [editing, setEditing] = useState(false);
  const [addingOverride, setAddingOverride] = useState(false);
  const now = Date.now();
  const current = rotation.overrides.filter(o => Date.parse(o.end) > now);
  return (
    <InfoCard
      title={rotation.name}
      subheader={`Hand-offs every ${rotation.shiftLength} from ${rotation.handoffAnchor} (${rotation.timeZone}) · version ${rotation.version}`}
      action={
        allowed ? (
          <Box mt={1} mr={1}>
            <Button size="small" onClick={() => setAddingOverride(true)}>
              Add override
            </Button>
            <Button
              size="small"
              color="primary"
              onClick={() => setEditing(true)}
            >
              Edit rotation
            </Button>
          </Box>
        ) : undefined
      }
    >
      <RotationTimeline rotation={rotation} from={now} days={14} />
      <Box mt={2}>
        <Typography variant="subtitle2">Overrides</Typography>
        {current.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            None now or ahead.
          </Typography>
        ) : (
          current.map(o => (
            <Box
              key={o.id}
              display="flex"
              alignItems="center"
              style={{ gap: 8 }}
              my={0.5}
            >
              <Chip size="small" label={`Level ${o.level ?? 1}`} />
              <Typography variant="body2">
                {o.user.replace(/^user:[^/]+\//, '')} from{' '}
                {formatLocal(o.start)} until {formatLocal(o.end)}
              </Typography>
              {allowed && (
                <Button
                  size="small"
                  onClick={async () => {
                    await api.deleteOverride(rotation.id, o.id!);
                    reload();
                  }}
                >
                  Remove
                </Button>
              )}
            </Box>
          ))
        )}
      </Box>
      {editing && (
        <RotationForm
          open
          team={rotation.team}
          rotation={rotation}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
      {addingOverride && (
        <OverrideForm
          open
          rotation={rotation}
          onClose={() => setAddingOverride(false)}
          onSaved={() => {
            setAddingOverride(false);
            reload();
          }}
        />
      )}
    </InfoCard>
  );
}

/**
 * The On-call tab of a Group page: the team's rotations over the next 14
 * days, with forms to create or edit a rotation and to add or remove
 * overrides for those allowed to; others see it read-only.
 *
 * @public
 */
export function GroupOnCallContent() {
  const { entity } = useEntity();
  const team = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { value, loading, error, retry } = useReliabilityQuery(
    api => api.listRotations(team),
    [team],
  );
  const { allowed: mayCreate } = usePermission({
    permission: reliabilityOncallManagePermission,
    resourceRef: team,
  });
  const [creating, setCreating] = useState(false);

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Grid container spacing={3}>
      {(value ?? []).length === 0 && (
        <Grid item xs={12}>
          <EmptyState
            missing="data"
            title="This team has no on-call rotation"
            description="Entities the team owns show no on-call owner until it has one. A rotation has people in order, a shift length and a hand-off time in a time zone; overrides cover holidays and swaps."
            action={
              mayCreate ? (
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => setCreating(true)}
                >
                  Create rotation
                </Button>
              ) : undefined
            }
          />
        </Grid>
      )}
      {(value ?? []).map(rotation => (
        <Grid item xs={12} key={rotation.id}>
          <RotationCard rotation={rotation} reload={retry} />
        </Grid>
      ))}
      {creating && (
        <RotationForm
          open
          team={team}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            retry();
          }}
        />
      )}
    </Grid>
  );
}
