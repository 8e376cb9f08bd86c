import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import {
  BURN_RATE_LOOKBACKS,
  formatPercent,
  SloResponse,
  SloSuppressedAlert,
} from '@reliability-suite/plugin-reliability-common';
import { lazy, Suspense, useState } from 'react';
import { ExportOpenSloButton } from '../ExportOpenSloButton';
import { describeTargets, SloObjectives } from '../SloObjectives';
import { SloPolicyAlerts } from '../SloPolicyAlerts';
import { SloStatusChip } from '../SloStatusChip';
import { providerName, SloPullState } from './SloPullState';
import { describeWindow } from './describeWindow';

/** A threshold metric's `op` in words. */
const THRESHOLD_WORDS = {
  lt: 'below',
  lte: 'at most',
  gt: 'above',
  gte: 'at least',
} as const;

// The chart loads only when someone opens it.
const BudgetChart = lazy(() =>
  import('../BudgetChart').then(m => ({ default: m.BudgetChart })),
);

const useStyles = makeStyles(theme => ({
  row: {
    padding: theme.spacing(2, 0),
    '&:not(:last-child)': {
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
  metrics: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  bar: { height: 8, borderRadius: 4, marginTop: theme.spacing(0.5) },
  barExhausted: { backgroundColor: theme.palette.error.light },
  suppressed: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  burnRates: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(1),
  },
}));

function exhaustionText(
  projected: string | null,
  remaining: number | null,
): string {
  if (projected) {
    return new Date(projected).toLocaleString(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  }
  return remaining !== null && remaining <= 0
    ? 'already'
    : 'not at the current rate';
}

/** How a sliced SLO counts: ", counted in 5m slices that are good at 95 %". */
function slicesText(definition: SloResponse['definition']): string {
  if (definition.budgetingMethod === 'Timeslices') {
    return `, counted in ${
      definition.timeSliceWindow
    } slices that are good at ${formatPercent(
      definition.timeSliceTarget ?? 0,
    )}`;
  }
  if (definition.budgetingMethod === 'RatioTimeslices') {
    return `, the average of its ${definition.timeSliceWindow} slices' ratios of good events`;
  }
  return '';
}

function events(count: number): string {
  return `${count} event${count === 1 ? '' : 's'}`;
}

/** "Page held back: 3 events in 1h, fewer than the 100 needed". */
function suppressedAlertText(alert: SloSuppressedAlert): string {
  const severity = alert.severity === 'page' ? 'Page' : 'Ticket';
  return `${severity} held back: ${events(alert.events)} in ${
    alert.longWindow
  }, fewer than the ${alert.minEvents} needed`;
}

function Metric(props: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body1" component="div">
        {props.children}
      </Typography>
    </div>
  );
}

/** One SLO: target, attainment, budget bar, burn rates, alerts, chart. */
export function SloRow(props: {
  slo: SloResponse;
  entityRef: CompoundEntityRef;
  /** Reloads the card (after a replay was asked for). */
  onChanged: () => void;
}) {
  const { slo, entityRef, onChanged } = props;
  const classes = useStyles();
  const [chartOpen, setChartOpen] = useState(false);
  const status = slo.status;
  const remaining = status?.errorBudget.remaining ?? null;
  const title = slo.displayName ?? slo.name;

  return (
    <div className={classes.row} data-testid={`slo-${slo.name}`}>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
      >
        {/* Takes the room the chip leaves, so the chip stays top right. */}
        <Box flex={1} minWidth={0}>
          <Typography variant="h6" component="h3">
            {title}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {describeTargets(slo.definition)} over a{' '}
            {describeWindow(slo.definition.timeWindow)}
            {slicesText(slo.definition)}
            {slo.definition.threshold
              ? `; a value is good when ${
                  THRESHOLD_WORDS[slo.definition.threshold.op]
                } ${slo.definition.threshold.value}`
              : ''}
            {slo.source === 'api' ? ' · managed through the API' : ''}
          </Typography>
          {slo.pull && (
            <SloPullState
              pull={slo.pull}
              entityRef={entityRef}
              sloName={slo.name}
              onChanged={onChanged}
            />
          )}
        </Box>
        <SloStatusChip status={status?.status ?? 'no-data'} />
      </Box>

      {slo.definition.alertPolicies?.length ? (
        <Box mt={1}>
          <SloPolicyAlerts
            policies={slo.definition.alertPolicies}
            alerts={status?.policyAlerts ?? []}
            sloTitle={title}
          />
        </Box>
      ) : null}

      {status?.alerts
        .filter(a => a.severity === 'page')
        .map(alert => (
          <Box mt={1} key={`${alert.longWindow}-${alert.shortWindow}`}>
            <Alert severity="error">
              Paging: the budget burns at{' '}
              {status.burnRates[alert.longWindow]?.toFixed(1)}× over{' '}
              {alert.longWindow} and{' '}
              {status.burnRates[alert.shortWindow]?.toFixed(1)}× over{' '}
              {alert.shortWindow} (threshold {alert.threshold.toFixed(1)}×).
            </Alert>
          </Box>
        ))}

      {status && (status.suppressedAlerts?.length ?? 0) > 0 && (
        // Said on the card so that a quiet pager on a burning SLO is
        // explained by the definition, not mistaken for a broken alert.
        <div
          className={classes.suppressed}
          aria-label={`Alerts held back for ${title}`}
        >
          {status.suppressedAlerts.map(alert => (
            <Chip
              key={`${alert.longWindow}-${alert.shortWindow}`}
              size="small"
              variant="outlined"
              label={suppressedAlertText(alert)}
            />
          ))}
          <Typography variant="caption" color="textSecondary">
            Low traffic: burn-rate alerts wait for at least{' '}
            {events(status.suppressedAlerts[0].minEvents)} per lookback.
          </Typography>
        </div>
      )}

      {!status || status.status === 'no-data' ? (
        <Box mt={1}>
          <Typography variant="body2" color="textSecondary">
            {slo.pull ? (
              `No measurements in the window yet. They are pulled from ${providerName(
                slo.pull.provider,
              )} every minute.`
            ) : (
              <>
                No measurements in the window yet. Push good and total counts to{' '}
                <code>POST …/slos/{slo.name}/measurements</code>.
              </>
            )}
          </Typography>
        </Box>
      ) : (
        <>
          <div className={classes.metrics}>
            <Metric label="Attainment">
              {status.attainment === null
                ? '–'
                : formatPercent(status.attainment, 3)}
            </Metric>
            <Metric label="Error budget remaining">
              {remaining === null ? '–' : formatPercent(remaining, 1)}
              <LinearProgress
                aria-label={`Error budget remaining for ${title}`}
                variant="determinate"
                value={Math.max(0, Math.min(100, (remaining ?? 0) * 100))}
                color={
                  remaining !== null && remaining < 0.25
                    ? 'secondary'
                    : 'primary'
                }
                className={`${classes.bar} ${
                  remaining !== null && remaining <= 0
                    ? classes.barExhausted
                    : ''
                }`}
              />
            </Metric>
            <Metric label="Budget exhausted by">
              {exhaustionText(status.projectedExhaustion, remaining)}
            </Metric>
          </div>
          {status.objectives && (
            <SloObjectives objectives={status.objectives} sloTitle={title} />
          )}
          <div
            className={classes.burnRates}
            aria-label={`Burn rates for ${title}`}
          >
            <Typography variant="caption" color="textSecondary">
              Burn rate:
            </Typography>
            {BURN_RATE_LOOKBACKS.map(lookback => (
              <Typography variant="caption" key={lookback}>
                {lookback}{' '}
                {status.burnRates[lookback] === null
                  ? '–'
                  : `${status.burnRates[lookback]!.toFixed(2)}×`}
              </Typography>
            ))}
          </div>
        </>
      )}

      <Box mt={1}>
        <Button
          size="small"
          onClick={() => setChartOpen(open => !open)}
          aria-expanded={chartOpen}
        >
          {chartOpen ? 'Hide budget chart' : 'Show budget chart'}
        </Button>
        <ExportOpenSloButton entityRef={entityRef} sloName={slo.name} />
        {chartOpen && (
          <Suspense fallback={<Progress />}>
            <BudgetChart sloName={slo.name} />
          </Suspense>
        )}
      </Box>
    </div>
  );
}
