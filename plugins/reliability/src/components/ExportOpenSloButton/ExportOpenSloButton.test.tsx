import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { mockReliabilityApi } from '../../testUtils/fixtures';
import { ExportOpenSloButton } from './ExportOpenSloButton';

const ref = { kind: 'component', namespace: 'default', name: 'checkout-api' };

describe('ExportOpenSloButton', () => {
  const createObjectURL = jest.fn(() => 'blob:openslo');
  const revokeObjectURL = jest.fn();
  beforeEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('downloads the SLO as <name>.yaml', async () => {
    const blob = new Blob(['apiVersion: openslo/v1\n']);
    const exportOpenSlo = jest.fn(async () => blob);
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        clicked.push(this.download);
      });
    await renderInTestApp(
      <TestApiProvider
        apis={[[reliabilityApiRef, mockReliabilityApi({ exportOpenSlo })]]}
      >
        <ExportOpenSloButton entityRef={ref} sloName="availability" />
      </TestApiProvider>,
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Export availability as OpenSLO' }),
    );
    await waitFor(() => expect(clicked).toEqual(['availability.yaml']));
    expect(exportOpenSlo).toHaveBeenCalledWith(ref, 'availability');
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    // Revoked a moment later, once the download has started.
    expect(revokeObjectURL).not.toHaveBeenCalled();
    await waitFor(
      () => expect(revokeObjectURL).toHaveBeenCalledWith('blob:openslo'),
      { timeout: 3000 },
    );
    click.mockRestore();
  });

  it('says why an export failed', async () => {
    const exportOpenSlo = jest.fn(async () => {
      throw new Error('SLO store unavailable');
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[[reliabilityApiRef, mockReliabilityApi({ exportOpenSlo })]]}
      >
        <ExportOpenSloButton entityRef={ref} sloName="availability" />
      </TestApiProvider>,
    );
    fireEvent.click(screen.getByRole('button'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not export: SLO store unavailable',
    );
  });
});
