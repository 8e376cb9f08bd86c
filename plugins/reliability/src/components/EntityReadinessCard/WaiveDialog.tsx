import TextField from '@material-ui/core/TextField';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { FormDialog } from '../FormDialog';
import { ItemDialogProps } from './AttestDialog';

function isoDateInDays(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A waiver needs a reason and an end date; the server caps it at 90 days. */
export function WaiveDialog(props: ItemDialogProps) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(isoDateInDays(30));
  return (
    <FormDialog
      onClose={props.onClose}
      onSaved={props.onSaved}
      title={`Waive: ${props.item.title}`}
      submitLabel="Waive"
      save={() =>
        api.waive(getCompoundEntityRef(entity), {
          itemId: props.item.id,
          reason,
          expiresAt: new Date(`${until}T23:59:59Z`).toISOString(),
        })
      }
    >
      <TextField
        label="Reason"
        id="readiness-waiver-reason"
        value={reason}
        onChange={e => setReason(e.target.value)}
        fullWidth
        margin="dense"
        required
        multiline
        helperText="Why launching without it is acceptable, and until when"
      />
      <TextField
        label="Waived until"
        id="readiness-waiver-until"
        type="date"
        value={until}
        onChange={e => setUntil(e.target.value)}
        fullWidth
        margin="dense"
        required
        InputLabelProps={{ shrink: true }}
        helperText="At most 90 days from today"
      />
    </FormDialog>
  );
}
