import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_PARENT_OF,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityOnCallResponse,
  OnCallPerson,
  OwnershipFacts,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { TtlCache } from '../cache/TtlCache';

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
 * Who answers for an entity, from the catalog: its owner (placeholders such
 * as `none` mean nobody), whether the owner exists, the members of an owning
 * group with its child groups, and people's names and e-mails. Used by
 * on-call, ownership gaps, readiness and team scorecards.
 *
 * @internal
 */
export class OwnershipService {
  /**
   * Catalog facts (the owner group and its members, people) kept for a
   * short time per caller: a tab's cards, a team's entities and the
   * summary repair ask for the same groups again and again. Member counts
   * may lag the catalog by this long.
   */
  private readonly ownerCache: TtlCache<
    Pick<OwnershipFacts, 'owner' | 'ownerExists' | 'ownerMemberCount'>
  >;
  private readonly peopleCache: TtlCache<Map<string, OnCallPerson>>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
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

  /** Names and e-mails of users, by ref. */
  people(
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
