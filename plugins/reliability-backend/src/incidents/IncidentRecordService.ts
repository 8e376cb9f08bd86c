import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Incident,
  IncidentResponse,
} from '@reliability-suite/plugin-reliability-common';
import { ReliabilityStores } from '../database/ReliabilityStores';
import {
  IncidentFields,
  StoredIncident,
  StoredPostmortem,
} from '../database/incidents/IncidentStore';
import { SummaryRefresher } from '../refresh/SummaryRefresher';
import { IncidentService } from './IncidentService';

/** How far back an entity's incident list reaches unless asked otherwise. */
const DEFAULT_LOOKBACK_MS = 90 * 24 * 3_600_000;

/** A new incident: the times not known yet may be left out. */
export type NewIncident = Pick<
  Incident,
  'title' | 'severity' | 'entityRefs' | 'startedAt'
> &
  Partial<IncidentFields>;

/**
 * Incidents and their postmortems as the API reads and writes them. Every
 * write brings the overview rows of the affected entities up to date.
 *
 * The views and the postmortem rule come from {@link IncidentService},
 * which the overview, readiness and scorecards read too; this service is
 * built after the summary refresher it calls, so the two stay apart.
 *
 * @internal
 */
export class IncidentRecordService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      stores: Pick<ReliabilityStores, 'incidents'>;
      catalog: CatalogService;
      incidentService: IncidentService;
      refresher: Pick<SummaryRefresher, 'entitiesChanged'>;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The severities incidents may have, from config. */
  get severities(): string[] {
    return this.options.incidentService.severities;
  }

  /** The stored incident, if there is one. */
  find(id: string): Promise<StoredIncident | undefined> {
    return this.options.stores.incidents.getIncident(id);
  }

  /**
   * The incident as the API returns it; `entities` are the affected
   * entities, whose tiers decide the postmortem rule.
   */
  async view(
    incident: StoredIncident,
    entities: Entity[],
  ): Promise<IncidentResponse> {
    const postmortems = await this.options.stores.incidents.getPostmortems([
      incident.id,
    ]);
    return this.viewOf(incident, entities, postmortems.get(incident.id));
  }

  /** Records an incident on `entities` (those of `fields.entityRefs`). */
  async create(
    fields: NewIncident,
    entities: Entity[],
    actor: string,
    at: Date = this.now(),
  ): Promise<IncidentResponse> {
    const incident = await this.options.stores.incidents.createIncident(
      {
        title: fields.title,
        severity: fields.severity,
        entityRefs: fields.entityRefs,
        startedAt: fields.startedAt,
        detectedAt: fields.detectedAt ?? null,
        acknowledgedAt: fields.acknowledgedAt ?? null,
        mitigatedAt: fields.mitigatedAt ?? null,
        resolvedAt: fields.resolvedAt ?? null,
        externalUrl: fields.externalUrl ?? null,
      },
      actor,
      at,
    );
    await this.options.refresher.entitiesChanged(incident.entityRefs);
    return this.viewOf(incident, entities, undefined);
  }

  /**
   * Applies `changes` when `expectedVersion` is current; the entities it
   * affected before and after are refreshed.
   *
   * @throws PreconditionFailedError (412) when the version is stale
   */
  async update(
    incident: StoredIncident,
    changes: Partial<IncidentFields>,
    expectedVersion: number,
    actor: string,
  ): Promise<StoredIncident> {
    const updated = await this.options.stores.incidents.updateIncident(
      incident.id,
      changes,
      expectedVersion,
      actor,
      this.now(),
    );
    await this.options.refresher.entitiesChanged([
      ...new Set([...incident.entityRefs, ...(changes.entityRefs ?? [])]),
    ]);
    return updated;
  }

  /**
   * Deletes the incident with its entity links and postmortem when
   * `expectedVersion` is current; its actions stay, unlinked. The
   * entities it affected are refreshed, so it no longer counts.
   *
   * @throws NotFoundError (404) when it is gone already
   * @throws PreconditionFailedError (412) when the version is stale
   */
  async delete(incident: StoredIncident, expectedVersion: number) {
    const deleted = await this.options.stores.incidents.deleteIncident(
      incident.id,
      expectedVersion,
    );
    if (!deleted) throw new NotFoundError(`No incident ${incident.id}`);
    await this.options.refresher.entitiesChanged(incident.entityRefs);
  }

  /**
   * Creates or replaces the incident's postmortem (compare-and-set on
   * `expectedVersion` once one exists) and returns it as the API shows it.
   */
  async putPostmortem(
    incident: StoredIncident,
    entities: Entity[],
    fields: {
      status: StoredPostmortem['status'];
      documentUrl?: string | null;
      summary?: string | null;
    },
    expectedVersion: number | undefined,
    actor: string,
    at: Date = this.now(),
  ): Promise<IncidentResponse['postmortem']> {
    const postmortem = await this.options.stores.incidents.putPostmortem(
      incident.id,
      {
        status: fields.status,
        documentUrl: fields.documentUrl ?? null,
        summary: fields.summary ?? null,
      },
      expectedVersion,
      actor,
      at,
    );
    await this.options.refresher.entitiesChanged(incident.entityRefs);
    return this.viewOf(incident, entities, postmortem).postmortem;
  }

  /**
   * The entity's incidents that started since `since` (90 days by
   * default), newest first; the other affected entities are read with the
   * caller's credentials.
   */
  async listForEntity(
    entityRef: string,
    since: Date | undefined,
    credentials: BackstageCredentials,
  ): Promise<IncidentResponse[]> {
    const { stores, catalog } = this.options;
    const incidents = await stores.incidents.listIncidents(
      entityRef,
      since ?? new Date(this.now().getTime() - DEFAULT_LOOKBACK_MS),
    );
    const refs = [...new Set(incidents.flatMap(i => i.entityRefs))];
    const { items } = refs.length
      ? await catalog.getEntitiesByRefs({ entityRefs: refs }, { credentials })
      : { items: [] };
    const byRef = new Map(refs.map((r, i) => [r, items[i]]));
    const postmortems = await stores.incidents.getPostmortems(
      incidents.map(i => i.id),
    );
    return incidents.map(incident =>
      this.viewOf(
        incident,
        incident.entityRefs
          .map(r => byRef.get(r))
          .filter((e): e is Entity => Boolean(e)),
        postmortems.get(incident.id),
      ),
    );
  }

  private viewOf(
    incident: StoredIncident,
    entities: Entity[],
    postmortem: StoredPostmortem | undefined,
  ): IncidentResponse {
    return this.options.incidentService.incidentView(
      incident,
      entities,
      postmortem,
      this.now().getTime(),
    );
  }
}
