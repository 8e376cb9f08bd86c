import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  formatPercent,
  OWNERSHIP_GAP_CODES,
  OWNERSHIP_GAP_TITLES,
  toOverviewSearchParams,
} from '@reliability-suite/plugin-reliability-common';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { KpiTile } from './KpiTile';

const TREND_DAYS = 90;

const minutes = (value: number | null) =>
  value === null ? '–' : `${Math.round(value * 10) / 10} min`;

/**
 * The Reliability tab of a Group page: the team's scorecard (child groups
 * included) with KPI tiles against the targets and their 90-day trends,
 * SLO attainment per tier, incident response per severity, and ownership
 * gaps linking into the overview.
 *
 * @public
 */
export function TeamScorecardContent() {
  const { entity } = useEntity();
  const teamRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const card = useReliabilityQuery(
    api => api.getTeamScorecard(teamRef),
    [teamRef],
  );
  // Trends are optional: one who may not read every entity gets none.
  const trends = useReliabilityQuery(
    api => api.getTeamTrends(teamRef, TREND_DAYS).catch(() => undefined),
    [teamRef],
  );

  if (card.loading) return <Progress />;
  if (card.error) return <ResponseErrorPanel error={card.error} />;
  const scorecard = card.value!;
  const overviewOf = (extra: Parameters<typeof toOverviewSearchParams>[0]) =>
    `/reliability?${toOverviewSearchParams({
      owner: [teamRef],
      includeChildGroups: true,
      ...extra,
    })}`;
  const trendOf = (id: string) =>
    trends.value?.points.map(p => ({
      day: p.day,
      value: (p.values as Record<string, number | null>)[id] ?? null,
    }));
  const gaps = OWNERSHIP_GAP_CODES.filter(code => scorecard.gaps[code] > 0);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          {scorecard.entityCount}{' '}
          {scorecard.entityCount === 1 ? 'entity' : 'entities'} of{' '}
          {scorecard.groups.length}{' '}
          {scorecard.groups.length === 1 ? 'group' : 'groups'} (child groups
          included); incidents and closed actions of the last{' '}
          {scorecard.windowDays} days.{' '}
          <Link to={overviewOf({})}>Open in the overview</Link>
        </Typography>
      </Grid>
      {scorecard.kpis.map(kpi => (
        <Grid item xs={12} sm={6} md={3} key={kpi.id}>
          <KpiTile kpi={kpi} trend={trendOf(kpi.id)} />
        </Grid>
      ))}
      <Grid item xs={12} md={6}>
        <InfoCard title="SLO attainment by tier">
          {scorecard.sloAttainmentByTier.length === 0 ? (
            <Typography variant="body2">
              The team's entities have no SLOs yet.
            </Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Tier</TableCell>
                  <TableCell align="right">SLOs</TableCell>
                  <TableCell align="right">Meeting target</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {scorecard.sloAttainmentByTier.map(row => (
                  <TableRow key={row.tier ?? 'none'}>
                    <TableCell>{row.tier ?? 'no tier'}</TableCell>
                    <TableCell align="right">{row.slos}</TableCell>
                    <TableCell align="right">
                      {row.share === null
                        ? 'no data'
                        : `${formatPercent(row.share, 0)} (${
                            row.meetingTarget
                          })`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Incident response by severity">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Severity</TableCell>
                <TableCell align="right">Incidents</TableCell>
                <TableCell align="right">MTTA</TableCell>
                <TableCell align="right">MTTR</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {scorecard.incidentsBySeverity.map(row => (
                <TableRow key={row.severity}>
                  <TableCell>{row.severity}</TableCell>
                  <TableCell align="right">{row.incidents}</TableCell>
                  <TableCell align="right">
                    {minutes(row.mttaMinutes)}
                  </TableCell>
                  <TableCell align="right">
                    {minutes(row.mttrMinutes)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Ownership gaps">
          {gaps.length === 0 ? (
            <Typography variant="body2">
              No ownership gaps in this team's entities.
            </Typography>
          ) : (
            <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
              {gaps.map(code => (
                <Link key={code} to={overviewOf({ gap: [code] })}>
                  <Chip
                    clickable
                    size="small"
                    variant="outlined"
                    label={`${OWNERSHIP_GAP_TITLES[code]}: ${scorecard.gaps[code]}`}
                  />
                </Link>
              ))}
            </Box>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
