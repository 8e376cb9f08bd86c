import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { RotationResponse } from '@reliability-suite/plugin-reliability-common';
import { FormEvent, useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';

/** The message a failed save shows; a stale version gets its own. */
export function saveErrorMessage(error: unknown): {
  message: string;
  stale: boolean;
} {
  if (error instanceof ResponseError) {
    if (error.statusCode === 412 || error.statusCode === 409) {
      return {
        message:
          'This rotation was changed by someone else. Reload it, then make your change again.',
        stale: true,
      };
    }
    return {
      message: error.body?.error?.message ?? error.message,
      stale: false,
    };
  }
  return { message: (error as Error).message, stale: false };
}

/**
 * Creates or edits a team's rotation. Saving sends the version it was
 * opened with, so a concurrent edit is refused instead of overwritten.
 *
 * @public
 */
export function RotationForm(props: {
  team: string;
  rotation?: RotationResponse;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { team, rotation, open, onClose, onSaved } = props;
  const api = useApi(reliabilityApiRef);
  const teamName = team.replace(/^group:[^/]+\//, '');
  const [id, setId] = useState(rotation?.id ?? `${teamName}-primary`);
  const [name, setName] = useState(rotation?.name ?? `${teamName} primary`);
  const [timeZone, setTimeZone] = useState(
    rotation?.timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone,
  );
  const [handoffAnchor, setHandoffAnchor] = useState(
    rotation?.handoffAnchor ?? '2026-01-05T09:00',
  );
  const [shiftLength, setShiftLength] = useState(
    rotation?.shiftLength ?? 'P1W',
  );
  const [levels, setLevels] = useState<string[]>(
    rotation?.levels.map(l => l.users.join(', ')) ?? [''],
  );
  const [error, setError] = useState<{ message: string; stale: boolean }>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      await api.putRotation(
        id,
        {
          name,
          team,
          timeZone,
          handoffAnchor,
          shiftLength,
          levels: levels.map((users, i) => ({
            users: users
              .split(',')
              .map(u => u.trim())
              .filter(Boolean),
            ...(rotation?.levels[i]?.shiftLength
              ? { shiftLength: rotation.levels[i].shiftLength }
              : {}),
          })),
        },
        rotation?.version,
      );
      onSaved();
    } catch (e) {
      setError(saveErrorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit}>
        <DialogTitle>
          {rotation ? `Edit ${rotation.name}` : 'Create a rotation'}
        </DialogTitle>
        <DialogContent>
          {error && (
            <Alert
              severity="error"
              action={
                error.stale ? (
                  <Button onClick={onSaved}>Reload</Button>
                ) : undefined
              }
            >
              {error.message}
            </Alert>
          )}
          {!rotation && (
            <TextField
              label="Id"
              value={id}
              onChange={e => setId(e.target.value)}
              fullWidth
              margin="dense"
              helperText="Lower-case letters, digits and hyphens; used in URLs"
            />
          )}
          <TextField
            label="Name"
            value={name}
            onChange={e => setName(e.target.value)}
            fullWidth
            margin="dense"
            required
          />
          <TextField
            label="Time zone"
            value={timeZone}
            onChange={e => setTimeZone(e.target.value)}
            fullWidth
            margin="dense"
            helperText="IANA time zone of the hand-offs, e.g. Europe/Berlin"
          />
          <TextField
            label="First hand-off (local time)"
            value={handoffAnchor}
            onChange={e => setHandoffAnchor(e.target.value)}
            fullWidth
            margin="dense"
            helperText="e.g. 2026-01-05T09:00"
          />
          <TextField
            label="Shift length"
            value={shiftLength}
            onChange={e => setShiftLength(e.target.value)}
            fullWidth
            margin="dense"
            helperText="ISO-8601 duration: P1W weekly, P1D daily, PT12H"
          />
          {levels.map((users, i) => (
            <TextField
              key={i}
              label={`Level ${i + 1} people`}
              value={users}
              onChange={e =>
                setLevels(levels.map((l, j) => (j === i ? e.target.value : l)))
              }
              fullWidth
              margin="dense"
              helperText="User refs in rotation order, comma-separated: user:default/ana, user:default/bruno"
            />
          ))}
          <Button
            size="small"
            onClick={() => setLevels([...levels, ''])}
            disabled={levels.length >= 5}
          >
            Add escalation level
          </Button>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving}
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
