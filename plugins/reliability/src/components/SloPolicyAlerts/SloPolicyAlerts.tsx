import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  SloAlertPolicy,
  SloPolicyAlert,
} from '@reliability-suite/plugin-reliability-common';

/** A burn-rate comparison in words. */
const OP_WORDS = {
  lt: 'below',
  lte: 'at most',
  gt: 'above',
  gte: 'at least',
} as const;

const useStyles = makeStyles(theme => ({
  held: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

/** A burn rate: one decimal, two below 1 (a quiet policy's 0.25×). */
function formatBurn(rate: number): string {
  return rate < 1 ? rate.toFixed(2) : rate.toFixed(1);
}

/** `for 5m` after a condition; nothing when it alerts at once. */
function forHow(alertAfter: string): string {
  return /^0[smhdw]$/.test(alertAfter) ? '' : ` for ${alertAfter}`;
}

/** "page when the burn rate over 1h is above 2× for 5m". */
export function describePolicy(policy: SloAlertPolicy): string {
  const { condition } = policy;
  const when: string[] = [];
  if (policy.alertWhenBreaching) {
    when.push(
      `the burn rate over ${condition.lookbackWindow} is ${
        OP_WORDS[condition.op]
      } ${condition.threshold}×${forHow(condition.alertAfter)}`,
    );
  }
  if (policy.alertWhenNoData) {
    when.push(
      `${condition.lookbackWindow} pass without events${forHow(
        condition.alertAfter,
      )}`,
    );
  }
  return `${condition.severity} when ${
    when.length > 0 ? when.join(' or ') : 'never (it alerts on nothing)'
  }`;
}

/** What one alert says: which policy, why, and how hard it burns. */
function alertText(alert: SloPolicyAlert, title: string): string {
  if (alert.reason === 'no-data') {
    return `${title} (${alert.severity}): no events in the last ${
      alert.lookbackWindow
    }${forHow(alert.alertAfter)}.`;
  }
  return `${title} (${alert.severity}): the budget burns at ${formatBurn(
    alert.burnRate ?? 0,
  )}× over ${alert.lookbackWindow}, ${OP_WORDS[alert.op]} ${
    alert.threshold
  }×${forHow(alert.alertAfter)}.`;
}

/**
 * An SLO's own alert policies: which replace the default rules, which
 * fire, and which low traffic holds back.
 */
export function SloPolicyAlerts(props: {
  policies: SloAlertPolicy[];
  alerts: SloPolicyAlert[];
  sloTitle: string;
}) {
  const { policies, alerts, sloTitle } = props;
  const classes = useStyles();
  const titleOf = (name: string) =>
    policies.find(p => p.name === name)?.displayName ?? name;
  const firing = alerts.filter(a => !a.suppressed);
  const held = alerts.filter(a => a.suppressed);
  return (
    <>
      <Typography variant="caption" color="textSecondary" component="div">
        Alerts by its own{' '}
        {policies.length === 1 ? 'policy' : `${policies.length} policies`}{' '}
        instead of the default rules:{' '}
        {policies
          .map(
            p =>
              `${p.displayName ?? p.name}, ${describePolicy(p)}${
                p.notificationTargets.length > 0
                  ? ` (targets: ${p.notificationTargets.join(', ')})`
                  : ''
              }`,
          )
          .join('; ')}
        .
      </Typography>
      {firing.map(alert => (
        <Box mt={1} key={alert.policy}>
          <Alert severity={alert.status === 'page' ? 'error' : 'warning'}>
            {alertText(alert, titleOf(alert.policy))}
          </Alert>
        </Box>
      ))}
      {held.length > 0 && (
        <div
          className={classes.held}
          aria-label={`Policy alerts held back for ${sloTitle}`}
        >
          {held.map(alert => (
            <Chip
              key={alert.policy}
              size="small"
              variant="outlined"
              label={`${titleOf(alert.policy)} held back: ${
                alert.suppressed!.events
              } events in ${alert.lookbackWindow}, fewer than the ${
                alert.suppressed!.minEvents
              } needed`}
            />
          ))}
        </div>
      )}
    </>
  );
}
