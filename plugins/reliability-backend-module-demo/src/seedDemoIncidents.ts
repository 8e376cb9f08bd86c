import { LoggerService } from '@backstage/backend-plugin-api';
import { ReliabilityIncidentConnection } from '@reliability-suite/plugin-reliability-node';
import { DAY_MS, DEMO_ACTOR } from './demoClock';

/** The components and owners the demo incidents and actions name. */
export const DEMO_INCIDENT_ENTITIES = [
  'component:default/payment-gateway',
  'component:default/checkout-api',
  'component:default/cart-service',
  'component:default/ledger',
  'component:default/storefront-web',
  'component:default/product-search',
  'group:default/checkout-team',
  'group:default/payments',
  'group:default/storefront',
  'user:default/chen',
  'user:default/dana',
  'user:default/ana',
];

/**
 * Writes 90 days of demo incidents, postmortems and actions once, when
 * there are no incidents at all: postmortems on time, late and still open;
 * actions done, open, overdue and one older than 60 days. Placed relative
 * to `now` so the demo always looks current.
 */
export async function seedDemoIncidents(options: {
  incidents: ReliabilityIncidentConnection;
  logger: LoggerService;
  now: Date;
}): Promise<number> {
  const { incidents, logger, now } = options;
  if (await incidents.hasIncidents()) {
    return 0;
  }
  const ago = (days: number, hours = 0) =>
    new Date(now.getTime() - days * DAY_MS - hours * 3_600_000);
  const iso = (d: Date) => d.toISOString();
  const date = (days: number) =>
    new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  const actor = DEMO_ACTOR;

  const incident = async (
    entityRefs: string[],
    severity: string,
    title: string,
    startedDaysAgo: number,
    postmortem?: {
      status: 'draft' | 'in-review' | 'published';
      writtenDaysLater: number;
    },
  ) => {
    const started = ago(startedDaysAgo, 3);
    const created = await incidents.createIncident(
      {
        title,
        severity,
        entityRefs,
        startedAt: iso(started),
        detectedAt: iso(new Date(started.getTime() + 4 * 60_000)),
        acknowledgedAt: iso(new Date(started.getTime() + 9 * 60_000)),
        mitigatedAt: iso(new Date(started.getTime() + 50 * 60_000)),
        resolvedAt: iso(new Date(started.getTime() + 2 * 3_600_000)),
        externalUrl: `https://incidents.acme.example/${title
          .toLowerCase()
          .replace(/\W+/g, '-')}`,
      },
      { actor, at: started },
    );
    if (postmortem) {
      await incidents.putPostmortem(
        created.id,
        {
          status: postmortem.status,
          documentUrl: `https://docs.acme.example/postmortems/${created.id}`,
          summary: `What happened in "${title}" and what we change.`,
        },
        {
          actor,
          at: new Date(
            started.getTime() + postmortem.writtenDaysLater * DAY_MS,
          ),
        },
      );
    }
    return created.id;
  };

  const psp = await incident(
    ['component:default/payment-gateway'],
    'SEV1',
    'Card payments declined at the PSP',
    75,
    { status: 'published', writtenDaysLater: 3 },
  );
  const checkout = await incident(
    ['component:default/checkout-api', 'component:default/cart-service'],
    'SEV0',
    'Checkout down after a config push',
    40,
    { status: 'published', writtenDaysLater: 12 },
  );
  await incident(
    ['component:default/ledger'],
    'SEV2',
    'Ledger writes delayed',
    10,
    { status: 'draft', writtenDaysLater: 2 },
  );
  await incident(
    ['component:default/checkout-api'],
    'SEV2',
    'Slow checkout for a region',
    2,
  );
  await incident(
    ['component:default/storefront-web'],
    'SEV3',
    'Broken product images',
    20,
  );
  await incident(
    ['component:default/product-search'],
    'SEV1',
    'Search returns no results',
    60,
    { status: 'published', writtenDaysLater: 4 },
  );

  const action = async (
    fields: {
      title: string;
      entityRef: string;
      owner: string;
      priority: string;
      incidentId?: string;
    },
    createdDaysAgo: number,
    dueInDays: number,
    close?: { status: 'done' | 'wont-do' | 'in-progress'; daysAgo: number },
  ) => {
    const created = await incidents.createAction(
      {
        title: fields.title,
        entityRef: fields.entityRef,
        owner: fields.owner,
        priority: fields.priority,
        incidentId: fields.incidentId ?? null,
        dueDate: date(dueInDays),
        ticketUrl: `https://tickets.acme.example/REL-${100 + createdDaysAgo}`,
      },
      { actor, at: ago(createdDaysAgo) },
    );
    if (close) {
      await incidents.setActionStatus(created, close.status, {
        actor,
        at: ago(close.daysAgo),
      });
    }
  };

  await action(
    {
      title: 'Validate config pushes in CI',
      entityRef: 'component:default/checkout-api',
      owner: 'group:default/checkout-team',
      priority: 'P0',
      incidentId: checkout,
    },
    38,
    -20,
    { status: 'done', daysAgo: 25 },
  );
  await action(
    {
      title: 'Canary deploys for checkout',
      entityRef: 'component:default/checkout-api',
      owner: 'user:default/chen',
      priority: 'P1',
      incidentId: checkout,
    },
    38,
    10,
  );
  await action(
    {
      title: 'Alert on the 5xx ratio, not counts',
      entityRef: 'component:default/checkout-api',
      owner: 'user:default/dana',
      priority: 'P1',
      incidentId: checkout,
    },
    30,
    -5,
  );
  await action(
    {
      title: 'Rotate PSP credentials automatically',
      entityRef: 'component:default/payment-gateway',
      owner: 'group:default/payments',
      priority: 'P1',
      incidentId: psp,
    },
    74,
    -45,
  );
  await action(
    {
      title: 'Idempotency keys for ledger writes',
      entityRef: 'component:default/ledger',
      owner: 'user:default/ana',
      priority: 'P0',
    },
    8,
    3,
    { status: 'in-progress', daysAgo: 6 },
  );
  await action(
    {
      title: 'Runbook for index rebuilds',
      entityRef: 'component:default/product-search',
      owner: 'group:default/storefront',
      priority: 'P3',
    },
    55,
    -30,
    { status: 'wont-do', daysAgo: 40 },
  );

  logger.info('Demo data: wrote 6 incidents, 4 postmortems and 6 actions');
  return 6;
}
