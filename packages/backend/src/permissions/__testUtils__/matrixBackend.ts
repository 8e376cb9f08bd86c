import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import reliabilityPlugin from '@reliability-suite/plugin-reliability-backend';
import request from 'supertest';
import { tokenAppConfig } from '../../config/__testUtils__/tokenAppConfig';
import { demoPermissionPolicyModule } from '../demoPermissionPolicyModule';
import { createCatalogPermissionRules } from './catalogPermissionRules';
import { matrixEntities } from './matrixCatalog';
import { createTestSignIn } from './testSignIn';

/** The static API token of the matrix, with the default permissions. */
export const MATRIX_TOKEN = 'authorization-matrix-token';

/** Who calls: three signed-in people, the static token, nobody. */
export type Principal = 'alice' | 'bob' | 'sam' | 'token' | 'none';

/** One HTTP request of the matrix. */
export interface MatrixRequest {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A knex client, as the test databases give them. */
export type Knex = Awaited<ReturnType<TestDatabases['init']>>;

/**
 * The demo backend's authorization stack around the reliability plugin:
 * Backstage's real auth, HTTP auth, user-info and permission services, the
 * permission backend with the demo's {@link DemoPermissionPolicy}, the
 * catalog's permission rules, and the static token as
 * app-config.token.yaml configures it. The reliability plugin's database is one the test reads
 * and rewinds; every plugin has its own.
 */
export async function startMatrixBackend(databases: TestDatabases) {
  // SQLite: the tables are listed from sqlite_master.
  const knex = await databases.init('SQLITE_3');
  const database = createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    async factory({ plugin }) {
      if (plugin.getId() === 'reliability')
        return { getClient: async () => knex };
      const own = await databases.init('SQLITE_3');
      return { getClient: async () => own };
    },
  });
  const signIn = createTestSignIn(matrixEntities);
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      permissionPlugin,
      demoPermissionPolicyModule,
      signIn.plugin,
      createCatalogPermissionRules(matrixEntities),
      authServiceFactory,
      httpAuthServiceFactory,
      permissionsServiceFactory,
      userInfoServiceFactory,
      database,
      catalogServiceMock.factory({ entities: matrixEntities }),
      mockServices.rootConfig.factory({
        data: {
          ...(await tokenAppConfig({ RELIABILITY_API_TOKEN: MATRIX_TOKEN })),
          permission: { enabled: true },
        } as any,
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });

  const authorizationOf = (who: Principal): string | undefined => {
    if (who === 'none') return undefined;
    if (who === 'token') return `Bearer ${MATRIX_TOKEN}`;
    return `Bearer ${signIn.tokenOf(`user:default/${who}`)}`;
  };

  /** The request as `who` sends it. */
  const send = (who: Principal, req: MatrixRequest) => {
    let test = request(server)[req.method](req.path);
    if (req.query) test = test.query(req.query);
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      test = test.set(name, value);
    }
    const authorization = authorizationOf(who);
    if (authorization) test = test.set('authorization', authorization);
    return req.body === undefined ? test : test.send(req.body as object);
  };

  /** Sends, and fails unless the answer is a success. */
  const must = async (who: Principal, req: MatrixRequest) => {
    const res = await send(who, req);
    if (res.status >= 300) {
      throw new Error(
        `${who}: ${req.method} ${req.path}: ${res.status} ${res.text}`,
      );
    }
    return res.body;
  };

  return { server, knex, send, must };
}

/** The started backend. */
export type MatrixBackend = Awaited<ReturnType<typeof startMatrixBackend>>;

/** Every row of the plugin's tables, by table. */
export type DatabaseRows = Map<string, Array<Record<string, unknown>>>;

async function tablesOf(knex: Knex): Promise<string[]> {
  const tables: Array<{ name: string }> = await knex('sqlite_master')
    .where({ type: 'table' })
    .whereNot('name', 'like', 'sqlite_%')
    .whereNot('name', 'like', 'knex_migrations%')
    // The auth service's signing keys share the plugin's database.
    .whereNot('name', 'like', 'backstage_backend_public_keys%')
    .orderBy('name')
    .select('name');
  return tables.map(t => t.name);
}

/** Every row of every table of the plugin. */
export async function readRows(knex: Knex): Promise<DatabaseRows> {
  const rows: DatabaseRows = new Map();
  for (const name of await tablesOf(knex)) {
    rows.set(name, await knex(name).select());
  }
  return rows;
}

/**
 * The rows as one comparable text: equal texts, nothing was written. The
 * time a summary was last recomputed is left out: a request refused with
 * a 404 inside the caller's own rotation or entity recomputes that
 * summary (to the same values) before it answers.
 */
export function fingerprint(rows: DatabaseRows): string {
  const dump: Record<string, string[]> = {};
  for (const [name, list] of rows) {
    dump[name] = list
      .map(row =>
        JSON.stringify(
          name === 'entity_summaries' ? { ...row, updated_at: null } : row,
        ),
      )
      .sort();
  }
  return JSON.stringify(dump);
}

/** Puts the plugin's tables back to `rows`, so every cell starts alike. */
export async function restoreRows(knex: Knex, rows: DatabaseRows) {
  // Rows go back table by table: foreign keys are checked at the end.
  const [{ foreign_keys: enforced }] = await knex.raw('PRAGMA foreign_keys');
  await knex.raw('PRAGMA foreign_keys = OFF');
  try {
    await knex.transaction(async trx => {
      for (const [name, list] of rows) {
        await trx(name).delete();
        for (let i = 0; i < list.length; i += 50) {
          await trx(name).insert(list.slice(i, i + 50));
        }
      }
    });
  } finally {
    await knex.raw(`PRAGMA foreign_keys = ${enforced ? 'ON' : 'OFF'}`);
  }
}
