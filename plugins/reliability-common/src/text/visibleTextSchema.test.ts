import { countVisibleCharacters, visibleTextSchema } from './visibleTextSchema';

describe('visibleTextSchema', () => {
  const reason = visibleTextSchema({
    min: 10,
    max: 40,
    tooShort: 'must explain in at least 10 characters',
  });
  const error = (value: unknown) => {
    const result = reason.safeParse(value);
    return result.success ? undefined : result.error.issues[0].message;
  };

  it('counts what a reader sees: zero-width, spaces and marks alone do not count', () => {
    expect(countVisibleCharacters('\u200B'.repeat(12))).toBe(0);
    expect(countVisibleCharacters(' \t\n\u00A0\u2060')).toBe(0);
    expect(countVisibleCharacters('Rollback, 5 min!')).toBe(14);
    expect(countVisibleCharacters('Größe ✓ 漢字')).toBe(8);
  });

  it('takes trimmed text with enough visible characters', () => {
    expect(reason.parse('  Hotfix for INC-7  ')).toBe('Hotfix for INC-7');
    expect(reason.parse('Größe ✓ 漢字 ok')).toBe('Größe ✓ 漢字 ok');
  });

  it('refuses invisible padding, control characters, bidi overrides and overlong text', () => {
    expect(error('\u200B'.repeat(12))).toBe(
      'must explain in at least 10 characters',
    );
    expect(error('abc\u200B\u200B\u200B\u200B\u200B\u200B\u200B')).toBe(
      'must explain in at least 10 characters',
    );
    expect(error('Reason with a bell \u0007')).toBe(
      'must not contain control characters',
    );
    expect(error('Reason \u202Edesrever')).toBe(
      'must not contain control characters',
    );
    expect(error('r'.repeat(41))).toBe('must be at most 40 characters');
    expect(error(12345678901)).toBe('Expected string, received number');
  });

  it('keeps line breaks and tabs, which people write in longer text', () => {
    expect(reason.parse('Line one\n\tline two')).toBe('Line one\n\tline two');
  });

  it('says "must not be empty" for a minimum of one', () => {
    const title = visibleTextSchema({ min: 1, max: 300 });
    expect(title.safeParse('\u200B ').error?.issues[0].message).toBe(
      'must not be empty',
    );
  });
});
