import TextField from '@material-ui/core/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { RotationResponse } from '@reliability-suite/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { FormDialog } from '../FormDialog';

/** `datetime-local` value (the viewer's local time) for an instant. */
function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}`;
}

/**
 * Adds an override: someone covering a level between two instants,
 * entered in the viewer's time zone.
 *
 * @public
 */
export function OverrideForm(props: {
  rotation: RotationResponse;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { rotation, open, onClose, onSaved } = props;
  const api = useApi(reliabilityApiRef);
  const hour = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  const [user, setUser] = useState('');
  const [start, setStart] = useState(toLocalInput(hour));
  const [end, setEnd] = useState(toLocalInput(hour + 12 * 3_600_000));
  const [level, setLevel] = useState('1');

  const save = () =>
    api.addOverride(rotation.id, {
      user: user.trim(),
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      level: Number(level),
    });

  return (
    <FormDialog
      open={open}
      maxWidth="xs"
      title={`Add an override to ${rotation.name}`}
      submitLabel="Add override"
      save={save}
      onSaved={onSaved}
      onClose={onClose}
    >
      <TextField
        label="Who covers"
        id="override-user"
        value={user}
        onChange={e => setUser(e.target.value)}
        fullWidth
        margin="dense"
        required
        helperText="A User ref, e.g. user:default/ana"
      />
      <TextField
        label="From"
        id="override-start"
        type="datetime-local"
        value={start}
        onChange={e => setStart(e.target.value)}
        fullWidth
        margin="dense"
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        label="Until"
        id="override-end"
        type="datetime-local"
        value={end}
        onChange={e => setEnd(e.target.value)}
        fullWidth
        margin="dense"
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        label="Level"
        id="override-level"
        select
        SelectProps={{ native: true }}
        value={level}
        onChange={e => setLevel(e.target.value)}
        fullWidth
        margin="dense"
      >
        {rotation.levels.map((_l, i) => (
          <option key={i} value={i + 1}>
            Level {i + 1}
          </option>
        ))}
      </TextField>
    </FormDialog>
  );
}
