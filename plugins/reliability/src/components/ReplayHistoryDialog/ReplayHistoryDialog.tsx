import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { FormDialog } from '../FormDialog';

const HOUR_MS = 3_600_000;

/** How far back a replay reaches; `undefined` is the SLO's whole history. */
const CHOICES: Array<{ id: string; label: string; hours?: number }> = [
  { id: 'day', label: 'The last 24 hours', hours: 24 },
  { id: 'week', label: 'The last 7 days', hours: 7 * 24 },
  { id: 'all', label: "The SLO's whole window (and a day before it)" },
];

/**
 * Asks the backend to read a pulled SLO's history from its provider
 * again, over the period chosen: after a provider outage, a fixed query,
 * or data that arrived late. What the provider answers replaces what was
 * stored for that period.
 *
 * @public
 */
export function ReplayHistoryDialog(props: {
  entityRef: CompoundEntityRef;
  sloName: string;
  /** The provider's name, e.g. Prometheus. */
  source: string;
  onClose: () => void;
  /** After the backend accepted the replay; the caller reloads. */
  onStarted: () => void;
}) {
  const { entityRef, sloName, source } = props;
  const api = useApi(reliabilityApiRef);
  const [choice, setChoice] = useState('day');
  const hours = CHOICES.find(c => c.id === choice)?.hours;
  return (
    <FormDialog
      title={`Replay history from ${source}`}
      submitLabel="Replay"
      maxWidth="xs"
      // A replay has no version: its 409 (a pushed SLO) explains itself.
      conflictIsStale={false}
      save={() =>
        api.replaySlo(
          entityRef,
          sloName,
          hours === undefined
            ? undefined
            : // Whole seconds: the API's timestamps carry no fractions.
              new Date(Math.floor((Date.now() - hours * HOUR_MS) / 1000) * 1000)
                .toISOString()
                .replace('.000Z', 'Z'),
        )
      }
      onSaved={props.onStarted}
      onClose={props.onClose}
    >
      <Typography variant="body2" gutterBottom>
        What {source} answers for the period replaces what is stored for it. The
        first hours are read right away, the rest within minutes.
      </Typography>
      <RadioGroup
        aria-label="Period to replay"
        value={choice}
        onChange={event => setChoice(event.target.value)}
      >
        {CHOICES.map(c => (
          <FormControlLabel
            key={c.id}
            value={c.id}
            control={<Radio />}
            label={c.label}
          />
        ))}
      </RadioGroup>
    </FormDialog>
  );
}
