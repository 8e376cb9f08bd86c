import { TestDatabaseId } from '@backstage/backend-test-utils';

/**
 * The databases store tests run on: SQLite always, and every PostgreSQL
 * whose `BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING` is set
 * (`npm run test:db` sets the one for the local server). Docker is never
 * used: this project's machines have none.
 */
export const testDatabaseIds: TestDatabaseId[] = [
  'SQLITE_3',
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];
