import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { SchedulerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested with the plugin it extends, as a backend installs them.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import reliabilityPlugin from '@reliability-suite/plugin-reliability-backend';
import fs from 'fs';
import { Knex } from 'knex';
import path from 'path';
import request from 'supertest';
import YAML from 'yaml';
import { reliabilityModuleDemoData } from '../demoDataModule';

const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLES = path.join(ROOT, 'examples');

/**
 * The demo catalog as the catalog would serve it: every entity of
 * `examples/*.yaml`, with the location annotation ingestion adds (the SLO
 * files of the `reliability/slos` annotations are read relative to it).
 */
export function demoEntities(): Entity[] {
  return fs
    .readdirSync(EXAMPLES)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file => {
      const location = `file:${path.join(EXAMPLES, file)}`;
      return YAML.parseAllDocuments(
        fs.readFileSync(path.join(EXAMPLES, file), 'utf8'),
      ).map(doc => {
        const entity = doc.toJSON() as Entity;
        entity.metadata.namespace ??= 'default';
        entity.metadata.annotations = {
          ...entity.metadata.annotations,
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
        };
        return entity;
      });
    });
}

/**
 * The demo portal's own `reliability` config, from app-config.yaml, but
 * for its local Prometheus: a test that wants one starts it on a port of
 * its own (a running demo portal may hold the configured one).
 */
export function demoReliabilityConfig(): Record<string, unknown> {
  const config = YAML.parse(
    fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  const { prometheus, ...demoData } = config.reliability.demoData;
  return {
    ...config.reliability,
    demoData: { ...demoData, prometheus: { ...prometheus, enabled: false } },
  };
}

/**
 * A backend with the reliability plugin, the demo data module, the demo
 * catalog and the demo config; tasks run only when a test triggers them.
 */
export async function startDemoBackend(
  reliability: Record<string, unknown> = demoReliabilityConfig(),
  entities: Entity[] = demoEntities(),
  /** A database to share with another backend (a restart, a replica). */
  knex?: Knex,
) {
  // mockServices.scheduler() is a MockSchedulerService typed as the plain
  // service; its factory and waitForTask are what runs tasks on demand.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory: typeof mockServices.scheduler.factory;
    waitForTask(id: string): Promise<void>;
  };
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      reliabilityModuleDemoData,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({ data: { reliability } as any }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      ...(knex ? [mockServices.database.factory({ knex })] : []),
    ],
  });
  /** Runs a scheduled task to its end; a failure fails the test. */
  const runTask = async (id: string) => {
    const done = scheduler.waitForTask(id);
    await scheduler.triggerTask(id);
    await done;
  };
  const header = mockCredentials.user.header('user:default/gita');
  /** GET on the plugin's API as a signed-in user; the JSON body. */
  const get = async (url: string) => {
    const res = await request(server)
      .get(`/api/reliability${url}`)
      .set('Authorization', header);
    if (res.status !== 200) {
      throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };
  return { scheduler, runTask, get };
}
