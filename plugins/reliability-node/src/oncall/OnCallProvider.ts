import { Entity } from '@backstage/catalog-model';
import { Handoff } from '@reliability-suite/plugin-reliability-common';

/**
 * A provider's answer: who is on call for an entity, per escalation level.
 * User refs are resolved to names and e-mails by the reliability backend.
 *
 * @public
 */
export interface OnCallAnswer {
  /** The team the answer is for (a Group ref), when known. */
  team: string | null;
  /** The schedule or escalation policy that answers. */
  rotation: {
    id: string;
    name: string;
    timeZone: string;
    /** People on level 1, for the single-person-rotation gap. */
    levelOnePeople: number;
  };
  levels: Array<{
    level: number;
    user: string;
    shiftEnd: string;
    override: boolean;
  }>;
  nextHandoffs: Handoff[];
}

/**
 * A source of on-call information: the built-in rotations, or an external
 * system (PagerDuty, Opsgenie, …) through a backend module. Providers are
 * asked in order until one answers; `undefined` means "not mine".
 *
 * @public
 */
export interface OnCallProvider {
  /** Named in answers as their `source`, e.g. `pagerduty`. */
  readonly id: string;
  getOnCall(request: OnCallRequest): Promise<OnCallAnswer | undefined>;
  /**
   * Optional: the answers for many entities at once, in request order, for
   * fleet-wide work (the overview's repair, readiness of a team). Without
   * it, {@link OnCallProvider.getOnCall} is asked once per entity.
   */
  getOnCallMany?(
    requests: readonly OnCallRequest[],
  ): Promise<Array<OnCallAnswer | undefined>>;
}

/** What a provider is asked. @public */
export interface OnCallRequest {
  entity: Entity;
  /** The entity's owning team, if its owner is a Group. */
  team: string | null;
  at: Date;
}
