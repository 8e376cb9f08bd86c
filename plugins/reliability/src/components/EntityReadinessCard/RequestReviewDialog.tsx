import TextField from '@material-ui/core/TextField';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { FormDialog } from '../FormDialog';

/** A review request, with the launch date the team aims for if it has one. */
export function RequestReviewDialog(props: {
  onClose: () => void;
  onSaved: () => void;
}) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const [launch, setLaunch] = useState('');
  return (
    <FormDialog
      onClose={props.onClose}
      onSaved={props.onSaved}
      title="Request a readiness review"
      submitLabel="Request review"
      save={async () => {
        await api.requestReview(getCompoundEntityRef(entity), launch || null);
      }}
    >
      <TextField
        label="Target launch date"
        id="readiness-target-launch"
        type="date"
        value={launch}
        onChange={e => setLaunch(e.target.value)}
        fullWidth
        margin="dense"
        InputLabelProps={{ shrink: true }}
        helperText="Optional: shown to the reviewers in their queue"
      />
    </FormDialog>
  );
}
