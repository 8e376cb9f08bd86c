import TextField from '@material-ui/core/TextField';
import { useApi } from '@backstage/core-plugin-api';
import { ActionResponse } from '@reliability-suite/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { FormDialog } from '../FormDialog';

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

  const save = async () => {
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
  };

  return (
    <FormDialog
      open={open}
      title={action ? 'Edit action' : 'Add a corrective action'}
      submitLabel="Save"
      save={save}
      onSaved={onSaved}
      onClose={onClose}
      reloadWhenStale
      staleMessage="This action was changed by someone else. Reload it, then make your change again."
    >
      <TextField
        label="What needs doing"
        id="action-title"
        value={title}
        onChange={e => setTitle(e.target.value)}
        fullWidth
        margin="dense"
        required
      />
      <TextField
        label="Owner"
        id="action-owner"
        value={owner}
        onChange={e => setOwner(e.target.value)}
        fullWidth
        margin="dense"
        helperText="A User or Group ref, e.g. group:default/payments"
      />
      <TextField
        label="Priority"
        id="action-priority"
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
        id="action-due-date"
        type="date"
        value={dueDate}
        onChange={e => setDueDate(e.target.value)}
        fullWidth
        margin="dense"
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        label="Ticket URL"
        id="action-ticket-url"
        value={ticketUrl}
        onChange={e => setTicketUrl(e.target.value)}
        fullWidth
        margin="dense"
      />
    </FormDialog>
  );
}
