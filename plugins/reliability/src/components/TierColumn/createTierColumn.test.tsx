import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { mockReliabilityApi } from '../../testUtils/fixtures';
import { createTierColumn } from './createTierColumn';

const entity = (name: string, tier?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations: tier ? { 'reliability/tier': tier } : {} },
});

describe('createTierColumn', () => {
  const column = createTierColumn();

  it('renders the resolved tier, an unknown tier and no tier', async () => {
    const api = mockReliabilityApi();
    await renderInTestApp(
      <TestApiProvider apis={[[reliabilityApiRef, api]]}>
        <div>{column.render!({ entity: entity('a', 'Tier-1') }, 'row')}</div>
        <div>{column.render!({ entity: entity('b', 'platinum') }, 'row')}</div>
        <div>{column.render!({ entity: entity('c') }, 'row')}</div>
      </TestApiProvider>,
    );
    expect(await screen.findByText('tier-1')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Tier: Tier 1 (important)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Unknown tier')).toBeInTheDocument();
    expect(screen.getByLabelText('No tier')).toBeInTheDocument();
    // The policy is fetched through the client's cache, not once per row
    // by the backend: every cell asks the API object, which caches.
    expect(api.getTierPolicies).toHaveBeenCalled();
  });

  it('sorts by tier with untiered rows last', () => {
    const rows = [
      entity('c'),
      entity('b', 'tier-2'),
      entity('a', 'Tier-0'),
    ].map(e => ({ entity: e }));
    rows.sort((x, y) => column.customSort!(x, y, 'row'));
    expect(rows.map(r => r.entity.metadata.name)).toEqual(['a', 'b', 'c']);
  });
});
