import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  OverviewFacets,
  OverviewQuery,
  OWNERSHIP_GAP_CODES,
  OWNERSHIP_GAP_TITLES,
  TierPolicy,
} from '@reliability-suite/plugin-reliability-common';
import { SLO_STATUS_TITLES } from '../SloStatusChip';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    marginBottom: theme.spacing(1),
  },
  label: { minWidth: theme.spacing(12), color: theme.palette.text.secondary },
}));

const STATUS_TITLES: Record<string, string> = {
  ...SLO_STATUS_TITLES,
  none: 'No SLO',
};

type FacetKey = 'tier' | 'gap' | 'status' | 'readiness';

/**
 * Counts per facet value as chips; a chip toggles its value in the filter.
 * Values with no rows are left out unless selected.
 */
export function FacetChips(props: {
  facets: OverviewFacets;
  query: OverviewQuery;
  tiers: TierPolicy[];
  onToggle: (facet: FacetKey, value: string) => void;
}) {
  const { facets, query, tiers, onToggle } = props;
  const classes = useStyles();
  const rows: Array<{
    facet: FacetKey;
    label: string;
    values: Array<[string, string]>;
  }> = [
    {
      facet: 'tier',
      label: 'Tier',
      values: [
        ...tiers.map(t => [t.id, t.title] as [string, string]),
        ['none', 'No tier'],
      ],
    },
    {
      facet: 'gap',
      label: 'Gaps',
      values: OWNERSHIP_GAP_CODES.map(code => [
        code,
        OWNERSHIP_GAP_TITLES[code],
      ]),
    },
    {
      facet: 'status',
      label: 'SLO status',
      values: Object.entries(STATUS_TITLES),
    },
    {
      facet: 'readiness',
      label: 'Readiness',
      values: [
        ['ready', 'Ready'],
        ['not-ready', 'Not ready'],
      ],
    },
  ];
  return (
    <Box>
      {rows.map(({ facet, label, values }) => {
        const selected = (query[facet] ?? []) as string[];
        const counts = facets[facet] as Record<string, number>;
        const shown = values.filter(
          ([value]) => (counts[value] ?? 0) > 0 || selected.includes(value),
        );
        return (
          <div className={classes.row} key={facet}>
            <Typography variant="body2" className={classes.label}>
              {label}
            </Typography>
            {shown.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                none
              </Typography>
            )}
            {shown.map(([value, title]) => {
              const on = selected.includes(value);
              return (
                <Chip
                  key={value}
                  size="small"
                  clickable
                  color={on ? 'primary' : 'default'}
                  variant={on ? 'default' : 'outlined'}
                  label={`${title}: ${counts[value] ?? 0}`}
                  aria-pressed={on}
                  onClick={() => onToggle(facet, value)}
                />
              );
            })}
          </div>
        );
      })}
    </Box>
  );
}
