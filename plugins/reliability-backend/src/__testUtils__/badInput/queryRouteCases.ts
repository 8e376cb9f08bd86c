import { BAD_TIMESTAMPS, BadInputCase, queryCases } from './badInputCase';
import { CHECKOUT } from './badInputBackend';

const API = '/api/reliability/v1';

/** Timestamps as query strings take them. */
const BAD_QUERY_TIMESTAMPS = BAD_TIMESTAMPS.map(
  ([label, value]) => [label, String(value)] as [string, string],
);

const BAD_COUNTS: Array<[string, string]> = [
  ['zero', '0'],
  ['a fraction', '2.5'],
  ['a word', 'ten'],
  ['beyond the page size', '101'],
];

/** Every query parameter of every route, with values it must refuse. */
export function queryRouteCases(): BadInputCase[] {
  const slo = `${CHECKOUT}/slos/availability`;
  const owner = { owner: 'user:default/ana' };
  const GETS = [
    '/api/reliability/v1/tiers',
    `${CHECKOUT}/summary`,
    `${CHECKOUT}/slos`,
    `${CHECKOUT}/deploy-gate`,
    `${CHECKOUT}/budget-exceptions`,
    `${CHECKOUT}/readiness`,
    `${CHECKOUT}/actions`,
    `${CHECKOUT}/incidents`,
    `${CHECKOUT}/oncall`,
    `${slo}/status`,
    `${slo}/series`,
    `${API}/rotations/payments-primary`,
    `${API}/rotations`,
    `${API}/readiness/reviews`,
    `${API}/overview`,
    `${API}/teams/default/payments/scorecard`,
    `${API}/teams/default/payments/trends`,
  ];
  return [
    ...GETS.map(
      (path): BadInputCase => ({
        name: `GET ${path}: an unknown query parameter`,
        method: 'get',
        path,
        query: { fields: 'all' },
        status: 400,
        names: "'fields'",
      }),
    ),
    ...queryCases(`${slo}/status`, 'at', BAD_QUERY_TIMESTAMPS),
    ...queryCases(`${CHECKOUT}/oncall`, 'at', BAD_QUERY_TIMESTAMPS),
    ...queryCases(`${CHECKOUT}/incidents`, 'since', BAD_QUERY_TIMESTAMPS),
    ...queryCases(`${slo}/series`, 'from', BAD_QUERY_TIMESTAMPS),
    ...queryCases(`${slo}/series`, 'to', BAD_QUERY_TIMESTAMPS.slice(0, 5)),
    ...queryCases(`${slo}/series`, 'step', [
      ['a word', 'hourly'],
      ['too many points', '1m'],
    ]),
    ...queryCases(`${API}/actions`, 'owner', [
      ['missing', ''],
      ['a Component', 'component:default/checkout'],
    ]),
    ...queryCases(`${API}/actions`, 'limit', BAD_COUNTS, owner),
    ...queryCases(
      `${API}/actions`,
      'cursor',
      [
        ['not base64url JSON', 'not-a-cursor'],
        ['201 characters', 'c'.repeat(201)],
      ],
      owner,
    ),
    ...queryCases(`${API}/actions`, 'overdue', [['yes', 'yes']], owner),
    ...queryCases(`${API}/actions`, 'status', [['closed', 'closed']], owner),
    ...queryCases(`${CHECKOUT}/actions`, 'status', [['closed', 'closed']]),
    ...queryCases(`${API}/rotations`, 'owner', [
      ['a User', 'user:default/ana'],
    ]),
    ...queryCases(`${API}/readiness/reviews`, 'state', [['open', 'open']]),
    ...queryCases(`${API}/readiness/reviews`, 'limit', BAD_COUNTS),
    ...queryCases(`${API}/readiness/reviews`, 'cursor', [
      ['not base64url JSON', '!!!'],
      ['201 characters', 'c'.repeat(201)],
    ]),
    ...queryCases(`${API}/overview`, 'limit', BAD_COUNTS.slice(0, 3)),
    ...queryCases(`${API}/overview`, 'kind', [['Planet', 'Planet']]).map(c => ({
      ...c,
      names: "'kind.0'",
    })),
    ...queryCases(`${API}/overview`, 'q', [
      ['101 characters', 'q'.repeat(101)],
    ]),
    ...queryCases(`${API}/overview`, 'sort', [['unknown', 'colour']]),
    ...queryCases(`${API}/overview`, 'gap', [['unknown', 'no-coffee']]).map(
      c => ({ ...c, names: "'gap.0'" }),
    ),
    ...queryCases(`${API}/teams/default/payments/trends`, 'days', [
      ['zero', '0'],
      ['401', '401'],
      ['a word', 'ninety'],
    ]),
    ...queryCases(`${API}/actions/import`, 'dryRun', [['yes', 'yes']]).map(
      (c): BadInputCase => ({
        ...c,
        method: 'post',
        name: `POST ${c.name.slice(4)}`,
        body: { actions: [] },
      }),
    ),
  ];
}
