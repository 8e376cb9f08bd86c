import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { CardEmptyState } from './CardEmptyState';

describe('CardEmptyState', () => {
  it('shows the title, what to do, and the snippet to copy', async () => {
    const { container } = await renderInTestApp(
      <CardEmptyState
        title="This entity has no tier yet"
        description="Add the annotation to its catalog-info.yaml:"
        snippet={{
          language: 'yaml',
          text: 'metadata:\n  annotations:\n    reliability/tier: tier-1',
        }}
      />,
    );
    expect(
      screen.getByRole('heading', { name: 'This entity has no tier yet' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Add the annotation to its catalog-info.yaml:'),
    ).toBeInTheDocument();
    // The snippet is highlighted token by token; the code reads as given.
    expect(container.querySelector('pre code')!.textContent).toBe(
      'metadata:\n  annotations:\n    reliability/tier: tier-1',
    );
    expect(
      screen.getByRole('button', { name: 'Copy text' }),
    ).toBeInTheDocument();
  });

  it('shows no code block without a snippet', async () => {
    const { container } = await renderInTestApp(
      <CardEmptyState
        title="No open actions"
        description="Corrective actions appear here."
      />,
    );
    expect(screen.getByText('No open actions')).toBeInTheDocument();
    expect(container.querySelector('pre')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy text' })).toBeNull();
  });
});
