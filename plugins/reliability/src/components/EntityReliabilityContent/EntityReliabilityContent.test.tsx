import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import {
  checkoutEntity,
  mockReliabilityApi,
  untieredSummary,
} from '../../testUtils/fixtures';
import { EntityReliabilityContent } from './EntityReliabilityContent';

describe('EntityReliabilityContent', () => {
  it('renders the empty state for an untiered entity', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            reliabilityApiRef,
            mockReliabilityApi({
              getEntitySummary: jest.fn(async () => untieredSummary),
            }),
          ],
        ]}
      >
        <EntityProvider
          entity={{ ...checkoutEntity, metadata: { name: 'inventory-sync' } }}
        >
          <EntityReliabilityContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('This entity has no tier yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('Reliability tier')).toBeInTheDocument();
  });
});
