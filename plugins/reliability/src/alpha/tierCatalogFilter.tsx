import { CatalogFilterBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The Tier filter among the catalog page's filters. The new catalog page
 * takes no extra table columns, so this is where the tier shows in the
 * catalog list of the new frontend system.
 *
 * @alpha
 */
export const tierCatalogFilter = CatalogFilterBlueprint.make({
  name: 'tier',
  params: {
    loader: async () => {
      const { TierPicker } = await import('../components/TierPicker');
      return <TierPicker />;
    },
  },
});
