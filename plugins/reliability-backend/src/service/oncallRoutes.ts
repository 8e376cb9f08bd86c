import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  overrideInputSchema,
  reliabilityOncallManagePermission,
  reliabilityOncallReadPermission,
  Rotation,
  rotationIdSchema,
  rotationInputSchema,
  groupRefSchema,
  ownershipGaps,
} from '@reliability-suite/plugin-reliability-common';
import { rotationPermissionResourceRef } from '@reliability-suite/plugin-reliability-node';
import { Request, Router } from 'express';
import { z } from 'zod';
import { noQuerySchema } from './request/entityPathSchema';
import { parseInput } from './request/parseInput';
import { parseIfMatch } from './request/parseIfMatch';
import { RouteContext } from './RouteContext';

const isoTimestamp = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp' });

/** Rotations, overrides and who is on call for an entity. */
export function registerOnCallRoutes(router: Router, ctx: RouteContext) {
  const {
    stores,
    catalog,
    onCallService,
    permissionsRegistry,
    httpAuth,
    permissions,
    now,
  } = ctx.deps;

  const rotationIdOf = (req: Request) =>
    parseInput(
      z.object({ rotationId: rotationIdSchema }),
      { rotationId: req.params.rotationId },
      'path parameter',
    ).rotationId;

  /**
   * `reliability.oncall.manage` for rotations: a conditional decision is
   * applied here, to every rotation the write touches (the stored one and
   * the proposed one), so moving a rotation needs rights on both teams.
   */
  async function authorizeManage(
    req: Request,
    rotations: Array<Pick<Rotation, 'team'>>,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorizeConditional(
      [{ permission: reliabilityOncallManagePermission }],
      {
        credentials,
      },
    );
    if (decision.result === AuthorizeResult.ALLOW) return credentials;
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      const authorize = createConditionAuthorizer(
        permissionsRegistry.getPermissionRuleset(rotationPermissionResourceRef),
      );
      if (rotations.every(r => authorize(decision, r as Rotation)))
        return credentials;
    }
    throw new NotAllowedError(
      `You are not allowed 'reliability.oncall.manage' for ${rotations
        .map(r => r.team)
        .join(' and ')}`,
    );
  }

  /** Every ref must be a User the catalog knows, or the write is refused. */
  async function requireUsers(
    refs: Array<{ ref: string; field: string }>,
    credentials: BackstageCredentials,
  ) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs.map(r => r.ref), fields: ['kind'] },
      { credentials },
    );
    const missing = refs.filter(
      (_r, i) =>
        !items[i] || items[i]!.kind.toLocaleLowerCase('en-US') !== 'user',
    );
    if (missing.length > 0) {
      throw new InputError(
        missing
          .map(
            m =>
              `Invalid request body '${m.field}': ${m.ref} is not a User in the catalog`,
          )
          .join('; '),
      );
    }
  }

  router.get('/v1/rotations', async (req, res) => {
    const { owner } = parseInput(
      z.object({ owner: groupRefSchema.optional() }).strict(),
      req.query,
      'query parameter',
    );
    await ctx.authorize(req, reliabilityOncallReadPermission);
    res.json({
      items: await stores.onCall.listRotations(owner ? { teams: [owner] } : {}),
    });
  });

  router.get('/v1/rotations/:rotationId', async (req, res) => {
    const id = rotationIdOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    await ctx.authorize(req, reliabilityOncallReadPermission);
    const rotation = await stores.onCall.getRotation(id);
    if (!rotation) throw new NotFoundError(`No rotation '${id}'`);
    res.set('ETag', `"${rotation.version}"`).json(rotation);
  });

  router.put('/v1/rotations/:rotationId', async (req, res) => {
    const id = rotationIdOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const input = parseInput(rotationInputSchema, req.body, 'request body');
    const existing = await stores.onCall.getRotation(id);
    const credentials = await authorizeManage(
      req,
      existing ? [existing, input] : [input],
    );
    await requireUsers(
      input.levels.flatMap((level, l) =>
        level.users.map((ref, u) => ({ ref, field: `levels.${l}.users.${u}` })),
      ),
      credentials,
    );
    const expectedVersion = parseIfMatch(req) ?? input.version;
    const { version: _ignored, ...fields } = input;
    const { rotation, created } = await ctx.audited(
      req,
      'rotation-upsert',
      {
        rotation: id,
        team: input.team,
        expectedVersion: expectedVersion ?? null,
      },
      () =>
        stores.onCall.putRotation({
          id,
          fields,
          expectedVersion,
          actor: ctx.actorOf(credentials),
          at: now(),
        }),
      r => ({ version: r.rotation.version, created: r.created }),
    );
    await ctx.refreshRotationSummaries(
      [input.team, ...(existing ? [existing.team] : [])],
      id,
    );
    res
      .status(created ? 201 : 200)
      .set('ETag', `"${rotation.version}"`)
      .json(rotation);
  });

  router.delete('/v1/rotations/:rotationId', async (req, res) => {
    const id = rotationIdOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const existing = await stores.onCall.getRotation(id);
    if (!existing) {
      await ctx.authorize(req, reliabilityOncallReadPermission);
      throw new NotFoundError(`No rotation '${id}'`);
    }
    await authorizeManage(req, [existing]);
    const expectedVersion = parseIfMatch(req);
    await ctx.audited(
      req,
      'rotation-delete',
      { rotation: id, team: existing.team },
      () => stores.onCall.deleteRotation(id, expectedVersion),
    );
    await ctx.refreshRotationSummaries([existing.team], id);
    res.status(204).end();
  });

  router.post('/v1/rotations/:rotationId/overrides', async (req, res) => {
    const id = rotationIdOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const override = parseInput(overrideInputSchema, req.body, 'request body');
    const rotation = await stores.onCall.getRotation(id);
    if (!rotation) {
      await ctx.authorize(req, reliabilityOncallReadPermission);
      throw new NotFoundError(`No rotation '${id}'`);
    }
    const credentials = await authorizeManage(req, [rotation]);
    if ((override.level ?? 1) > rotation.levels.length) {
      throw new InputError(
        `Invalid request body 'level': rotation '${id}' has ${
          rotation.levels.length
        } level${rotation.levels.length === 1 ? '' : 's'}`,
      );
    }
    await requireUsers([{ ref: override.user, field: 'user' }], credentials);
    const created = await ctx.audited(
      req,
      'override-create',
      {
        rotation: id,
        user: override.user,
        start: override.start,
        end: override.end,
      },
      () =>
        stores.onCall.addOverride({
          rotationId: id,
          override,
          actor: ctx.actorOf(credentials),
          at: now(),
        }),
      o => ({ override: o.id }),
    );
    await ctx.refreshRotationSummaries([rotation.team], id);
    res
      .status(201)
      .json({ id: created.id, ...override, level: override.level ?? 1 });
  });

  router.delete(
    '/v1/rotations/:rotationId/overrides/:overrideId',
    async (req, res) => {
      const id = rotationIdOf(req);
      const { overrideId } = parseInput(
        z.object({
          overrideId: z.string().regex(/^\d{1,12}$/, 'must be an override id'),
        }),
        { overrideId: req.params.overrideId },
        'path parameter',
      );
      parseInput(noQuerySchema, req.query, 'query parameter');
      const rotation = await stores.onCall.getRotation(id);
      if (!rotation) {
        await ctx.authorize(req, reliabilityOncallReadPermission);
        throw new NotFoundError(`No rotation '${id}'`);
      }
      await authorizeManage(req, [rotation]);
      const deleted = await ctx.audited(
        req,
        'override-delete',
        { rotation: id, override: overrideId },
        () => stores.onCall.deleteOverride(id, overrideId),
      );
      await ctx.refreshRotationSummaries([rotation.team], id);
      if (!deleted)
        throw new NotFoundError(
          `No override '${overrideId}' in rotation '${id}'`,
        );
      res.status(204).end();
    },
  );

  router.get('/v1/entities/:kind/:namespace/:name/oncall', async (req, res) => {
    const {
      credentials,
      entity,
      query: { at },
    } = await ctx.readEntity(
      req,
      z.object({ at: isoTimestamp.optional() }).strict(),
    );
    const { response, levelOnePeople } = await onCallService.entityOnCall(
      entity,
      at ? new Date(at) : now(),
      credentials,
    );
    const facts = await onCallService.ownershipFacts(
      entity,
      response,
      levelOnePeople,
      credentials,
    );
    res.json({ ...response, gaps: ownershipGaps(facts) });
  });
}
