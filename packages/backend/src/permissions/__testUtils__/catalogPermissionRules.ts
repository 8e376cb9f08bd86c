import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';

/**
 * The catalog's side of the permission framework, for a catalog the test
 * holds in memory: the `catalog-entity` resource type with the catalog's
 * own rules (`IS_ENTITY_OWNER` among them), so the permission backend
 * applies the policy's conditional decisions through the catalog plugin's
 * apply-conditions endpoint as it does in the demo backend. The entities
 * carry the `ownedBy` relations the catalog's processing would add.
 */
export function createCatalogPermissionRules(entities: Entity[]) {
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  return createBackendPlugin({
    pluginId: 'catalog',
    register(env) {
      env.registerInit({
        deps: { permissionsRegistry: coreServices.permissionsRegistry },
        async init({ permissionsRegistry }) {
          permissionsRegistry.addResourceType({
            resourceRef: catalogEntityPermissionResourceRef,
            rules: Object.values(permissionRules),
            getResources: async refs =>
              refs.map(ref => byRef.get(ref.toLocaleLowerCase('en-US'))),
          });
        },
      });
    },
  });
}
