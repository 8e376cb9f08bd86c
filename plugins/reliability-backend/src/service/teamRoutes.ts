import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  TeamTrendsResponse,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { Request, Router } from 'express';
import { z } from 'zod/v3';
import { noQuerySchema } from '../request/entityPathSchema';
import { parseInput } from '../request/parseInput';
import { RouteContext } from './RouteContext';

const DAY_MS = 24 * 3_600_000;

/** A team's scorecard against the targets, and its daily trends. */
export function registerTeamRoutes(router: Router, ctx: RouteContext) {
  const { httpAuth, teamScorecards, stores, catalog, now } = ctx.deps;

  /**
   * The team from the path (its namespace and name checked against the
   * spec before the route); a Group the caller can see, or 404.
   */
  async function teamOf(req: Request) {
    const { namespace, name } = req.params;
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const teamRef = toCanonicalEntityRef({ kind: 'group', namespace, name });
    const group = await catalog.getEntityByRef(teamRef, { credentials });
    if (!group) throw new NotFoundError(`No group '${teamRef}' in the catalog`);
    return { teamRef, credentials };
  }

  router.get('/v1/teams/:namespace/:name/scorecard', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const { teamRef, credentials } = await teamOf(req);
    res.json(
      await teamScorecards.scorecard(
        teamRef,
        now(),
        credentials,
        await ctx.visibilityOf(credentials),
      ),
    );
  });

  router.get('/v1/teams/:namespace/:name/trends', async (req, res) => {
    const { days } = parseInput(
      z
        .object({
          days: z.coerce
            .number()
            .int('must be a whole number')
            .min(1, 'must be at least 1')
            .max(400, 'must be at most 400')
            .default(90),
        })
        .strict(),
      req.query,
      'query parameter',
    );
    const { teamRef, credentials } = await teamOf(req);
    // Snapshots sum up every entity of the team; one who may see only some
    // of them would learn about the others from the totals.
    const visibility = await ctx.visibilityOf(credentials);
    if (!('all' in visibility)) {
      throw new NotAllowedError(
        "Trends cover all of a team's entities and need 'reliability.entity.read' on every entity",
      );
    }
    const since = new Date(now().getTime() - (days - 1) * DAY_MS)
      .toISOString()
      .slice(0, 10);
    const body: TeamTrendsResponse = {
      team: teamRef,
      days,
      points: (await stores.snapshots.listTeamSnapshots(teamRef, since)).map(
        s => ({
          day: s.day,
          values: s.values,
        }),
      ),
    };
    res.json(body);
  });
}
