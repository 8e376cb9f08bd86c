import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';

const KID = 'authorization-matrix-key';

const base64url = (value: string | Buffer) =>
  Buffer.from(value).toString('base64url');

/**
 * The ownership claims a sign-in resolver gives a user: the user and the
 * groups its catalog entity is a member of (`spec.memberOf`).
 */
export function ownershipClaimsOf(
  entities: Entity[],
  userEntityRef: string,
): string[] {
  const user = entities.find(
    e => `user:default/${e.metadata.name}` === userEntityRef,
  );
  const groups = (user?.spec?.memberOf as string[] | undefined) ?? [];
  return [userEntityRef, ...groups.map(g => `group:default/${g}`)];
}

/**
 * What the auth backend does for the matrix, and nothing more: it signs
 * Backstage user tokens (ES256, with the `uip` proof that lets the real
 * auth service derive the limited tokens it sends on behalf of users),
 * publishes their public key at `/api/auth/.well-known/jwks.json`, and
 * answers `/api/auth/v1/userinfo` with the ownership claims, which the
 * real user-info service asks for when a plugin forwards a limited token.
 * Every verification stays with Backstage's own auth and user-info
 * services.
 */
export function createTestSignIn(entities: Entity[]) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });

  const signed = (header: object, payload: object, key: KeyObject) => {
    const unsigned = `${base64url(JSON.stringify(header))}.${base64url(
      JSON.stringify(payload),
    )}`;
    const signature = sign('sha256', Buffer.from(unsigned), {
      key,
      dsaEncoding: 'ieee-p1363',
    });
    return `${unsigned}.${base64url(signature)}`;
  };

  /** A signed-in user's token, as the auth backend issues it. */
  const tokenOf = (userEntityRef: string): string => {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + 3600;
    // The limited token is this header and payload with the same
    // signature: the auth service rebuilds it byte for byte.
    const limited = signed(
      { typ: 'vnd.backstage.limited-user', alg: 'ES256', kid: KID },
      { sub: userEntityRef, iat, exp },
      privateKey,
    );
    return signed(
      { typ: 'vnd.backstage.user', alg: 'ES256', kid: KID },
      {
        iss: 'http://localhost/api/auth',
        sub: userEntityRef,
        ent: ownershipClaimsOf(entities, userEntityRef),
        aud: 'backstage',
        iat,
        exp,
        uip: limited.split('.')[2],
      },
      privateKey,
    );
  };

  const plugin = createBackendPlugin({
    pluginId: 'auth',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const jwks = {
            keys: [
              {
                ...publicKey.export({ format: 'jwk' }),
                kid: KID,
                alg: 'ES256',
                use: 'sig',
              },
            ],
          };
          httpRouter.use((req, res, next) => {
            if (req.path === '/.well-known/jwks.json') {
              res.json(jwks);
              return;
            }
            if (req.path !== '/v1/userinfo') {
              next();
              return;
            }
            httpAuth
              .credentials(req, { allow: ['user'], allowLimitedAccess: true })
              .then(credentials => {
                const ref = credentials.principal.userEntityRef;
                res.json({ claims: { ent: ownershipClaimsOf(entities, ref) } });
              })
              .catch(next);
          });
          httpRouter.addAuthPolicy({
            path: '/.well-known/jwks.json',
            allow: 'unauthenticated',
          });
          httpRouter.addAuthPolicy({
            path: '/v1/userinfo',
            allow: 'user-cookie',
          });
        },
      });
    },
  });

  return { plugin, tokenOf };
}
