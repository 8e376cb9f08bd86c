import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { RotationResponse } from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import {
  mockReliabilityApi,
  paymentsRotation,
  responseError,
} from '../../testUtils/fixtures';
import { RotationForm } from './RotationForm';

async function renderForm(
  api = mockReliabilityApi(),
  rotation?: RotationResponse,
) {
  const onSaved = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <RotationForm
        open
        team="group:default/payments"
        rotation={rotation}
        onClose={jest.fn()}
        onSaved={onSaved}
      />
    </TestApiProvider>,
  );
  return { api, onSaved };
}

describe('RotationForm', () => {
  it("creates a rotation named after the team, with each level's people in order", async () => {
    const { api, onSaved } = await renderForm(
      mockReliabilityApi({
        putRotation: jest.fn(async () => paymentsRotation),
      }),
    );
    expect(screen.getByText('Create a rotation')).toBeInTheDocument();
    expect(screen.getByLabelText('Id')).toHaveValue('payments-primary');
    expect(screen.getByLabelText(/^Name/)).toHaveValue('payments primary');
    fireEvent.change(screen.getByLabelText('Time zone'), {
      target: { value: 'Europe/Berlin' },
    });
    fireEvent.change(screen.getByLabelText('Level 1 people'), {
      target: { value: 'user:default/ana, ,user:default/bruno ' },
    });
    fireEvent.click(screen.getByText('Add escalation level'));
    fireEvent.change(screen.getByLabelText('Level 2 people'), {
      target: { value: 'user:default/carla' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.putRotation).toHaveBeenCalledWith(
      'payments-primary',
      {
        name: 'payments primary',
        team: 'group:default/payments',
        timeZone: 'Europe/Berlin',
        handoffAnchor: '2026-01-05T09:00',
        shiftLength: 'P1W',
        levels: [
          { users: ['user:default/ana', 'user:default/bruno'] },
          { users: ['user:default/carla'] },
        ],
      },
      undefined,
    );
  });

  it("edits with the rotation's version and keeps a level's own shift length", async () => {
    const { api, onSaved } = await renderForm(
      mockReliabilityApi({
        putRotation: jest.fn(async () => paymentsRotation),
      }),
      paymentsRotation,
    );
    expect(screen.getByText('Edit Payments primary')).toBeInTheDocument();
    // The id is part of URLs: it cannot change.
    expect(screen.queryByLabelText('Id')).toBeNull();
    expect(screen.getByLabelText('Level 1 people')).toHaveValue(
      'user:default/olivia, user:default/pedro',
    );
    fireEvent.change(screen.getByLabelText('Shift length'), {
      target: { value: 'P1D' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.putRotation).toHaveBeenCalledWith(
      'payments-primary',
      {
        name: 'Payments primary',
        team: 'group:default/payments',
        timeZone: 'Europe/Berlin',
        handoffAnchor: '2026-11-02T09:00',
        shiftLength: 'P1D',
        levels: [
          { users: ['user:default/olivia', 'user:default/pedro'] },
          { users: ['user:default/quinn'], shiftLength: 'P2W' },
        ],
      },
      5,
    );
  });

  it('allows at most five escalation levels', async () => {
    await renderForm();
    const add = screen.getByRole('button', { name: 'Add escalation level' });
    for (let i = 0; i < 4; i++) fireEvent.click(add);
    expect(screen.getByLabelText('Level 5 people')).toBeInTheDocument();
    expect(add).toBeDisabled();
  });

  it('disables Save while the rotation is being saved', async () => {
    await renderForm(
      mockReliabilityApi({ putRotation: jest.fn(() => new Promise(() => {})) }),
    );
    const save = screen.getByRole('button', { name: 'Save' });
    fireEvent.click(save);
    await waitFor(() => expect(save).toBeDisabled());
  });

  it('offers a reload when someone else saved the rotation first', async () => {
    const stale = await responseError(412, 'version 5 is not current');
    const { onSaved } = await renderForm(
      mockReliabilityApi({
        putRotation: jest.fn(async () => {
          throw stale;
        }),
      }),
      paymentsRotation,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'This rotation was changed by someone else. Reload it, then make your change again.',
      ),
    ).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onSaved).toHaveBeenCalledTimes(1);
  });
});
