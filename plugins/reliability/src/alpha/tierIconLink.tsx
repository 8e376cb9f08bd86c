import { EntityIconLinkBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { reliabilityEntityFilter } from './entityFilters';
import { useTierIconLinkProps } from './useTierIconLinkProps';

/**
 * The entity's tier among the About card's icon links ("Tier 0"), linking
 * to the Reliability tab: where the new entity page puts an entity's
 * summary items.
 *
 * @alpha
 */
export const tierEntityIconLink = EntityIconLinkBlueprint.make({
  name: 'tier',
  params: {
    filter: reliabilityEntityFilter,
    useProps: useTierIconLinkProps,
  },
});
