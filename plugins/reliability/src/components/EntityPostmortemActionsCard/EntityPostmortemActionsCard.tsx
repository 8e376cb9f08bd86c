import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ActionResponse,
  IncidentResponse,
} from '@reliability-suite/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { ActionForm } from '../ActionForm';
import { CardEmptyState } from '../CardEmptyState';
import { PendingCard } from '../PendingCard';
import { saveErrorMessage } from '../FormDialog';

const useStyles = makeStyles(theme => ({
  row: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
  late: { color: theme.palette.error.main },
  meta: { color: theme.palette.text.secondary },
}));

function minutes(ms: number | null): string {
  if (ms === null) return '–';
  const m = Math.round(ms / 60_000);
  return m < 120 ? `${m} min` : `${(m / 60).toFixed(1)} h`;
}

function shortRef(ref: string): string {
  return ref.replace(/^[a-z]+:[^/]+\//, '');
}

function ActionRow(props: {
  action: ActionResponse;
  onChanged: () => void;
  onEdit: () => void;
}) {
  const { action, onChanged, onEdit } = props;
  const classes = useStyles();
  const api = useApi(reliabilityApiRef);
  const [error, setError] = useState<string>();
  const move = async (status: ActionResponse['status']) => {
    setError(undefined);
    try {
      await api.updateAction(action.id, { status }, action.version);
      onChanged();
    } catch (e) {
      const { message, stale } = saveErrorMessage(e);
      setError(
        stale
          ? 'Changed by someone else: reload to see the latest, then try again.'
          : message,
      );
    }
  };
  return (
    <div className={classes.row} data-testid={`action-${action.id}`}>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
      >
        <Typography variant="body1">
          {action.ticketUrl ? (
            <Link href={action.ticketUrl}>{action.title}</Link>
          ) : (
            action.title
          )}
        </Typography>
        <Box>
          {action.status === 'open' && (
            <Button size="small" onClick={() => move('in-progress')}>
              Start
            </Button>
          )}
          <Button size="small" color="primary" onClick={() => move('done')}>
            Mark done
          </Button>
          <Button size="small" onClick={onEdit}>
            Edit
          </Button>
        </Box>
      </Box>
      <Typography variant="body2" className={classes.meta}>
        <Chip size="small" label={action.priority} /> {shortRef(action.owner)} ·{' '}
        {action.status} · {action.ageDays} days old ·{' '}
        <span className={action.overdue ? classes.overdue : undefined}>
          {action.overdue
            ? `overdue since ${action.dueDate}`
            : `due ${action.dueDate}`}
        </span>
      </Typography>
      {error && (
        <Box mt={1}>
          <Alert
            severity="warning"
            action={<Button onClick={onChanged}>Reload</Button>}
          >
            {error}
          </Alert>
        </Box>
      )}
    </div>
  );
}

function IncidentRow(props: { incident: IncidentResponse }) {
  const { incident } = props;
  const classes = useStyles();
  const pm = incident.postmortem;
  let postmortem = 'no postmortem needed';
  if (pm.required) {
    postmortem = pm.status
      ? `postmortem ${pm.status}`
      : 'postmortem not started';
    if (pm.dueAt)
      postmortem += `, due ${new Date(pm.dueAt).toLocaleDateString()}`;
  }
  return (
    <div className={classes.row} data-testid={`incident-${incident.id}`}>
      <Typography variant="body2">
        <Chip
          size="small"
          label={incident.severity}
          color={/0|1$/.test(incident.severity) ? 'secondary' : 'default'}
        />{' '}
        {incident.externalUrl ? (
          <Link href={incident.externalUrl}>{incident.title}</Link>
        ) : (
          incident.title
        )}
      </Typography>
      <Typography variant="caption" className={classes.meta} component="div">
        {new Date(incident.startedAt).toLocaleString()} · acknowledged in{' '}
        {minutes(incident.durations.timeToAcknowledgeMs)} · mitigated in{' '}
        {minutes(incident.durations.timeToMitigateMs)} · resolved in{' '}
        {minutes(incident.durations.timeToResolveMs)}
      </Typography>
      <Typography
        variant="caption"
        component="div"
        className={pm.onTime === false ? classes.late : classes.meta}
      >
        {postmortem}
        {pm.onTime === false ? ' · late' : ''}
        {pm.documentUrl ? (
          <>
            {' · '}
            <Link href={pm.documentUrl}>document</Link>
          </>
        ) : null}
      </Typography>
    </div>
  );
}

/**
 * The entity's open corrective actions, overdue first, with controls to
 * start, finish or edit them, and its recent incidents with durations and
 * postmortem status (late ones marked).
 *
 * @public
 */
export function EntityPostmortemActionsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { value, loading, error, retry } = useReliabilityQuery(
    async api => {
      const ref = getCompoundEntityRef(entity);
      const [actions, incidents] = await Promise.all([
        api.getEntityActions(ref),
        api.getEntityIncidents(ref),
      ]);
      return { actions, incidents };
    },
    [entity],
  );
  const [editing, setEditing] = useState<ActionResponse | 'new'>();
  const title = 'Postmortem actions';
  const owner = (entity.spec as { owner?: string } | undefined)?.owner ?? '';

  if (!value && (loading || error)) {
    return <PendingCard title={title} error={loading ? undefined : error} />;
  }
  const { actions, incidents } = value!;
  return (
    <InfoCard
      title={title}
      subheader={`${actions.length} open, ${
        actions.filter(a => a.overdue).length
      } overdue`}
      action={
        <Box mt={1} mr={1}>
          <Button
            size="small"
            color="primary"
            onClick={() => setEditing('new')}
          >
            Add action
          </Button>
        </Box>
      }
    >
      {actions.length === 0 ? (
        <CardEmptyState
          title="No open actions"
          description="Corrective actions from postmortems appear here, overdue first, until they are done."
        />
      ) : (
        actions.map(action => (
          <ActionRow
            key={action.id}
            action={action}
            onChanged={retry}
            onEdit={() => setEditing(action)}
          />
        ))
      )}
      <Box mt={3}>
        <Typography variant="subtitle2">
          Incidents in the last 90 days
        </Typography>
        {incidents.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            None.
          </Typography>
        ) : (
          incidents
            .slice(0, 5)
            .map(incident => (
              <IncidentRow key={incident.id} incident={incident} />
            ))
        )}
      </Box>
      {editing && (
        <ActionForm
          open
          entityRef={entityRef}
          defaultOwner={owner.includes(':') ? owner : `group:default/${owner}`}
          action={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            retry();
          }}
        />
      )}
    </InfoCard>
  );
}
