import { decodeCursor, encodeCursor } from './cursor';

const isKey = (v: any): v is { dueDate: string; id: number } =>
  typeof v?.dueDate === 'string' && typeof v?.id === 'number';

describe('cursor', () => {
  it('reads back what it encoded', () => {
    const cursor = encodeCursor({ dueDate: '2026-12-01', id: 7 });
    // base64url of {"dueDate":"2026-12-01","id":7}
    expect(cursor).toBe('eyJkdWVEYXRlIjoiMjAyNi0xMi0wMSIsImlkIjo3fQ');
    expect(decodeCursor(cursor, isKey)).toEqual({
      dueDate: '2026-12-01',
      id: 7,
    });
  });

  it.each([
    ['not base64 JSON', 'not a cursor'],
    ['the wrong shape', encodeCursor({ dueDate: 3, id: 'x' })],
    ['JSON null', encodeCursor(null)],
  ])('refuses %s with a 400 naming the cursor', (_what, cursor) => {
    expect(() => decodeCursor(cursor, isKey)).toThrow(
      "Invalid query parameter 'cursor': not a cursor from a previous page",
    );
  });
});
