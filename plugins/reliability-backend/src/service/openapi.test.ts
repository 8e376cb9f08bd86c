import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { DateRules, DEFAULT_PLANNING_HORIZON } from '../request/DateRules';
import { createRouter, RouterOptions } from './createRouter';

describe('openapi.yaml', () => {
  it('documents every route the router serves, and nothing else', async () => {
    const router = await createRouter({
      incidentService: { severities: ['SEV0'] },
      dateRules: new DateRules({
        now: () => new Date(),
        today: () => '2026-12-02',
        horizon: DEFAULT_PLANNING_HORIZON,
      }),
    } as unknown as RouterOptions);
    const served = (router as any).stack
      .filter((layer: any) => layer.route)
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method.toUpperCase()} ${layer.route.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        ),
      )
      .sort();
    const document = parse(
      fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(document.paths)
      .flatMap(([route, methods]) =>
        Object.keys(methods as object).map(
          method => `${method.toUpperCase()} ${route}`,
        ),
      )
      .sort();
    expect(served.length).toBeGreaterThan(15);
    expect(documented).toEqual(served);
  });
});
