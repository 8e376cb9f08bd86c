import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { OnCallPerson } from '@reliability-suite/plugin-reliability-common';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { PendingCard } from '../PendingCard';
import { CardEmptyState } from '../CardEmptyState';

const useStyles = makeStyles(theme => ({
  level: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  levelLabel: { minWidth: 64 },
}));

const ROTATION_SNIPPET = `PUT /api/reliability/v1/rotations/my-team-primary
{
  "name": "My team primary",
  "team": "group:default/my-team",
  "timeZone": "Europe/Berlin",
  "handoffAnchor": "2026-01-05T09:00",
  "shiftLength": "P1W",
  "levels": [{ "users": ["user:default/ana", "user:default/bruno"] }]
}`;

/** "Tue, Nov 24, 09:00" in the viewer's time zone. */
export function formatLocal(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function Person(props: { person: OnCallPerson }) {
  const { person } = props;
  const name = person.displayName ?? person.ref.replace(/^user:[^/]+\//, '');
  return (
    <span>
      <Typography component="span" variant="body1">
        <strong>{name}</strong>
      </Typography>
      {person.email && (
        <>
          {' '}
          <Link href={`mailto:${person.email}`}>{person.email}</Link>
        </>
      )}
    </span>
  );
}

/**
 * Who is on call for the entity now, per escalation level, when their
 * shift ends and who comes next (times in the viewer's time zone), with
 * the owner and on-call gaps as warnings.
 *
 * @public
 */
export function EntityOnCallCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const { value, loading, error } = useReliabilityQuery(
    api => api.getEntityOnCall(getCompoundEntityRef(entity)),
    [entity],
  );
  const title = 'On call';

  if (loading || error || !value) {
    return (
      <PendingCard
        title={title}
        error={
          loading
            ? undefined
            : error ?? new Error('No answer from the reliability backend')
        }
      />
    );
  }

  const gaps = value.gaps.map(gap => (
    <Box mb={1} key={gap.code}>
      <Alert severity="warning">{gap.message}</Alert>
    </Box>
  ));

  if (!value.rotation) {
    return (
      <InfoCard title={title}>
        {gaps}
        <CardEmptyState
          title="No on-call rotation"
          description={
            value.team
              ? `Nobody answers for this entity yet. Create a rotation for ${value.team} on the team's On-call tab, or through the API:`
              : 'This entity has no owning team, so no rotation can answer for it. Set spec.owner to a Group, then give the group a rotation:'
          }
          snippet={{ language: 'json', text: ROTATION_SNIPPET }}
        />
      </InfoCard>
    );
  }

  const [next] = value.nextHandoffs;
  return (
    <InfoCard
      title={title}
      subheader={`${value.rotation.name} · hand-offs in ${
        value.rotation.timeZone
      }${
        value.source && value.source !== 'rotations'
          ? ` · from ${value.source}`
          : ''
      }`}
    >
      {gaps}
      {value.levels.map(level => (
        <div
          className={classes.level}
          key={level.level}
          data-testid={`oncall-level-${level.level}`}
        >
          <Typography
            variant="caption"
            color="textSecondary"
            className={classes.levelLabel}
          >
            Level {level.level}
          </Typography>
          <Box flexGrow={1}>
            <Person person={level.user} />
            <Typography variant="body2" color="textSecondary">
              until {formatLocal(level.shiftEnd)}
            </Typography>
          </Box>
          {level.override && (
            <Chip size="small" label="Override" color="secondary" />
          )}
        </div>
      ))}
      {next && (
        <Box mt={2}>
          <Typography variant="body2">
            Next hand-off {formatLocal(next.at)} to{' '}
            <Person person={next.toPerson} />
          </Typography>
        </Box>
      )}
    </InfoCard>
  );
}
