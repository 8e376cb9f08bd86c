import { Entity } from '@backstage/catalog-model';
import { defaultTierPolicies } from '@reliability-suite/plugin-reliability-common';
import {
  catalogApiRef,
  MockEntityListContextProvider,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { mockReliabilityApi } from '../../testUtils/fixtures';
import { EntityTierFilter } from './EntityTierFilter';
import { TierPicker, tierOptionLabel } from './TierPicker';

const facets = [
  { value: 'tier-0', count: 3 },
  { value: 'Tier-1', count: 1 },
  { value: 'tier-1', count: 2 },
  { value: 'platinum', count: 1 },
];

describe('tierOptionLabel', () => {
  it('labels values with their tier, a variant spelling with the value, and a non-tier as such', () => {
    expect(tierOptionLabel('tier-0', defaultTierPolicies)).toBe(
      'Tier 0 (critical)',
    );
    expect(tierOptionLabel('Tier-1', defaultTierPolicies)).toBe(
      "Tier 1 (important) (as 'Tier-1')",
    );
    expect(tierOptionLabel('platinum', defaultTierPolicies)).toBe(
      'platinum (not a tier)',
    );
    // Before the policy has loaded: the value as written.
    expect(tierOptionLabel('Tier-1', undefined)).toBe('Tier-1');
  });
});

describe('TierPicker', () => {
  it("offers the catalog's tier values labelled by tier, and filters the list by the chosen ones", async () => {
    const catalogApi = {
      getEntityFacets: jest.fn(async () => ({
        facets: { 'metadata.annotations.reliability/tier': facets },
      })),
    };
    const updateFilters = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApi],
          [reliabilityApiRef, mockReliabilityApi()],
        ]}
      >
        <MockEntityListContextProvider value={{ updateFilters }}>
          <TierPicker />
        </MockEntityListContextProvider>
      </TestApiProvider>,
    );

    expect(catalogApi.getEntityFacets).toHaveBeenCalledWith({
      facets: ['metadata.annotations.reliability/tier'],
    });
    fireEvent.click(await screen.findByTestId('tier-picker-expand'));
    expect(await screen.findByText('Tier 0 (critical)')).toBeInTheDocument();
    expect(
      screen.getByText("Tier 1 (important) (as 'Tier-1')"),
    ).toBeInTheDocument();
    expect(screen.getByText('Tier 1 (important)')).toBeInTheDocument();
    expect(screen.getByText('platinum (not a tier)')).toBeInTheDocument();

    fireEvent.click(screen.getByText('Tier 0 (critical)'));
    await waitFor(() =>
      expect(updateFilters).toHaveBeenLastCalledWith({
        tier: new EntityTierFilter(['tier-0']),
      }),
    );
  });
});

describe('EntityTierFilter', () => {
  const filter = new EntityTierFilter(['tier-0', 'Tier-1']);

  it('asks the catalog for the annotation values as written', () => {
    expect(filter.getCatalogQuery()).toEqual({
      'metadata.annotations.reliability/tier': { $in: ['tier-0', 'Tier-1'] },
    });
    expect(filter.getCatalogFilters()).toEqual({
      'metadata.annotations.reliability/tier': ['tier-0', 'Tier-1'],
    });
    expect(filter.toQueryValue()).toEqual(['tier-0', 'Tier-1']);
  });

  it('keeps entities with one of the values in any case, as the catalog does, and drops the rest', () => {
    const entity = (tier?: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'x',
        annotations: tier ? { 'reliability/tier': tier } : {},
      },
    });
    expect(filter.filterEntity(entity('tier-0'))).toBe(true);
    expect(filter.filterEntity(entity('TIER-0'))).toBe(true);
    expect(filter.filterEntity(entity('tier-1'))).toBe(true);
    // Another spelling the catalog does not match either.
    expect(filter.filterEntity(entity('tier_1'))).toBe(false);
    expect(filter.filterEntity(entity('tier-2'))).toBe(false);
    expect(filter.filterEntity(entity())).toBe(false);
  });
});
