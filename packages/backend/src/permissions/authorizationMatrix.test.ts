/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectCell"] }] -- expectCell asserts each cell */
import { TestDatabases } from '@backstage/backend-test-utils';
import { bolaCases } from './__testUtils__/bolaCases';
import {
  ExpectedRow,
  expectedReads,
  expectedWrites,
} from './__testUtils__/expectedMatrix';
import {
  DatabaseRows,
  fingerprint,
  MatrixBackend,
  MatrixRequest,
  Principal,
  readRows,
  restoreRows,
  startMatrixBackend,
} from './__testUtils__/matrixBackend';
import { seedMatrix, SeededForBob } from './__testUtils__/matrixSeed';
import {
  MatrixIds,
  specWriteOperations,
  writeRoutes,
} from './__testUtils__/writeRoutes';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const PRINCIPALS: Array<[Principal, string]> = [
  ['alice', 'alice, owner of checkout'],
  ['bob', 'bob, member of another team'],
  ['sam', 'sam, SRE (the approver group)'],
  ['token', 'the static API token, default permissions'],
  ['none', 'no credentials'],
];

let backend: MatrixBackend;
let seeded: MatrixIds;
let bobs: SeededForBob;
/** The seeded state every cell starts from. */
let baseline: DatabaseRows;
/** What each cell answered, for the summary. */
const outcomes = new Map<Principal, Map<string, number>>();

beforeAll(async () => {
  backend = await startMatrixBackend(databases);
  ({ seeded, bob: bobs } = await seedMatrix(backend));
  baseline = await readRows(backend.knex);
});

afterAll(() => {
  const lines = PRINCIPALS.map(([who, title]) => {
    const counts = new Map<string, number>();
    for (const status of outcomes.get(who)?.values() ?? []) {
      const outcome = status < 300 ? '2xx' : String(status);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    }
    const tally = [...counts].map(([o, n]) => `${n} × ${o}`).join(', ');
    return `  ${title}: ${tally}`;
  });
  // eslint-disable-next-line no-console -- the summary the issue asks for
  console.log(
    `authorization matrix, cells per principal:\n${lines.join('\n')}`,
  );
});

/**
 * Runs one request on the seeded state and checks its status, its error,
 * and that a refusal (anything but a success) wrote nothing.
 */
async function expectCell(
  who: Principal,
  req: MatrixRequest,
  expected: { status: number; permission?: string; personOnly?: boolean },
  writes: boolean,
  prepare?: () => Promise<void>,
) {
  await restoreRows(backend.knex, baseline);
  await prepare?.();
  const before = fingerprint(await readRows(backend.knex));
  const res = await backend.send(who, req);
  const after = fingerprint(await readRows(backend.knex));

  expect({ status: res.status, error: res.body?.error?.message }).toEqual({
    status: expected.status,
    error: res.status < 300 ? undefined : expect.any(String),
  });
  if (expected.status === 401) {
    expect(res.body.error.name).toBe('AuthenticationError');
  }
  if (expected.status === 403) {
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body.error.message).toContain(
      who === 'token' && expected.personOnly
        ? "is a person's decision"
        : `'${expected.permission}'`,
    );
  }
  if (expected.status >= 300 || !writes) {
    expect(after).toBe(before);
  } else {
    // A success that wrote: proves the comparison sees writes at all.
    expect(after).not.toBe(before);
  }
  return res.status;
}

const prepareFor = (row: ExpectedRow) =>
  row.prepare === 'no pending review'
    ? async () => {
        await backend.must('sam', {
          method: 'post',
          path: `/api/reliability/v1/readiness/reviews/${seeded.reviewId}/decision`,
          body: { decision: 'reject' },
        });
      }
    : undefined;

/** Ids that only shape the table's keys, before anything is seeded. */
const KEY_IDS: MatrixIds = {
  incidentId: 0,
  actionId: 0,
  reviewId: 0,
  attestationId: 0,
  overrideId: 0,
  exceptionId: 0,
  waiverId: 0,
};
const operations = Object.keys(writeRoutes(KEY_IDS));

describe('the authorization matrix through the demo permission policy', () => {
  it("covers every write operation of the plugin's OpenAPI spec", () => {
    const spec = specWriteOperations();
    expect(spec).toContain('DELETE /v1/rotations/{rotationId}');
    expect([...operations].sort()).toEqual([...spec].sort());
    expect(Object.keys(expectedWrites).sort()).toEqual([...spec].sort());
  });

  describe.each(PRINCIPALS)('%s: %s', (who, _title) => {
    it.each(operations)(`${who}: %s`, async label => {
      const row = expectedWrites[label];
      const status = await expectCell(
        who,
        writeRoutes(seeded)[label],
        { ...row, status: row.status[who] },
        !row.readOnly,
        prepareFor(row),
      );
      outcomes.set(who, (outcomes.get(who) ?? new Map()).set(label, status));
    });

    it.each(Object.keys(expectedReads))(`${who}: %s`, async label => {
      const row = expectedReads[label];
      const status = await expectCell(
        who,
        row,
        { ...row, status: row.status[who] },
        false,
      );
      outcomes.set(who, (outcomes.get(who) ?? new Map()).set(label, status));
    });
  });
});

describe("bob swaps in the payments team's ids, in the URL and in the body", () => {
  it.each(bolaCases.map(c => [c.name, c] as const))('%s', async (_n, c) => {
    const req = c.request({ seeded, bob: bobs });
    await expectCell(
      'bob',
      req,
      { status: c.status, permission: c.permission },
      c.status < 300,
    );
  });
});
