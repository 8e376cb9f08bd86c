import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { OwnershipService } from '../ownership/OwnershipService';
import { EntityOnCallResponse } from '@reliability-suite/plugin-reliability-common';
import {
  OnCallAnswer,
  OnCallProvider,
  OnCallRequest,
} from '@reliability-suite/plugin-reliability-node';

/** Requests in flight at once to a provider without batches. */
const PROVIDER_CONCURRENCY = 8;

/**
 * A few requests at a time to a provider that takes no batches: an external
 * service is not sent a fleet's worth of calls at once.
 */
async function askOneByOne(
  provider: OnCallProvider,
  requests: OnCallRequest[],
): Promise<Array<OnCallAnswer | undefined>> {
  const answers: Array<OnCallAnswer | undefined> = [];
  for (let i = 0; i < requests.length; i += PROVIDER_CONCURRENCY) {
    answers.push(
      ...(await Promise.all(
        requests
          .slice(i, i + PROVIDER_CONCURRENCY)
          .map(r => provider.getOnCall(r)),
      )),
    );
  }
  return answers;
}

/** Who is on call for an entity, and how many people level 1 has. */
export interface EntityOnCall {
  response: EntityOnCallResponse;
  /** People on level 1 of the answering rotation; null when none answers. */
  levelOnePeople: number | null;
}

/**
 * Who is on call for an entity, from the first provider that answers, with
 * people's names and e-mails from the {@link OwnershipService}.
 */
export class OnCallService {
  constructor(
    private readonly options: {
      /** Asked in order; the built-in rotations last. */
      providers: OnCallProvider[];
      /** Owners and people, from the catalog. */
      ownership: OwnershipService;
    },
  ) {}

  /**
   * The first answering provider's answer for each entity, asking each
   * provider only about the entities the ones before it left unanswered,
   * in one batch where the provider takes batches.
   */
  async answerMany(
    entities: readonly Entity[],
    at: Date,
  ): Promise<Array<{ answer: OnCallAnswer; source: string } | undefined>> {
    const results: Array<{ answer: OnCallAnswer; source: string } | undefined> =
      entities.map(() => undefined);
    let open = entities.map((entity, index) => {
      const owner = this.options.ownership.ownerOf(entity);
      const team = owner?.startsWith('group:') ? owner : null;
      return { index, request: { entity, team, at } };
    });
    for (const provider of this.options.providers) {
      if (open.length === 0) break;
      const requests = open.map(o => o.request);
      const answers = provider.getOnCallMany
        ? await provider.getOnCallMany(requests)
        : await askOneByOne(provider, requests);
      open.forEach((o, i) => {
        const answer = answers[i];
        if (answer) results[o.index] = { answer, source: provider.id };
      });
      open = open.filter(o => !results[o.index]);
    }
    return results;
  }

  /**
   * Who is on call for the entity at `at`, and how many people level 1 of
   * the answering rotation has (for the single-person gap).
   */
  async entityOnCall(
    entity: Entity,
    at: Date,
    credentials: BackstageCredentials,
  ): Promise<EntityOnCall> {
    return (await this.entityOnCallMany([entity], at, credentials))[0];
  }

  /** {@link OnCallService.entityOnCall} for many entities, in order. */
  async entityOnCallMany(
    entities: readonly Entity[],
    at: Date,
    credentials: BackstageCredentials,
  ): Promise<EntityOnCall[]> {
    const results = await this.answerMany(entities, at);
    return Promise.all(
      entities.map((entity, i) =>
        this.onCallView(entity, results[i], credentials),
      ),
    );
  }

  private async onCallView(
    entity: Entity,
    result: { answer: OnCallAnswer; source: string } | undefined,
    credentials: BackstageCredentials,
  ): Promise<EntityOnCall> {
    if (!result) {
      const owner = this.options.ownership.ownerOf(entity);
      return {
        response: {
          team: owner?.startsWith('group:') ? owner : null,
          rotation: null,
          levels: [],
          nextHandoffs: [],
          source: null,
          gaps: [],
        },
        levelOnePeople: null,
      };
    }
    const { answer, source } = result;
    const people = await this.options.ownership.people(
      [
        ...answer.levels.map(l => l.user),
        ...answer.nextHandoffs.map(h => h.to),
      ],
      credentials,
    );
    return {
      response: {
        team: answer.team,
        rotation: {
          id: answer.rotation.id,
          name: answer.rotation.name,
          timeZone: answer.rotation.timeZone,
        },
        levels: answer.levels.map(level => ({
          level: level.level,
          user: people.get(level.user)!,
          shiftEnd: level.shiftEnd,
          override: level.override,
        })),
        nextHandoffs: answer.nextHandoffs.map(h => ({
          ...h,
          toPerson: people.get(h.to)!,
        })),
        source,
        // Filled in by the caller from ownershipFacts, which needs more
        // catalog reads than the on-call answer itself.
        gaps: [],
      },
      levelOnePeople: answer.rotation.levelOnePeople,
    };
  }
}
