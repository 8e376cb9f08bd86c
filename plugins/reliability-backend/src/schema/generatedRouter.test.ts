import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { spec } from './openapi/generated';

describe('src/schema/openapi/generated/router.ts', () => {
  it('embeds the spec as openapi.yaml says it (else: npm run generate:openapi)', () => {
    const yaml = parse(
      fs.readFileSync(path.resolve(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec).toEqual(yaml);
  });
});
