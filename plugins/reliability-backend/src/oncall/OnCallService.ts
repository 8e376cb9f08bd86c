import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_PARENT_OF,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TtlCache } from '../cache/TtlCache';
import {
  EntityOnCallResponse,
  OnCallPerson,
  OwnershipFacts,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
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

/** How many groups the member count walks at most (child groups included). */
const MAX_GROUPS = 200;

/** Whose view of the catalog a read is: cached facts are kept per caller. */
function callerOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return (
    principal.userEntityRef ?? `${principal.type}:${principal.subject ?? ''}`
  );
}

/**
 * Who is on call for an entity, from the first provider that answers, with
 * people's names and e-mails from the catalog; and the entity's ownership
 * gaps.
 */
export class OnCallService {
  /**
   * Catalog facts read per entity (the owner group and its members, the
   * people on call) kept for a short time per caller: a tab's cards, a
   * team's entities and the summary repair ask for the same groups again
   * and again. Member counts may lag the catalog by this long.
   */
  private readonly ownerCache: TtlCache<
    Pick<OwnershipFacts, 'owner' | 'ownerExists' | 'ownerMemberCount'>
  >;
  private readonly peopleCache: TtlCache<Map<string, OnCallPerson>>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      /** Asked in order; the built-in rotations last. */
      providers: OnCallProvider[];
      /** `spec.owner` values that mean "nobody", e.g. `none`. */
      placeholderOwners: string[];
      /** How long catalog facts are reused; default 30 s, 0 for never. */
      cacheTtlMs?: number;
    },
  ) {
    const ttl = options.cacheTtlMs ?? 30_000;
    this.ownerCache = new TtlCache(ttl);
    this.peopleCache = new TtlCache(ttl);
  }

  /** The owner ref, or null when absent or a placeholder. */
  ownerOf(entity: Entity): string | null {
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof owner !== 'string' || owner.trim() === '') {
      return null;
    }
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    if (
      this.options.placeholderOwners.includes(
        ref.name.toLocaleLowerCase('en-US'),
      )
    ) {
      return null;
    }
    return toCanonicalEntityRef(ref);
  }

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
      const owner = this.ownerOf(entity);
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

  private people(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, OnCallPerson>> {
    const unique = [...new Set(refs)];
    return this.peopleCache.get(
      `${callerOf(credentials)}|${unique.join(',')}`,
      () => this.readPeople(unique, credentials),
    );
  }

  private async readPeople(
    unique: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, OnCallPerson>> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.profile'],
      },
      { credentials },
    );
    return new Map(
      unique.map((ref, i) => {
        const profile = (
          items[i]?.spec as
            | { profile?: { displayName?: string; email?: string } }
            | undefined
        )?.profile;
        return [
          ref,
          {
            ref,
            displayName: profile?.displayName ?? null,
            email: profile?.email ?? null,
          },
        ];
      }),
    );
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
      const owner = this.ownerOf(entity);
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
    const people = await this.people(
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

  /**
   * A group and its child groups at any depth, and their members, walking
   * at most {@link MAX_GROUPS} groups.
   */
  private async walkGroup(
    groupRef: string,
    credentials: BackstageCredentials,
    /** The group itself, when the caller has read it already. */
    root?: Entity,
  ): Promise<{ groups: string[]; members: Set<string> }> {
    const members = new Set<string>();
    const seen = new Set<string>([groupRef]);
    let frontier = [groupRef];
    let known: Array<Entity | undefined> | undefined = root
      ? [root]
      : undefined;
    while (frontier.length > 0 && seen.size <= MAX_GROUPS) {
      const items =
        known ??
        (
          await this.options.catalog.getEntitiesByRefs(
            { entityRefs: frontier, fields: ['relations'] },
            { credentials },
          )
        ).items;
      known = undefined;
      const next: string[] = [];
      for (const group of items) {
        for (const relation of group?.relations ?? []) {
          if (relation.type === RELATION_HAS_MEMBER)
            members.add(relation.targetRef);
          if (
            relation.type === RELATION_PARENT_OF &&
            !seen.has(relation.targetRef)
          ) {
            seen.add(relation.targetRef);
            next.push(relation.targetRef);
          }
        }
      }
      frontier = next;
    }
    return { groups: [...seen], members };
  }

  /** A group ref and the refs of its child groups at any depth. */
  async groupWithDescendants(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const { groups } = await this.walkGroup(groupRef, credentials);
    return groups.map(ref => ref.toLocaleLowerCase('en-US'));
  }

  /**
   * The owner part of the ownership facts: the owner, whether it exists,
   * and for a group its members (child groups included). Independent of
   * the on-call answer, so callers can read both at once.
   */
  async ownerFacts(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<
    Pick<OwnershipFacts, 'owner' | 'ownerExists' | 'ownerMemberCount'>
  > {
    const owner = this.ownerOf(entity);
    if (!owner) {
      return { owner, ownerExists: false, ownerMemberCount: null };
    }
    return this.ownerCache.get(`${callerOf(credentials)}|${owner}`, () =>
      this.readOwnerFacts(owner, credentials),
    );
  }

  private async readOwnerFacts(
    owner: string,
    credentials: BackstageCredentials,
  ): Promise<
    Pick<OwnershipFacts, 'owner' | 'ownerExists' | 'ownerMemberCount'>
  > {
    // One read for "does it exist" and the first step of the walk.
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: [owner], fields: ['kind', 'relations'] },
      { credentials },
    );
    const ownerExists = Boolean(items[0]);
    const ownerMemberCount =
      items[0] && owner.startsWith('group:')
        ? (await this.walkGroup(owner, credentials, items[0])).members.size
        : null;
    return { owner, ownerExists, ownerMemberCount };
  }

  /** The owner and on-call facts the entity's ownership gaps come from. */
  async ownershipFacts(
    entity: Entity,
    onCall: EntityOnCallResponse,
    levelOnePeople: number | null,
    credentials: BackstageCredentials,
  ): Promise<OwnershipFacts> {
    return withOnCallFacts(
      await this.ownerFacts(entity, credentials),
      onCall,
      levelOnePeople,
    );
  }
}

/** Ownership facts from the owner facts and the on-call answer. */
export function withOnCallFacts(
  ownerFacts: Pick<
    OwnershipFacts,
    'owner' | 'ownerExists' | 'ownerMemberCount'
  >,
  onCall: EntityOnCallResponse,
  levelOnePeople: number | null,
): OwnershipFacts {
  return {
    ...ownerFacts,
    rotation: onCall.rotation
      ? { name: onCall.rotation.name, people: levelOnePeople ?? 0 }
      : null,
    someoneOnCall: onCall.levels.some(l => l.level === 1),
  };
}
