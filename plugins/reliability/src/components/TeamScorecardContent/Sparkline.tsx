import { useTheme } from '@material-ui/core/styles';

const WIDTH = 160;
const HEIGHT = 36;

/**
 * A small line of daily values (gaps where a day has none), scaled to its
 * own range. SVG, no chart library: a tile draws dozens of points.
 */
export function Sparkline(props: {
  points: Array<{ day: string; value: number | null }>;
  label: string;
}) {
  const theme = useTheme();
  const values = props.points
    .map(p => p.value)
    .filter((v): v is number => v !== null);
  if (values.length < 2) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const step = WIDTH / (props.points.length - 1);
  let path = '';
  let pen = false;
  props.points.forEach((point, i) => {
    if (point.value === null) {
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (
      HEIGHT -
      2 -
      ((point.value - min) / span) * (HEIGHT - 4)
    ).toFixed(1);
    path += `${pen ? 'L' : 'M'}${x},${y}`;
    pen = true;
  });
  return (
    <svg
      width="100%"
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={props.label}
      style={{ display: 'block', marginTop: 8 }}
    >
      <path
        d={path}
        fill="none"
        stroke={theme.palette.primary.main}
        strokeWidth={1.5}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
