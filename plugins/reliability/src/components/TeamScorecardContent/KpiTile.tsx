import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  formatPercent,
  ScorecardKpi,
} from '@reliability-suite/plugin-reliability-common';
import { Sparkline } from './Sparkline';

type Verdict = 'met' | 'missed' | 'none';

function verdictColor(theme: Theme, verdict: Verdict): string {
  if (verdict === 'met') return theme.palette.success.main;
  if (verdict === 'missed') return theme.palette.error.main;
  return theme.palette.divider;
}

const useStyles = makeStyles<Theme, { verdict: Verdict }>(theme => ({
  card: {
    height: '100%',
    borderTop: ({ verdict }) => `4px solid ${verdictColor(theme, verdict)}`,
  },
  value: {
    fontSize: '1.9rem',
    fontWeight: 600,
    color: ({ verdict }) =>
      verdict === 'missed'
        ? theme.palette.error.main
        : theme.palette.text.primary,
  },
  secondary: { color: theme.palette.text.secondary },
}));

/** A KPI's value in its unit, or a dash without data. */
export function formatKpiValue(
  kpi: Pick<ScorecardKpi, 'unit'>,
  value: number | null,
) {
  if (value === null) return '–';
  if (kpi.unit === 'share') return formatPercent(value, 0);
  if (kpi.unit === 'minutes') return `${Math.round(value * 10) / 10} min`;
  return String(value);
}

/**
 * One KPI: value, target, green when met and red when missed (grey without
 * data: no data is not a pass), and its trend when there is one.
 */
export function KpiTile(props: {
  kpi: ScorecardKpi;
  trend?: Array<{ day: string; value: number | null }>;
}) {
  const { kpi, trend } = props;
  let verdict: Verdict = 'none';
  if (kpi.met === true) verdict = 'met';
  if (kpi.met === false) verdict = 'missed';
  const classes = useStyles({ verdict });
  const comparison = kpi.direction === 'at-least' ? '≥' : '≤';
  return (
    <Card
      className={classes.card}
      data-testid={`kpi-${kpi.id}`}
      data-verdict={verdict}
    >
      <CardContent>
        <Typography variant="body2" className={classes.secondary}>
          {kpi.title}
        </Typography>
        <Typography className={classes.value}>
          {formatKpiValue(kpi, kpi.value)}
        </Typography>
        <Typography variant="caption" className={classes.secondary}>
          target {comparison} {formatKpiValue(kpi, kpi.target)}
          {kpi.denominator !== undefined &&
            ` · ${kpi.numerator} of ${kpi.denominator}`}
          {verdict === 'none' && ' · no data yet'}
        </Typography>
        {trend && trend.length > 1 && (
          <Sparkline
            points={trend}
            label={`${kpi.title} over ${trend.length} days`}
          />
        )}
      </CardContent>
    </Card>
  );
}
