import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  overrideInputSchema,
  ownershipGaps,
  reliabilityOncallManagePermission,
  reliabilityOncallReadPermission,
  Rotation,
  RotationResponse,
  rotationInputSchema,
} from '@reliability-suite/plugin-reliability-common';
import { rotationPermissionResourceRef } from '@reliability-suite/plugin-reliability-node';
import { Request, Router } from 'express';
import { OnCallService } from '../oncall/OnCallService';
import { OwnershipService } from '../ownership/OwnershipService';
import { RotationService } from '../oncall/RotationService';
import { noQuerySchema } from '../request/entityPathSchema';
import { parseIfMatch } from '../request/parseIfMatch';
import { parseInput } from '../request/parseInput';
import {
  entityOnCallQuerySchema,
  overridePathSchema,
  rotationListQuerySchema,
  rotationPathSchema,
} from '../request/rotationSchemas';
import { checkOverrideHorizon } from '../request/rotationSchemas';
import { DateRules } from '../request/DateRules';
import { RouteContext } from './RouteContext';

/** What the on-call routes use. */
export interface OnCallRoutesOptions {
  route: Pick<
    RouteContext,
    'authorizer' | 'readEntity' | 'actorOf' | 'audited'
  >;
  rotations: RotationService;
  onCallService: Pick<OnCallService, 'entityOnCall'>;
  ownershipService: Pick<OwnershipService, 'ownershipFacts'>;
  /** For conditional decisions on `reliability.oncall.manage`. */
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  now: () => Date;
  /** The sane ranges of dates, on the routes' clock. */
  dates: DateRules;
}

/** Rotations, overrides and who is on call for an entity. */
export function registerOnCallRoutes(
  router: Router,
  options: OnCallRoutesOptions,
) {
  const { route, rotations, onCallService, ownershipService, now } = options;
  const { authorizer } = route;

  const rotationIdOf = (req: Request) =>
    parseInput(
      rotationPathSchema,
      { rotationId: req.params.rotationId },
      'path parameter',
    ).rotationId;
  const noQuery = (req: Request) =>
    parseInput(noQuerySchema, req.query, 'query parameter');

  /** The stored rotation; a 404 only for callers who may read rotations. */
  async function existingRotation(
    req: Request,
    id: string,
  ): Promise<RotationResponse> {
    const rotation = await rotations.getRotation(id);
    if (!rotation) {
      await authorizer.authorize(req, reliabilityOncallReadPermission);
      throw new NotFoundError(`No rotation '${id}'`);
    }
    return rotation;
  }

  /**
   * `reliability.oncall.manage` for rotations: a conditional decision is
   * applied here, to every rotation the write touches (the stored one and
   * the proposed one), so moving a rotation needs rights on both teams.
   */
  async function authorizeManage(
    req: Request,
    touched: Array<Pick<Rotation, 'team'>>,
  ): Promise<BackstageCredentials> {
    const credentials = await authorizer.credentials(req);
    const [decision] = await options.permissions.authorizeConditional(
      [{ permission: reliabilityOncallManagePermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return credentials;
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      const authorize = createConditionAuthorizer(
        options.permissionsRegistry.getPermissionRuleset(
          rotationPermissionResourceRef,
        ),
      );
      if (touched.every(r => authorize(decision, r as Rotation)))
        return credentials;
    }
    throw new NotAllowedError(
      `You are not allowed 'reliability.oncall.manage' for ${touched
        .map(r => r.team)
        .join(' and ')}`,
    );
  }

  const writerOf = (credentials: BackstageCredentials) => ({
    actor: route.actorOf(credentials),
    credentials,
    at: now(),
  });

  router.get('/v1/rotations', async (req, res) => {
    const { owner } = parseInput(
      rotationListQuerySchema,
      req.query,
      'query parameter',
    );
    await authorizer.authorize(req, reliabilityOncallReadPermission);
    res.json({ items: await rotations.listRotations(owner) });
  });

  router.get('/v1/rotations/:rotationId', async (req, res) => {
    const id = rotationIdOf(req);
    noQuery(req);
    await authorizer.authorize(req, reliabilityOncallReadPermission);
    const rotation = await rotations.getRotation(id);
    if (!rotation) throw new NotFoundError(`No rotation '${id}'`);
    res.set('ETag', `"${rotation.version}"`).json(rotation);
  });

  router.put('/v1/rotations/:rotationId', async (req, res) => {
    const id = rotationIdOf(req);
    noQuery(req);
    const input = parseInput(rotationInputSchema, req.body, 'request body');
    const existing = await rotations.getRotation(id);
    const credentials = await authorizeManage(
      req,
      existing ? [existing, input] : [input],
    );
    const expectedVersion = parseIfMatch(req) ?? input.version;
    const { rotation, created } = await route.audited(
      req,
      'rotation-upsert',
      {
        rotation: id,
        team: input.team,
        expectedVersion: expectedVersion ?? null,
      },
      () =>
        rotations.putRotation(
          { id, input, existing, expectedVersion },
          writerOf(credentials),
        ),
      r => ({ version: r.rotation.version, created: r.created }),
    );
    res
      .status(created ? 201 : 200)
      .set('ETag', `"${rotation.version}"`)
      .json(rotation);
  });

  router.delete('/v1/rotations/:rotationId', async (req, res) => {
    const id = rotationIdOf(req);
    noQuery(req);
    const existing = await existingRotation(req, id);
    await authorizeManage(req, [existing]);
    const expectedVersion = parseIfMatch(req);
    await route.audited(
      req,
      'rotation-delete',
      { rotation: id, team: existing.team },
      () => rotations.deleteRotation(existing, expectedVersion),
    );
    res.status(204).end();
  });

  router.post('/v1/rotations/:rotationId/overrides', async (req, res) => {
    const id = rotationIdOf(req);
    noQuery(req);
    const override = parseInput(overrideInputSchema, req.body, 'request body');
    checkOverrideHorizon(override, options.dates);
    const rotation = await existingRotation(req, id);
    const credentials = await authorizeManage(req, [rotation]);
    const created = await route.audited(
      req,
      'override-create',
      {
        rotation: id,
        user: override.user,
        start: override.start,
        end: override.end,
      },
      () => rotations.addOverride(rotation, override, writerOf(credentials)),
      o => ({ override: o.id }),
    );
    res.status(201).json(created);
  });

  router.delete(
    '/v1/rotations/:rotationId/overrides/:overrideId',
    async (req, res) => {
      const id = rotationIdOf(req);
      const { overrideId } = parseInput(
        overridePathSchema,
        { overrideId: req.params.overrideId },
        'path parameter',
      );
      noQuery(req);
      const rotation = await existingRotation(req, id);
      await authorizeManage(req, [rotation]);
      await route.audited(
        req,
        'override-delete',
        { rotation: id, override: overrideId },
        () => rotations.deleteOverride(rotation, overrideId),
      );
      res.status(204).end();
    },
  );

  router.get('/v1/entities/:kind/:namespace/:name/oncall', async (req, res) => {
    const {
      credentials,
      entity,
      query: { at },
    } = await route.readEntity(req, entityOnCallQuerySchema);
    const { response, levelOnePeople } = await onCallService.entityOnCall(
      entity,
      at ? new Date(at) : now(),
      credentials,
    );
    const facts = await ownershipService.ownershipFacts(
      entity,
      response,
      levelOnePeople,
      credentials,
    );
    res.json({ ...response, gaps: ownershipGaps(facts) });
  });
}
