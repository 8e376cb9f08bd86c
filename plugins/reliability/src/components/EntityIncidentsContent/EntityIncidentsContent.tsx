import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { IncidentResponse } from '@reliability-suite/plugin-reliability-common';
import { useState } from 'react';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';

const RANGES = [
  { label: 'Last 30 days', days: 30 },
  { label: 'Last 90 days', days: 90 },
  { label: 'Last year', days: 365 },
];

function minutes(ms: number | null): string {
  return ms === null ? '–' : `${Math.round(ms / 60_000)} min`;
}

const columns: TableColumn<IncidentResponse>[] = [
  { title: 'Severity', field: 'severity', width: '90px' },
  {
    title: 'Incident',
    field: 'title',
    render: i =>
      i.externalUrl ? <Link href={i.externalUrl}>{i.title}</Link> : i.title,
  },
  {
    title: 'Started',
    field: 'startedAt',
    render: i => new Date(i.startedAt).toLocaleString(),
  },
  {
    title: 'Acknowledged in',
    render: i => minutes(i.durations.timeToAcknowledgeMs),
  },
  { title: 'Mitigated in', render: i => minutes(i.durations.timeToMitigateMs) },
  { title: 'Resolved in', render: i => minutes(i.durations.timeToResolveMs) },
  {
    title: 'Postmortem',
    render: i => {
      const pm = i.postmortem;
      if (!pm.required) return 'not needed';
      const state = pm.status ?? 'not started';
      const due = pm.dueAt
        ? `, due ${new Date(pm.dueAt).toLocaleDateString()}`
        : '';
      return `${state}${due}${pm.onTime === false ? ' (late)' : ''}`;
    },
  },
];

/**
 * An entity's incidents, filterable by severity and time range, with
 * durations and postmortem status.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const [days, setDays] = useState(90);
  const [severity, setSeverity] = useState('all');
  const { value, loading, error } = useReliabilityQuery(
    api =>
      api.getEntityIncidents(
        getCompoundEntityRef(entity),
        new Date(Date.now() - days * 86_400_000),
      ),
    [entity, days],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const incidents = value ?? [];
  const severities = [...new Set(incidents.map(i => i.severity))].sort();
  const shown = incidents.filter(
    i => severity === 'all' || i.severity === severity,
  );
  return (
    <Box>
      <Box display="flex" mb={2} style={{ gap: 16 }}>
        <TextField
          select
          label="Time range"
          value={days}
          onChange={e => setDays(Number(e.target.value))}
          variant="outlined"
          size="small"
        >
          {RANGES.map(r => (
            <MenuItem key={r.days} value={r.days}>
              {r.label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Severity"
          value={severity}
          onChange={e => setSeverity(e.target.value)}
          variant="outlined"
          size="small"
          style={{ minWidth: 140 }}
        >
          <MenuItem value="all">All</MenuItem>
          {severities.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {shown.length === 0 ? (
        <EmptyState
          missing="data"
          title="No incidents"
          description="No incident in this range. Incidents are recorded through the API (POST /api/reliability/v1/incidents) or by an incident-tool integration."
        />
      ) : (
        <Table<IncidentResponse>
          title={`Incidents (${shown.length})`}
          options={{ paging: shown.length > 20, pageSize: 20, search: false }}
          columns={columns}
          data={shown}
        />
      )}
    </Box>
  );
}
