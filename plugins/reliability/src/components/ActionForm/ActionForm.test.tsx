import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ActionResponse } from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { mockReliabilityApi, responseError } from '../../testUtils/fixtures';
import { ActionForm } from './ActionForm';

const existing: ActionResponse = {
  id: 'a-7',
  title: 'Alert on the 5xx ratio',
  entityRef: 'component:default/checkout-api',
  owner: 'group:default/checkout-team',
  priority: 'P1',
  dueDate: '2026-12-01',
  status: 'open',
  ticketUrl: 'https://tickets.example.com/REL-7',
  incidentId: null,
  version: 3,
  createdAt: '2026-11-20T10:00:00.000Z',
  closedAt: null,
  overdue: false,
  closedOnTime: null,
  ageDays: 4,
};

async function renderForm(api = mockReliabilityApi(), action?: ActionResponse) {
  const onSaved = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <ActionForm
        open
        entityRef="component:default/checkout-api"
        defaultOwner="group:default/checkout-team"
        action={action}
        onClose={onClose}
        onSaved={onSaved}
      />
    </TestApiProvider>,
  );
  return { api, onSaved, onClose };
}

describe('ActionForm', () => {
  it('creates an action on the entity, owned by its team unless changed', async () => {
    const { api, onSaved } = await renderForm(
      mockReliabilityApi({ createAction: jest.fn(async () => existing) }),
    );
    expect(screen.getByText('Add a corrective action')).toBeInTheDocument();
    expect(screen.getByLabelText('Owner')).toHaveValue(
      'group:default/checkout-team',
    );
    fireEvent.change(screen.getByLabelText(/What needs doing/), {
      target: { value: 'Add a retry budget' },
    });
    fireEvent.change(screen.getByLabelText('Priority'), {
      target: { value: 'P0' },
    });
    fireEvent.change(screen.getByLabelText('Due date'), {
      target: { value: '2026-12-15' },
    });
    fireEvent.change(screen.getByLabelText('Ticket URL'), {
      target: { value: '  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.createAction).toHaveBeenCalledWith({
      title: 'Add a retry budget',
      owner: 'group:default/checkout-team',
      priority: 'P0',
      dueDate: '2026-12-15',
      // A blank ticket URL is no ticket, not an empty link.
      ticketUrl: null,
      entityRef: 'component:default/checkout-api',
    });
    expect(api.updateAction).not.toHaveBeenCalled();
  });

  it('edits an action with the version it was opened at', async () => {
    const { api, onSaved } = await renderForm(
      mockReliabilityApi({ updateAction: jest.fn(async () => existing) }),
      existing,
    );
    expect(screen.getByText('Edit action')).toBeInTheDocument();
    expect(screen.getByLabelText(/What needs doing/)).toHaveValue(
      'Alert on the 5xx ratio',
    );
    fireEvent.change(screen.getByLabelText('Owner'), {
      target: { value: 'user:default/ana' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.updateAction).toHaveBeenCalledWith(
      'a-7',
      {
        title: 'Alert on the 5xx ratio',
        owner: 'user:default/ana',
        priority: 'P1',
        dueDate: '2026-12-01',
        ticketUrl: 'https://tickets.example.com/REL-7',
      },
      3,
    );
  });

  it('says when someone else changed the action, and offers to reload', async () => {
    const stale = await responseError(412, 'version 3 is not current');
    const { onSaved } = await renderForm(
      mockReliabilityApi({
        updateAction: jest.fn(async () => {
          throw stale;
        }),
      }),
      existing,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'This action was changed by someone else. Reload it, then make your change again.',
      ),
    ).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it("shows the server's reason for another refusal and stays open", async () => {
    const refused = await responseError(400, 'dueDate: must be a date');
    const { onSaved } = await renderForm(
      mockReliabilityApi({
        createAction: jest.fn(async () => {
          throw refused;
        }),
      }),
    );
    fireEvent.change(screen.getByLabelText(/What needs doing/), {
      target: { value: 'x' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('dueDate: must be a date'),
    ).toBeInTheDocument();
    expect(screen.getByText('Add a corrective action')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('closes without saving on Cancel', async () => {
    const { api, onClose } = await renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(api.createAction).not.toHaveBeenCalled();
  });
});
