import TextField from '@material-ui/core/TextField';
import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { responseError } from '../../testUtils/fixtures';
import { FormDialog, FormDialogProps } from './FormDialog';

function renderDialog(overrides: Partial<FormDialogProps> = {}) {
  const props = {
    title: 'Rename the rotation',
    submitLabel: 'Rename',
    save: jest.fn(async () => {}),
    onSaved: jest.fn(),
    onClose: jest.fn(),
    ...overrides,
  };
  return renderInTestApp(
    <FormDialog {...props}>
      <TextField label="Name" id="form-dialog-name" />
    </FormDialog>,
  ).then(() => props);
}

describe('FormDialog', () => {
  it('shows the title, the fields and Cancel beside the submit button', async () => {
    const props = await renderDialog();
    expect(screen.getByRole('dialog')).toHaveTextContent('Rename the rotation');
    expect(screen.getByLabelText('Name')).toBeInTheDocument();
    const buttons = screen.getAllByRole('button').map(b => b.textContent);
    expect(buttons).toEqual(['Cancel', 'Rename']);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(props.onClose).toHaveBeenCalledTimes(1);
    expect(props.save).not.toHaveBeenCalled();
  });

  it('saves on submit, then reports the save', async () => {
    const props = await renderDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(props.onSaved).toHaveBeenCalledTimes(1));
    expect(props.save).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('disables the buttons while a save runs, so a double click saves once', async () => {
    let finish: () => void = () => {};
    const save = jest.fn(
      () => new Promise<void>(resolve => (finish = resolve)),
    );
    const props = await renderDialog({
      save,
      actions: [{ label: 'Archive', save: jest.fn(async () => {}) }],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(screen.getByRole('button', { name: 'Rename' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Archive' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(save).toHaveBeenCalledTimes(1);
    finish();
    await waitFor(() => expect(props.onSaved).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('button', { name: 'Rename' })).toBeEnabled();
  });

  it("keeps the form open with the server's message when the save is refused", async () => {
    const error = await responseError(403, 'You may not rename this rotation');
    const props = await renderDialog({
      save: jest.fn(async () => {
        throw error;
      }),
    });
    fireEvent.change(screen.getByLabelText('Name'), {
      target: { value: 'Payments' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(
      await screen.findByText('You may not rename this rotation'),
    ).toBeInTheDocument();
    expect(props.onSaved).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Name')).toHaveValue('Payments');
    // Not a stale version: nothing to reload.
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
  });

  it('offers a reload, with its own message, when someone else changed the resource', async () => {
    const error = await responseError(412, 'version 3 is not the current one');
    const props = await renderDialog({
      save: jest.fn(async () => {
        throw error;
      }),
      reloadWhenStale: true,
      staleMessage: 'Changed by someone else: reload it.',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(
      await screen.findByText('Changed by someone else: reload it.'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(props.onSaved).toHaveBeenCalledTimes(1);
  });

  it('says a stale version was refused even without a reload', async () => {
    const error = await responseError(409, 'conflict');
    await renderDialog({
      save: jest.fn(async () => {
        throw error;
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    expect(
      await screen.findByText(
        'This rotation was changed by someone else. Reload it, then make your change again.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
  });

  it('runs a further action through the same save and error handling', async () => {
    const archive = jest.fn(async () => {
      throw new Error('archive is switched off');
    });
    const props = await renderDialog({
      actions: [{ label: 'Archive', save: archive }],
      submitDisabled: true,
    });
    expect(screen.getAllByRole('button').map(b => b.textContent)).toEqual([
      'Cancel',
      'Archive',
      'Rename',
    ]);
    expect(screen.getByRole('button', { name: 'Rename' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    expect(
      await screen.findByText('archive is switched off'),
    ).toBeInTheDocument();
    expect(archive).toHaveBeenCalledTimes(1);
    expect(props.save).not.toHaveBeenCalled();
    expect(props.onSaved).not.toHaveBeenCalled();
  });

  it('shows nothing while closed', async () => {
    await renderDialog({ open: false });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
