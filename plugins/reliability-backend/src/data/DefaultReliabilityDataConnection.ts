import {
  AuditorService,
  AuthService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ReliabilityDataConnection,
  ReliabilityIncidentConnection,
  ReliabilityOnCallConnection,
  ReliabilityReadinessConnection,
  ReliabilitySliConnection,
  ReliabilityTeamConnection,
} from '@reliability-suite/plugin-reliability-node';
import { ReliabilityContext } from '../context/buildReliabilityContext';
import { incidentConnection } from './incidentConnection';
import { onCallConnection } from './onCallConnection';
import { ProviderWrites } from './ProviderWrites';
import { readinessConnection } from './readinessConnection';
import { sliConnection } from './sliConnection';
import { teamConnection } from './teamConnection';

/**
 * The connection handed to each data provider: every write is parsed with
 * the schema its route uses, goes through the service that route calls
 * (so the same rules, the same summary refreshes), and is recorded as an
 * audit event with the route's event id, the provider's name and the
 * record's actor and time. The permission policy is not asked: a provider
 * is code the operator installed, not a caller.
 *
 * @internal
 */
export class DefaultReliabilityDataConnection
  implements ReliabilityDataConnection
{
  readonly slis: ReliabilitySliConnection;
  readonly onCall: ReliabilityOnCallConnection;
  readonly incidents: ReliabilityIncidentConnection;
  readonly readiness: ReliabilityReadinessConnection;
  readonly teams: ReliabilityTeamConnection;

  constructor(options: {
    providerName: string;
    context: ReliabilityContext;
    catalog: CatalogService;
    auth: AuthService;
    auditor: AuditorService;
    /** The clock; tests pass a fixed one. */
    now?: () => Date;
  }) {
    const writes = new ProviderWrites(options);
    this.slis = sliConnection(writes);
    this.onCall = onCallConnection(writes);
    this.incidents = incidentConnection(writes);
    this.readiness = readinessConnection(writes);
    this.teams = teamConnection(writes);
  }
}
