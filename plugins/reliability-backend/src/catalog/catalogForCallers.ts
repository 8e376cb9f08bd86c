import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

function isServiceCredentials(value: unknown): boolean {
  const credentials = (value as { credentials?: BackstageCredentials })
    ?.credentials;
  const principal = credentials?.principal as { type?: string } | undefined;
  return principal?.type === 'service';
}

/**
 * The catalog as this plugin reads it on behalf of its callers: with a
 * user's own credentials (so the catalog's permission rules apply to the
 * user), but with the plugin's own for a service principal.
 *
 * Why: a static token restricted to this plugin (`accessRestrictions` in
 * `backend.auth.externalAccess`) cannot be forwarded to the catalog at all
 * ("restricted and cannot be delegated"), and an unrestricted service is
 * allowed everything by the catalog anyway. What a service may do here the
 * reliability permissions have already decided; it reads no more of the
 * catalog through this plugin than those permissions let it see.
 *
 * @internal
 */
export async function catalogForCallers(
  catalog: CatalogService,
  auth: AuthService,
): Promise<CatalogService> {
  const own = await auth.getOwnServiceCredentials();
  return new Proxy(catalog, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const last = args[args.length - 1];
        if (isServiceCredentials(last)) {
          args[args.length - 1] = {
            ...(last as object),
            credentials: own,
          };
        }
        return value.apply(target, args);
      };
    },
  });
}
