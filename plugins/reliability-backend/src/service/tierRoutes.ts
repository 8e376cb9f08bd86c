import {
  EntitySummary,
  reliabilityTierPolicyReadPermission,
  TierPolicyResponse,
} from '@reliability-suite/plugin-reliability-common';
import { Router } from 'express';
import { noQuerySchema } from '../request/entityPathSchema';
import { parseInput } from '../request/parseInput';
import { RouteContext } from './RouteContext';

/** The tier policy and the entity summary. */
export function registerTierRoutes(router: Router, ctx: RouteContext) {
  const { tierPolicy, summaryService, now } = ctx.deps;

  router.get('/v1/tiers', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    await ctx.authorize(req, reliabilityTierPolicyReadPermission);
    const body: TierPolicyResponse = { items: [...tierPolicy.getPolicies()] };
    res.json(body);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/summary',
    async (req, res) => {
      const { credentials, entity } = await ctx.readEntity(req);
      const { summary } = await summaryService.summarize(
        entity,
        now(),
        credentials,
      );
      const body: EntitySummary = summary;
      res.json(body);
    },
  );
}
