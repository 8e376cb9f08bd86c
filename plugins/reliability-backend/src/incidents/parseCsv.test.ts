import { parseCsv } from './parseCsv';

describe('parseCsv', () => {
  it('reads quoted fields, escaped quotes, newlines in quotes and CRLF', () => {
    const text =
      'title,owner,dueDate\r\n"Add a canary, finally",group:default/a,2026-12-01\r\n"Say ""no"" to\nmanual deploys",user:default/b,\n';
    expect(parseCsv(text)).toEqual([
      {
        title: 'Add a canary, finally',
        owner: 'group:default/a',
        dueDate: '2026-12-01',
      },
      { title: 'Say "no" to\nmanual deploys', owner: 'user:default/b' },
    ]);
  });

  it('skips blank lines and handles a missing final newline', () => {
    expect(parseCsv('a,b\n\n1,2')).toEqual([{ a: '1', b: '2' }]);
    expect(parseCsv('')).toEqual([]);
  });

  it('names the line of an unterminated quote', () => {
    expect(() => parseCsv('a,b\n1,"oops\n2,3')).toThrow(
      'unterminated quoted field starting on line 2',
    );
  });
});
