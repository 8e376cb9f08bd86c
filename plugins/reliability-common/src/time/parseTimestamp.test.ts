import { parseTimestamp, timestampSchema } from './parseTimestamp';

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-23T12:00:00Z', Date.UTC(2026, 10, 23, 12)],
    ['2026-11-23t12:00:00z', Date.UTC(2026, 10, 23, 12)],
    ['2026-11-23T12:00:00.5Z', Date.UTC(2026, 10, 23, 12, 0, 0, 500)],
    ['2026-11-23T12:00:00.123456789Z', Date.UTC(2026, 10, 23, 12, 0, 0, 123)],
    ['2026-11-23T13:00:00+01:00', Date.UTC(2026, 10, 23, 12)],
    ['2026-11-23T06:30:00-05:30', Date.UTC(2026, 10, 23, 12)],
    // The widest offsets there are: Kiribati (+14:00), Baker Island (−12:00).
    ['2026-11-24T02:00:00+14:00', Date.UTC(2026, 10, 23, 12)],
    ['2026-11-23T00:00:00-12:00', Date.UTC(2026, 10, 23, 12)],
    ['2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
    ['2000-01-01T00:00:00Z', Date.UTC(2000, 0, 1)],
  ])('reads %s', (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
    // What the services do with an accepted value reads the same instant.
    expect(Date.parse(text)).toBe(ms);
  });

  it.each([
    '2026-11-23T12:00:00+99:00',
    '2026-11-23T12:00:00+14:01',
    '2026-11-23T12:00:00-15:00',
    '2026-11-23T12:00:00+01:60',
    '2026-11-23T12:00:00+0100',
    '2026-11-23T12:00Z',
    '2026-11-23 12:00:00Z',
    '2026-11-23T12:00:00',
    '2026-13-01T12:00:00Z',
    '2026-00-10T12:00:00Z',
    '2027-02-29T12:00:00Z',
    '2026-04-31T12:00:00Z',
    '2026-11-23T24:00:00Z',
    '2026-11-23T12:60:00Z',
    '2026-11-23T12:00:60Z',
    '1999-12-31T23:59:59Z',
    '2000-01-01T00:30:00+01:00',
    '2100-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '0001-01-01T00:00:00Z',
    '+002026-11-23T12:00:00Z',
    '2026-11-23T12:00:00.Z',
    'yesterday',
    '',
  ])('refuses %j', text => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('keeps the text in the schema, and names what it wants', () => {
    expect(timestampSchema.parse('2026-11-23T13:00:00+01:00')).toBe(
      '2026-11-23T13:00:00+01:00',
    );
    const refused = timestampSchema.safeParse('2026-11-23T12:00:00+99:00');
    expect(refused.success).toBe(false);
    expect(!refused.success && refused.error.issues[0].message).toBe(
      'must be an RFC 3339 timestamp such as 2026-11-23T12:00:00Z (offset within ±14:00, years 2000–2099)',
    );
  });
});
