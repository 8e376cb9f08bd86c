import {
  EntitySummary,
  ownershipGaps,
  ReliabilityProblem,
  reliabilityTierPolicyReadPermission,
  summarizeEntityTier,
  TierPolicyResponse,
} from '@reliability-suite/plugin-reliability-common';
import { Router } from 'express';
import { noQuerySchema } from './entityPathSchema';
import { parseInput } from './parseInput';
import { RouteContext } from './RouteContext';

/** The tier policy and the entity summary. */
export function registerTierRoutes(router: Router, ctx: RouteContext) {
  const {
    tierPolicy,
    store,
    onCallService,
    incidentService,
    readinessService,
    now,
  } = ctx.deps;

  router.get('/v1/tiers', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    await ctx.authorize(req, reliabilityTierPolicyReadPermission);
    const body: TierPolicyResponse = { items: [...tierPolicy.getPolicies()] };
    res.json(body);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/summary',
    async (req, res) => {
      const { entityRef, credentials, entity } = await ctx.readEntity(req);
      const { tier, problems } = summarizeEntityTier(
        tierPolicy.resolve(entity),
        tierPolicy.getPolicies(),
      );
      const at = now();
      const [storedTier, slos, sloProblems, onCall, openActions, incidents] =
        await Promise.all([
          tier ? store.getEntityTier(entityRef) : undefined,
          store.listSlos(entityRef),
          store.getSloSyncProblems(entityRef),
          onCallService.entityOnCall(entity, at, credentials),
          store.listEntityActions(entityRef, ['open', 'in-progress']),
          store.listIncidents(
            entityRef,
            new Date(at.getTime() - 90 * 24 * 3_600_000),
          ),
        ]);
      // Readiness gathers its own facts; the summary reuses nothing of it
      // yet (the overview issue keeps summaries incrementally).
      const [readiness, [latestReview]] = await Promise.all([
        readinessService.evaluate(entity, at, credentials),
        store.listReviews(entityRef),
      ]);
      const review = latestReview
        ? await readinessService.reviewView(latestReview, readiness.tierId, at)
        : null;
      const actionViews = openActions.map(a =>
        incidentService.actionView(a, at.getTime()),
      );
      const overdueActions = actionViews.filter(a => a.overdue).length;
      const postmortems = await store.getPostmortems(incidents.map(i => i.id));
      // Judged by this entity's tier; another affected entity's stricter
      // rule shows on that entity.
      const overduePostmortems = incidents.filter(
        incident =>
          incidentService.incidentView(
            incident,
            [entity],
            postmortems.get(incident.id),
            at.getTime(),
          ).postmortem.onTime === false &&
          postmortems.get(incident.id)?.status !== 'published',
      ).length;
      if (tier && storedTier?.tierId === tier.id) {
        tier.since = storedTier.tierSince.toISOString();
      }
      const fileProblems: ReliabilityProblem[] = (
        sloProblems?.problems ?? []
      ).map(p => ({
        code: 'invalid-openslo',
        severity: 'error',
        annotation: 'reliability/slos',
        message: `${sloProblems!.location}, document ${p.document}${
          p.path ? `, ${p.path}` : ''
        }: ${p.message}. The last valid SLO definitions stay in use.`,
      }));
      const gaps = ownershipGaps({
        ...(await onCallService.ownershipFacts(
          entity,
          onCall.response,
          onCall.levelOnePeople,
          credentials,
        )),
        hasTier: tier !== null,
        missingRequiredSlo:
          Boolean(tier?.requirements.sloRequired) && slos.length === 0,
        overduePostmortems,
        overdueActions,
      });
      const levelOne = onCall.response.levels.find(l => l.level === 1);
      const [nextHandoff] = onCall.response.nextHandoffs;
      const body: EntitySummary = {
        entityRef,
        tier,
        slos: slos.map(slo => ({
          name: slo.name,
          ...(slo.definition.displayName
            ? { displayName: slo.definition.displayName }
            : {}),
          target: slo.definition.target,
          status: slo.status?.status ?? 'no-data',
          budgetRemaining: slo.status?.errorBudget.remaining ?? null,
        })),
        oncall: {
          rotation: onCall.response.rotation?.name ?? null,
          source: onCall.response.source,
          now: levelOne?.user ?? null,
          nextHandoff: nextHandoff
            ? { at: nextHandoff.at, to: nextHandoff.toPerson }
            : null,
        },
        actions: {
          open: actionViews.length,
          overdue: overdueActions,
          oldestAgeDays: actionViews.length
            ? Math.max(...actionViews.map(a => a.ageDays))
            : null,
        },
        readiness: {
          score: readiness.score,
          ready: readiness.ready,
          failingRequired: readiness.items
            .filter(
              i =>
                i.level === 'required' &&
                !['pass', 'attested', 'waived'].includes(i.status),
            )
            .map(i => i.id),
          reviewState: review?.state ?? null,
        },
        gaps,
        problems: [...problems, ...fileProblems],
      };
      res.json(body);
    },
  );
}
