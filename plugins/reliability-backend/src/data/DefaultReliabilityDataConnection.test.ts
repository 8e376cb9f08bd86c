import { startConnectedBackend } from './__testUtils__/startConnectedBackend';

jest.setTimeout(60_000);

const DAY = 24 * 3_600_000;

describe('DefaultReliabilityDataConnection', () => {
  it('is connected once, before the plugin serves, with the provider named in audit events', async () => {
    const { connection, events } = await startConnectedBackend();
    expect(connection).toBeDefined();
    await connection.incidents.createIncident(
      {
        title: 'Checkout slow',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout'],
        startedAt: '2026-11-20T10:00:00Z',
        resolvedAt: '2026-11-20T11:00:00Z',
      },
      { actor: 'user:default/ana', at: new Date('2026-11-20T12:00:00Z') },
    );
    expect(events).toEqual([
      {
        eventId: 'incident-create',
        meta: {
          entityRefs: ['component:default/checkout'],
          severity: 'SEV2',
          provider: 'test-import',
          actor: 'user:default/ana',
          at: '2026-11-20T12:00:00.000Z',
        },
        outcome: 'success',
        result: { id: expect.stringMatching(/^\d+$/) },
      },
    ]);
  });

  it('writes records with their own times, readable through the API', async () => {
    const { connection, get } = await startConnectedBackend();
    const incident = await connection.incidents.createIncident(
      {
        title: 'Checkout down',
        severity: 'SEV1',
        entityRefs: ['Component:default/Checkout'],
        startedAt: '2026-11-01T10:00:00Z',
        mitigatedAt: '2026-11-01T10:30:00Z',
      },
      { actor: 'user:default/ana', at: new Date('2026-11-01T11:00:00Z') },
    );
    await connection.incidents.putPostmortem(
      incident.id,
      { status: 'published', documentUrl: 'https://docs.example/pm/1' },
      { actor: 'user:default/ana', at: new Date('2026-11-04T09:00:00Z') },
    );
    const action = await connection.incidents.createAction(
      {
        title: 'Add a canary',
        entityRef: 'component:default/checkout',
        owner: 'group:default/payments',
        priority: 'P1',
        dueDate: '2026-11-20',
        incidentId: incident.id,
      },
      { actor: 'user:default/ana', at: new Date('2026-11-02T09:00:00Z') },
    );
    await connection.incidents.setActionStatus(action, 'done', {
      actor: 'user:default/ana',
      at: new Date('2026-11-10T09:00:00Z'),
    });

    const { items } = await get(
      '/v1/entities/component/default/checkout/incidents?since=2026-10-01T00:00:00Z',
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      title: 'Checkout down',
      startedAt: '2026-11-01T10:00:00.000Z',
      postmortem: {
        status: 'published',
        publishedAt: '2026-11-04T09:00:00.000Z',
      },
    });
    const actions = await get(
      '/v1/entities/component/default/checkout/actions?status=all',
    );
    expect(actions.items).toMatchObject([
      { title: 'Add a canary', status: 'done', version: 2 },
    ]);
  });

  it('refuses bad input as the API does, naming the field, and writes nothing', async () => {
    const { connection, events, get } = await startConnectedBackend();
    const by = {
      actor: 'user:default/ana',
      at: new Date('2026-11-20T12:00:00Z'),
    };
    await expect(
      connection.incidents.createIncident(
        {
          title: 'Bad',
          severity: 'SEV9',
          entityRefs: ['component:default/checkout'],
          startedAt: '2026-11-20T10:00:00Z',
        },
        by,
      ),
    ).rejects.toThrow("Invalid request body 'severity'");
    await expect(
      connection.incidents.createIncident(
        {
          title: 'Out of order',
          severity: 'SEV2',
          entityRefs: ['component:default/checkout'],
          startedAt: '2026-11-20T10:00:00Z',
          resolvedAt: '2026-11-20T09:00:00Z',
        },
        by,
      ),
    ).rejects.toThrow(/resolvedAt/);
    await expect(
      connection.incidents.createIncident(
        {
          title: 'Nowhere',
          severity: 'SEV2',
          entityRefs: ['component:default/missing'],
          startedAt: '2026-11-20T10:00:00Z',
        },
        by,
      ),
    ).rejects.toThrow("No entity 'component:default/missing' in the catalog");
    await expect(
      connection.incidents.createAction(
        {
          title: 'Too late',
          entityRef: 'component:default/checkout',
          owner: 'group:default/payments',
          priority: 'P1',
          dueDate: '2026-11-19',
        },
        by,
      ),
    ).rejects.toThrow(
      "Invalid request body 'dueDate': 2026-11-19 is before the action's creation",
    );
    await expect(
      connection.onCall.putRotation(
        'payments',
        {
          name: 'Payments',
          team: 'group:default/payments',
          timeZone: 'Nowhere/Land',
          handoffAnchor: '2026-11-02T09:00',
          shiftLength: 'P1W',
          levels: [{ users: ['user:default/ana'] }],
        },
        by,
      ),
    ).rejects.toThrow("Invalid request body 'timeZone'");
    await expect(
      connection.slis.writeMinutes(
        { entityRef: 'component:default/checkout', slo: 'none' },
        [{ start: 0, good: 1, total: 1 }],
      ),
    ).rejects.toThrow("No SLO 'none'");

    // Validation fails before any audit event: nothing was attempted.
    expect(events).toEqual([]);
    expect(
      (
        await get(
          '/v1/entities/component/default/checkout/incidents?since=2026-01-01T00:00:00Z',
        )
      ).items,
    ).toEqual([]);
    expect((await get('/v1/rotations')).items).toEqual([]);
  });

  it('applies the readiness rules to provider writes', async () => {
    const { connection } = await startConnectedBackend();
    const at = new Date();
    const by = (actor: string) => ({ actor, at });
    await expect(
      connection.readiness.attest(
        'component:default/checkout',
        { itemId: 'made-up', evidenceUrl: 'https://wiki.example/x' },
        by('user:default/ana'),
      ),
    ).rejects.toThrow(
      "Invalid request body 'itemId': 'made-up' is not an item of this entity's readiness template",
    );
    const review = await connection.readiness.requestReview(
      'component:default/checkout',
      {},
      by('user:default/ana'),
    );
    await expect(
      connection.readiness.decideReview(
        review.id,
        { decision: 'approve' },
        by('user:default/ana'),
      ),
    ).rejects.toThrow('Nobody decides their own review request');
    // No SLO, no rotation: required items fail.
    await expect(
      connection.readiness.decideReview(
        review.id,
        { decision: 'approve' },
        by('user:default/gita'),
      ),
    ).rejects.toThrow('Cannot approve: required items fail and are not waived');
    await connection.readiness.decideReview(
      review.id,
      { decision: 'reject', comment: 'Not yet.' },
      by('user:default/gita'),
    );
    expect(await connection.readiness.hasReviews()).toBe(true);
  });

  it('loads team history only before the first stored day', async () => {
    const { connection } = await startConnectedBackend();
    const snapshot = (day: string, value: number) => ({
      teamRef: 'Group:default/Payments',
      day,
      values: { 'slo-coverage': value },
      computedAt: new Date(`${day}T12:00:00Z`),
    });
    await connection.teams.loadHistory([
      snapshot('2026-11-20', 0.5),
      snapshot('2026-11-21', 0.6),
    ]);
    await expect(
      connection.teams.loadHistory([
        snapshot('2026-11-19', 0.4),
        snapshot('2026-11-21', 0.9),
      ]),
    ).rejects.toThrow(
      'Invalid snapshot [1].day: group:default/payments has snapshots from 2026-11-20 on',
    );
    await expect(
      connection.teams.loadHistory([snapshot('21.11.2026', 0.9)]),
    ).rejects.toThrow("Invalid request body '0.day': must be a date");
    const stored = await connection.teams.listSnapshots(
      'group:default/payments',
      '2026-01-01',
    );
    // Nothing of the refused batches was written.
    expect(stored.map(s => [s.day, s.values['slo-coverage']])).toEqual([
      ['2026-11-20', 0.5],
      ['2026-11-21', 0.6],
    ]);
  });

  it('refuses a record dated ahead of the clock or before 2000, or by someone not in the catalog', async () => {
    const { connection, events } = await startConnectedBackend();
    const incident = {
      title: 'Checkout slow',
      severity: 'SEV2',
      entityRefs: ['component:default/checkout'],
      startedAt: '2026-11-20T10:00:00Z',
    };
    await expect(
      connection.incidents.createIncident(incident, {
        actor: 'user:default/ana',
        at: new Date(Date.now() + DAY),
      }),
    ).rejects.toThrow("Invalid record 'at'");
    await expect(
      connection.incidents.createIncident(incident, {
        actor: 'user:default/ana',
        at: new Date('1999-12-31T00:00:00Z'),
      }),
    ).rejects.toThrow('is before 2000');
    await expect(
      connection.incidents.createIncident(incident, {
        actor: 'user:default/nobody',
        at: new Date(),
      }),
    ).rejects.toThrow(
      "Invalid record 'actor': user:default/nobody is not a User in the catalog",
    );
    await expect(
      connection.incidents.createIncident(incident, {
        actor: ' ',
        at: new Date(),
      }),
    ).rejects.toThrow("Invalid record 'actor': must be 1 to 200 characters");
    expect(events).toEqual([]);
    expect(await connection.incidents.hasIncidents()).toBe(false);
  });

  it('writes rotations and overrides for people in the catalog', async () => {
    const { connection, get } = await startConnectedBackend();
    const at = new Date();
    const rotation = {
      name: 'Payments',
      team: 'group:default/payments',
      timeZone: 'Europe/Berlin',
      handoffAnchor: '2026-11-02T09:00',
      shiftLength: 'P1W',
      levels: [{ users: ['user:default/ana'] }],
    };
    expect(await connection.onCall.hasRotations()).toBe(false);
    await connection.onCall.putRotation('payments', rotation, {
      actor: 'user:default/ana',
      at,
    });
    // Replacing it takes the new fields (a provider's record wins).
    await connection.onCall.putRotation(
      'payments',
      { ...rotation, name: 'Payments primary' },
      { actor: 'user:default/ana', at },
    );
    const start = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    await connection.onCall.addOverride(
      'payments',
      {
        user: 'user:default/gita',
        start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
      },
      { actor: 'user:default/ana', at },
    );
    const stored = await get('/v1/rotations/payments');
    expect(stored).toMatchObject({
      name: 'Payments primary',
      version: 2,
      updatedBy: 'user:default/ana',
    });
    await expect(
      connection.onCall.addOverride(
        'nowhere',
        {
          user: 'user:default/gita',
          start: start.toISOString(),
          end: new Date(start.getTime() + 3_600_000).toISOString(),
        },
        { actor: 'user:default/ana', at },
      ),
    ).rejects.toThrow("No rotation 'nowhere'");
    await expect(
      connection.onCall.putRotation(
        'strangers',
        { ...rotation, levels: [{ users: ['user:default/stranger'] }] },
        { actor: 'user:default/ana', at },
      ),
    ).rejects.toThrow("'levels.0.users.0'");
  });

  it('moves actions only along their life cycle, and waives only template items', async () => {
    const { connection, get } = await startConnectedBackend();
    const at = new Date();
    const action = await connection.incidents.createAction(
      {
        title: 'Add a canary',
        entityRef: 'component:default/checkout',
        owner: 'group:default/payments',
        priority: 'P1',
        dueDate: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10),
      },
      { actor: 'user:default/ana', at },
    );
    await connection.incidents.setActionStatus(action, 'done', {
      actor: 'user:default/ana',
      at,
    });
    await expect(
      connection.incidents.setActionStatus(
        { id: action.id, version: 2 },
        'in-progress',
        { actor: 'user:default/ana', at },
      ),
    ).rejects.toThrow(
      "Invalid request body 'status': an action cannot go from done to in-progress",
    );
    await expect(
      connection.incidents.setActionStatus(action, 'open', {
        actor: 'user:default/ana',
        at,
      }),
    ).rejects.toMatchObject({ statusCode: 412 });

    await connection.readiness.waive(
      'component:default/checkout',
      {
        itemId: 'runbook',
        reason: 'The runbook moves to the new wiki this week.',
        expiresAt: new Date(Date.now() + 7 * DAY).toISOString(),
      },
      { actor: 'user:default/gita', at },
    );
    const readiness = await get(
      '/v1/entities/component/default/checkout/readiness',
    );
    expect(
      readiness.items.find((i: { id: string }) => i.id === 'runbook'),
    ).toMatchObject({
      status: 'waived',
      waiver: { approvedBy: 'user:default/gita' },
    });
    await expect(
      connection.readiness.waive(
        'component:default/checkout',
        {
          itemId: 'made-up',
          reason: 'Nothing to see here at all.',
          expiresAt: new Date(Date.now() + DAY).toISOString(),
        },
        { actor: 'user:default/gita', at },
      ),
    ).rejects.toThrow("Invalid request body 'itemId'");
  });

  it('refuses a decision dated before its request', async () => {
    const { connection } = await startConnectedBackend();
    const review = await connection.readiness.requestReview(
      'component:default/checkout',
      {},
      { actor: 'user:default/ana', at: new Date() },
    );
    await expect(
      connection.readiness.decideReview(
        review.id,
        { decision: 'reject' },
        { actor: 'user:default/gita', at: new Date(Date.now() - DAY) },
      ),
    ).rejects.toThrow(`is before review ${review.id} was requested`);
  });

  it('loads team history of Groups, with known KPIs, before today only', async () => {
    const { connection } = await startConnectedBackend();
    const day = (ago: number) =>
      new Date(Date.now() - ago * DAY).toISOString().slice(0, 10);
    const snapshot = (d: string, values: Record<string, number | null>) => ({
      teamRef: 'group:default/payments',
      day: d,
      values,
      computedAt: new Date(`${d}T12:00:00Z`),
    });
    await expect(
      connection.teams.loadHistory([snapshot(day(0), { mtta: 4 })]),
    ).rejects.toThrow("Invalid request body '0.day'");
    await expect(
      connection.teams.loadHistory([snapshot(day(1), { made_up: 1 } as any)]),
    ).rejects.toThrow("Invalid request body '0.values");
    await expect(
      connection.teams.loadHistory([
        { ...snapshot(day(1), { mtta: 4 }), teamRef: 'user:default/ana' },
      ]),
    ).rejects.toThrow("Invalid request body '0.teamRef': must be a Group ref");
    await expect(
      connection.teams.loadHistory([snapshot('2026-13-45', { mtta: 4 })]),
    ).rejects.toThrow("Invalid request body '0.day': must be a date");
    expect(
      await connection.teams.listSnapshots(
        'group:default/payments',
        '2000-01-01',
      ),
    ).toEqual([]);
  });
});
