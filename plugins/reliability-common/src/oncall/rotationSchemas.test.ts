import { overrideInputSchema, rotationInputSchema } from './rotationSchemas';

const valid = {
  name: 'Payments primary',
  team: 'Group:default/Payments',
  timeZone: 'Europe/Berlin',
  handoffAnchor: '2026-03-02T09:00',
  shiftLength: 'P1W',
  levels: [{ users: ['User:default/Ana', 'user:default/bruno'] }],
};

const firstIssue = (
  schema: typeof rotationInputSchema | typeof overrideInputSchema,
  input: unknown,
) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return {
    path: result.error.issues[0].path.join('.'),
    message: result.error.issues[0].message,
  };
};

describe('rotationInputSchema', () => {
  it('accepts a rotation and lower-cases its refs', () => {
    expect(rotationInputSchema.parse(valid)).toEqual({
      ...valid,
      team: 'group:default/payments',
      levels: [{ users: ['user:default/ana', 'user:default/bruno'] }],
    });
  });

  it.each([
    [{ timeZone: 'Europe/Atlantis' }, 'timeZone', 'IANA'],
    [{ shiftLength: 'PT0S' }, 'shiftLength', 'at least one hour'],
    [{ shiftLength: '-P1D' }, 'shiftLength', 'at least one hour'],
    [{ shiftLength: 'weekly' }, 'shiftLength', 'ISO-8601 duration'],
    [{ levels: [] }, 'levels', 'at least one level'],
    [{ levels: [{ users: [] }] }, 'levels.0.users', 'at least one user'],
    [
      { levels: [{ users: ['group:default/sre'] }] },
      'levels.0.users.0',
      'User entity ref',
    ],
    [{ team: 'user:default/ana' }, 'team', 'Group entity ref'],
    [
      { handoffAnchor: '2026-03-02T09:00+01:00' },
      'handoffAnchor',
      'without offset',
    ],
    [
      { handoffAnchor: '2026-02-30T09:00' },
      'handoffAnchor',
      'not a valid date-time',
    ],
    [{ owner: 'me' }, '', "Unrecognized key(s) in object: 'owner'"],
  ])('rejects %j naming %s', (change, path, message) => {
    const issue = firstIssue(rotationInputSchema, { ...valid, ...change });
    expect(issue.path).toBe(path);
    expect(issue.message).toContain(message);
  });
});

describe('overrideInputSchema', () => {
  const override = {
    start: '2026-03-29T20:00:00Z',
    end: '2026-03-30T12:00:00Z',
    user: 'user:default/chen',
  };
  it('accepts an override', () => {
    expect(overrideInputSchema.parse(override)).toEqual(override);
  });
  it.each([
    [{ end: '2026-03-29T19:00:00Z' }, 'end', 'after start'],
    [{ end: '2026-03-29T20:00:00Z' }, 'end', 'after start'],
    [{ user: 'ana' }, 'user', 'User entity ref'],
    [{ level: 0 }, 'level', ''],
    [{ start: 'tomorrow' }, 'start', 'RFC 3339 timestamp'],
    [{ start: '2026-03-29T01:00:00+99:00' }, 'start', 'RFC 3339 timestamp'],
  ])('rejects %j naming %s', (change, path, message) => {
    const issue = firstIssue(overrideInputSchema, { ...override, ...change });
    expect(issue.path).toBe(path);
    expect(issue.message).toContain(message);
  });
});
