/**
 * Parses CSV text (RFC 4180: commas, double-quoted fields with "" escapes,
 * newlines inside quotes, CRLF or LF) into records keyed by the header row.
 *
 * @throws Error naming the line of an unterminated quote
 */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      line++;
    } else {
      field += c;
    }
  }
  if (quoted) {
    throw new Error(`unterminated quoted field starting on line ${quoteLine}`);
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...records] = rows.filter(r =>
    r.some(cell => cell.trim() !== ''),
  );
  if (!header) return [];
  const keys = header.map(h => h.trim());
  return records.map(record =>
    Object.fromEntries(
      keys
        .map((key, i) => [key, (record[i] ?? '').trim()])
        .filter(([, v]) => v !== ''),
    ),
  );
}
