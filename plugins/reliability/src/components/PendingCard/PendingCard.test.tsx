import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { PendingCard } from './PendingCard';

describe('PendingCard', () => {
  it('shows the title and a progress bar while there is no error', async () => {
    await renderInTestApp(<PendingCard title="On call" />);
    expect(screen.getByText('On call')).toBeInTheDocument();
    // Backstage's Progress appears after a short delay, not on every flash.
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Error/)).toBeNull();
  });

  it("shows the backend's error instead of a blank card", async () => {
    await renderInTestApp(
      <PendingCard title="On call" error={new Error('backend down')} />,
    );
    expect(screen.getByText('On call')).toBeInTheDocument();
    expect(screen.getByText('Error: backend down')).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).toBeNull();
  });
});
