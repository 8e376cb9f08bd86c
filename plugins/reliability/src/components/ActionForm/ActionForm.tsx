import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { ActionResponse } from '@reliability-suite/plugin-reliability-common';
import { FormEvent, useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { saveErrorMessage } from '../RotationForm';

/**
 * Adds an action item to an entity, or edits one (sending the version it
 * was opened with, so a concurrent edit is refused, not overwritten).
 *
 * @public
 */
export function ActionForm(props: {
  entityRef: string;
  defaultOwner: string;
  action?: ActionResponse;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { entityRef, defaultOwner, action, open, onClose, onSaved } = props;
  const api = useApi(reliabilityApiRef);
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const [title, setTitle] = useState(action?.title ?? '');
  const [owner, setOwner] = useState(action?.owner ?? defaultOwner);
  const [priority, setPriority] = useState(action?.priority ?? 'P2');
  const [dueDate, setDueDate] = useState(action?.dueDate ?? inTwoWeeks);
  const [ticketUrl, setTicketUrl] = useState(action?.ticketUrl ?? '');
  const [error, setError] = useState<{ message: string; stale: boolean }>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const fields = {
        title,
        owner,
        priority,
        dueDate,
        ticketUrl: ticketUrl.trim() || null,
      };
      if (action) {
        await api.updateAction(action.id, fields, action.version);
      } else {
        await api.createAction({ ...fields, entityRef });
      }
      onSaved();
    } catch (e) {
      setError(saveErrorMessage(e));
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit}>
        <DialogTitle>
          {action ? 'Edit action' : 'Add a corrective action'}
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
              {error.stale
                ? 'This action was changed by someone else. Reload it, then make your change again.'
                : error.message}
            </Alert>
          )}
          <TextField
            label="What needs doing"
            value={title}
            onChange={e => setTitle(e.target.value)}
            fullWidth
            margin="dense"
            required
          />
          <TextField
            label="Owner"
            value={owner}
            onChange={e => setOwner(e.target.value)}
            fullWidth
            margin="dense"
            helperText="A User or Group ref, e.g. group:default/payments"
          />
          <TextField
            label="Priority"
            select
            SelectProps={{ native: true }}
            value={priority}
            onChange={e => setPriority(e.target.value)}
            fullWidth
            margin="dense"
          >
            {['P0', 'P1', 'P2', 'P3'].map(p => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </TextField>
          <TextField
            label="Due date"
            type="date"
            value={dueDate}
            onChange={e => setDueDate(e.target.value)}
            fullWidth
            margin="dense"
            InputLabelProps={{ shrink: true }}
          />
          <TextField
            label="Ticket URL"
            value={ticketUrl}
            onChange={e => setTicketUrl(e.target.value)}
            fullWidth
            margin="dense"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" color="primary" variant="contained">
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
