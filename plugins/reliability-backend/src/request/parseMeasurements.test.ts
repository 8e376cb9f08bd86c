import {
  isValidMeasurementBatch,
  isValidValueBatch,
  measurementBatchSchema,
  parseMeasurements,
  valueMeasurementBatchSchema,
} from './parseMeasurements';

describe('parseMeasurements', () => {
  it('accepts an array or { measurements } and keeps only the fields', () => {
    const point = { timestamp: '2026-11-23T12:00:00Z', good: 9, total: 10 };
    expect(parseMeasurements([point])).toEqual([point]);
    expect(parseMeasurements({ measurements: [point] })).toEqual([point]);
  });

  it.each([
    [
      [{ timestamp: '2026-11-23T12:00:00Z', good: 11, total: 10 }],
      "'measurements.0.good': must not exceed total",
    ],
    [
      [{ timestamp: 'yesterday', good: 1, total: 1 }],
      "'measurements.0.timestamp': must be an RFC 3339 timestamp",
    ],
    [
      [{ timestamp: '2026-11-23T12:00:00+99:00', good: 1, total: 1 }],
      "'measurements.0.timestamp': must be an RFC 3339 timestamp",
    ],
    [
      [{ timestamp: '2026-11-23T12:00:00Z', good: 1, total: 1, bad: 0 }],
      "Unknown request body 'measurements.0.bad'",
    ],
    [[], "'measurements': must hold at least one measurement"],
  ])('names the field of %j', (body, message) => {
    expect(() => parseMeasurements(body)).toThrow(message);
  });

  it('agrees with the zod schema on every case it accepts', () => {
    const timestamps = [
      '2026-11-23T12:00:00Z',
      '2026-11-23T12:00:00.123Z',
      '2026-11-23T12:00Z',
      '2026-11-23T12:00:00+01:00',
      '2026-11-23T12:00:00+0100',
      '2026-11-23T12:00:00+99:00',
      '2026-11-23T12:00:00+14:00',
      '9999-11-23T12:00:00Z',
      '2026-02-29T12:00:00Z',
      '2028-02-29T12:00:00Z',
      '2026-13-01T12:00:00Z',
      '2026-11-23 12:00:00Z',
      '2026-11-23T24:00:00Z',
      '2026-11-23T12:00:00',
      '',
    ];
    const counts: unknown[] = [0, 1, 10, -1, 1.5, NaN, Infinity, '5', null];
    let accepted = 0;
    for (const timestamp of timestamps) {
      for (const good of counts) {
        for (const total of counts) {
          const body = { measurements: [{ timestamp, good, total }] };
          const fast = isValidMeasurementBatch(body);
          const zod = measurementBatchSchema.safeParse(body).success;
          expect({ body, fast }).toEqual({ body, fast: zod });
          if (fast) accepted++;
        }
      }
    }
    // 5 timestamps the strict parser accepts (00:00Z, .123Z, +01:00,
    // +14:00, 2028-02-29; not 2026-02-29, 2026 is no leap year; not without
    // seconds, +0100, +99:00 or year 9999) × 6 (good, total) pairs of 0, 1,
    // 10 with good ≤ total.
    expect(accepted).toBe(5 * 6);
    for (const body of [
      null,
      [],
      { measurements: [] },
      { measurements: [null] },
      { measurements: [[1, 2, 3]] },
      { measurements: [{ timestamp: '2026-11-23T12:00:00Z', good: 1 }] },
      { measurements: [], extra: 1 },
    ]) {
      expect(isValidMeasurementBatch(body)).toBe(
        measurementBatchSchema.safeParse(body).success,
      );
    }
  });

  it('agrees with the zod schema on values too', () => {
    const values: unknown[] = [0, -1, 2.5, 1e308, NaN, Infinity, -Infinity];
    const others: unknown[] = ['5', null, undefined, true];
    let accepted = 0;
    for (const timestamp of ['2026-11-23T12:00:00Z', 'yesterday']) {
      for (const value of [...values, ...others]) {
        const body = { measurements: [{ timestamp, value }] };
        const fast = isValidValueBatch(body);
        expect({ body, fast }).toEqual({
          body,
          fast: valueMeasurementBatchSchema.safeParse(body).success,
        });
        if (fast) accepted++;
      }
    }
    // One valid timestamp × the 4 finite numbers.
    expect(accepted).toBe(4);
    for (const body of [
      { measurements: [] },
      { measurements: [{ timestamp: '2026-11-23T12:00:00Z' }] },
      { measurements: [{ timestamp: '2026-11-23T12:00:00Z', value: 1, x: 1 }] },
      { measurements: [{ timestamp: '2026-11-23T12:00:00Z', value: 1 }], x: 1 },
    ]) {
      expect(isValidValueBatch(body)).toBe(
        valueMeasurementBatchSchema.safeParse(body).success,
      );
    }
    expect(
      parseMeasurements([{ timestamp: '2026-11-23T12:00:00Z', value: 2.5 }]),
    ).toEqual([{ timestamp: '2026-11-23T12:00:00Z', value: 2.5 }]);
  });
});
