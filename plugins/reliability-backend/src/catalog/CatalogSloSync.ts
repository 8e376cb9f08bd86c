import {
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OpenSloError,
  parseOpenSlo,
  RELIABILITY_SLOS_ANNOTATION,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import fs from 'fs';
import path from 'path';
import { SloStore, StoredSlo } from '../database/slos/SloStore';

/** OpenSLO files larger than this are refused rather than parsed. */
const MAX_FILE_BYTES = 256 * 1024;

/**
 * Keeps catalog-managed SLOs equal to the OpenSLO files that entities name
 * in their `reliability/slos` annotation, read relative to the entity's
 * own location. A file that fails validation is recorded as a problem and
 * the last valid definitions stay in use.
 */
export class CatalogSloSync {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
      store: SloStore;
      logger: LoggerService;
      /** Called with every SLO whose definition changed, to refresh its status. */
      onChanged?: (slos: StoredSlo[]) => Promise<void>;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<{ entities: number; changed: number; failed: number }> {
    const { catalog, auth, store, logger } = this.options;
    const now = (this.options.now ?? (() => new Date()))();
    const credentials = await auth.getOwnServiceCredentials();
    const seen = new Set<string>();
    let changed = 0;
    let failed = 0;
    for await (const page of catalog.streamEntities(
      {
        filter: {
          [`metadata.annotations.${RELIABILITY_SLOS_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    )) {
      for (const entity of page) {
        const entityRef = toCanonicalEntityRef(entity);
        seen.add(entityRef);
        const target =
          entity.metadata.annotations![RELIABILITY_SLOS_ANNOTATION];
        let location = target;
        try {
          const read = await this.read(entity, target);
          location = read.location;
          const { slos, errors } = parseOpenSlo(read.text);
          if (errors.length > 0) {
            failed += 1;
            await store.setSloSyncProblems(entityRef, location, errors, now);
            continue;
          }
          const result = await store.syncCatalogSlos({
            entityRef,
            definitions: slos,
            at: now,
          });
          const problems: OpenSloError[] = result.skipped.map(name => ({
            document: 0,
            path: 'metadata.name',
            message: `an SLO named '${name}' already exists through the API; rename one of them`,
          }));
          if (problems.length > 0) {
            await store.setSloSyncProblems(entityRef, location, problems, now);
          } else {
            await store.clearSloSyncProblems(entityRef);
          }
          changed += result.changed.length;
          await this.options.onChanged?.(result.changed);
        } catch (error) {
          failed += 1;
          await store.setSloSyncProblems(
            entityRef,
            location,
            [
              {
                document: 0,
                path: '',
                message: `could not read the file: ${(error as Error).message}`,
              },
            ],
            now,
          );
        }
      }
    }
    // Entities that dropped the annotation (or left the catalog) lose
    // their catalog-managed SLOs.
    for (const entityRef of await store.listEntitiesWithCatalogSlos()) {
      if (!seen.has(entityRef)) {
        await store.syncCatalogSlos({ entityRef, definitions: [], at: now });
        await store.clearSloSyncProblems(entityRef);
      }
    }
    logger.info(
      `Catalog SLO sync: ${seen.size} entities with OpenSLO files, ${changed} SLOs changed, ${failed} files with problems`,
    );
    return { entities: seen.size, changed, failed };
  }

  /**
   * Reads the annotation's file relative to the entity's location: from
   * disk for `file:` locations (never outside the location's folder), with
   * the URL reader for `url:` ones.
   */
  private async read(
    entity: Entity,
    target: string,
  ): Promise<{ text: string; location: string }> {
    const locationRef = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    if (!locationRef) {
      throw new Error(
        `the entity has no ${ANNOTATION_LOCATION} annotation to resolve '${target}' against`,
      );
    }
    const { type, target: base } = parseLocationRef(locationRef);
    if (type === 'file') {
      const folder = path.dirname(base);
      const file = path.resolve(folder, target);
      if (!file.startsWith(folder + path.sep)) {
        throw new Error(`'${target}' points outside the folder of ${base}`);
      }
      const stat = await fs.promises.stat(file);
      if (stat.size > MAX_FILE_BYTES) {
        throw new Error(`'${target}' is larger than ${MAX_FILE_BYTES} bytes`);
      }
      return {
        text: await fs.promises.readFile(file, 'utf8'),
        location: target,
      };
    }
    if (type === 'url') {
      const url = new URL(target, base).toString();
      const response = await this.options.urlReader.readUrl(url);
      const buffer = await response.buffer();
      if (buffer.length > MAX_FILE_BYTES) {
        throw new Error(`'${url}' is larger than ${MAX_FILE_BYTES} bytes`);
      }
      return { text: buffer.toString('utf8'), location: url };
    }
    throw new Error(`cannot resolve '${target}' against a '${type}' location`);
  }
}
