import {
  backlogCsv,
  callers,
  fridayIncident,
  startIncidentTestBackend,
} from '../__testUtils__/incidentTestBackend';
import request from '../__testUtils__/specCheckedRequest';

describe('action routes', () => {
  let server: Awaited<ReturnType<typeof startIncidentTestBackend>>;
  let incidentId: string;
  beforeAll(async () => {
    server = await startIncidentTestBackend();
    const incident = await request(server)
      .post('/api/reliability/v1/incidents')
      .set('Authorization', callers.owner)
      .send(fridayIncident);
    incidentId = incident.body.id;
  });

  it('creates actions, validates them, and lets the owner move the status', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const created = await request(server)
      .post('/api/reliability/v1/actions')
      .set('Authorization', callers.owner)
      .send({
        title: 'Add a canary',
        entityRef: 'component:default/checkout-api',
        incidentId,
        owner: 'user:default/chen',
        priority: 'P1',
        dueDate: tomorrow,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      overdue: false,
      version: 1,
    });
    for (const [body, message] of [
      [
        { dueDate: '2020-01-01' },
        "'dueDate': 2020-01-01 is before the action's creation",
      ],
      [
        { owner: 'group:default/ghosts' },
        "'owner': group:default/ghosts is not in the catalog",
      ],
      [{ priority: 'urgent' }, "'priority'"],
      [{ ticketUrl: 'ftp://x' }, "'ticketUrl'"],
    ] as const) {
      const res = await request(server)
        .post('/api/reliability/v1/actions')
        .set('Authorization', callers.owner)
        .send(
          Object.assign(
            {
              title: 'x',
              entityRef: 'component:default/checkout-api',
              owner: 'user:default/chen',
              priority: 'P1',
              dueDate: tomorrow,
            },
            body,
          ),
        );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    const id = created.body.id;
    // Chen may not manage the entity's actions, but owns this one: status only.
    const retitle = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', callers.chen)
      .set('If-Match', '"1"')
      .send({ title: 'Mine now' });
    expect(retitle.status).toBe(403);
    const started = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', callers.chen)
      .set('If-Match', '"1"')
      .send({ status: 'in-progress' });
    expect(started.status).toBe(200);
    const done = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', callers.chen)
      .set('If-Match', '"2"')
      .send({ status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', closedOnTime: true });
    const badMove = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', callers.owner)
      .set('If-Match', '"3"')
      .send({ status: 'in-progress' });
    expect(badMove.status).toBe(400);
    expect(badMove.body.error.message).toContain(
      "'status': an action cannot go from done to in-progress",
    );
    const stale = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', callers.owner)
      .set('If-Match', '"1"')
      .send({ status: 'open' });
    expect(stale.status).toBe(412);
  });

  it('lists actions by owner group, child groups included, page by page', async () => {
    const due = (d: number) =>
      new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    for (const d of [3, 4, 5]) {
      await request(server)
        .post('/api/reliability/v1/actions')
        .set('Authorization', callers.owner)
        .send({
          title: `due in ${d}`,
          entityRef: 'component:default/checkout-api',
          owner: 'group:default/checkout-team',
          priority: 'P2',
          dueDate: due(d),
        });
    }
    const first = await request(server)
      .get('/api/reliability/v1/actions?owner=group:default/commerce&limit=2')
      .set('Authorization', callers.owner);
    expect(first.status).toBe(200);
    expect(first.body.items.map((a: { title: string }) => a.title)).toEqual([
      'due in 3',
      'due in 4',
    ]);
    const second = await request(server)
      .get(
        `/api/reliability/v1/actions?owner=group:default/commerce&limit=2&cursor=${first.body.nextCursor}`,
      )
      .set('Authorization', callers.owner);
    expect(second.body.items.map((a: { title: string }) => a.title)).toEqual([
      'due in 5',
    ]);
    expect(second.body.nextCursor).toBeNull();
    const bad = await request(server)
      .get(
        '/api/reliability/v1/actions?owner=group:default/commerce&limit=1000',
      )
      .set('Authorization', callers.owner);
    expect(bad.status).toBe(400);
    const badCursor = await request(server)
      .get(
        '/api/reliability/v1/actions?owner=group:default/commerce&cursor=nope',
      )
      .set('Authorization', callers.owner);
    expect(badCursor.status).toBe(400);
    const entityActions = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/actions',
      )
      .set('Authorization', callers.owner);
    expect(
      entityActions.body.items.map((a: { title: string }) => a.title),
    ).toEqual(['due in 3', 'due in 4', 'due in 5']);
    const summary = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/summary',
      )
      .set('Authorization', callers.owner);
    expect(summary.body.actions).toEqual({
      open: 3,
      overdue: 0,
      oldestAgeDays: 0,
    });
  });

  it('imports a CSV backlog: a dry run reports, a real run writes all or nothing', async () => {
    const csv = backlogCsv;
    const dry = await request(server)
      .post('/api/reliability/v1/actions/import?dryRun=true')
      .set('Authorization', callers.owner)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(dry.status).toBe(200);
    // "Add a canary" exists already on that entity: skipped.
    expect(dry.body).toEqual({
      dryRun: true,
      total: 3,
      create: 2,
      skip: 1,
      errors: [],
    });
    const before = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/actions?status=all',
      )
      .set('Authorization', callers.owner);

    const bad = await request(server)
      .post('/api/reliability/v1/actions/import')
      .set('Authorization', callers.owner)
      .send({
        actions: [
          {
            title: 'ok',
            entityRef: 'component:default/checkout-api',
            owner: 'user:default/chen',
            priority: 'P1',
            dueDate: '2027-01-01',
          },
          {
            title: 'late',
            entityRef: 'component:default/checkout-api',
            owner: 'user:default/chen',
            priority: 'P1',
            dueDate: '2026-01-01',
            createdAt: '2026-02-01',
          },
          {
            title: 'who',
            entityRef: 'component:default/checkout-api',
            owner: 'group:default/ghosts',
            priority: 'P1',
            dueDate: '2027-01-01',
          },
          {
            title: 'x',
            entityRef: 'component:default/checkout-api',
            owner: 'user:default/chen',
            priority: 'P9',
            dueDate: '2027-01-01',
            color: 'red',
          },
        ],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      "Nothing imported: row 2 'dueDate': 2026-01-01 is before the action's creation (2026-02-01)",
    );
    expect(bad.body.error.message).toContain(
      "row 3 'owner': group:default/ghosts is not in the catalog",
    );
    expect(bad.body.error.message).toContain("row 4 'color': unknown column");
    const unchanged = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/actions?status=all',
      )
      .set('Authorization', callers.owner);
    expect(unchanged.body.items).toHaveLength(before.body.items.length);

    const real = await request(server)
      .post('/api/reliability/v1/actions/import')
      .set('Authorization', callers.owner)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(real.body).toMatchObject({ dryRun: false, create: 2, skip: 1 });
    const after = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/actions?status=all',
      )
      .set('Authorization', callers.owner);
    expect(after.body.items).toHaveLength(before.body.items.length + 2);
    const imported = after.body.items.find(
      (a: { title: string }) => a.title === 'Imported: add dashboards',
    );
    expect(imported).toMatchObject({
      overdue: true,
      createdAt: '2026-09-01T00:00:00.000Z',
    });

    const refused = await request(server)
      .post('/api/reliability/v1/actions/import')
      .set('Authorization', callers.outsider)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(refused.status).toBe(403);
  });

  it('refuses an import over 1,000 rows with 413', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => ({ title: `t${i}` }));
    const tooMany = await request(server)
      .post('/api/reliability/v1/actions/import?dryRun=true')
      .set('Authorization', callers.owner)
      .send({ actions: rows });
    expect(tooMany.status).toBe(413);
  });

  it.each([
    ['post', '/api/reliability/v1/actions/import'],
    ['post', '/api/reliability/v1/actions'],
    ['get', '/api/reliability/v1/actions?owner=group:default/commerce'],
    ['patch', '/api/reliability/v1/actions/1'],
    [
      'get',
      '/api/reliability/v1/entities/component/default/checkout-api/actions',
    ],
  ])('answers 401 to %s %s without credentials', async (method, url) => {
    expect((await (request(server) as any)[method](url)).status).toBe(401);
  });

  it('refuses the wrong user', async () => {
    expect(
      (
        await request(server)
          .get(
            '/api/reliability/v1/entities/component/default/checkout-api/actions',
          )
          .set('Authorization', callers.outsider)
      ).status,
    ).toBe(403);
    const created = await request(server)
      .post('/api/reliability/v1/actions')
      .set('Authorization', callers.owner)
      .send({
        title: 'Rotate the signing key',
        entityRef: 'component:default/checkout-api',
        owner: 'user:default/chen',
        priority: 'P2',
        dueDate: new Date(Date.now() + 7 * 86_400_000)
          .toISOString()
          .slice(0, 10),
      });
    expect(created.status).toBe(201);
    // Refused before the checks against the stored action: without
    // If-Match, with a stale one, or with a due date before its creation,
    // the outsider learns a 403, not its version (409/412) or dates (400).
    for (const [ifMatch, body] of [
      [undefined, { title: 'Mine now' }],
      ['"7"', { title: 'Mine now' }],
      ['"1"', { dueDate: '2001-01-01' }],
    ] as const) {
      const patch = request(server)
        .patch(`/api/reliability/v1/actions/${created.body.id}`)
        .set('Authorization', callers.outsider);
      const res = await (ifMatch ? patch.set('If-Match', ifMatch) : patch).send(
        body,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).not.toMatch(/version|creation/);
    }
  });
});
