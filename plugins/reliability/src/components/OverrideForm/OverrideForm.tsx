import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { RotationResponse } from '@reliability-suite/plugin-reliability-common';
import { FormEvent, useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { saveErrorMessage } from '../RotationForm';

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
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.addOverride(rotation.id, {
        user: user.trim(),
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        level: Number(level),
      });
      onSaved();
    } catch (e) {
      setError(saveErrorMessage(e).message);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs">
      <form onSubmit={submit}>
        <DialogTitle>Add an override to {rotation.name}</DialogTitle>
        <DialogContent>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            label="Who covers"
            value={user}
            onChange={e => setUser(e.target.value)}
            fullWidth
            margin="dense"
            required
            helperText="A User ref, e.g. user:default/ana"
          />
          <TextField
            label="From"
            type="datetime-local"
            value={start}
            onChange={e => setStart(e.target.value)}
            fullWidth
            margin="dense"
            InputLabelProps={{ shrink: true }}
          />
          <TextField
            label="Until"
            type="datetime-local"
            value={end}
            onChange={e => setEnd(e.target.value)}
            fullWidth
            margin="dense"
            InputLabelProps={{ shrink: true }}
          />
          <TextField
            label="Level"
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
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" color="primary" variant="contained">
            Add override
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
