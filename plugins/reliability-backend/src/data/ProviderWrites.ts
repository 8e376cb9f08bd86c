import {
  AuditorService,
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { toCanonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
import {
  ReliabilityRecordedBy,
  ReliabilitySloRef,
} from '@reliability-suite/plugin-reliability-node';
import { JsonObject } from '@backstage/types';
import { ReliabilityContext } from '../context/buildReliabilityContext';
import { StoredSlo } from '../database/slos/SloStore';

/** How a write's input is named in its error messages, as the routes do. */
export const BODY = 'request body';
/** How far ahead of the server's clock a record's time may be. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const EARLIEST_RECORD_MS = Date.parse('2000-01-01T00:00:00Z');

/**
 * What every write of a data provider goes through: the plugin's context,
 * its own credentials for catalog reads (a provider is code the operator
 * installed, not a caller), the entity and SLO lookups, and the audit
 * event with who the record says wrote it.
 *
 * @internal
 */
export class ProviderWrites {
  readonly context: ReliabilityContext;
  readonly now: () => Date;

  constructor(
    private readonly options: {
      providerName: string;
      context: ReliabilityContext;
      catalog: CatalogService;
      auth: AuthService;
      auditor: AuditorService;
      /** The clock; tests pass a fixed one. */
      now?: () => Date;
    },
  ) {
    this.context = options.context;
    this.now = options.now ?? (() => new Date());
  }

  credentials(): Promise<BackstageCredentials> {
    return this.options.auth.getOwnServiceCredentials();
  }

  /**
   * Runs a write inside an audit event, as `RouteContext.audited` does,
   * with who the record says wrote it and when (the event's own actor is
   * this plugin: a provider has no request). A record's time may not lie
   * ahead of the server's clock, nor before 2000; a `user:` actor must be
   * a User in the catalog.
   *
   * @throws InputError naming `at` or `actor` (before any event)
   */
  async audited<T>(
    eventId: string,
    meta: JsonObject,
    by: ReliabilityRecordedBy | undefined,
    write: () => Promise<T>,
  ): Promise<T> {
    if (by) await this.checkRecordedBy(by);
    const event = await this.options.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      meta: {
        ...meta,
        provider: this.options.providerName,
        ...(by ? { actor: by.actor, at: by.at.toISOString() } : {}),
      },
    });
    try {
      const result = await write();
      const id = (result as { id?: unknown } | undefined)?.id;
      await event.success({ meta: id === undefined ? {} : { id: String(id) } });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  private async checkRecordedBy(by: ReliabilityRecordedBy): Promise<void> {
    const at = by.at?.getTime?.();
    if (at === undefined || Number.isNaN(at)) {
      throw new InputError("Invalid record 'at': must be a valid Date");
    }
    if (at > this.now().getTime() + MAX_CLOCK_SKEW_MS) {
      throw new InputError(
        `Invalid record 'at': ${by.at.toISOString()} is in the future`,
      );
    }
    if (at < EARLIEST_RECORD_MS) {
      throw new InputError(
        `Invalid record 'at': ${by.at.toISOString()} is before 2000`,
      );
    }
    const actor = typeof by.actor === 'string' ? by.actor.trim() : '';
    if (actor.length === 0 || actor.length > 200) {
      throw new InputError(
        "Invalid record 'actor': must be 1 to 200 characters",
      );
    }
    if (/^user:/i.test(actor)) {
      const user = await this.options.catalog.getEntityByRef(actor, {
        credentials: await this.credentials(),
      });
      if (!user || user.kind.toLocaleLowerCase('en-US') !== 'user') {
        throw new InputError(
          `Invalid record 'actor': ${actor} is not a User in the catalog`,
        );
      }
    }
  }

  async entity(entityRef: string): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.credentials(),
    });
    if (!entity) {
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    }
    return entity;
  }

  async slo(ref: ReliabilitySloRef): Promise<StoredSlo> {
    return this.context.sloDefinitions.getSlo(
      toCanonicalEntityRef(ref.entityRef),
      ref.slo,
    );
  }
}
