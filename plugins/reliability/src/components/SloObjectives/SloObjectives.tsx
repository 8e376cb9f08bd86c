import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatPercent,
  SloDefinition,
  SloObjectiveReport,
} from '@reliability-suite/plugin-reliability-common';
import { SloStatusChip } from '../SloStatusChip';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 0),
  },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
  },
  name: { flex: '1 1 12rem', minWidth: 0 },
}));

/**
 * "Target 99.9 %", or with several objectives "Targets 99.9 % (Internal)
 * and 99 % (SLA)".
 */
export function describeTargets(definition: SloDefinition): string {
  const objectives = definition.objectives;
  if (!objectives || objectives.length < 2) {
    return `Target ${formatPercent(definition.target)}`;
  }
  const parts = objectives.map(
    o =>
      `${formatPercent(o.target)}${o.displayName ? ` (${o.displayName})` : ''}`,
  );
  return `Targets ${parts.slice(0, -1).join(', ')} and ${
    parts[parts.length - 1]
  }`;
}

/** "80 % of its budget left", or how far it is overspent. */
function budgetText(remaining: number | null): string {
  if (remaining === null) return 'no data';
  if (remaining < 0) return `${formatPercent(-remaining, 1)} over its budget`;
  return `${formatPercent(remaining, 1)} of its budget left`;
}

/** Each objective of an SLO with several: its budget and status. */
export function SloObjectives(props: {
  objectives: SloObjectiveReport[];
  sloTitle: string;
}) {
  const { objectives, sloTitle } = props;
  const classes = useStyles();
  return (
    <ul className={classes.list} aria-label={`Objectives of ${sloTitle}`}>
      {objectives.map((objective, index) => {
        const remaining = objective.errorBudget.remaining;
        return (
          <li key={index} className={classes.item}>
            <Typography variant="body2" className={classes.name}>
              {objective.displayName ?? `Objective ${index + 1}`} ·{' '}
              {formatPercent(objective.target)}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {budgetText(remaining)}
            </Typography>
            <SloStatusChip status={objective.status} />
          </li>
        );
      })}
    </ul>
  );
}
