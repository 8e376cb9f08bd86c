import { ConfigReader } from '@backstage/config';
import { tokenRestrictionProblems } from './tokenRestrictionProblems';

const withAccess = (externalAccess: object[]) =>
  new ConfigReader({ backend: { auth: { externalAccess } } });

describe('tokenRestrictionProblems', () => {
  it('finds nothing without external access, or with known permissions for this plugin', () => {
    expect(tokenRestrictionProblems(new ConfigReader({}))).toEqual([]);
    expect(
      tokenRestrictionProblems(
        withAccess([
          {
            type: 'static',
            options: { token: 'a-long-enough-token', subject: 'ci' },
            accessRestrictions: [
              {
                plugin: 'reliability',
                permission: [
                  'reliability.entity.read',
                  'reliability.slo.ingest',
                ],
              },
              // Another plugin's names are not this plugin's business.
              { plugin: 'catalog', permission: 'catalog.entity.read' },
            ],
          },
          // No restrictions: every plugin, every permission but approvals.
          { type: 'static', options: { token: 'another-token', subject: 'x' } },
        ]),
      ),
    ).toEqual([]);
  });

  it('names an approval and a typo, by subject, in a list or a comma-separated string', () => {
    const problems = tokenRestrictionProblems(
      withAccess([
        {
          type: 'static',
          options: { token: 'a-long-enough-token', subject: 'deploy-bot' },
          accessRestrictions: [
            {
              plugin: 'reliability',
              permission:
                'reliability.entity.read, reliability.readiness.approve reliability.slo.ingset',
            },
          ],
        },
        {
          type: 'legacy',
          options: { secret: 'c2VjcmV0' },
          accessRestrictions: [
            {
              plugin: 'reliability',
              permission: ['reliability.budget-exception.approve'],
            },
          ],
        },
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe(
      "backend.auth.externalAccess: 'reliability.readiness.approve' for 'deploy-bot' is a person's decision; the reliability plugin refuses it to every token",
    );
    expect(problems[1]).toMatch(
      /^backend\.auth\.externalAccess: unknown reliability permission 'reliability\.slo\.ingset' for 'deploy-bot' \(known: reliability\.entity\.read, .*reliability\.slo\.ingest/,
    );
    expect(problems[2]).toBe(
      "backend.auth.externalAccess: 'reliability.budget-exception.approve' for 'entry 2' is a person's decision; the reliability plugin refuses it to every token",
    );
  });
});
