import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  fromOverviewSearchParams,
  OverviewQuery,
  toOverviewSearchParams,
} from '@reliability-suite/plugin-reliability-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { downloadBlob } from '../../browser/downloadBlob';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { FacetChips } from './FacetChips';
import { OverviewFilters } from './OverviewFilters';
import { OverviewTable } from './OverviewTable';

/** Rows per page. */
export const OVERVIEW_PAGE_SIZE = 50;

/**
 * The catalog-wide reliability overview: filters and facet chips kept in
 * the URL (so a filtered view can be shared), one server request per page
 * with rows and counts, cursor paging, sorting by column, CSV export of
 * the filtered rows, and links into each entity's Reliability tab.
 *
 * @public
 */
export function ReliabilityOverviewPage() {
  const api = useApi(reliabilityApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  // Paging is not part of the URL: a shared link opens on the first page.
  const query = useMemo(() => {
    const { cursor: _c, limit: _l, ...rest } = fromOverviewSearchParams(search);
    return rest;
  }, [search]);
  const filterKey = toOverviewSearchParams(query);

  // The cursors of the pages visited so far; page i starts at cursors[i].
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const [pageIndex, setPageIndex] = useState(0);
  useEffect(() => {
    setCursors([undefined]);
    setPageIndex(0);
  }, [filterKey]);
  const cursor = cursors[pageIndex];

  const tiers = useReliabilityQuery(
    reliability => reliability.getTierPolicies(),
    [],
  );
  const page = useReliabilityQuery(
    reliability =>
      reliability.getOverview({ ...query, limit: OVERVIEW_PAGE_SIZE, cursor }),
    // filterKey stands for the query: equal filters in another order, or a
    // new object for the same URL, load nothing again.
    [filterKey, cursor],
  );
  // The last answer stays on screen while the next one loads.
  const [shown, setShown] = useState(page.value);
  useEffect(() => {
    if (page.value) setShown(page.value);
  }, [page.value]);

  const update = useCallback(
    (change: Partial<OverviewQuery>) => {
      const next = fromOverviewSearchParams(search);
      delete next.cursor;
      delete next.limit;
      setSearchParams(toOverviewSearchParams({ ...next, ...change }));
    },
    [search, setSearchParams],
  );
  const toggle = (
    facet: 'tier' | 'gap' | 'status' | 'readiness',
    value: string,
  ) => {
    const current = (query[facet] ?? []) as string[];
    const next = current.includes(value)
      ? current.filter(v => v !== value)
      : [...current, value];
    update({ [facet]: next.length ? next : undefined });
  };

  const [exportError, setExportError] = useState<string>();
  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExportError(undefined);
    setExporting(true);
    try {
      downloadBlob(
        await api.exportOverviewCsv(query),
        'reliability-overview.csv',
      );
    } catch (e) {
      setExportError(`Could not export: ${(e as Error).message}`);
    } finally {
      setExporting(false);
    }
  };

  const filtered = filterKey.replace(/(^|&)sort=[^&]*/, '') !== '';
  const data = shown;
  const first = pageIndex * OVERVIEW_PAGE_SIZE;
  return (
    <Page themeId="tool">
      <Header
        title="Reliability overview"
        subtitle="Ownership gaps, SLOs, on-call and readiness across the catalog"
      />
      <Content>
        <ContentHeader title="">
          <Button
            variant="outlined"
            color="primary"
            onClick={exportCsv}
            disabled={exporting || !data || data.totalCount === 0}
          >
            Export CSV
          </Button>
        </ContentHeader>
        {exportError && (
          <Box mb={2}>
            <Alert severity="error">{exportError}</Alert>
          </Box>
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} md={3} lg={2}>
            <InfoCard title="Filters">
              <OverviewFilters query={query} onChange={update} />
              {filtered && (
                <Button size="small" onClick={() => setSearchParams('')}>
                  Clear filters
                </Button>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={9} lg={10}>
            {page.error && <ResponseErrorPanel error={page.error} />}
            {!data && !page.error && <Progress />}
            {data && (
              <Paper>
                <Box p={2}>
                  <FacetChips
                    facets={data.facets}
                    query={query}
                    tiers={tiers.value ?? []}
                    onToggle={toggle}
                  />
                </Box>
                {page.loading ? <LinearProgress /> : <Box height={4} />}
                {data.totalCount === 0 ? (
                  <EmptyState
                    missing={filtered ? 'data' : 'info'}
                    title={
                      filtered
                        ? 'No entities match these filters'
                        : 'No summaries yet'
                    }
                    description={
                      filtered
                        ? 'Remove a filter or a chip to see more.'
                        : 'Summaries appear once the reliability backend has read the catalog (within a few minutes of start-up).'
                    }
                  />
                ) : (
                  <>
                    <OverviewTable
                      rows={data.items}
                      tiers={tiers.value ?? []}
                      sort={query.sort ?? 'name'}
                      onSort={sort =>
                        update({ sort: sort as OverviewQuery['sort'] })
                      }
                    />
                    <Box
                      display="flex"
                      alignItems="center"
                      justifyContent="flex-end"
                      p={1}
                    >
                      <Typography variant="body2">
                        {first + 1}–{first + data.items.length} of{' '}
                        {data.totalCount}
                      </Typography>
                      <Button
                        size="small"
                        disabled={pageIndex === 0 || page.loading}
                        onClick={() => setPageIndex(i => i - 1)}
                      >
                        Previous
                      </Button>
                      <Button
                        size="small"
                        disabled={!data.nextCursor || page.loading}
                        onClick={() => {
                          setCursors(c => [
                            ...c.slice(0, pageIndex + 1),
                            data.nextCursor,
                          ]);
                          setPageIndex(i => i + 1);
                        }}
                      >
                        Next
                      </Button>
                    </Box>
                  </>
                )}
              </Paper>
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
