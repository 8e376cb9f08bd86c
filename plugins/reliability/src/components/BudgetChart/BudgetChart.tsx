import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { formatPercent } from '@reliability-suite/plugin-reliability-common';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';

const WIDTH = 560;
const HEIGHT = 140;
const PAD = { left: 44, right: 8, top: 8, bottom: 20 };

/**
 * Error budget remaining over the SLO's window, as a plain SVG line: the
 * chart needs no charting library, so the plugin's bundle stays small.
 * Loaded lazily by the SLO card.
 */
export function BudgetChart(props: { sloName: string }) {
  const { entity } = useEntity();
  const theme = useTheme();
  const { value, loading, error } = useReliabilityQuery(
    api => api.getSloSeries(getCompoundEntityRef(entity), props.sloName),
    [entity, props.sloName],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const points = (value?.points ?? []).filter(p => p.budgetRemaining !== null);
  if (points.length < 2) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not enough data for a chart yet.
      </Typography>
    );
  }
  const values = points.map(p => p.budgetRemaining as number);
  const top = Math.max(1, ...values);
  const bottom = Math.min(0, ...values);
  const x = (i: number) =>
    PAD.left + (i / (points.length - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) =>
    PAD.top + ((top - v) / (top - bottom)) * (HEIGHT - PAD.top - PAD.bottom);
  const path = values
    .map(
      (v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`,
    )
    .join(' ');
  const last = values[values.length - 1];
  const color =
    last <= 0 ? theme.palette.error.main : theme.palette.primary.main;
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString(undefined, {
      month: 'short',
      day: 'numeric',
    });
  return (
    <svg
      role="img"
      aria-label={`Error budget remaining over time for ${
        props.sloName
      }, now ${formatPercent(last, 1)}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxWidth: WIDTH, display: 'block' }}
    >
      {[top, 0, bottom]
        .filter((v, i, all) => all.indexOf(v) === i)
        .map(v => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(v)}
              y2={y(v)}
              stroke={theme.palette.divider}
              strokeDasharray={v === 0 ? undefined : '4 4'}
            />
            <text
              x={PAD.left - 4}
              y={y(v) + 4}
              textAnchor="end"
              fontSize="10"
              fill={theme.palette.text.secondary}
            >
              {formatPercent(v, 0)}
            </text>
          </g>
        ))}
      <path d={path} fill="none" stroke={color} strokeWidth={2} />
      <text
        x={PAD.left}
        y={HEIGHT - 4}
        fontSize="10"
        fill={theme.palette.text.secondary}
      >
        {date(points[0].at)}
      </text>
      <text
        x={WIDTH - PAD.right}
        y={HEIGHT - 4}
        fontSize="10"
        textAnchor="end"
        fill={theme.palette.text.secondary}
      >
        {date(points[points.length - 1].at)}
      </text>
    </svg>
  );
}
