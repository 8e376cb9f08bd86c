import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import {
  formatPercent,
  OverviewRow,
  OverviewSortKey,
  OWNERSHIP_GAP_TITLES,
  TierPolicy,
} from '@reliability-suite/plugin-reliability-common';
import { SloStatusChip } from '../SloStatusChip';
import { TierChip } from '../TierChip';

const useStyles = makeStyles(theme => ({
  // Short values stay on one line; the entity and its gaps wrap.
  scroll: { overflowX: 'auto' },
  table: { '& th, & td': { whiteSpace: 'nowrap' } },
  wrap: { whiteSpace: 'normal !important' as 'normal', minWidth: 140 },
  gapsCell: { whiteSpace: 'normal !important' as 'normal', minWidth: 240 },
  gaps: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  secondary: { color: theme.palette.text.secondary },
  overdue: { color: theme.palette.error.main, fontWeight: 600 },
}));

function reliabilityTab(row: OverviewRow): string {
  return `/catalog/${row.namespace}/${row.kind}/${row.name}/reliability`;
}

function groupPage(ref: string): string {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `/catalog/${namespace}/${kind}/${name}`;
}

const shortRef = (ref: string) => ref.replace(/^[a-z]+:(default\/)?/, '');

const COLUMNS: Array<{ title: string; sort?: OverviewSortKey }> = [
  { title: 'Entity', sort: 'name' },
  { title: 'Tier', sort: 'tier' },
  { title: 'Owner', sort: 'owner' },
  { title: 'SLO', sort: 'status' },
  { title: 'Budget', sort: 'budget' },
  { title: 'Actions', sort: 'overdue' },
  { title: 'Readiness', sort: 'readiness' },
  { title: 'Gaps' },
];

/**
 * The overview's rows with server-side sorting: a header toggles its sort
 * key between ascending and descending.
 */
export function OverviewTable(props: {
  rows: OverviewRow[];
  tiers: TierPolicy[];
  sort: string;
  onSort: (sort: string) => void;
}) {
  const { rows, tiers, sort, onSort } = props;
  const classes = useStyles();
  const active = sort.replace(/^-/, '');
  const descending = sort.startsWith('-');
  return (
    <div className={classes.scroll}>
      <Table
        size="small"
        aria-label="Reliability overview"
        className={classes.table}
      >
        <TableHead>
          <TableRow>
            {COLUMNS.map(column => (
              <TableCell key={column.title}>
                {column.sort ? (
                  <TableSortLabel
                    active={active === column.sort}
                    direction={
                      active === column.sort && descending ? 'desc' : 'asc'
                    }
                    onClick={() =>
                      onSort(
                        active === column.sort && !descending
                          ? `-${column.sort}`
                          : column.sort!,
                      )
                    }
                  >
                    {column.title}
                  </TableSortLabel>
                ) : (
                  column.title
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => {
            const tier = tiers.find(t => t.id === row.tier);
            return (
              <TableRow key={row.entityRef} hover>
                <TableCell className={classes.wrap}>
                  <Link to={reliabilityTab(row)}>{row.title ?? row.name}</Link>
                  <Typography
                    variant="caption"
                    display="block"
                    className={classes.secondary}
                  >
                    {row.kind}
                    {row.system ? ` · ${shortRef(row.system)}` : ''}
                  </Typography>
                </TableCell>
                <TableCell>
                  {tier ? (
                    <TierChip
                      tier={{ ...tier, rank: tiers.indexOf(tier) }}
                      label="id"
                    />
                  ) : (
                    <span className={classes.secondary}>none</span>
                  )}
                </TableCell>
                <TableCell>
                  {row.owner ? (
                    <Link to={groupPage(row.owner)}>{shortRef(row.owner)}</Link>
                  ) : (
                    <span className={classes.secondary}>none</span>
                  )}
                  {row.onCallNow && (
                    <Typography
                      variant="caption"
                      display="block"
                      className={classes.secondary}
                    >
                      on call: {shortRef(row.onCallNow)}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {row.sloStatus === 'none' ? (
                    <span className={classes.secondary}>No SLO</span>
                  ) : (
                    <SloStatusChip status={row.sloStatus} />
                  )}
                </TableCell>
                <TableCell>
                  {row.budgetRemaining === null
                    ? '–'
                    : formatPercent(row.budgetRemaining, 1)}
                </TableCell>
                <TableCell>
                  {row.openActions} open
                  {row.overdueActions > 0 && (
                    <span className={classes.overdue}>
                      {' '}
                      · {row.overdueActions} overdue
                    </span>
                  )}
                </TableCell>
                <TableCell>
                  {formatPercent(row.readinessScore, 0)}
                  {row.ready ? ' · ready' : ''}
                  {row.reviewState && (
                    <Typography
                      variant="caption"
                      display="block"
                      className={classes.secondary}
                    >
                      review {row.reviewState}
                    </Typography>
                  )}
                </TableCell>
                <TableCell className={classes.wrap}>
                  <div className={classes.gaps}>
                    {row.gaps.map(gap => (
                      <Chip
                        key={gap}
                        size="small"
                        variant="outlined"
                        label={OWNERSHIP_GAP_TITLES[gap]}
                      />
                    ))}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
