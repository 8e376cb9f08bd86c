import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Attestation,
  READINESS_DR_TEST_ITEM,
  ReadinessItem,
  Waiver,
} from '@reliability-suite/plugin-reliability-common';
import { Duration } from 'luxon';
import { ReadinessStore } from '../database/readiness/ReadinessStore';
import { SummaryRefresher } from '../refresh/SummaryRefresher';
import { ReadinessService } from './ReadinessService';

const DAY_MS = 86_400_000;

/** The entity an attestation or waiver is for, already read. */
export interface ReadinessTarget {
  entityRef: string;
  entity: Entity;
}

/**
 * The evidence readiness rests on: attestations of manual items and
 * waivers of failing ones, each checked against the entity's template and
 * followed by a refresh of the entity's summary.
 *
 * @internal
 */
export class ReadinessAttestationService {
  constructor(
    private readonly options: {
      store: ReadinessStore;
      readinessService: Pick<ReadinessService, 'templateFor' | 'maxWaiverMs'>;
      refresher: Pick<SummaryRefresher, 'entitiesChanged'>;
    },
  ) {}

  /**
   * Records evidence for a manual item (or the DR test record), valid for
   * the item's `attestationValidFor` (a year by default).
   *
   * @throws InputError when the item is not in the template or is checked
   *   automatically
   */
  async attest(
    target: ReadinessTarget,
    input: {
      itemId: string;
      evidenceUrl: string;
      note?: string | null;
      actor: string;
      at: Date;
    },
  ): Promise<Attestation> {
    const item = this.itemOf(target.entity, input.itemId);
    // A DR test is recorded as an attestation even where the template
    // checks it automatically: the rule reads the record's date.
    if (item?.rule && input.itemId !== READINESS_DR_TEST_ITEM) {
      throw new InputError(
        `Invalid request body 'itemId': '${input.itemId}' is checked automatically and cannot be attested`,
      );
    }
    const validFor = Duration.fromISO(
      item?.attestationValidFor ?? 'P365D',
    ).toMillis();
    const attestation = await this.options.store.addAttestation(
      target.entityRef,
      {
        itemId: input.itemId,
        evidenceUrl: input.evidenceUrl,
        note: input.note ?? null,
        attestedBy: input.actor,
        attestedAt: input.at.toISOString(),
        expiresAt: new Date(input.at.getTime() + validFor).toISOString(),
      },
    );
    await this.options.refresher.entitiesChanged([target.entityRef]);
    return attestation;
  }

  /** @throws NotFoundError when the entity has no such attestation */
  async deleteAttestation(entityRef: string, id: string): Promise<void> {
    const deleted = await this.options.store.deleteAttestation(entityRef, id);
    await this.options.refresher.entitiesChanged([entityRef]);
    if (!deleted) {
      throw new NotFoundError(`No attestation ${id} on ${entityRef}`);
    }
  }

  /**
   * Revokes a waiver: its item counts as failing again, from the summary
   * refreshed here on.
   *
   * @throws NotFoundError when the entity has no such waiver
   */
  async revokeWaiver(entityRef: string, id: string): Promise<Waiver> {
    const revoked = await this.options.store.deleteWaiver(entityRef, id);
    if (!revoked) throw new NotFoundError(`No waiver ${id} on ${entityRef}`);
    await this.options.refresher.entitiesChanged([entityRef]);
    return revoked;
  }

  /**
   * Accepts the risk of a failing item until `expiresAt`, at most the
   * configured longest waiver from now.
   *
   * @throws InputError when the item is not in the template, or the expiry
   *   is past or too far
   */
  async waive(
    target: ReadinessTarget,
    input: {
      itemId: string;
      reason: string;
      expiresAt: string;
      actor: string;
      at: Date;
    },
  ): Promise<Waiver> {
    this.itemOf(target.entity, input.itemId);
    const { maxWaiverMs } = this.options.readinessService;
    const expires = Date.parse(input.expiresAt);
    if (expires <= input.at.getTime()) {
      throw new InputError(
        "Invalid request body 'expiresAt': must be in the future",
      );
    }
    if (expires - input.at.getTime() > maxWaiverMs) {
      throw new InputError(
        `Invalid request body 'expiresAt': a waiver lasts at most ${Math.round(
          maxWaiverMs / DAY_MS,
        )} days`,
      );
    }
    const waiver = await this.options.store.addWaiver(target.entityRef, {
      itemId: input.itemId,
      reason: input.reason,
      approvedBy: input.actor,
      expiresAt: new Date(expires).toISOString(),
      createdAt: input.at,
    });
    await this.options.refresher.entitiesChanged([target.entityRef]);
    return waiver;
  }

  /** The item must be in the entity's template (or the DR test record). */
  private itemOf(entity: Entity, itemId: string): ReadinessItem | undefined {
    const item = this.options.readinessService
      .templateFor(entity)
      .template.find(i => i.id === itemId);
    if (!item && itemId !== READINESS_DR_TEST_ITEM) {
      throw new InputError(
        `Invalid request body 'itemId': '${itemId}' is not an item of this entity's readiness template`,
      );
    }
    return item;
  }
}
