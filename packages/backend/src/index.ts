/*
 * The demo backend of the Reliability Suite: catalog, guest sign-in,
 * permissions with the demo policy, the reliability plugin, its Prometheus
 * module and its demo data.
 */

import { createBackend } from '@backstage/backend-defaults';
import { databaseWithMigrationLock } from './database/databaseWithMigrationLock';
import { demoPermissionPolicyModule } from './permissions/demoPermissionPolicyModule';

const backend = createBackend();

// Replicas starting together on a fresh PostgreSQL migrate one at a time.
backend.add(databaseWithMigrationLock);

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(demoPermissionPolicyModule);

backend.add(import('@reliability-suite/plugin-reliability-backend'));
// Pulls the SLOs whose metric sources name a configured Prometheus server
// (in the demo, the local one the demo data module starts).
backend.add(
  import('@reliability-suite/plugin-reliability-backend-module-prometheus'),
);
// The demo portal's data; a real installation leaves this module out.
backend.add(
  import('@reliability-suite/plugin-reliability-backend-module-demo'),
);

backend.start();
