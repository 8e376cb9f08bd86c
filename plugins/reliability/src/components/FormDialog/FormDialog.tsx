import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, ReactNode, useState } from 'react';
import { saveErrorMessage } from './saveErrorMessage';

/** A button beside the submit button that saves another way (Reject). */
export type FormDialogAction = {
  label: string;
  save: () => Promise<unknown>;
};

/** @public */
export type FormDialogProps = {
  title: ReactNode;
  /** The primary button, which submits the form. */
  submitLabel: string;
  /** Saves what the form holds; rejects with the server's refusal. */
  save: () => Promise<unknown>;
  /** Called after a save succeeded; callers close the dialog and reload. */
  onSaved: () => void;
  onClose: () => void;
  /** Shown while true; callers that mount the dialog on demand leave it out. */
  open?: boolean;
  maxWidth?: 'xs' | 'sm';
  /** Keeps the submit button disabled, e.g. while the form is incomplete. */
  submitDisabled?: boolean;
  /** Further buttons between Cancel and submit, saved the same way. */
  actions?: FormDialogAction[];
  /**
   * For a versioned resource: a refusal because someone else changed it
   * offers a Reload button, which calls `onSaved` so the caller reloads.
   */
  reloadWhenStale?: boolean;
  /** What that refusal says, when `reloadWhenStale` is set. */
  staleMessage?: string;
  /**
   * Whether a 409 means someone else changed the resource (default). Off
   * for a request with no version, whose 409 explains itself.
   */
  conflictIsStale?: boolean;
  children: ReactNode;
};

/**
 * The shell every form dialog of the plugin shares: title, the save error
 * above the fields, Cancel and submit. On submit it saves, then calls
 * `onSaved`; a refused save keeps the form open with the server's message,
 * so nothing typed is lost. Buttons are disabled while a save runs, so a
 * double click does not save twice.
 *
 * @public
 */
export function FormDialog(props: FormDialogProps) {
  const { open = true, maxWidth = 'sm', onSaved, onClose } = props;
  const [error, setError] = useState<{ message: string; stale: boolean }>();
  const [saving, setSaving] = useState(false);

  const run = async (save: () => Promise<unknown>) => {
    setSaving(true);
    setError(undefined);
    try {
      await save();
      onSaved();
    } catch (e) {
      setError(saveErrorMessage(e, { conflictIsStale: props.conflictIsStale }));
    } finally {
      setSaving(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(props.save);
  };
  const staleShown = Boolean(error?.stale && props.reloadWhenStale);

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth={maxWidth}>
      <form onSubmit={submit}>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent>
          {error && (
            <Alert
              severity="error"
              action={
                staleShown ? (
                  <Button onClick={onSaved}>Reload</Button>
                ) : undefined
              }
            >
              {(staleShown && props.staleMessage) || error.message}
            </Alert>
          )}
          {props.children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          {props.actions?.map(action => (
            <Button
              key={action.label}
              onClick={() => run(action.save)}
              disabled={saving}
            >
              {action.label}
            </Button>
          ))}
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving || props.submitDisabled}
          >
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
