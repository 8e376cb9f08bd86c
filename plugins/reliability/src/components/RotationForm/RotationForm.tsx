import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { RotationResponse } from '@reliability-suite/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { FormDialog } from '../FormDialog';

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

  const save = () =>
    api.putRotation(
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

  return (
    <FormDialog
      open={open}
      title={rotation ? `Edit ${rotation.name}` : 'Create a rotation'}
      submitLabel="Save"
      save={save}
      onSaved={onSaved}
      onClose={onClose}
      reloadWhenStale
    >
      {!rotation && (
        <TextField
          label="Id"
          id="rotation-id"
          value={id}
          onChange={e => setId(e.target.value)}
          fullWidth
          margin="dense"
          helperText="Lower-case letters, digits and hyphens; used in URLs"
        />
      )}
      <TextField
        label="Name"
        id="rotation-name"
        value={name}
        onChange={e => setName(e.target.value)}
        fullWidth
        margin="dense"
        required
      />
      <TextField
        label="Time zone"
        id="rotation-time-zone"
        value={timeZone}
        onChange={e => setTimeZone(e.target.value)}
        fullWidth
        margin="dense"
        helperText="IANA time zone of the hand-offs, e.g. Europe/Berlin"
      />
      <TextField
        label="First hand-off (local time)"
        id="rotation-handoff-anchor"
        value={handoffAnchor}
        onChange={e => setHandoffAnchor(e.target.value)}
        fullWidth
        margin="dense"
        helperText="e.g. 2026-01-05T09:00"
      />
      <TextField
        label="Shift length"
        id="rotation-shift-length"
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
          id={`rotation-level-${i + 1}`}
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
    </FormDialog>
  );
}
