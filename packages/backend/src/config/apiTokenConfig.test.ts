import { apiTokenConfig } from './apiTokenConfig';

describe('apiTokenConfig', () => {
  it('adds nothing when the variable is unset or blank', () => {
    expect(apiTokenConfig({})).toBeUndefined();
    expect(apiTokenConfig({ RELIABILITY_API_TOKEN: '  ' })).toBeUndefined();
  });

  it('accepts the token as a static external-access token, restricted to reads, ingest and incidents', () => {
    expect(
      apiTokenConfig({ RELIABILITY_API_TOKEN: 'a-long-enough-token' }),
    ).toEqual({
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
  });

  it('restricts the token to the permissions listed', () => {
    const config = apiTokenConfig({
      RELIABILITY_API_TOKEN: 'a-long-enough-token',
      RELIABILITY_API_TOKEN_PERMISSIONS:
        ' reliability.entity.read, reliability.slo.manage ,',
    });
    expect(
      (config as any).backend.auth.externalAccess[0].accessRestrictions,
    ).toEqual([
      {
        plugin: 'reliability',
        permission: ['reliability.entity.read', 'reliability.slo.manage'],
      },
    ]);
  });

  it('refuses to grant an approval or an unknown permission', () => {
    const env = (permissions: string) => ({
      RELIABILITY_API_TOKEN: 'a-long-enough-token',
      RELIABILITY_API_TOKEN_PERMISSIONS: permissions,
    });
    expect(() =>
      apiTokenConfig(
        env('reliability.entity.read,reliability.readiness.approve'),
      ),
    ).toThrow(
      "RELIABILITY_API_TOKEN_PERMISSIONS: 'reliability.readiness.approve' is a person's decision and cannot be granted to a token",
    );
    expect(() =>
      apiTokenConfig(env('reliability.budget-exception.approve')),
    ).toThrow("'reliability.budget-exception.approve' is a person's decision");
    expect(() => apiTokenConfig(env('reliability.everything'))).toThrow(
      "RELIABILITY_API_TOKEN_PERMISSIONS: unknown permission 'reliability.everything'",
    );
  });

  it.each(['short', 'has space inside'])('refuses the token %j', token => {
    expect(() => apiTokenConfig({ RELIABILITY_API_TOKEN: token })).toThrow(
      'RELIABILITY_API_TOKEN must be at least 8 characters long and contain no whitespace',
    );
  });
});
