import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { SloStatusName } from '@reliability-suite/plugin-reliability-common';

/**
 * How each SLO status reads in the UI.
 *
 * @public
 */
export const SLO_STATUS_TITLES: Record<SloStatusName, string> = {
  exhausted: 'Budget exhausted',
  page: 'Paging',
  ticket: 'Ticket',
  'at-risk': 'At risk',
  healthy: 'Healthy',
  'no-data': 'No data',
};

function statusColor(theme: Theme, status: SloStatusName): string {
  switch (status) {
    case 'exhausted':
    case 'page':
      return theme.palette.error.main;
    case 'ticket':
    case 'at-risk':
      return theme.palette.warning.main;
    case 'healthy':
      return theme.palette.success.main;
    default:
      return theme.palette.text.secondary;
  }
}

const useStyles = makeStyles<Theme, { status: SloStatusName }>(theme => ({
  chip: {
    backgroundColor: ({ status }) => statusColor(theme, status),
    color: ({ status }) =>
      theme.palette.getContrastText(statusColor(theme, status)),
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  },
}));

/**
 * An SLO status as a coloured chip.
 *
 * @public
 */
export function SloStatusChip(props: { status: SloStatusName }) {
  const classes = useStyles({ status: props.status });
  return (
    <Chip
      size="small"
      className={classes.chip}
      label={SLO_STATUS_TITLES[props.status]}
    />
  );
}
