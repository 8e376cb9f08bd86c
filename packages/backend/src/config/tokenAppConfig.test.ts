import {
  reliabilityDefaultTokenPermissions,
  reliabilityPersonOnlyPermissions,
} from '@reliability-suite/plugin-reliability-common';
import { tokenAppConfig } from './__testUtils__/tokenAppConfig';

describe('app-config.token.yaml', () => {
  it('declares the token as a static external-access entry restricted to the default token permissions', async () => {
    const config = await tokenAppConfig({
      RELIABILITY_API_TOKEN: 'a-long-enough-token',
    });
    expect(config).toEqual({
      backend: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: {
                token: 'a-long-enough-token',
                subject: 'reliability-api-token',
              },
              accessRestrictions: [
                {
                  plugin: 'reliability',
                  permission: [
                    'reliability.entity.read',
                    'reliability.tiers.read',
                    'reliability.oncall.read',
                    'reliability.slo.ingest',
                    'reliability.incident.manage',
                  ],
                },
              ],
            },
          ],
        },
      },
    });
    // The file and the plugin's documented default say the same, and no
    // approval is listed.
    const listed = (config as any).backend.auth.externalAccess[0]
      .accessRestrictions[0].permission;
    expect(listed).toEqual([...reliabilityDefaultTokenPermissions]);
    expect(
      listed.filter((name: string) =>
        reliabilityPersonOnlyPermissions.includes(name),
      ),
    ).toEqual([]);
  });

  it('has no token when the variable is unset, which is why it is loaded only with the token', async () => {
    const config = await tokenAppConfig({});
    expect((config as any).backend.auth.externalAccess[0].options).toEqual({
      subject: 'reliability-api-token',
    });
  });
});
