import {
  DeployGateResponse,
  formatPercent,
  TierResolution,
} from '@reliability-suite/plugin-reliability-common';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { SloService } from './SloService';
import { toBudgetExceptionResponse } from './toBudgetExceptionResponse';

/**
 * The deploy gate: whether an entity may deploy now under its tier's
 * error-budget policy, from its SLOs' statuses and approved exceptions.
 */
export class DeployGateService {
  constructor(
    private readonly options: {
      stores: Pick<ReliabilityStores, 'slos'>;
      sloService: Pick<SloService, 'statusAt'>;
    },
  ) {}

  /**
   * May the entity deploy now? Closed when its tier's error-budget policy
   * freezes on exhaustion, an SLO's budget is exhausted, and no approved
   * exception covers now.
   */
  async deployGate(
    entityRef: string,
    tier: TierResolution,
    now: Date,
  ): Promise<DeployGateResponse> {
    const { stores, sloService } = this.options;
    const freezePolicy =
      tier.state === 'tiered' &&
      tier.policy.requirements.errorBudgetPolicy.onExhaustion === 'freeze';
    if (!freezePolicy) {
      const why =
        tier.state === 'tiered'
          ? `The error-budget policy of ${tier.policy.title} does not freeze deploys.`
          : 'The entity has no valid tier, so no error-budget policy applies.';
      return { allowed: true, reasons: [why], freezePolicy: false };
    }
    const slos = await stores.slos.listSlos(entityRef);
    const exhausted: string[] = [];
    for (const slo of slos) {
      const report = await sloService.statusAt(slo, now.getTime());
      if (report.status === 'exhausted') {
        exhausted.push(
          `The error budget of SLO '${
            slo.definition.displayName ?? slo.name
          }' is exhausted (${formatPercent(
            report.errorBudget.remaining ?? 0,
            1,
          )} remaining).`,
        );
      }
    }
    if (exhausted.length === 0) {
      return {
        allowed: true,
        reasons: ['No SLO has exhausted its error budget.'],
        freezePolicy,
      };
    }
    const [exception] = await stores.slos.listBudgetExceptions(entityRef, now);
    if (exception) {
      return {
        allowed: true,
        reasons: [
          ...exhausted,
          `Exception approved by ${
            exception.approvedBy
          } until ${exception.endsAt.toISOString()}: ${exception.reason}`,
        ],
        freezePolicy,
        exception: toBudgetExceptionResponse(exception),
      };
    }
    const policyText = tier.policy.requirements.errorBudgetPolicy.description;
    return {
      allowed: false,
      reasons: [
        ...exhausted,
        `${tier.policy.title} freezes deploys while a budget is exhausted${
          policyText ? `: ${policyText}` : '.'
        }`,
      ],
      freezePolicy,
    };
  }
}
