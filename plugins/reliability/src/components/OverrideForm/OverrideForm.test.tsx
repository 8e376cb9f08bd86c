import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import {
  mockReliabilityApi,
  paymentsRotation,
  responseError,
} from '../../testUtils/fixtures';
import { OverrideForm } from './OverrideForm';

async function renderForm(api = mockReliabilityApi()) {
  const onSaved = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <OverrideForm
        open
        rotation={paymentsRotation}
        onClose={onClose}
        onSaved={onSaved}
      />
    </TestApiProvider>,
  );
  return { api, onSaved, onClose };
}

describe('OverrideForm', () => {
  it('adds an override between two local times on the chosen level', async () => {
    const { api, onSaved } = await renderForm();
    expect(
      screen.getByText('Add an override to Payments primary'),
    ).toBeInTheDocument();
    const level = screen.getByLabelText('Level');
    expect(
      Array.from(level.querySelectorAll('option')).map(o => o.textContent),
    ).toEqual(['Level 1', 'Level 2']);
    fireEvent.change(screen.getByLabelText(/Who covers/), {
      target: { value: ' user:default/ana ' },
    });
    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-12-24T18:00' },
    });
    fireEvent.change(screen.getByLabelText('Until'), {
      target: { value: '2026-12-26T09:00' },
    });
    fireEvent.change(level, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add override' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    // The inputs are the viewer's local time; the API takes instants.
    expect(api.addOverride).toHaveBeenCalledWith('payments-primary', {
      user: 'user:default/ana',
      start: new Date(2026, 11, 24, 18, 0).toISOString(),
      end: new Date(2026, 11, 26, 9, 0).toISOString(),
      level: 2,
    });
  });

  it('starts at the next full hour and lasts twelve hours by default', async () => {
    jest.useFakeTimers({
      now: new Date(2026, 10, 24, 9, 20),
      advanceTimers: true,
    });
    try {
      await renderForm();
      expect(screen.getByLabelText('From')).toHaveValue('2026-11-24T10:00');
      expect(screen.getByLabelText('Until')).toHaveValue('2026-11-24T22:00');
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the form open with the reason when the override is refused', async () => {
    const refused = await responseError(400, 'end: must be after start');
    const { onSaved } = await renderForm(
      mockReliabilityApi({
        addOverride: jest.fn(async () => {
          throw refused;
        }),
      }),
    );
    fireEvent.change(screen.getByLabelText(/Who covers/), {
      target: { value: 'user:default/ana' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add override' }));
    expect(
      await screen.findByText('end: must be after start'),
    ).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Who covers/)).toHaveValue('user:default/ana');
  });
});
