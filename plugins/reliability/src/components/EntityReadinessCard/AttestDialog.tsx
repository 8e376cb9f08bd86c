import TextField from '@material-ui/core/TextField';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  READINESS_DR_TEST_ITEM,
  ReadinessItemResult,
} from '@reliability-suite/plugin-reliability-common';
import { useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { FormDialog } from '../FormDialog';

/** What a dialog about one checklist item gets from the card. */
export type ItemDialogProps = {
  item: ReadinessItemResult;
  onClose: () => void;
  onSaved: () => void;
};

/** Attests a manual item with its evidence, or records a DR test. */
export function AttestDialog(props: ItemDialogProps) {
  const { entity } = useEntity();
  const api = useApi(reliabilityApiRef);
  const [evidenceUrl, setEvidenceUrl] = useState('');
  const [note, setNote] = useState('');
  // A DR test is recorded rather than attested: the rule judges its date.
  const drTest = props.item.id === READINESS_DR_TEST_ITEM;
  return (
    <FormDialog
      onClose={props.onClose}
      onSaved={props.onSaved}
      title={drTest ? 'Record a DR test' : `Attest: ${props.item.title}`}
      submitLabel={drTest ? 'Record' : 'Attest'}
      save={() =>
        api.attest(getCompoundEntityRef(entity), {
          itemId: props.item.id,
          evidenceUrl,
          note: note || null,
        })
      }
    >
      <TextField
        label="Evidence URL"
        id="readiness-evidence-url"
        value={evidenceUrl}
        onChange={e => setEvidenceUrl(e.target.value)}
        fullWidth
        margin="dense"
        required
        helperText={
          drTest
            ? 'A link to the drill report; the test counts from today'
            : 'A link to the document, test run or ticket that shows it'
        }
      />
      <TextField
        label="Note"
        id="readiness-note"
        value={note}
        onChange={e => setNote(e.target.value)}
        fullWidth
        margin="dense"
        multiline
      />
    </FormDialog>
  );
}
