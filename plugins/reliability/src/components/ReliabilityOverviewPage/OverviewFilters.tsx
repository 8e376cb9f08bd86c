import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { makeStyles } from '@material-ui/core/styles';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  OVERVIEW_KINDS,
  OverviewQuery,
} from '@reliability-suite/plugin-reliability-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

const useStyles = makeStyles(theme => ({
  field: { marginBottom: theme.spacing(2) },
}));

const LIFECYCLES = ['production', 'experimental', 'deprecated'];

/** What the filter panel changes: the query minus paging and sort. */
export type OverviewFilterChange = (change: Partial<OverviewQuery>) => void;

/**
 * Text search, owner (with child groups), kind, lifecycle and system. The
 * tier, gap, SLO status and readiness filters are the facet chips.
 */
export function OverviewFilters(props: {
  query: OverviewQuery;
  onChange: OverviewFilterChange;
}) {
  const { query, onChange } = props;
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  // Groups only, a few fields: the page never loads the catalog's entities.
  const groups = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items
      .map(g => ({
        ref: stringifyEntityRef(g),
        label: g.metadata.title ?? g.metadata.name,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi]);

  // Typed text is applied after a pause, not on every key.
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);
  useEffect(() => {
    if ((query.q ?? '') === text) return undefined;
    const timer = setTimeout(() => onChange({ q: text || undefined }), 300);
    return () => clearTimeout(timer);
  }, [text, query.q, onChange]);

  const options = groups.value ?? [];
  const owner = query.owner?.[0] ?? null;
  return (
    <>
      <TextField
        id="reliability-overview-search"
        label="Search"
        placeholder="Name or title"
        value={text}
        onChange={e => setText(e.target.value)}
        fullWidth
        className={classes.field}
      />
      <Autocomplete
        id="reliability-overview-owner"
        options={options.map(o => o.ref)}
        getOptionLabel={ref =>
          options.find(o => o.ref === ref)?.label ??
          ref.replace(/^group:(default\/)?/, '')
        }
        value={owner}
        loading={groups.loading}
        onChange={(_e, value) =>
          onChange({ owner: value ? [value] : undefined })
        }
        renderInput={params => (
          <TextField {...params} label="Owner" className={classes.field} />
        )}
      />
      <FormControlLabel
        className={classes.field}
        control={
          <Checkbox
            checked={Boolean(query.includeChildGroups)}
            onChange={e =>
              onChange({ includeChildGroups: e.target.checked || undefined })
            }
            color="primary"
          />
        }
        label="Include child groups"
      />
      <FormControl fullWidth className={classes.field}>
        <InputLabel id="reliability-overview-kind-label">Kind</InputLabel>
        <Select
          labelId="reliability-overview-kind-label"
          id="reliability-overview-kind"
          value={query.kind?.[0] ?? ''}
          onChange={e =>
            onChange({
              kind: e.target.value ? [e.target.value as string] : undefined,
            })
          }
        >
          <MenuItem value="">All</MenuItem>
          {OVERVIEW_KINDS.map(kind => (
            <MenuItem key={kind} value={kind.toLocaleLowerCase('en-US')}>
              {kind}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl fullWidth className={classes.field}>
        <InputLabel id="reliability-overview-lifecycle-label">
          Lifecycle
        </InputLabel>
        <Select
          labelId="reliability-overview-lifecycle-label"
          id="reliability-overview-lifecycle"
          value={query.lifecycle?.[0] ?? ''}
          onChange={e =>
            onChange({
              lifecycle: e.target.value
                ? [e.target.value as string]
                : undefined,
            })
          }
        >
          <MenuItem value="">All</MenuItem>
          {LIFECYCLES.map(lifecycle => (
            <MenuItem key={lifecycle} value={lifecycle}>
              {lifecycle}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
    </>
  );
}
