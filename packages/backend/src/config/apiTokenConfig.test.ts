import { apiTokenConfig } from './apiTokenConfig';

describe('apiTokenConfig', () => {
  it('adds nothing when the variable is unset or blank', () => {
    expect(apiTokenConfig({})).toBeUndefined();
    expect(apiTokenConfig({ RELIABILITY_API_TOKEN: '  ' })).toBeUndefined();
  });

  it('accepts the token as a static external-access token', () => {
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
            },
          ],
        },
      },
    });
  });

  it.each(['short', 'has space inside'])('refuses the token %j', token => {
    expect(() => apiTokenConfig({ RELIABILITY_API_TOKEN: token })).toThrow(
      'RELIABILITY_API_TOKEN must be at least 8 characters long and contain no whitespace',
    );
  });
});
