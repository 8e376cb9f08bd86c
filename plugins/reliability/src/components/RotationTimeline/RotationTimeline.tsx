import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  nextHandoffs,
  onCallAt,
  Rotation,
} from '@reliability-suite/plugin-reliability-common';

const DAY_MS = 24 * 3_600_000;
const COLORS = [
  '#5c6bc0',
  '#26a69a',
  '#ef6c00',
  '#8e24aa',
  '#43a047',
  '#d81b60',
  '#00897b',
  '#6d4c41',
];

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    height: 28,
    borderRadius: 4,
    overflow: 'hidden',
    background: theme.palette.action.hover,
  },
  segment: {
    color: '#fff',
    fontSize: 11,
    lineHeight: '28px',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    padding: theme.spacing(0, 0.5),
    borderRight: '1px solid rgba(255,255,255,0.6)',
  },
  override: {
    backgroundImage:
      'repeating-linear-gradient(45deg, rgba(255,255,255,.25) 0 6px, transparent 6px 12px)',
  },
  days: { display: 'flex', marginTop: 2 },
}));

/** One level's stints between `from` and `to`; gaps have a null user. */
export function levelSegments(
  rotation: Rotation,
  level: number,
  from: number,
  to: number,
) {
  const segments: Array<{
    start: number;
    end: number;
    user: string | null;
    override: boolean;
  }> = [];
  let t = from;
  while (t < to && segments.length < 500) {
    const shift = onCallAt(rotation, t).find(s => s.level === level);
    if (!shift) {
      // Nobody until the next hand-off brings someone on.
      const [next] = nextHandoffs(rotation, t, 1, { level, horizonMs: to - t });
      const end = next ? Math.min(to, Date.parse(next.at)) : to;
      segments.push({ start: t, end, user: null, override: false });
      t = end;
      continue;
    }
    const end = Math.min(to, Date.parse(shift.end));
    segments.push({
      start: t,
      end,
      user: shift.user,
      override: shift.override,
    });
    t = end;
  }
  return segments;
}

function colorOf(user: string, users: string[]) {
  return COLORS[Math.max(0, users.indexOf(user)) % COLORS.length];
}

/**
 * The next `days` of a rotation, a bar per escalation level; overrides are
 * hatched. Computed in the browser with the same functions as the backend.
 *
 * @public
 */
export function RotationTimeline(props: {
  rotation: Rotation;
  from: number;
  days?: number;
}) {
  const classes = useStyles();
  const { rotation, from } = props;
  const days = props.days ?? 14;
  const to = from + days * DAY_MS;
  const users = [
    ...new Set([
      ...rotation.levels.flatMap(l => l.users),
      ...rotation.overrides.map(o => o.user),
    ]),
  ];
  const name = (ref: string) => ref.replace(/^user:[^/]+\//, '');
  return (
    <Box
      aria-label={`On-call timeline of ${rotation.name} for the next ${days} days`}
      role="figure"
    >
      {rotation.levels.map((_level, index) => (
        <Box key={index} mb={1}>
          <Typography variant="caption" color="textSecondary">
            Level {index + 1}
          </Typography>
          <div className={classes.row}>
            {levelSegments(rotation, index + 1, from, to).map(segment => (
              <Tooltip
                key={segment.start}
                title={`${
                  segment.user ? name(segment.user) : 'Nobody'
                }: ${new Date(segment.start).toLocaleString()} – ${new Date(
                  segment.end,
                ).toLocaleString()}${segment.override ? ' (override)' : ''}`}
              >
                <div
                  className={`${classes.segment} ${
                    segment.override ? classes.override : ''
                  }`}
                  data-testid="timeline-segment"
                  style={{
                    width: `${
                      ((segment.end - segment.start) / (to - from)) * 100
                    }%`,
                    background: segment.user
                      ? colorOf(segment.user, users)
                      : 'transparent',
                    color: segment.user ? '#fff' : undefined,
                  }}
                >
                  {segment.user ? name(segment.user) : 'nobody'}
                </div>
              </Tooltip>
            ))}
          </div>
        </Box>
      ))}
      <div className={classes.days}>
        {Array.from({ length: days }, (_v, i) => (
          <Typography
            key={i}
            variant="caption"
            color="textSecondary"
            style={{ width: `${100 / days}%` }}
          >
            {new Date(from + i * DAY_MS).toLocaleDateString(undefined, {
              day: 'numeric',
              month: 'short',
            })}
          </Typography>
        ))}
      </div>
    </Box>
  );
}
