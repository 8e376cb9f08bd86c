import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  createReliabilityStores,
  ReliabilityStores,
} from '../ReliabilityStores';
import { testDatabaseIds } from './testDatabaseIds';

/**
 * The test databases of a test file (see {@link testDatabaseIds}), and
 * migrated reliability stores on a fresh one. Call once per file, at the
 * top level: it registers the hooks that close the databases.
 */
export function reliabilityTestDatabases() {
  const databases = TestDatabases.create({
    ids: testDatabaseIds,
    disableDocker: true,
  });
  return {
    ids: databases.eachSupportedId(),
    async createStores(databaseId: TestDatabaseId): Promise<ReliabilityStores> {
      const knex = await databases.init(databaseId);
      return createReliabilityStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    },
  };
}
