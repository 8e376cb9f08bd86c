import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { mockReliabilityApi, responseError } from '../../testUtils/fixtures';
import { ReplayHistoryDialog } from './ReplayHistoryDialog';

const ref = { kind: 'Component', namespace: 'default', name: 'checkout-api' };

function renderDialog(api: ReturnType<typeof mockReliabilityApi>) {
  const onStarted = jest.fn();
  const onClose = jest.fn();
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, api]]}>
      <ReplayHistoryDialog
        entityRef={ref}
        sloName="availability"
        source="Prometheus"
        onClose={onClose}
        onStarted={onStarted}
      />
    </TestApiProvider>,
  ).then(() => ({ onStarted, onClose }));
}

describe('ReplayHistoryDialog', () => {
  it('asks for the whole history without a start', async () => {
    const api = mockReliabilityApi({
      replaySlo: jest.fn(async () => ({} as any)),
    });
    const { onStarted } = await renderDialog(api);
    fireEvent.click(
      screen.getByLabelText("The SLO's whole window (and a day before it)"),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    expect(api.replaySlo).toHaveBeenCalledWith(ref, 'availability', undefined);
  });

  it("keeps the dialog open with the backend's refusal", async () => {
    const refusal = await responseError(
      409,
      "SLO 'availability' of component:default/checkout-api is not pulled from a provider",
    );
    const api = mockReliabilityApi({
      replaySlo: jest.fn(async () => {
        throw refusal;
      }),
    });
    const { onStarted } = await renderDialog(api);
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(
      await screen.findByText(/is not pulled from a provider/),
    ).toBeInTheDocument();
    expect(onStarted).not.toHaveBeenCalled();
    // The last 24 hours is the default: a start a day back was sent.
    const from = (api.replaySlo as jest.Mock).mock.calls[0][2] as string;
    expect(Date.now() - Date.parse(from)).toBeGreaterThanOrEqual(
      86_400_000 - 1_000,
    );
    expect(Date.now() - Date.parse(from)).toBeLessThan(86_400_000 + 10_000);
  });
});
