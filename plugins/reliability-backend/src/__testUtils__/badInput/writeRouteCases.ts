import {
  BAD_TEXT,
  BAD_TIMESTAMPS,
  BadInputCase,
  fieldCases,
  Mutation,
  routeCases,
} from './badInputCase';
import {
  CHECKOUT,
  dateIn,
  isoIn,
  rotationBody,
  Seeded,
} from './badInputBackend';
import { sloRouteCases } from './sloRouteCases';

const API = '/api/reliability/v1';
/** A link that runs code when followed: links must be http(s). */
// eslint-disable-next-line no-script-url -- the value the API must refuse
const SCRIPT_URL = 'javascript:alert(1)';

/** Timestamps of things that happened: the bad ones, and the future. */
const happenedCases = (path: string): Mutation[] =>
  fieldCases(path, [...BAD_TIMESTAMPS, ['tomorrow', isoIn(1)]]);

/** Dates without a time that no date field takes. */
const BAD_DATES: Array<[string, unknown]> = [
  ['30 February', '2027-02-30'],
  ['month 13', '2027-13-01'],
  ['a timestamp', '2027-01-15T00:00:00Z'],
  ['day first', '15.01.2027'],
];

/** Every write route with a valid request and the ways to break it. */
export function writeRouteCases(seeded: Seeded): BadInputCase[] {
  const incident = `${API}/incidents/${seeded.incidentId}`;
  const action = `${API}/actions/${seeded.actionId}`;
  const rotation = `${API}/rotations/payments-primary`;
  const ifMatch1 = { 'if-match': '"1"' };
  return [
    ...sloRouteCases(seeded),
    ...routeCases(
      {
        method: 'post',
        path: `${API}/incidents`,
        body: {
          title: 'Checkout slow',
          severity: 'SEV2',
          entityRefs: ['component:default/checkout'],
          startedAt: isoIn(-1),
        },
      },
      [
        ...fieldCases('title', [
          ...BAD_TEXT,
          ['empty', ''],
          ['301 characters', 't'.repeat(301)],
        ]),
        ...fieldCases('severity', [['not configured', 'SEV9']]),
        ...fieldCases('entityRefs', [
          ['empty', []],
          ['21 entities', Array(21).fill('component:default/checkout')],
        ]),
        ...fieldCases(
          'entityRefs.0',
          [
            ['not a ref', 'checkout'],
            ['192 characters', `component:default/${'c'.repeat(174)}`],
          ],
          "'entityRefs.0'",
        ),
        ...happenedCases('startedAt'),
        ...happenedCases('resolvedAt'),
        ...fieldCases('detectedAt', [['a number', 5]]),
        ...fieldCases('externalUrl', [
          ['a script URL', SCRIPT_URL],
          ['ftp', 'ftp://example.com/x'],
        ]),
        [
          'resolvedAt: before startedAt',
          body => ({ ...body, resolvedAt: isoIn(-2) }),
          "'resolvedAt'",
        ],
      ],
    ),
    ...routeCases(
      {
        method: 'patch',
        path: incident,
        body: { title: 'Checkout slower' },
        headers: ifMatch1,
      },
      [
        ['an empty change', () => ({}), 'must change at least one field'],
        ...happenedCases('mitigatedAt'),
        ...fieldCases('title', [['empty', '']]),
        ...fieldCases('severity', [['not configured', 'SEV9']]),
      ],
    ),
    ...routeCases(
      {
        method: 'put',
        path: `${incident}/postmortem`,
        body: { status: 'in-review' },
      },
      [
        ...fieldCases('status', [['unknown', 'done']]),
        ...fieldCases('documentUrl', [['not a URL', 'docs/pm.md']]),
        ...fieldCases('summary', [
          ['10,001 characters', 's'.repeat(10_001)],
          ['a control character', 'It broke \u0000 badly'],
        ]),
      ],
    ),
    ...routeCases(
      {
        method: 'post',
        path: `${API}/actions`,
        body: {
          title: 'Alert on checkout latency',
          entityRef: 'component:default/checkout',
          owner: 'user:default/ana',
          priority: 'P2',
          dueDate: dateIn(10),
        },
      },
      [
        ...fieldCases('title', [...BAD_TEXT, ['empty', '   ']]),
        ...fieldCases('entityRef', [
          ['a User', 'user:default/ana'],
          ['a Location', 'location:default/root'],
          ['not a ref', 'checkout'],
        ]),
        ...fieldCases('owner', [
          ['a Component', 'component:default/checkout'],
          ['192 characters', `user:default/${'a'.repeat(179)}`],
        ]),
        ...fieldCases('priority', [['P9', 'P9']]),
        ...fieldCases('dueDate', [
          ...BAD_DATES,
          ['yesterday', dateIn(-1)],
          ['beyond the two-year horizon', dateIn(800)],
        ]),
        ...fieldCases('incidentId', [['a word', 'abc']]),
        ...fieldCases('ticketUrl', [['a script URL', SCRIPT_URL]]),
      ],
    ),
    ...routeCases(
      {
        method: 'patch',
        path: action,
        body: { priority: 'P0' },
        headers: ifMatch1,
      },
      [
        ['an empty change', () => ({}), 'must change at least one field'],
        ...fieldCases('dueDate', [
          ['1999, before the creation', '1999-06-01'],
          ['yesterday, before the creation', dateIn(-1)],
          ['beyond the horizon', dateIn(800)],
          ...BAD_DATES,
        ]),
        ...fieldCases('status', [['unknown', 'closed']]),
        ...fieldCases('owner', [['not a ref', 'ana']]),
        ...fieldCases('title', BAD_TEXT),
      ],
    ),
    ...routeCases(
      {
        method: 'post',
        path: `${API}/actions/import`,
        query: { dryRun: 'true' },
        body: {
          actions: [
            {
              title: 'Imported: dashboards',
              entityRef: 'component:default/checkout',
              owner: 'user:default/ana',
              priority: 'P3',
              dueDate: dateIn(20),
            },
          ],
        },
      },
      [...fieldCases('actions', [['a string', 'all of them']])],
    ),
    ...routeCases(
      { method: 'put', path: rotation, body: { ...rotationBody, version: 1 } },
      [
        ...fieldCases('name', [
          ...BAD_TEXT,
          ['101 characters', 'n'.repeat(101)],
        ]),
        ...fieldCases('team', [['a User', 'user:default/ana']]),
        ...fieldCases('timeZone', [['unknown', 'Mars/Olympus_Mons']]),
        ...fieldCases('handoffAnchor', [
          ['year 0001', '0001-01-05T09:00'],
          ['with an offset', '2026-03-02T09:00:00Z'],
          ['30 February', '2026-02-30T09:00'],
        ]),
        ...fieldCases('shiftLength', [
          ['30 minutes', 'PT30M'],
          ['two years', 'P2Y'],
          ['a word', 'weekly'],
        ]),
        ...fieldCases('levels', [
          ['empty', []],
          ['6 levels', Array(6).fill({ users: ['user:default/ana'] })],
        ]),
        ...fieldCases('levels.0.users', [['empty', []]]),
        ...fieldCases('levels.0.users.0', [
          ['a Group', 'group:default/payments'],
        ]),
        ...fieldCases('version', [['zero', 0]]),
      ],
    ),
    ...routeCases({ method: 'delete', path: rotation, headers: ifMatch1 }, []),
    ...routeCases(
      {
        method: 'post',
        path: `${rotation}/overrides`,
        body: { start: isoIn(3), end: isoIn(4), user: 'user:default/ana' },
      },
      [
        ...fieldCases('start', BAD_TIMESTAMPS),
        ...fieldCases('end', [
          ...BAD_TIMESTAMPS,
          ['before start', isoIn(2)],
          ['beyond the horizon', isoIn(800)],
        ]),
        ...fieldCases('user', [['a Group', 'group:default/payments']]),
        ...fieldCases('level', [
          ['6', 6],
          ['a fraction', 1.5],
        ]),
      ],
    ),
    ...routeCases(
      {
        method: 'post',
        path: `${CHECKOUT}/readiness/attestations`,
        body: {
          itemId: 'rollback',
          evidenceUrl: 'https://wiki.example.com/rb',
        },
      },
      [
        ...fieldCases('itemId', [
          ['empty', ''],
          ['64 characters', 'i'.repeat(64)],
        ]),
        ...fieldCases('evidenceUrl', [['not a URL', 'the wiki']]),
        ...fieldCases('note', [['a control character', 'See \u001B[31m']]),
      ],
    ),
    ...routeCases(
      {
        method: 'post',
        path: `${CHECKOUT}/readiness/waivers`,
        body: {
          itemId: 'runbook',
          reason: 'DR test booked for January',
          expiresAt: isoIn(20),
        },
      },
      [
        ...fieldCases('reason', [...BAD_TEXT, ['9 characters', 'Too short']]),
        ...fieldCases('expiresAt', [
          ...BAD_TIMESTAMPS,
          ['in the past', isoIn(-1)],
        ]),
      ],
    ),
    ...routeCases(
      {
        method: 'post',
        path: `${CHECKOUT}/readiness/reviews`,
        body: { targetLaunchDate: dateIn(40) },
      },
      fieldCases('targetLaunchDate', [
        ...BAD_DATES,
        ['1900', '1900-01-01'],
        ['yesterday', dateIn(-1)],
        ['beyond the horizon', dateIn(800)],
      ]),
    ),
    ...routeCases(
      {
        method: 'post',
        path: `${API}/readiness/reviews/${seeded.reviewId}/decision`,
        body: { decision: 'approve' },
      },
      [
        ...fieldCases('decision', [['unknown', 'maybe']]),
        ...fieldCases('comment', [['4,001 characters', 'c'.repeat(4001)]]),
      ],
    ),
    ...routeCases(
      {
        method: 'delete',
        path: `${CHECKOUT}/readiness/attestations/${seeded.attestationId}`,
      },
      [],
    ),
    ...routeCases(
      {
        method: 'delete',
        path: `${rotation}/overrides/${seeded.overrideId}`,
      },
      [],
    ),
    ...routeCases({ method: 'delete', path: incident, headers: ifMatch1 }, []),
    ...routeCases({ method: 'delete', path: action, headers: ifMatch1 }, []),
    ...routeCases(
      {
        method: 'delete',
        path: `${CHECKOUT}/readiness/waivers/${seeded.waiverId}`,
      },
      [],
    ),
    ...[
      ['patch', `${API}/incidents/abc`, "'id'"],
      ['patch', `${API}/actions/1e3`, "'id'"],
      ['put', `${API}/incidents/-1/postmortem`, "'id'"],
      ['put', `${API}/rotations/Payments_Primary`, "'rotationId'"],
      ['put', `${CHECKOUT}/slos/Availability!`, "'sloName'"],
      ['post', `${API}/readiness/reviews/x/decision`, "'id'"],
      ['delete', `${CHECKOUT}/readiness/attestations/first`, "'id'"],
      ['delete', `${rotation}/overrides/latest`, "'overrideId'"],
      ['delete', `${API}/incidents/abc`, "'id'"],
      ['delete', `${API}/actions/1e3`, "'id'"],
      ['delete', `${CHECKOUT}/slos/Availability!`, "'sloName'"],
      ['delete', `${CHECKOUT}/budget-exceptions/newest`, "'id'"],
      ['delete', `${CHECKOUT}/readiness/waivers/-1`, "'id'"],
      [
        'post',
        `/api/reliability/v1/entities/component/default/check_out!/budget-exceptions`,
        "'name'",
      ],
    ].map(
      ([method, path, names]): BadInputCase => ({
        name: `${method.toUpperCase()} ${path}: a malformed path parameter`,
        method: method as BadInputCase['method'],
        path,
        body: { title: 'x' },
        headers: ifMatch1,
        status: 400,
        names,
      }),
    ),
    ...[
      ['patch', incident, 'W/"three"'],
      ['patch', action, '"1", "2"'],
      ['delete', rotation, '*'],
      ['delete', incident, 'W/"three"'],
      ['delete', action, '"1", "2"'],
      ['delete', `${CHECKOUT}/slos/availability`, '*'],
      [
        'delete',
        `${CHECKOUT}/budget-exceptions/${seeded.budgetExceptionId}`,
        'abc',
      ],
      ['delete', `${CHECKOUT}/readiness/waivers/${seeded.waiverId}`, '"x"'],
    ].map(
      ([method, path, header]): BadInputCase => ({
        name: `${method.toUpperCase()} ${path}: If-Match ${header}`,
        method: method as BadInputCase['method'],
        path,
        body: method === 'delete' ? undefined : { title: 'Checkout slower' },
        headers: { 'if-match': header },
        status: 400,
        names: 'If-Match',
      }),
    ),
  ];
}
